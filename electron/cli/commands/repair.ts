/**
 * `uidl-studio repair BLOB LISTING -o OUT [--mark-downloaded older|all|none] [--remove-stale]`:
 * the comparison's repairs, written to a new file. Marks the will-download UIDs as downloaded
 * (by default only those likely downloaded before: new mail is never marked unasked), skips
 * and lists any UID that cannot be written, optionally removes the stale entries, and writes
 * the repaired BLOB atomically, never over the BLOB or listing it read. Exit 0 when Outlook
 * would then download nothing, 1 when it still would (new mail left out, UIDs skipped), 2 on
 * error (nothing written).
 */
import { applyEdits, EditError, type Edit } from '../../../shared/codec/edit.js';
import {
  describeSkipped,
  markDownloadedEdits,
  markDownloadedTargets,
  removeStaleEdits,
  type MarkDownloadedScope,
} from '../../../shared/compare/actions.js';
import { compareHistory } from '../../../shared/compare/compare.js';
import { toRaw } from '../../../shared/export/raw.js';
import { formatUtcIso, utcNow } from '../../../shared/time-display.js';
import { agree } from '../../../shared/wording.js';
import { WriteRefusedError, writeFileAtomic } from '../../services/atomic-write.js';
import { CliError, describeFsError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { InputFormatOption, InputReadOptions } from '../load-input.js';
import { formatBytes, plural, printable } from '../text.js';
import { COMPARE_EXIT, compareSides, type ListingOptions } from './compare.js';
import { isSameFile } from './export.js';

export const REPAIR_EXIT = {
  /** Written; Outlook would download nothing on the next check. */
  nothingToDownload: COMPARE_EXIT.nothingToDownload,
  /** Written; Outlook still downloads something (new mail left out, UIDs skipped, `none`). */
  stillDownloads: COMPARE_EXIT.wouldDownload,
} as const;

export interface RepairOptions extends ListingOptions {
  readonly output: string;
  readonly markDownloaded: MarkDownloadedScope;
  readonly removeStale: boolean;
  readonly inputFormat: InputFormatOption;
  readonly readOptions?: InputReadOptions;
  /** The time of the new `+b` entries (tests); now by default. */
  readonly now?: Date;
}

/** Refuses an OUT that would replace what the repair reads: the BLOB (or its store), the listing. */
async function checkOutput(
  output: string,
  inputs: readonly { readonly path: string | null; readonly what: string }[],
): Promise<void> {
  if (output === '-') {
    throw new CliError('repair writes a file: give -o OUT (use export to write to stdout)');
  }
  for (const { path, what } of inputs) {
    if (path !== null && (await isSameFile(path, output))) {
      throw new CliError(
        `refusing to write the repaired history over ${what} '${printable(output)}'; ` +
          'give another -o OUT (the input is evidence and stays as it is)',
      );
    }
  }
}

export async function repair(blob: string, options: RepairOptions, io: CliIo): Promise<number> {
  const { output } = options;
  const { loaded, source, comparison } = await compareSides(blob, options, io, 'repair');
  const listingPath =
    options.pop3 || options.listing === undefined || options.listing === '-'
      ? null
      : options.listing;
  await checkOutput(output, [
    { path: loaded.path, what: loaded.container ? 'the store the BLOB was read from' : 'the BLOB' },
    { path: listingPath, what: 'the listing' },
  ]);

  const document = loaded.document;
  const targets = markDownloadedTargets(comparison, options.markDownloaded);
  const timestamp = utcNow(options.now ?? new Date());
  let edits: Edit[];
  let plan: ReturnType<typeof markDownloadedEdits>;
  let staleEdits: Edit[] = [];
  let repaired: typeof document;
  try {
    plan = markDownloadedEdits(document, targets.marked, options.now ?? new Date());
    if (options.removeStale) staleEdits = removeStaleEdits(document, comparison);
    edits = [...plan.edits, ...staleEdits];
    repaired = applyEdits(document, edits);
  } catch (error) {
    if (error instanceof EditError) {
      throw new CliError(`${printable(loaded.label)}: cannot repair: ${error.message}`);
    }
    throw error;
  }

  const bytes = toRaw(repaired);
  let backupPath: string | null;
  try {
    ({ backupPath } = await writeFileAtomic(output, bytes));
  } catch (error) {
    if (error instanceof WriteRefusedError) {
      throw new CliError(`refusing to write '${printable(output)}': ${error.message}`);
    }
    throw describeFsError('write', output, error);
  }

  const after = compareHistory(repaired, source.listing);
  const lines = [
    `History: ${printable(loaded.label)} (${plural(document.entryCount, 'entry', 'entries')})`,
    `Listing: ${printable(source.name)}, ${source.listing.shape}: ${printable(source.listing.reason)}`,
    `Before: ${printable(comparison.summary)}`,
    '',
  ];
  const marked = plan.edits.length;
  lines.push(
    options.markDownloaded === 'none'
      ? 'Marked nothing as downloaded (--mark-downloaded none).'
      : `Marked ${plural(marked, 'UID')} as downloaded` +
          (marked > 0 ? ` (+b entries dated ${formatUtcIso(timestamp)}).` : '.'),
  );
  const leftOut = targets.leftOutNew.length;
  if (leftOut > 0) {
    lines.push(
      `Left out ${plural(leftOut, 'new message')} (listed after the newest message the history ` +
        `has seen): Outlook downloads ${agree(leftOut, 'it', 'them')} on the next check; ` +
        '--mark-downloaded all marks new mail too, and it is then never downloaded.',
    );
  }
  if (plan.skipped.length > 0) {
    lines.push(`Skipped ${plural(plan.skipped.length, 'UID')} that cannot be written:`);
    for (const skipped of plan.skipped) lines.push(`  ${printable(describeSkipped(skipped))}`);
  }
  const staleEntries = comparison.uids
    .filter((compared) => compared.uidClass === 'stale')
    .reduce((sum, compared) => sum + compared.historyEntries.length, 0);
  if (options.removeStale) {
    lines.push(
      `Removed ${plural(staleEdits.length, 'stale entry', 'stale entries')} ` +
        `(${plural(comparison.counts.stale, 'UID')}).`,
    );
  } else if (staleEntries > 0) {
    lines.push(
      `Kept ${plural(staleEntries, 'stale entry', 'stale entries')} ` +
        `(--remove-stale removes ${agree(staleEntries, 'it', 'them')}).`,
    );
  }
  lines.push(
    `Wrote ${formatBytes(bytes.length)} to '${printable(output)}'` +
      (backupPath ? `; the previous file is kept as '${printable(backupPath)}'.` : '.'),
    '',
    `After: ${printable(after.summary)}`,
  );
  io.stdout.write(lines.join('\n') + '\n');
  return after.counts.willDownload > 0 ? REPAIR_EXIT.stillDownloads : REPAIR_EXIT.nothingToDownload;
}
