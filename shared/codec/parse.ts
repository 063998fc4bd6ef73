/**
 * The BLOB parser. One pass, linear in the input, never throws: malformed input is data
 * (docs/FORMAT.md, "Decisions"), every oddity becomes a diagnostic with its byte range. It writes
 * each tag into the document's columns and allocates only for findings.
 */
import { severityOf, type DiagnosticCode } from './diagnostics.js';
import { formatByteOffset, formatByteOffsets, formatByteRange } from '../byte-range.js';
import { describeByte } from './describe.js';
import { HistoryDocument, type EntryColumns } from './document.js';
import { canonical, readCanonicalTag } from './canonical-tag.js';
import { DuplicateIndex } from './duplicates.js';
import { BLOB_VERSION, HEADER_LENGTH, MAX_TAG_COUNT, UID_OFFSET } from './layout.js';
import {
  invalidComponents,
  TIMESTAMP_COMPONENTS,
  TIMESTAMP_DIGITS,
  unpackTimestamp,
} from './timestamp.js';
import type { ByteSpan, Diagnostic, HeaderField, UidlDocument } from './types.js';
import { canonicalUid, checkUid, MAX_UID_LENGTH, type UidProblem } from './uid.js';
import { invalidUtf8Ranges } from './utf8.js';
import { agree, plural } from '../wording.js';

export { BLOB_VERSION, HEADER_LENGTH, MAX_TAG_COUNT, UID_OFFSET, entrySpans } from './layout.js';

const DIGIT_ZERO = 0x30;
/** Findings give positions in decimal and hex, as hex editors show them. */
const HEX = { hex: true } as const;

function isKnownOperation(byte: number): boolean {
  return byte === 0x2b || byte === 0x2d || byte === 0x26; // + - &
}
function isKnownContent(byte: number): boolean {
  return byte === 0x20 || byte === 0x68 || byte === 0x62; // space h b
}

const UID_PROBLEM_MESSAGES: Record<UidProblem['code'], (p: UidProblem, tag: string) => string> = {
  'uid.bad-escape': (p, tag) =>
    `${tag}: '${p.sample}' at ${formatByteOffset(p.start, HEX)} is not an escape ($ and two hex digits)` +
    `${more(p)}; kept as written.`,
  'uid.unescaped-char': (p, tag) =>
    `${tag}: the UID holds '${p.sample}' unescaped at ${formatByteOffset(p.start, HEX)}${more(p)}; ` +
    `Outlook writes such characters as $hh, so this UID may not match the server's.`,
  'uid.invalid-char': (p, tag) =>
    `${tag}: the UID holds '${p.sample}' at ${formatByteOffset(p.start, HEX)}${more(p)}, a character ` +
    `outside the printable ASCII (0x21-0x7E) that RFC 1939 allows in a UID.`,
  'uid.uppercase-escape': (p, tag) =>
    `${tag}: escape '${p.sample}' at ${formatByteOffset(p.start, HEX)} uses upper-case hex${more(p)}; ` +
    `Outlook writes lower case. It decodes the same.`,
  'uid.escaped-alphanumeric': (p, tag) =>
    `${tag}: escape '${p.sample}' at ${formatByteOffset(p.start, HEX)} stands for a letter or digit` +
    `${more(p)}, which Outlook writes unescaped. It decodes the same.`,
};

/** " (and 2 more in this UID, at bytes 25 and 31)": the finding's span is the first only. */
function more(problem: UidProblem): string {
  const others = problem.count - 1;
  if (others === 0) return '';
  const listed = formatByteOffsets(problem.moreAt);
  const which = others > problem.moreAt.length ? `, the first ${problem.moreAt.length} at` : ', at';
  return ` (and ${others} more in this UID${which} ${listed})`;
}

/** Accumulates one entry's diagnostics, allocating only when there is one. */
class EntryFindings {
  list: Diagnostic[] | null = null;

  add(code: DiagnosticCode, message: string, start: number, end: number, entry: number): void {
    (this.list ??= []).push({ code, severity: severityOf(code), message, start, end, entry });
  }
}

/** One accumulator for all tags: the parser handles one tag at a time. */
const entryFindings = new EntryFindings();

const label = (index: number): string => `Tag #${index}`;

/** Parses a UIDL history BLOB. Never throws; linear in `bytes.length`. */
export function parse(bytes: Uint8Array): UidlDocument {
  return parseWith(bytes, true);
}

/**
 * parse, with the fast path for canonical tags switched on or off. Off, every tag goes through
 * the full reader: tests compare the two to prove the fast path changes nothing.
 */
