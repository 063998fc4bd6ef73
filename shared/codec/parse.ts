/**
 * The BLOB parser. One pass, linear in the input, never throws: malformed input is data
 * (FORMAT.md, Decisions), every oddity becomes a diagnostic with its byte range.
 */
import { severityOf, type DiagnosticCode } from './diagnostics.js';
import { describeByte, describeOffset } from './describe.js';
import { invalidComponents, TIMESTAMP_COMPONENTS, TIMESTAMP_DIGITS } from './timestamp.js';
import type {
  ByteSpan,
  Diagnostic,
  Entry,
  EntrySpans,
  HeaderField,
  Timestamp,
  UidlDocument,
} from './types.js';
import { MAX_UID_LENGTH, scanUid, type UidProblem } from './uid.js';
import { decodeUtf8Lossy, invalidUtf8Ranges, StringBuilder } from './utf8.js';

export const BLOB_VERSION = 3;
export const HEADER_LENGTH = 4;
export const MAX_TAG_COUNT = 0xffff;
/** Operation, content and the 14-digit time: the UID starts this far into a tag. */
export const UID_OFFSET = 2 + TIMESTAMP_DIGITS;

const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

/** Where each field of a tag lies; fields a short tag lacks are empty spans at its end. */
export function entrySpans(entry: Pick<Entry, 'offset' | 'length' | 'terminated'>): EntrySpans {
  const start = entry.offset;
  const end = start + entry.length;
  const bodyEnd = entry.terminated ? end - 1 : end;
  const at = (relative: number): number => Math.min(start + relative, bodyEnd);
  return {
    tag: { start, end },
    op: { start: at(0), end: at(1) },
    content: { start: at(1), end: at(2) },
    timestamp: { start: at(2), end: at(UID_OFFSET) },
    uid: { start: at(UID_OFFSET), end: bodyEnd },
    terminator: { start: bodyEnd, end },
  };
}

class ParsedEntry implements Entry {
  constructor(
    readonly index: number,
    readonly offset: number,
    readonly length: number,
    readonly terminated: boolean,
    readonly op: string,
    readonly content: string,
    readonly timestampText: string,
    readonly timestamp: Timestamp | null,
    readonly rawUid: string,
    readonly uid: string,
    public diagnostics: readonly Diagnostic[],
  ) {}

  /** Computed on demand: 65,535 entries need not carry six span objects each. */
  get spans(): EntrySpans {
    return entrySpans(this);
  }
}

/** Single-byte fields shown as themselves when printable ASCII, else `\xNN`. */
const BYTE_DISPLAY: readonly string[] = Array.from({ length: 256 }, (_, code) =>
  code >= 0x20 && code <= 0x7e
    ? String.fromCharCode(code)
    : `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`,
);
const DIGIT_ZERO = 0x30;

function isKnownOperation(byte: number): boolean {
  return byte === 0x2b || byte === 0x2d || byte === 0x26; // + - &
}
function isKnownContent(byte: number): boolean {
  return byte === 0x20 || byte === 0x68 || byte === 0x62; // space h b
}

const UID_PROBLEM_MESSAGES: Record<UidProblem['code'], (p: UidProblem, tag: string) => string> = {
  'uid.bad-escape': (p, tag) =>
    `${tag}: '${p.sample}' at ${describeOffset(p.start)} is not an escape ($ and two hex digits)` +
    `${more(p)}; kept as written.`,
  'uid.unescaped-char': (p, tag) =>
    `${tag}: the UID holds '${p.sample}' unescaped at ${describeOffset(p.start)}${more(p)}; ` +
    `Outlook writes such characters as $hh, so this UID may not match the server's.`,
  'uid.invalid-char': (p, tag) =>
    `${tag}: the UID holds '${p.sample}' at ${describeOffset(p.start)}${more(p)}, a character ` +
    `outside the printable ASCII (0x21-0x7E) that RFC 1939 allows in a UID.`,
  'uid.uppercase-escape': (p, tag) =>
    `${tag}: escape '${p.sample}' at ${describeOffset(p.start)} uses upper-case hex${more(p)}; ` +
    `Outlook writes lower case. It decodes the same.`,
  'uid.escaped-alphanumeric': (p, tag) =>
    `${tag}: escape '${p.sample}' at ${describeOffset(p.start)} stands for a letter or digit` +
    `${more(p)}, which Outlook writes unescaped. It decodes the same.`,
};

