/**
 * `uidl-studio compare BLOB LISTING [--json]`: which messages Outlook will download on the next
 * check, which history entries are stale, and why (near misses). Exit 0 when nothing would
 * be downloaded, 1 when something would, 2 on error.
 */
import { compareHistory } from '../../../shared/compare/compare.js';
import { comparisonJson } from '../../../shared/compare/json.js';
import { nearMissPairs } from '../../../shared/compare/near-miss.js';
import type { ComparedUid, Comparison, ParsedListing } from '../../../shared/compare/types.js';
import { decodeListingText } from '../../../shared/listing/listing-text.js';
import { parseListing } from '../../../shared/listing/parse-listing.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
import {
  fetchLiveListing,
  liveListingName,
  PASSWORD_VARIABLE,
  passwordFromEnvironment,
  type LivePop3Options,
} from '../live-listing.js';
import {
  loadInput,
  type InputFormatOption,
  type InputReadOptions,
  type LoadedInput,
} from '../load-input.js';
import { LISTING_INPUT, readInputFile, readStdinInput, STDIN_LABEL } from '../read-input.js';
import { formatTable, plural, printable } from '../text.js';

export const COMPARE_EXIT = { nothingToDownload: 0, wouldDownload: 1 } as const;

/** Listing problems printed on stderr; the JSON output lists them all. */
const MAX_PRINTED_PROBLEMS = 20;

/** Where the server side comes from. */
export interface ListingOptions {
  /** A listing file, or `-` for stdin. */
  readonly listing: string | undefined;
  /** Fetch the listing live from a POP3 server instead (`--pop3`). */
  readonly pop3?: LivePop3Options | undefined;
}

export interface CompareCommandOptions extends ListingOptions {
  readonly json: boolean;
  readonly inputFormat: InputFormatOption;
  readonly readOptions?: InputReadOptions;
}

export interface LoadedListing {
  /** How messages name the listing: its file name, `<stdin>`, or a server. */
  readonly name: string;
  readonly listing: ParsedListing;
}

/**
 * Reads and parses the listing. This is the one place the server side comes from: helper
 * "pop3" adds `--pop3 host[:port] --user U ...` here, fetching the listing live
 * (electron/network/pop3-client.ts, then listingFromMessages) instead of reading a file.
 */
export async function loadListing(
  options: ListingOptions,
  io: CliIo,
  command = 'compare',
): Promise<LoadedListing> {
  if (options.pop3) {
    if (options.listing !== undefined) throw new CliError('give a LISTING or --pop3, not both');
    return {
      name: liveListingName(options.pop3),
      listing: await fetchLiveListing(options.pop3, io),
    };
  }
  const file = options.listing;
  if (file === undefined) {
    throw new CliError(
      `${command} needs a LISTING file (or - for stdin), or --pop3 HOST[:PORT] --user USER to ` +
        'fetch it live',
    );
  }
  const name = file === '-' ? STDIN_LABEL : file;
  const bytes =
    file === '-'
      ? await readStdinInput(io, LISTING_INPUT)
      : await readInputFile(file, LISTING_INPUT);
  const { text } = decodeListingText(bytes);
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    // Most likely the arguments are swapped: a raw BLOB is full of NULs, a listing has none.
    throw new CliError(
      `${printable(name)}: a UIDL listing is text, but this holds a NUL (character ${nul + 1}); ` +
        'give the BLOB first, then the listing',
    );
  }
  return { name, listing: parseListing(text) };
}

function reportProblems(source: LoadedListing, io: CliIo): void {
  const { problems } = source.listing;
  for (const problem of problems.slice(0, MAX_PRINTED_PROBLEMS)) {
    io.stderr.write(
      `uidl-studio: warning: ${printable(source.name)}: ${printable(problem.message)}\n`,
    );
  }
  if (problems.length > MAX_PRINTED_PROBLEMS) {
    io.stderr.write(
      `uidl-studio: warning: ${printable(source.name)}: ` +
        `${plural(problems.length - MAX_PRINTED_PROBLEMS, 'more problem')} (--json lists them all)\n`,
    );
  }
}

const list = (values: readonly number[]): string =>
  values.map((value) => value.toLocaleString('en-US')).join(', ');

const nearMissCell = (compared: ComparedUid): string =>
  compared.nearMiss
    ? `${compared.nearMiss.cause}: ${printable(compared.nearMiss.counterpart)}`
    : '';

function section(
  title: string,
  rows: readonly ComparedUid[],
  lines: string[],
  table: () => string,
): void {
  if (rows.length === 0) return;
  lines.push('', `${title} (${rows.length.toLocaleString('en-US')}):`, table().trimEnd());
}