export function parseWith(bytes: Uint8Array, fastPath: boolean): UidlDocument {
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
      `The BLOB is ${plural(length, 'byte', undefined, 'plain')} long; a history starts with 4 ` +
        `(2 for the version, 2 for the count).`,
      { start: 0, end: length },
    );
  }
  if (version.value !== null && version.value !== BLOB_VERSION) {
    header(
      'version.unsupported',
      `The version at ${formatByteRange(version.span.start, version.span.end, HEX)} is ` +
        `${version.value}; Outlook writes and reads only version ${BLOB_VERSION}.`,
      version.span,
    );
  }

  const declared = declaredCount.value ?? 0;
  // A tag takes at least one byte, so there cannot be more tags than bytes left.
  const capacity = Math.min(declared, Math.max(0, length - HEADER_LENGTH));
  const columns: EntryColumns = {
    offsets: new Int32Array(capacity),
    lengths: new Int32Array(capacity),
    dates: new Int32Array(capacity),
    times: new Int32Array(capacity),
  };
  const findingsByEntry = new Map<number, Diagnostic[]>();
  const duplicates = new DuplicateIndex(bytes, columns, capacity);
  // Decoded UIDs are never longer than encoded ones, so the BLOB's size bounds the buffer.
  const decodedBuffer = uidScratch(capacity > 0 ? length : 0);
  const decodedEnds = new Int32Array(capacity);
  let decodedLength = 0;
  let count = 0;
  let position = Math.min(length, HEADER_LENGTH);
  while (count < declared && position < length) {
    const next = fastPath
      ? readCanonicalTag(bytes, position, length, decodedBuffer, decodedLength)
      : -1;
    if (next !== -1) {
      columns.offsets[count] = position;
      columns.lengths[count] = next - position;
      columns.dates[count] = canonical.date;
      columns.times[count] = canonical.time;
      decodedLength += canonicalUid.length;
      decodedEnds[count] = decodedLength;
      duplicates.add(canonical.hash, count);
      count++;
      position = next;
      continue;
    }
    decodedEnds[count] = -1;
    const nul = bytes.indexOf(0, position);
    const terminated = nul !== -1;
    const bodyEnd = terminated ? nul : length;
    parseTag(bytes, count, position, bodyEnd, terminated, columns);
    const findings = entryFindings.list;
    if (findings) {
      findingsByEntry.set(count, findings);
      for (const finding of findings) diagnostics.push(finding);
    }
    if (parsedUidHash !== null) duplicates.add(parsedUidHash, count);
    count++;
    position = terminated ? nul + 1 : length;
  }
  const entries = count;

  if (entries < declared) {
    header(
      'count.mismatch',
      `Count declares ${declared} tags but the BLOB ends after ${entries}: ` +
        `${plural(declared - entries, 'declared tag', undefined, 'plain')} ${agree(declared - entries, 'is', 'are')} ` +
        `missing (the BLOB was probably truncated).`,
      declaredCount.span,
    );
  }

  const trailing: ByteSpan = { start: position, end: length };
  const slack = isOutlookSlack(trailing, entries, declaredCount.value) ? trailing : null;
  if (slack) reportSlack(slack, declared, header);
  else if (position < length) reportTrailing(bytes, trailing, declared, header);

  markDuplicates(duplicates, findingsByEntry, diagnostics);
  if (diagnostics.length > 1) diagnostics.sort(byPosition);
  return new HistoryDocument(
    bytes,
    version,
    declaredCount,
    entries,
    {
      offsets: columns.offsets.subarray(0, entries),
      lengths: columns.lengths.subarray(0, entries),
      dates: columns.dates.subarray(0, entries),
      times: columns.times.subarray(0, entries),
    },
    findingsByEntry,
    trailing,
    slack,
    diagnostics,
    duplicates.decoded,
    // A copy of the written part only: the scratch buffer is the next parse's.
    {
      buffer: decodedBuffer.slice(0, decodedLength),
      length: decodedLength,
      ends: decodedEnds.subarray(0, entries),
    },
  );
}

/**
 * The buffer the fast path writes decoded UIDs into, reused from one parse to the next: a
 * fresh one the size of the BLOB cost more (allocation and first touch of its pages) than
 * copying out the part written.
 */
let decodedScratch = new Uint8Array(0);
/** Beyond this a BLOB's buffer is its own, so one huge input does not stay in memory. */
const MAX_KEPT_SCRATCH = 8 * 1024 * 1024;
function uidScratch(size: number): Uint8Array {
  if (size > MAX_KEPT_SCRATCH) return new Uint8Array(size);
  if (decodedScratch.length < size) decodedScratch = new Uint8Array(size);
  return decodedScratch;
}