function more(problem: UidProblem): string {
  return problem.count > 1 ? ` (and ${problem.count - 1} more in this UID)` : '';
}

/** Accumulates one entry's diagnostics, allocating only when there is one. */
class EntryFindings {
  list: Diagnostic[] | null = null;

  add(code: DiagnosticCode, message: string, start: number, end: number, entry: number): void {
    (this.list ??= []).push({ code, severity: severityOf(code), message, start, end, entry });
  }
}

/** Parses a UIDL history BLOB. Never throws; linear in `bytes.length`. */
export function parse(bytes: Uint8Array): UidlDocument {
  const length = bytes.length;
  const diagnostics: Diagnostic[] = [];
  const header = (code: DiagnosticCode, message: string, span: ByteSpan): void => {
    diagnostics.push({
      code,
      severity: severityOf(code),
      message,
      start: span.start,
      end: span.end,
    });
  };

  const version: HeaderField =
    length >= 2
      ? { value: bytes[0]! | (bytes[1]! << 8), span: { start: 0, end: 2 } }
      : { value: null, span: { start: 0, end: length } };
  const declaredCount: HeaderField =
    length >= HEADER_LENGTH
      ? { value: bytes[2]! | (bytes[3]! << 8), span: { start: 2, end: 4 } }
      : { value: null, span: { start: Math.min(length, 2), end: length } };

  if (length < HEADER_LENGTH) {
    header(
      'header.truncated',
      `The BLOB is ${length} byte${length === 1 ? '' : 's'} long; a history starts with 4 ` +
        `(2 for the version, 2 for the count).`,
      { start: 0, end: length },
    );
  }
  if (version.value !== null && version.value !== BLOB_VERSION) {
    header(
      'version.unsupported',
      `Version is ${version.value} (bytes 0-1); Outlook writes and reads only version ${BLOB_VERSION}.`,
      version.span,
    );
  }

  const declared = declaredCount.value ?? 0;
  const entries: ParsedEntry[] = [];
  const builder = new StringBuilder();
  let position = Math.min(length, HEADER_LENGTH);
  while (entries.length < declared && position < length) {
    const nul = bytes.indexOf(0, position);
    const terminated = nul !== -1;
    const bodyEnd = terminated ? nul : length;
    const entry = parseTag(bytes, entries.length, position, bodyEnd, terminated, builder);
    entries.push(entry);
    if (entry.diagnostics.length > 0) diagnostics.push(...entry.diagnostics);
    position = terminated ? nul + 1 : length;
  }

  if (entries.length < declared) {
    header(
      'count.mismatch',
      `Count declares ${declared} tags but the BLOB ends after ${entries.length}: ` +
        `${declared - entries.length} declared tag${declared - entries.length === 1 ? ' is' : 's are'} ` +
        `missing (the BLOB was probably truncated).`,
      declaredCount.span,
    );
  }

  const trailing: ByteSpan = { start: position, end: length };
  if (position < length) reportTrailing(bytes, trailing, declared, header);

  markDuplicates(entries, diagnostics);
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
  return { bytes, version, declaredCount, entries, trailing, diagnostics };
}

