/**
 * Reads the server side of a comparison from text, in the shapes support engineers have at
 * hand: an RFC 1939 `UIDL` response (with or without its `+OK` line and terminating `.`), a
 * transcript of a whole POP3 session (`C:`/`S:` or `>`/`<` prefixes, or none, as tools print
 * them), or a plain list of UIDs. Bad lines become problems with their line numbers; the rest
 * is kept. Also builds listings from a live check's messages and from another history.
 */
import type { UidlDocument } from '../codec/types.js';
import { agree, countOf, groupDigits, plural, quote } from '../wording.js';
import type { ListingProblem, ListingShape, ParsedListing } from '../compare/types.js';
import { MessageCollector } from './message-collector.js';

type Direction = 'client' | 'server' | null;

interface Line {
  /** 1-based. */
  readonly number: number;
  /** The line as written. */
  readonly text: string;
  /** The line without its direction prefix (when the text uses them) and outer whitespace. */
  readonly body: string;
  readonly direction: Direction;
}

const LINE_BREAK = /\r\n|\r|\n/g;
/**
 * Most lines read of a listing's text, as for a live listing (electron/network/pop3-client.ts):
 * 64 MiB of empty lines would otherwise become 67 million line records. Lines past it are not
 * read, and the listing says so and is marked incomplete.
 */
export const MAX_LISTING_TEXT_LINES = 1_000_000;
/** "Any whitespace" between and around fields; other characters stay in the UID to be reported. */
const FIELD_SEPARATOR = /[ \t\f\v]+/;
const OUTER_SPACE = /^[ \t\f\v]+|[ \t\f\v]+$/g;
/** `C: USER x`, `S: +OK`, `> UIDL`, `< 1 abc` (curl), `>>> ` and `<<< ` (some debug logs). */
const PREFIX = /^(?:([CcSs]):[ \t]*|(>{1,3}|<{1,3})(?:[ \t]+|$))/;
const COMMAND =
  /^(USER|PASS|APOP|AUTH|STAT|LIST|UIDL|RETR|TOP|DELE|NOOP|RSET|QUIT|CAPA|STLS|UTF8|LANG)(?:[ \t]+(.*))?$/i;
/** Commands whose `+OK` starts a multi-line response (LIST and UIDL only without argument). */
const MULTI_LINE = new Set(['RETR', 'TOP', 'CAPA']);
const OK = /^\+OK(?:[ \t]|$)/i;
const ERR = /^-ERR(?:[ \t]|$)/i;
const DIGITS = /^\d+$/;
const PAIR = /^\d+[ \t]+\S+$/;
/** Message numbers past this are not numbers a mailbox has (and would lose precision later). */
const MAX_NUMBER_DIGITS = 9;

const isSpace = (code: number): boolean =>
  code === 0x20 || (code >= 0x09 && code <= 0x0c && code !== 0x0a);

/** Without outer whitespace; most lines have none, and then cost no regular expression. */
const trimSpace = (text: string): string =>
  text.length > 0 && (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)))
    ? text.replace(OUTER_SPACE, '')
    : text;

/** The fields of a trimmed line; a line of two fields (a UIDL line) splits without a regex. */
function fieldsOf(body: string): string[] {
  let space = 0;
  while (space < body.length && !isSpace(body.charCodeAt(space))) space++;
  if (space === body.length) return [body];
  let rest = space + 1;
  while (rest < body.length && isSpace(body.charCodeAt(rest))) rest++;
  for (let i = rest; i < body.length; i++) {
    if (isSpace(body.charCodeAt(i))) return body.split(FIELD_SEPARATOR);
  }
  return [body.slice(0, space), body.slice(rest)];
}

/** First characters a direction prefix can start with: `C`, `c`, `S`, `s`, `>`, `<`. */
const mayBePrefixed = (code: number): boolean =>
  code === 0x43 ||
  code === 0x63 ||
  code === 0x53 ||
  code === 0x73 ||
  code === 0x3e ||
  code === 0x3c;