function parseTag(
  bytes: Uint8Array,
  index: number,
  start: number,
  bodyEnd: number,
  terminated: boolean,
  columns: EntryColumns,
): void {
  parsedUidHash = null;
  const findings = entryFindings;
  findings.list = null;
  const bodyLength = bodyEnd - start;
  const opByte = bodyLength > 0 ? bytes[start]! : -1;
  const contentByte = bodyLength > 1 ? bytes[start + 1]! : -1;

  let highBit = false;
  const fixedEnd = Math.min(bodyEnd, start + UID_OFFSET);
  for (let i = start; i < fixedEnd; i++) if (bytes[i]! >= 0x80) highBit = true;

  if (!terminated) {
    findings.add(
      'tag.unterminated',
      `${label(index)} at ${formatByteOffset(start, HEX)} runs to the end of the BLOB without its NUL terminator.`,
      start,
      bodyEnd,
      index,
    );
  }
  if (bodyLength < UID_OFFSET) {
    findings.add(
      'tag.too-short',
      `${label(index)} at ${formatByteOffset(start, HEX)} is ${plural(bodyLength, 'byte', undefined, 'plain')} ` +
        `long; a tag needs ${UID_OFFSET} (operation, content, 14-digit time) before its UID.`,
      start,
      bodyEnd,
      index,
    );
  }
  if (opByte >= 0 && !isKnownOperation(opByte)) {
    findings.add(
      'op.unknown',
      `${label(index)}: operation ${describeByte(opByte)} at ${formatByteOffset(start, HEX)} is not + (get), ` +
        `- (delete) or & (get and delete).`,
      start,
      start + 1,
      index,
    );
  }
  if (contentByte >= 0 && !isKnownContent(contentByte)) {
    findings.add(
      'content.unknown',
      `${label(index)}: content ${describeByte(contentByte)} at ${formatByteOffset(start + 1, HEX)} is not ` +
        `a space (none), h (header) or b (body).`,
      start + 1,
      start + 2,
      index,
    );
  }

  let date = -1;
  let time = 0;
  if (bodyLength >= UID_OFFSET && readTimestamp(bytes, start + 2, index, findings)) {
    date = timestampDate;
    time = timestampTime;
  }

  const uidStart = Math.min(start + UID_OFFSET, bodyEnd);
  if (bodyLength === UID_OFFSET) {
    findings.add(
      'uid.empty',
      `${label(index)} at ${formatByteOffset(start, HEX)} has no UID.`,
      uidStart,
      bodyEnd,
      index,
    );
  } else if (uidStart < bodyEnd) {
    const check = checkUid(bytes, uidStart, bodyEnd);
    if (check.highBit) highBit = true;
    parsedUidHash = check.hash;
    if (check.problems) {
      for (const problem of check.problems) {
        findings.add(
          problem.code,
          UID_PROBLEM_MESSAGES[problem.code](problem, label(index)),
          problem.start,
          problem.end,
          index,
        );
      }
    }
    if (check.decodedLength > MAX_UID_LENGTH) {
      findings.add(
        'uid.too-long',
        `${label(index)}: the UID has ${check.decodedLength} characters; RFC 1939 allows at most ${MAX_UID_LENGTH}.`,
        uidStart,
        bodyEnd,
        index,
      );
    }
  }

  if (highBit) {
    for (const range of invalidUtf8Ranges(bytes, start, bodyEnd)) {
      const size = range.end - range.start;
      findings.add(
        'tag.invalid-utf8',
        `${label(index)}: ${plural(size, 'byte', undefined, 'plain')} at ${formatByteOffset(range.start, HEX)} ` +
          `${agree(size, 'is', 'are')} not valid UTF-8.`,
        range.start,
        range.end,
        index,
      );
    }
  }

  const list = findings.list as Diagnostic[] | null; // filled by the calls above
  if (list && list.length > 1) list.sort(byPosition);
  columns.offsets[index] = start;
  columns.lengths[index] = bodyLength + (terminated ? 1 : 0);
  columns.dates[index] = date;
  columns.times[index] = time;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.start - b.start || a.end - b.end;
}

/** The hash of the UID parseTag last read, or null when the tag had none. */
let parsedUidHash: number | null = null;

/** readTimestamp's result, as two small integers (no object per tag). */
let timestampDate = 0;
let timestampTime = 0;