export function formatComparison(
  loaded: LoadedInput,
  source: LoadedListing,
  comparison: Comparison,
): string {
  const { counts } = comparison;
  const { listing } = source;
  const byClass = (uidClass: ComparedUid['uidClass']): ComparedUid[] =>
    comparison.uids.filter((compared) => compared.uidClass === uidClass);
  const willDownload = byClass('will-download');
  const stale = byClass('stale');
  const duplicated = comparison.uids.filter((compared) => compared.duplicateInHistory);
  const figure = (value: number): string => value.toLocaleString('en-US');
  const lines = [
    `History: ${printable(loaded.label)} (${plural(counts.historyEntries, 'entry', 'entries')})`,
    `Listing: ${printable(source.name)}, ${listing.shape}: ${printable(listing.reason)}` +
      (listing.complete ? '' : " (no terminating '.')"),
    `Counts: server ${figure(counts.serverMessages)}, kept ${figure(counts.kept)}, ` +
      `will download ${figure(counts.willDownload)} (likely new ${figure(counts.likelyNew)}), ` +
      `stale ${figure(counts.stale)}, ` +
      `duplicated in history ${figure(counts.duplicatedInHistory)}, ` +
      `near misses ${figure(counts.nearMisses)}`,
    '',
    printable(comparison.summary),
  ];
  section('Will be downloaded', willDownload, lines, () =>
    formatTable(
      [
        { title: 'message', align: 'right' },
        { title: 'UID', maxWidth: 72 },
        { title: 'likely' },
        { title: 'near miss' },
      ],
      willDownload.map((compared) => [
        list(compared.messageNumbers),
        printable(compared.uid),
        compared.likelyNew ? 'new mail' : 'downloaded before',
        nearMissCell(compared),
      ]),
    ),
  );
  section('Stale', stale, lines, () =>
    formatTable(
      [
        { title: 'entries', align: 'right' },
        { title: 'UID', maxWidth: 72 },
        { title: 'near miss' },
      ],
      stale.map((compared) => [
        list(compared.historyEntries),
        printable(compared.uid),
        nearMissCell(compared),
      ]),
    ),
  );
  section('In the history more than once', duplicated, lines, () =>
    formatTable(
      [{ title: 'entries' }, { title: 'UID' }, { title: 'class' }],
      duplicated.map((compared) => [
        list(compared.historyEntries),
        printable(compared.uid),
        compared.uidClass,
      ]),
    ),
  );
  // One line a pair, as counts.nearMisses counts them (both UIDs of a pair name each other).
  const pairs = nearMissPairs(comparison.uids);
  if (pairs.length > 0) {
    lines.push('', `Near misses (${figure(pairs.length)}):`);
    for (const pair of pairs) lines.push(`  ${printable(pair.nearMiss.explanation)}`);
  }
  return lines.join('\n') + '\n';
}

export interface ComparedSides {
  readonly loaded: LoadedInput;
  readonly source: LoadedListing;
  readonly comparison: Comparison;
}

/**
 * Loads the history and the listing (a file, stdin or `--pop3`), reports the listing's
 * problems on stderr and compares them: what `compare` prints and `repair` repairs.
 */
export async function compareSides(
  blob: string,
  options: ListingOptions & {
    readonly inputFormat: InputFormatOption;
    readonly readOptions?: InputReadOptions;
  },
  io: CliIo,
  command = 'compare',
): Promise<ComparedSides> {
  if (blob === '-' && options.listing === '-') {
    throw new CliError('BLOB and LISTING cannot both be read from stdin (-)');
  }
  // Once the BLOB is read from stdin to its end, nothing more can be typed there.
  if (blob === '-' && options.pop3 && passwordFromEnvironment() === undefined) {
    throw new CliError(
      `the BLOB is read from stdin (-), so the password cannot be typed there: set ${PASSWORD_VARIABLE}`,
    );
  }
  const loaded = await loadInput(blob, options.inputFormat, io, options.readOptions);
  const source = await loadListing(options, io, command);
  const { listing } = source;
  if (listing.messages.length === 0) {
    const error = listing.problems.find((problem) => problem.severity === 'error');
    if (error) {
      throw new CliError(`${source.name}: no UIDs could be read: ${error.message}`);
    }
  }
  reportProblems(source, io);
  return { loaded, source, comparison: compareHistory(loaded.document, listing) };
}

/** The whole command: loads both sides, compares, prints; resolves to the exit code. */
export async function compareCommand(
  blob: string,
  options: CompareCommandOptions,
  io: CliIo,
): Promise<number> {
  const { loaded, source, comparison } = await compareSides(blob, options, io);
  io.stdout.write(
    options.json
      ? JSON.stringify(
          comparisonJson(comparison, {
            history: { name: loaded.label, sha256: loaded.inputSha256 },
            listingName: source.name,
            listing: source.listing,
          }),
          null,
          2,
        ) + '\n'
      : formatComparison(loaded, source, comparison),
  );
  return comparison.counts.willDownload > 0
    ? COMPARE_EXIT.wouldDownload
    : COMPARE_EXIT.nothingToDownload;
}