function parseTag(
  bytes: Uint8Array,
  index: number,
  start: number,
  bodyEnd: number,
  terminated: boolean,
  builder: StringBuilder,
): ParsedEntry {
  const findings = new EntryFindings();
  const tag = `Tag #${index}`;
  const bodyLength = bodyEnd - start;
  const opByte = bodyLength > 0 ? bytes[start]! : -1;
  const contentByte = bodyLength > 1 ? bytes[start + 1]! : -1;

  let highBit = false;
  const fixedEnd = Math.min(bodyEnd, start + UID_OFFSET);
  for (let i = start; i < fixedEnd; i++) if (bytes[i]! >= 0x80) highBit = true;

  if (!terminated) {
    findings.add(
      'tag.unterminated',
      `${tag} at ${describeOffset(start)} runs to the end of the BLOB without its NUL terminator.`,
      start,
      bodyEnd,
      index,
    );
  }
  if (bodyLength < UID_OFFSET) {
    findings.add(
      'tag.too-short',
      `${tag} at ${describeOffset(start)} is ${bodyLength} byte${bodyLength === 1 ? '' : 's'} ` +
        `long; a tag needs ${UID_OFFSET} (operation, content, 14-digit time) before its UID.`,
      start,
      bodyEnd,
      index,
    );
  }
  if (opByte >= 0 && !isKnownOperation(opByte)) {
    findings.add(
      'op.unknown',
      `${tag}: operation ${describeByte(opByte)} at ${describeOffset(start)} is not + (get), ` +
        `- (delete) or & (get and delete).`,
      start,
      start + 1,
      index,
    );
  }
  if (contentByte >= 0 && !isKnownContent(contentByte)) {
    findings.add(
      'content.unknown',
      `${tag}: content ${describeByte(contentByte)} at ${describeOffset(start + 1)} is not ` +
        `a space (none), h (header) or b (body).`,
      start + 1,
      start + 2,
      index,
    );
  }

  const timestamp =
    bodyLength >= UID_OFFSET ? readTimestamp(bytes, start + 2, tag, index, findings) : null;

  const uidStart = Math.min(start + UID_OFFSET, bodyEnd);
  let rawUid = '';
  let uid = '';
  if (bodyLength === UID_OFFSET) {
    findings.add(
      'uid.empty',
      `${tag} at ${describeOffset(start)} has no UID.`,
      uidStart,
      bodyEnd,
      index,
    );
  } else if (uidStart < bodyEnd) {
    const scan = scanUid(bytes, uidStart, bodyEnd, builder);
    uid = scan.uid;
    for (let i = uidStart; i < bodyEnd && !highBit; i++) if (bytes[i]! >= 0x80) highBit = true;
    rawUid = highBit
      ? decodeUtf8Lossy(bytes, uidStart, bodyEnd)
      : asciiString(bytes, uidStart, bodyEnd);
    if (scan.problems) {
      for (const problem of scan.problems) {
        findings.add(
          problem.code,
          UID_PROBLEM_MESSAGES[problem.code](problem, tag),
          problem.start,
          problem.end,
          index,
        );
      }
    }
    if (scan.decodedLength > MAX_UID_LENGTH) {
      findings.add(
        'uid.too-long',
        `${tag}: the UID has ${scan.decodedLength} characters; RFC 1939 allows at most ${MAX_UID_LENGTH}.`,
        uidStart,
        bodyEnd,
        index,
      );
    }
  }

  if (highBit) {
    for (const range of invalidUtf8Ranges(bytes, start, bodyEnd)) {
      findings.add(
        'tag.invalid-utf8',
        `${tag}: ${range.end - range.start} byte${range.end - range.start === 1 ? '' : 's'} at ` +
          `${describeOffset(range.start)} ${range.end - range.start === 1 ? 'is' : 'are'} not valid UTF-8.`,
        range.start,
        range.end,
        index,
      );
    }
  }

  const timestampEnd = Math.min(bodyEnd, start + UID_OFFSET);
  const timestampText =
    timestampEnd > start + 2
      ? highBit
        ? decodeUtf8Lossy(bytes, start + 2, timestampEnd)
        : asciiString(bytes, start + 2, timestampEnd)
      : '';

  const list = findings.list;
  if (list && list.length > 1) list.sort((a, b) => a.start - b.start || a.end - b.end);
  return new ParsedEntry(
    index,
    start,
    bodyEnd - start + (terminated ? 1 : 0),
    terminated,
    opByte >= 0 ? BYTE_DISPLAY[opByte]! : '',
    contentByte >= 0 ? BYTE_DISPLAY[contentByte]! : '',
    timestampText,
    timestamp,
    rawUid,
    uid,
    list ?? NO_DIAGNOSTICS,
  );
}