/**
 * Reads the 14 digits at `start` into timestampDate/timestampTime and returns true when they
 * form a real date and time; otherwise reports non-digits, or each out-of-range component.
 */
function readTimestamp(
  bytes: Uint8Array,
  start: number,
  index: number,
  findings: EntryFindings,
): boolean {
  let date = 0;
  let time = 0;
  for (let i = 0; i < TIMESTAMP_DIGITS; i++) {
    const digit = bytes[start + i]! - DIGIT_ZERO;
    if (digit < 0 || digit > 9) {
      findings.add(
        'timestamp.not-digits',
        `${label(index)}: the time at ${formatByteOffset(start, HEX)} must be 14 digits (yyyyMMddhhmmss); ` +
          `${describeByte(bytes[start + i]!)} at ${formatByteOffset(start + i, HEX)} is not a digit.`,
        start,
        start + TIMESTAMP_DIGITS,
        index,
      );
      return false;
    }
    if (i < 8) date = date * 10 + digit;
    else time = time * 10 + digit;
  }
  // Canonical tags never get here (see canonical-tag.ts): no need for a faster check.
  const parts = unpackTimestamp(date, time);
  const invalid = invalidComponents(parts);
  if (invalid.length === 0) {
    timestampDate = date;
    timestampTime = time;
    return true;
  }
  for (const name of invalid) {
    const component = TIMESTAMP_COMPONENTS.find((c) => c.name === name)!;
    const componentStart = start + component.offset;
    findings.add(
      'timestamp.invalid-date',
      `${label(index)}: ${name} ${String(parts[name]).padStart(component.width, '0')} at ` +
        `${formatByteOffset(componentStart, HEX)} is not valid` +
        (name === 'day' && parts.month >= 1 && parts.month <= 12
          ? ` in ${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}.`
          : '.'),
      componentStart,
      componentStart + component.width,
      index,
    );
  }
  return false;
}

/**
 * Outlook leaves exactly Count + 4 bytes of leftover memory after the counted tags in every
 * BLOB it wrote (docs/FORMAT.md, "What Outlook really writes"). Only when every counted tag was
 * found: a truncated BLOB has no trailing bytes to speak of. Edits keep it Count + 4 (edit.ts).
 */
function isOutlookSlack(trailing: ByteSpan, entries: number, declared: number | null): boolean {
  const size = trailing.end - trailing.start;
  return declared !== null && entries === declared && size === declared + 4;
}

function reportSlack(
  slack: ByteSpan,
  declared: number,
  report: (code: DiagnosticCode, message: string, span: ByteSpan) => void,
): void {
  report(
    'trailing.slack',
    `Count + 4 = ${slack.end - slack.start} bytes follow the last counted tag at ${formatByteOffset(slack.start, HEX)}: Outlook's slack, ` +
      `leftover memory it writes after the tags of every history. Outlook reads only the ` +
      `${plural(declared, 'counted tag', undefined, 'plain')}, so it is harmless; kept as written.`,
    slack,
  );
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
  const bytesText = plural(size, 'byte', undefined, 'plain');
  if (strings === 0) {
    report(
      'trailing.bytes',
      `${bytesText} follow the last counted tag at ${formatByteOffset(trailing.start, HEX)}; ` +
        `they hold no complete tag.`,
      trailing,
    );
    return;
  }
  const tail = leftover > 0 ? `, then ${plural(leftover, 'more byte', undefined, 'plain')}` : '';
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
    `${plural(strings, 'NUL-terminated tag', undefined, 'plain')} ${agree(strings, 'follows', 'follow')} the ` +
      `${declared} counted at ${formatByteOffset(trailing.start, HEX)} (${bytesText}${tail}); Outlook reads only ` +
      `the ${declared} that Count declares, so these messages may be downloaded again.`,
    trailing,
  );
}

/** Adds a `uid.duplicate` finding to every entry whose decoded UID appears more than once. */
function markDuplicates(
  duplicates: DuplicateIndex,
  findingsByEntry: Map<number, Diagnostic[]>,
  diagnostics: Diagnostic[],
): void {
  for (const members of duplicates.groups()) {
    const uid = duplicates.uid(members[0]!);
    const listed =
      members.length > 6 ? `${members.slice(0, 6).join(', #')}, ...` : members.join(', #');
    for (const index of members) {
      const span = duplicates.uidSpan(index);
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
      const findings = findingsByEntry.get(index);
      if (findings) findings.push(diagnostic);
      else findingsByEntry.set(index, [diagnostic]);
      findings?.sort(byPosition);
      diagnostics.push(diagnostic);
    }
  }
}