/** The first `limit` lines of `text`, and whether more follow; never splits the rest. */
function firstLines(text: string, limit: number): { raw: string[]; more: boolean } {
  const raw: string[] = [];
  LINE_BREAK.lastIndex = 0;
  let start = 0;
  while (raw.length < limit) {
    const found = LINE_BREAK.exec(text);
    if (found === null) {
      raw.push(text.slice(start));
      return { raw, more: false };
    }
    raw.push(text.slice(start, found.index));
    start = found.index + found[0].length;
  }
  return { raw, more: true };
}

/** Splits the text into lines; prefixes are honoured only when the text really uses them. */
function splitLines(raw: readonly string[]): Line[] {
  const lines = new Array<Line>(raw.length);
  /** Index and prefix of every line that starts like a prefixed one. */
  const prefixed: [number, RegExpExecArray][] = [];
  let client = 0;
  let nonBlank = 0;
  for (let index = 0; index < raw.length; index++) {
    const lineText = raw[index]!;
    const body = trimSpace(lineText);
    lines[index] = { number: index + 1, text: lineText, body, direction: null };
    if (body === '') continue;
    nonBlank++;
    const match = mayBePrefixed(body.charCodeAt(0)) ? PREFIX.exec(body) : null;
    if (match) {
      prefixed.push([index, match]);
      if (isClientMarker(match)) client++;
    }
  }
  // A UID may start with `<`, `>` or `C:`: only a text with both directions marked, or every
  // line marked, is a transcript with prefixes.
  const server = prefixed.length - client;
  const honour =
    (client > 0 && server > 0) || (prefixed.length > 0 && prefixed.length === nonBlank);
  if (honour) {
    for (const [index, match] of prefixed) {
      const line = lines[index]!;
      lines[index] = {
        number: line.number,
        text: line.text,
        body: trimSpace(line.body.slice(match[0].length)),
        direction: isClientMarker(match) ? 'client' : 'server',
      };
    }
  }
  return lines;
}

function isClientMarker(match: RegExpExecArray): boolean {
  const marker = (match[1] ?? match[2])!.charAt(0);
  return marker === 'C' || marker === 'c' || marker === '>';
}

const isCommand = (line: Line): boolean =>
  line.direction === 'client' || (line.direction === null && COMMAND.test(line.body));

/** The command's keyword (upper case) and whether it has an argument. */
function commandOf(line: Line): { keyword: string; argument: string } {
  const match = COMMAND.exec(line.body);
  return match
    ? { keyword: match[1]!.toUpperCase(), argument: match[2] ?? '' }
    : { keyword: fieldsOf(line.body)[0]!.toUpperCase(), argument: '' };
}

/**
 * Reads `<msg-number> <uid>` from a response line. Byte-stuffing is undone first (RFC 1939
 * doubles a leading `.`), though a well-formed UIDL line starts with a digit anyway.
 */
function readNumberedLine(collector: MessageCollector, line: Line, body = line.body): void {
  const unstuffed = body.startsWith('..') ? body.slice(1) : body;
  const fields = fieldsOf(unstuffed);
  const bad = (what: string): void =>
    collector.problem(line.number, line.text, null, 'error', `${what}; the line is left out`);
  if (fields.length === 1) {
    bad(
      DIGITS.test(fields[0]!)
        ? `message ${fields[0]} has no UID`
        : `expected '<message number> <UID>', found only ${quote(fields[0]!)}`,
    );
    return;
  }
  if (fields.length > 2) {
    bad(
      `${fields.length} fields where '<message number> <UID>' was expected (a UID holds no spaces)`,
    );
    return;
  }
  const [numberText, uid] = fields as [string, string];
  if (!DIGITS.test(numberText)) {
    bad(`message number ${quote(numberText)} is not a number`);
    return;
  }
  if (numberText.length > MAX_NUMBER_DIGITS) {
    bad(`message number ${quote(numberText)} is too large`);
    return;
  }
  const number = Number(numberText);
  if (number === 0) {
    bad('message number 0 is not a message (RFC 1939 numbers messages from 1)');
    return;
  }
  collector.add(line.number, line.text, number, uid);
}

const lineCollector = (): MessageCollector =>
  new MessageCollector((line) => `line ${groupDigits(line)}`);

const nonBlank = (lines: readonly Line[]): Line[] => lines.filter((line) => line.body !== '');