function asciiString(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

/** Reads the 14 digits at `start`; reports non-digits, then out-of-range components. */
function readTimestamp(
  bytes: Uint8Array,
  start: number,
  tag: string,
  index: number,
  findings: EntryFindings,
): Timestamp | null {
  for (let i = 0; i < TIMESTAMP_DIGITS; i++) {
    const digit = bytes[start + i]! - DIGIT_ZERO;
    if (digit < 0 || digit > 9) {
      findings.add(
        'timestamp.not-digits',
        `${tag}: the time at ${describeOffset(start)} must be 14 digits (yyyyMMddhhmmss); ` +
          `${describeByte(bytes[start + i]!)} at ${describeOffset(start + i)} is not a digit.`,
        start,
        start + TIMESTAMP_DIGITS,
        index,
      );
      return null;
    }
  }
  const number = (offset: number, width: number): number => {
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 10 + bytes[start + offset + i]! - DIGIT_ZERO;
    return value;
  };
  const time: Timestamp = {
    year: number(0, 4),
    month: number(4, 2),
    day: number(6, 2),
    hour: number(8, 2),
    minute: number(10, 2),
    second: number(12, 2),
  };
  const invalid = invalidComponents(time);
  if (invalid.length === 0) return time;
  for (const name of invalid) {
    const component = TIMESTAMP_COMPONENTS.find((c) => c.name === name)!;
    const componentStart = start + component.offset;
    findings.add(
      'timestamp.invalid-date',
      `${tag}: ${name} ${String(time[name]).padStart(component.width, '0')} at ` +
        `${describeOffset(componentStart)} is not valid` +
        (name === 'day' && time.month >= 1 && time.month <= 12
          ? ` in ${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}.`
          : '.'),
      componentStart,
      componentStart + component.width,
      index,
    );
  }
  return null;
}

/** Bytes after the last counted tag: uncounted tags (lost to Outlook) or stray bytes. */
function reportTrailing(
  bytes: Uint8Array,
  trailing: ByteSpan,
  declared: number,
  report: (code: DiagnosticCode, message: string, span: ByteSpan) => void,
): void {
  let strings = 0;
  let afterLastNul = trailing.start;
  for (let nul = bytes.indexOf(0, trailing.start); nul !== -1; nul = bytes.indexOf(0, nul + 1)) {
    strings++;
    afterLastNul = nul + 1;
  }
  const size = trailing.end - trailing.start;
  const leftover = trailing.end - afterLastNul;
  const bytesText = `${size} byte${size === 1 ? '' : 's'}`;
  if (strings === 0) {
    report(
      'trailing.bytes',
      `${bytesText} follow the last counted tag at ${describeOffset(trailing.start)}; ` +
        `they hold no complete tag.`,
      trailing,
    );
    return;
  }
  const tail = leftover > 0 ? `, then ${leftover} more byte${leftover === 1 ? '' : 's'}` : '';
  if (declared + strings > MAX_TAG_COUNT) {
    report(
      'count.overflow',
      `The BLOB holds ${declared + strings} tags (${declared} counted and ${strings} after them${tail}), ` +
        `more than the ${MAX_TAG_COUNT.toLocaleString('en-US')} a 16-bit Count can declare; ` +
        `Outlook reads only the first ${declared}.`,
      trailing,
    );
    return;
  }
  report(
    'trailing.uncounted-tags',
    `${strings} NUL-terminated tag${strings === 1 ? '' : 's'} follow${strings === 1 ? 's' : ''} the ` +
      `${declared} counted at ${describeOffset(trailing.start)} (${bytesText}${tail}); Outlook reads only ` +
      `the ${declared} that Count declares, so these messages may be downloaded again.`,
    trailing,
  );
}

/** Adds a `uid.duplicate` finding to every entry whose decoded UID appears more than once. */
function markDuplicates(entries: ParsedEntry[], diagnostics: Diagnostic[]): void {
  const firstIndex = new Map<string, number>();
  let groups: Map<string, number[]> | null = null;
  for (const entry of entries) {
    if (entry.uid === '') continue;
    const first = firstIndex.get(entry.uid);
    if (first === undefined) {
      firstIndex.set(entry.uid, entry.index);
      continue;
    }
    groups ??= new Map();
    const group = groups.get(entry.uid);
    if (group) group.push(entry.index);
    else groups.set(entry.uid, [first, entry.index]);
  }
  if (!groups) return;
  for (const [uid, members] of groups) {
    const listed =
      members.length > 6 ? `${members.slice(0, 6).join(', #')}, ...` : members.join(', #');
    for (const index of members) {
      const entry = entries[index]!;
      const span = entrySpans(entry).uid;
      const diagnostic: Diagnostic = {
        code: 'uid.duplicate',
        severity: severityOf('uid.duplicate'),
        message:
          `Tag #${index}: UID '${uid}' appears in ${members.length} tags (#${listed}); ` +
          `Outlook needs it once.`,
        start: span.start,
        end: span.end,
        entry: index,
        relatedEntries: members,
      };
      entry.diagnostics = [...entry.diagnostics, diagnostic].sort(
        (a, b) => a.start - b.start || a.end - b.end,
      );
      diagnostics.push(diagnostic);
    }
  }
}