function listing(
  shape: ListingShape,
  reason: string,
  collector: MessageCollector,
  complete: boolean,
): ParsedListing {
  return {
    shape,
    reason,
    messages: collector.messages,
    problems: collector.sortedProblems(),
    complete,
  };
}

function emptyListing(): ParsedListing {
  const collector = lineCollector();
  collector.problem(1, '', null, 'warning', 'the listing is empty: there are no UIDs to compare');
  return listing('uid-list', 'The text is empty.', collector, true);
}

/** A multi-line UIDL response, from its `+OK` (or first pair) to its `.`. */
function readResponse(present: readonly Line[], reason: string): ParsedListing {
  const collector = lineCollector();
  let at = 0;
  let status: Line | null = null;
  const first = present[0]!;
  if (OK.test(first.body)) {
    status = first;
    at = 1;
  } else if (ERR.test(first.body)) {
    collector.problem(
      first.number,
      first.text,
      null,
      'error',
      `the server answered ${quote(first.body)} instead of a listing`,
    );
    at = 1;
  }
  let terminator: Line | null = null;
  for (; at < present.length; at++) {
    const line = present[at]!;
    if (line.body === '.') {
      terminator = line;
      break;
    }
    readNumberedLine(collector, line);
  }
  const after = present[at + 1];
  if (terminator && after) {
    collector.problem(
      after.number,
      after.text,
      null,
      'warning',
      `text after the terminating '.' on line ${groupDigits(terminator.number)} is not read`,
    );
  }
  if (status && !terminator) {
    const last = present[present.length - 1]!;
    collector.problem(
      last.number,
      last.text,
      null,
      'warning',
      `the UIDL response that starts on line ${groupDigits(status.number)} ends without its ` +
        "terminating '.': the listing may be truncated",
    );
  }
  return listing('uidl-response', reason, collector, terminator !== null);
}

/** One UID a line. */
function readUidList(present: readonly Line[], reason: string): ParsedListing {
  const collector = lineCollector();
  for (const line of present) {
    const fields = fieldsOf(line.body);
    if (fields.length > 1) {
      collector.problem(
        line.number,
        line.text,
        null,
        'error',
        `${fields.length} fields where one UID a line was expected (a UID holds no spaces); ` +
          'the line is left out',
      );
      continue;
    }
    collector.add(line.number, line.text, null, fields[0]!);
  }
  return listing('uid-list', reason, collector, true);
}

interface UidlSection {
  readonly command: Line;
  readonly status: Line;
  readonly data: Line[];
  end: Line | null;
}

/**
 * A whole session: only the response to `UIDL` counts (a LIST response's `n size` lines look
 * just like UIDL's). Multi-line responses of other commands are skipped to their `.`, so a
 * retrieved message's body is never read as commands. With several UIDL responses the last
 * is used; `UIDL n` answers (`+OK n uid`) are used when there is no whole listing.
 */
function readTranscript(lines: readonly Line[]): ParsedListing {
  const collector = lineCollector();
  const sections: UidlSection[] = [];
  const singles: { line: Line; rest: string }[] = [];
  const commands: Line[] = [];
  let pending: { line: Line; keyword: string; argument: string } | null = null;
  let open: UidlSection | 'other' | null = null;

  for (const line of lines) {
    if (line.body === '') continue;
    if (open !== null) {
      if (line.direction !== 'client') {
        if (line.body === '.') {
          if (open !== 'other') open.end = line;
          open = null;
        } else if (open !== 'other') {
          open.data.push(line);
        }
        continue;
      }
      open = null; // a client line cuts the response short: the section stays without `.`
    }
    if (isCommand(line)) {
      pending = { line, ...commandOf(line) };
      commands.push(line);
      continue;
    }
    if (pending === null) continue; // greeting, banners, TLS chatter
    const { keyword, argument } = pending;
    if (OK.test(line.body)) {
      if (keyword === 'UIDL' && argument === '') {
        open = { command: pending.line, status: line, data: [], end: null };
        sections.push(open);
      } else if (keyword === 'UIDL') {
        singles.push({ line, rest: trimSpace(line.body.slice(3)) });
      } else if (MULTI_LINE.has(keyword) || (keyword === 'LIST' && argument === '')) {
        open = 'other';
      }
    } else if (keyword === 'UIDL' && argument === '' && PAIR.test(line.body)) {
      // Some tools print the listing but not its status line: the data starts right away.
      open = { command: pending.line, status: pending.line, data: [line], end: null };
      sections.push(open);
    } else if (ERR.test(line.body) && keyword === 'UIDL') {
      collector.problem(
        line.number,
        line.text,
        null,
        'error',
        `the server refused UIDL (line ${groupDigits(pending.line.number)}): ${quote(line.body)}`,
      );
    }
    pending = null;
  }

  const section = sections[sections.length - 1];
  if (section) {
    for (const earlier of sections.slice(0, -1)) {
      collector.problem(
        earlier.command.number,
        earlier.command.text,
        null,
        'warning',
        `this UIDL response is not read: the session has a later one, from line ${groupDigits(section.command.number)}`,
      );
    }
    for (const line of section.data) readNumberedLine(collector, line);
    if (section.end === null) {
      const last = section.data[section.data.length - 1] ?? section.status;
      collector.problem(
        last.number,
        last.text,
        null,
        'warning',
        `the UIDL response that starts on line ${groupDigits(section.status.number)} ends ` +
          "without its terminating '.': the listing may be truncated",
      );
    }
    const lastLine = section.end ?? section.data[section.data.length - 1] ?? section.status;
    return listing(
      'pop3-transcript',
      `A POP3 session transcript: the UIDL command on line ${groupDigits(section.command.number)} ` +
        `and its response, lines ${groupDigits(section.status.number)}–${groupDigits(lastLine.number)}, ` +
        "were read; other commands' lines were not.",
      collector,
      section.end !== null,
    );
  }
  if (singles.length > 0) {
    for (const { line, rest } of singles) readNumberedLine(collector, line, rest);
    return listing(
      'pop3-transcript',
      `A POP3 session transcript without a whole UIDL listing: the ${plural(singles.length, 'answer')} ` +
        "to 'UIDL n' were read; other commands' lines were not.",
      collector,
      true,
    );
  }
  const uidl = commands.find((line) => commandOf(line).keyword === 'UIDL');
  if (uidl) {
    if (collector.problems.length === 0) {
      collector.problem(
        uidl.number,
        uidl.text,
        null,
        'error',
        'the UIDL command has no +OK response in the transcript: there are no UIDs to compare',
      );
    }
  } else {
    const keywords = [...new Set(commands.map((line) => commandOf(line).keyword))];
    collector.problem(
      commands[0]!.number,
      commands[0]!.text,
      null,
      'error',
      `the transcript holds no UIDL command (only ${keywords.join(', ')}): there are no UIDs to compare`,
    );
  }
  return listing(
    'pop3-transcript',
    `A POP3 session transcript (${plural(commands.length, 'command')} from line ` +
      `${groupDigits(commands[0]!.number)}), without a UIDL listing.`,
    collector,
    false,
  );
}

/**
 * Parses a listing pasted or loaded as text: at most `maxLines` lines (MAX_LISTING_TEXT_LINES);
 * a longer text is read that far, with an error on the first line left out.
 */
export function parseListing(text: string, maxLines = MAX_LISTING_TEXT_LINES): ParsedListing {
  const { raw, more } = firstLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, maxLines);
  const parsed = parseLines(splitLines(raw));
  if (!more) return parsed;
  const cut: ListingProblem = {
    line: maxLines + 1,
    text: '',
    severity: 'error',
    message:
      `line ${groupDigits(maxLines + 1)}: the text has more than ${groupDigits(maxLines)} lines; ` +
      'the lines from here on are not read',
  };
  return { ...parsed, problems: [...parsed.problems, cut], complete: false };
}

function parseLines(lines: readonly Line[]): ParsedListing {
  const present = nonBlank(lines);
  if (present.length === 0) return emptyListing();

  const commands = present.filter(isCommand);
  const hasUidl = commands.some((line) => commandOf(line).keyword === 'UIDL');
  const clientMarked = present.some((line) => line.direction === 'client');
  // One bare word such as `QUIT` could be a UID in a plain list; a session has more to it.
  if (commands.length > 0 && (hasUidl || clientMarked || commands.length >= 2)) {
    return readTranscript(present);
  }

  const first = present[0]!;
  if (OK.test(first.body) || ERR.test(first.body)) {
    return readResponse(
      present,
      `Line ${groupDigits(first.number)} is the status line of a UIDL response (${quote(first.body, 40)}).`,
    );
  }
  const terminator = present.find((line) => line.body === '.');
  if (terminator) {
    return readResponse(
      present,
      `Line ${groupDigits(terminator.number)} is the '.' that ends a multi-line POP3 response.`,
    );
  }
  let pairs = 0;
  let singles = 0;
  for (const line of present) {
    const fields = fieldsOf(line.body);
    if (fields.length === 1) singles++;
    else if (fields.length === 2 && DIGITS.test(fields[0]!)) pairs++;
  }
  if (pairs > 0 && pairs >= singles) {
    return readResponse(
      present,
      `${countOf(pairs, present.length, 'line')} ${agree(pairs, 'is a', 'are')} '<message number> <UID>' ` +
        `${agree(pairs, 'pair', 'pairs')}: a UIDL response without its '+OK' line and terminating '.'.`,
    );
  }
  return readUidList(
    present,
    `${countOf(singles, present.length, 'line')} ${agree(singles, 'holds', 'hold')} a single word: a plain ` +
      'list of UIDs, one a line.',
  );
}

/** A listing from messages fetched live (or any source without text lines). */
export function listingFromMessages(
  messages: readonly { readonly number: number; readonly uid: string }[],
  shape: ListingShape = 'live-check',
  reason = `The server's answer to UIDL, fetched live: ${plural(messages.length, 'message')}.`,
): ParsedListing {
  const collector = new MessageCollector(
    (_line, number) => `message ${number === null ? '?' : groupDigits(number)}`,
  );
  for (const { number, uid } of messages) collector.add(0, `${number} ${uid}`, number, uid);
  return listing(shape, reason, collector, true);
}

/** What a live check brought back, as the desktop host and the CLI's --pop3 both report it. */
export interface LiveCheckAnswer {
  readonly messages: readonly { readonly number: number; readonly uid: string }[];
  /** Lines of the UIDL reply that were not `n uid`, numbered within the reply. */
  readonly problems: readonly {
    readonly line: number;
    readonly text: string;
    readonly message: string;
  }[];
  /** `TLSv1.3` etc., or null for a plain connection. */
  readonly tlsProtocol: string | null;
  readonly certificateVerified: boolean;
}

/** How a live check's connection was protected, for the listing's reason and notices. */
export function liveChannel(answer: LiveCheckAnswer): string {
  if (answer.tlsProtocol === null) return 'in plain text';
  return `over ${answer.tlsProtocol}${answer.certificateVerified ? '' : ' (certificate not verified)'}`;
}

/**
 * The listing of a live check of `user` at `where` (`host:port`): its messages, with the reply's
 * unreadable lines kept as errors (they never became messages, so they stay visible).
 */
export function listingFromLiveCheck(
  answer: LiveCheckAnswer,
  where: string,
  user: string,
): ParsedListing {
  const fetched = listingFromMessages(
    answer.messages,
    'live-check',
    `UIDL from ${where} as ${user}, ${liveChannel(answer)}, fetched live: ` +
      `${plural(answer.messages.length, 'message')}.`,
  );
  const unread: ListingProblem[] = answer.problems.map((problem) => ({
    ...problem,
    severity: 'error',
  }));
  return { ...fetched, problems: [...unread, ...fetched.problems] };
}

/**
 * Another history standing in for the server, to compare two histories: each entry's decoded
 * UID, numbered from 1 (entry index + 1). Its defects are the codec's findings, not listed here.
 */
export function listingFromHistory(document: UidlDocument, name: string): ParsedListing {
  const uids = document.uidList();
  const messages = uids.map((uid, index) => ({ number: index + 1, uid, line: 0 }));
  return {
    shape: 'history',
    reason: `The history ${quote(name)} (${plural(uids.length, 'entry', 'entries')}) stands in for the server; its entries are numbered from 1.`,
    messages,
    problems: [],
    complete: true,
    name,
  };
}
