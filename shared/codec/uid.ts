/**
 * UID escaping (docs/FORMAT.md, "UID escaping"): ASCII letters and digits stand for
 * themselves; every other character is `$` and two hex digits of its code, lower case as Outlook writes them.
 */
import { hexValue, isAlphanumeric, isUpperHex, lowerHexValue } from './ascii.js';
import { asciiToString } from './ascii-string.js';
import { decodeSequence, encodeUtf8, StringBuilder, validSequenceLength } from './utf8.js';

/** RFC 1939: a UID is 1 to 70 characters in 0x21-0x7E. */
export const MAX_UID_LENGTH = 70;

const DOLLAR = 0x24;

export function isUidCharacter(code: number): boolean {
  return code >= 0x21 && code <= 0x7e;
}

export type UidProblemCode =
  | 'uid.bad-escape'
  | 'uid.unescaped-char'
  | 'uid.invalid-char'
  | 'uid.uppercase-escape'
  | 'uid.escaped-alphanumeric';

/** One kind of problem in an encoded UID: where it first occurs, and how often. */
export interface UidProblem {
  readonly code: UidProblemCode;
  /** First occurrence, as byte offsets (for decodeUid: into the UTF-8 form of the input). */
  readonly start: number;
  readonly end: number;
  readonly count: number;
  /** The first occurrence as written, for messages. */
  readonly sample: string;
  /** Where the next few occurrences start (up to MAX_LISTED_OCCURRENCES), so messages say where. */
  readonly moreAt: readonly number[];
}

/** Later occurrences of one problem in one UID whose offsets a finding lists. */
export const MAX_LISTED_OCCURRENCES = 4;

export interface UidScan {
  readonly uid: string;
  /** Characters in the decoded UID (code points). */
  readonly decodedLength: number;
  /** Problems in first-occurrence order; null when there are none (the common case). */
  readonly problems: UidProblem[] | null;
}

const PROBLEM_ORDER: readonly UidProblemCode[] = [
  'uid.bad-escape',
  'uid.unescaped-char',
  'uid.invalid-char',
  'uid.uppercase-escape',
  'uid.escaped-alphanumeric',
];
const BAD_ESCAPE = 0;
const UNESCAPED = 1;
const INVALID = 2;
const UPPERCASE = 3;
const ESCAPED_ALPHANUMERIC = 4;

/**
 * The scanner's results live in module state rather than in a returned object: the parser
 * scans 65,535 UIDs per BLOB, and an allocation per UID is a measurable share of its budget.
 * Per problem kind: first start, first end, count.
 */
const found = new Int32Array(PROBLEM_ORDER.length * 3);
/** Per problem kind: the starts of its 2nd to (MAX_LISTED_OCCURRENCES + 1)th occurrences. */
const foundMore = new Int32Array(PROBLEM_ORDER.length * MAX_LISTED_OCCURRENCES);
let foundAny = false;
let scannedHash = 0;
let scannedLength = 0;
let scannedHighBit = false;

function note(kind: number, from: number, to: number): void {
  if (!foundAny) {
    found.fill(-1);
    foundAny = true;
  }
  const slot = kind * 3;
  if (found[slot]! < 0) {
    found[slot] = from;
    found[slot + 1] = to;
    found[slot + 2] = 0;
  } else if (found[slot + 2]! <= MAX_LISTED_OCCURRENCES) {
    foundMore[kind * MAX_LISTED_OCCURRENCES + found[slot + 2]! - 1] = from;
  }
  found[slot + 2]!++;
}

/** FNV-1a over the decoded characters: equal UIDs hash equally, however they were escaped. */
function mix(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193);
}

/**
 * Walks the encoded UID in `bytes[start, end)`: decodes it into `builder` (when given), hashes
 * the decoded characters, and notes problems. Malformed escapes are kept literally (`$zz`
 * decodes to `$zz`), so nothing the user wrote disappears from view.
 */
function scan(bytes: Uint8Array, start: number, end: number, builder: StringBuilder | null): void {
  foundAny = false;
  if (builder) builder.reset();
  let hash = 0x811c9dc5;
  let length = 0;
  let highBit = false;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    length++;
    if (isAlphanumeric[byte]) {
      hash = mix(hash, byte);
      if (builder) builder.pushUnit(byte);
      continue;
    }
    if (byte === DOLLAR) {
      const high = i + 1 < end ? hexValue[bytes[i + 1]!]! : 0xff;
      const low = i + 2 < end ? hexValue[bytes[i + 2]!]! : 0xff;
      if (high !== 0xff && low !== 0xff) {
        const code = (high << 4) | low;
        if (isUpperHex[bytes[i + 1]!] || isUpperHex[bytes[i + 2]!]) note(UPPERCASE, i, i + 3);
        if (isAlphanumeric[code]) note(ESCAPED_ALPHANUMERIC, i, i + 3);
        if (!isUidCharacter(code)) note(INVALID, i, i + 3);
        hash = mix(hash, code);
        if (builder) builder.pushUnit(code);
        i += 2;
        continue;
      }
      // The malformed escape: the $ and what follows of a would-be escape, up to two bytes,
      // stopping at another $ (which starts an escape of its own).
      let escapeEnd = i + 1;
      while (escapeEnd < end && escapeEnd < i + 3 && bytes[escapeEnd] !== DOLLAR) escapeEnd++;
      note(BAD_ESCAPE, i, escapeEnd);
      hash = mix(hash, DOLLAR);
      if (builder) builder.pushUnit(DOLLAR);
      continue;
    }
    if (byte < 0x80) {
      note(UNESCAPED, i, i + 1);
      if (!isUidCharacter(byte)) note(INVALID, i, i + 1);
      hash = mix(hash, byte);
      if (builder) builder.pushUnit(byte);
      continue;
    }
    highBit = true;
    const sequence = validSequenceLength(bytes, i, end);
    if (sequence === 0) {
      // Invalid UTF-8 is reported for the whole tag by the parser; keep a placeholder here.
      hash = mix(hash, 0xfffd);
      if (builder) builder.pushUnit(0xfffd);
      continue;
    }
    note(UNESCAPED, i, i + sequence);
    note(INVALID, i, i + sequence);
    const codePoint = decodeSequence(bytes, i, sequence);
    hash = mix(hash, codePoint);
    if (builder) builder.pushCodePoint(codePoint);
    i += sequence - 1;
  }
  scannedHash = hash | 0;
  scannedLength = length;
  scannedHighBit = highBit;
}

/** The problems of the last scan, first occurrence first; null when there were none. */
function scannedProblems(bytes: Uint8Array): UidProblem[] | null {
  if (!foundAny) return null;
  const problems: UidProblem[] = [];
  for (let kind = 0; kind < PROBLEM_ORDER.length; kind++) {
    const from = found[kind * 3]!;
    if (from < 0) continue;
    const to = found[kind * 3 + 1]!;
    let sample = '';
    for (let i = from; i < to; i++) sample += String.fromCharCode(bytes[i]!);
    const count = found[kind * 3 + 2]!;
    const listed = Math.min(count - 1, MAX_LISTED_OCCURRENCES);
    const moreAt: number[] = [];
    for (let k = 0; k < listed; k++) moreAt.push(foundMore[kind * MAX_LISTED_OCCURRENCES + k]!);
    problems.push({ code: PROBLEM_ORDER[kind]!, start: from, end: to, count, sample, moreAt });
  }
  return problems.sort((a, b) => a.start - b.start);
}

/** What the parser needs of a UID, without building its string: a hash, a length, problems. */
export interface UidCheck {
  /** Hash of the decoded UID (equal UIDs, equal hashes). */
  readonly hash: number;
  readonly decodedLength: number;
  /** Whether the encoded UID holds bytes above 0x7F. */
  readonly highBit: boolean;
  readonly problems: UidProblem[] | null;
}

const check = { hash: 0, decodedLength: 0, highBit: false, problems: null as UidProblem[] | null };

/** Hash and length of the UID read by the last scanCanonicalUid that succeeded. */
export const canonicalUid = { hash: 0, length: 0 };

/**
 * The fast path for a UID written as Outlook writes it (letters, digits, lower-case escapes
 * of other printable characters): hash and length in one tight loop, stopping at a NUL or at
 * `limit`. Returns where it stopped, or -1 at the first byte Outlook would not have written
 * (the full scan then takes over; both hash the same way). The parser's fast path uses the
 * NUL stop to find the end of the tag in the same pass.
 */
export function scanCanonicalUid(bytes: Uint8Array, start: number, limit: number): number {
  let hash = 0x811c9dc5;
  let length = 0;
  let i = start;
  for (; i < limit; i++) {
    const byte = bytes[i]!;
    if (isAlphanumeric[byte] === 1) {
      hash = Math.imul(hash ^ byte, 0x01000193);
      length++;
      continue;
    }
    if (byte === 0) break;
    if (byte !== DOLLAR || i + 2 >= limit) return -1;
    const high = lowerHexValue[bytes[i + 1]!]!;
    const low = lowerHexValue[bytes[i + 2]!]!;
    if (high === 0xff || low === 0xff) return -1;
    const code = (high << 4) | low;
    if (isAlphanumeric[code] === 1 || code < 0x21 || code > 0x7e) return -1;
    hash = Math.imul(hash ^ code, 0x01000193);
    length++;
    i += 2;
  }
  canonicalUid.hash = hash | 0;
  canonicalUid.length = length;
  return i;
}

/**
 * scanCanonicalUid for the parser's fast path, which also writes the decoded UID (ASCII) into
 * `out` at `at`: the document makes every UID string from that buffer at once later, without
 * reading the BLOB's UIDs a second time. Same results in canonicalUid; `out` needs room for
 * `limit - start` bytes.
 */
export function readCanonicalUid(
  bytes: Uint8Array,
  start: number,
  limit: number,
  out: Uint8Array,
  at: number,
): number {
  let hash = 0x811c9dc5;
  let o = at;
  let i = start;
  for (; i < limit; i++) {
    const byte = bytes[i]!;
    if (isAlphanumeric[byte] === 1) {
      hash = Math.imul(hash ^ byte, 0x01000193);
      out[o++] = byte;
      continue;
    }
    if (byte === 0) break;
    if (byte !== DOLLAR || i + 2 >= limit) return -1;
    const high = lowerHexValue[bytes[i + 1]!]!;
    const low = lowerHexValue[bytes[i + 2]!]!;
    if (high === 0xff || low === 0xff) return -1;
    const code = (high << 4) | low;
    if (isAlphanumeric[code] === 1 || code < 0x21 || code > 0x7e) return -1;
    hash = Math.imul(hash ^ code, 0x01000193);
    out[o++] = code;
    i += 2;
  }
  canonicalUid.hash = hash | 0;
  canonicalUid.length = o - at;
  return i;
}

/**
 * Checks the encoded UID in `bytes[start, end)` without decoding it to a string. The result
 * object is reused by the next call: read it before calling again.
 */
export function checkUid(bytes: Uint8Array, start: number, end: number): UidCheck {
  // A tag's body holds no NUL, so a canonical UID scans to its very end.
  if (scanCanonicalUid(bytes, start, end) === end) {
    check.hash = canonicalUid.hash;
    check.decodedLength = canonicalUid.length;
    check.highBit = false;
    check.problems = null;
    return check;
  }
  scan(bytes, start, end, null);
  check.hash = scannedHash;
  check.decodedLength = scannedLength;
  check.highBit = scannedHighBit;
  check.problems = scannedProblems(bytes);
  return check;
}

const sharedBuilder = new StringBuilder();

/** Decodes the encoded UID in `bytes[start, end)` and reports its problems. */
export function scanUid(bytes: Uint8Array, start: number, end: number): UidScan {
  scan(bytes, start, end, sharedBuilder);
  return {
    uid: sharedBuilder.toString(),
    decodedLength: scannedLength,
    problems: scannedProblems(bytes),
  };
}

/**
 * Decodes the UID in `bytes[start, end)` into `out` at `at` when it decodes to ASCII (letters,
 * digits and well-formed escapes below 0x80, whatever their case); returns the new end, or -1
 * for anything else, which takes the full scan. `out` needs room for `end - start` bytes.
 */
export function decodeAsciiUid(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  at: number,
): number {
  let o = at;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (isAlphanumeric[byte] === 1) {
      out[o++] = byte;
      continue;
    }
    if (byte !== DOLLAR || i + 2 >= end) return -1;
    const high = hexValue[bytes[i + 1]!]!;
    const low = hexValue[bytes[i + 2]!]!;
    if (high > 7 || low === 0xff) return -1;
    out[o++] = (high << 4) | low;
    i += 2;
  }
  return o;
}

let asciiScratch = new Uint8Array(256);

/** Only the decoded UID in `bytes[start, end)`. */
export function decodeUidBytes(bytes: Uint8Array, start: number, end: number): string {
  if (asciiScratch.length < end - start) asciiScratch = new Uint8Array(end - start);
  const length = decodeAsciiUid(bytes, start, end, asciiScratch, 0);
  if (length >= 0) return asciiToString(asciiScratch, 0, length);
  scan(bytes, start, end, sharedBuilder);
  return sharedBuilder.toString();
}

/** Decodes an encoded UID given as text. Problem offsets are into the text's UTF-8 bytes. */
export function decodeUid(raw: string): UidScan {
  const bytes = encodeUtf8(raw);
  return scanUid(bytes, 0, bytes.length);
}

export class UidEncodeError extends RangeError {
  constructor(
    message: string,
    /** Position of the offending character in the UID. */
    readonly position: number,
  ) {
    super(message);
    this.name = 'UidEncodeError';
  }
}

/**
 * Encodes a UID the way Outlook writes it. Every character must fit in one byte (an escape
 * holds two hex digits); anything else throws UidEncodeError naming the position.
 */
export function encodeUid(uid: string): string {
  let encoded = '';
  for (let i = 0; i < uid.length; i++) {
    const code = uid.charCodeAt(i);
    if (code < 256 && isAlphanumeric[code]) {
      encoded += uid[i];
    } else if (code < 256) {
      encoded += '$' + code.toString(16).padStart(2, '0');
    } else {
      throw new UidEncodeError(
        `character '${uid[i]}' (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at ` +
          `position ${i + 1} cannot be escaped: an escape holds one byte`,
        i,
      );
    }
  }
  return encoded;
}

export interface UidValidationProblem {
  readonly code: 'uid.empty' | 'uid.too-long' | 'uid.invalid-char';
  readonly message: string;
  /** Character position in the decoded UID, when the problem has one. */
  readonly position?: number;
}

/** What RFC 1939 says of a decoded UID: 1-70 characters in 0x21-0x7E. */
/** Bad characters named one by one in a validation message; the rest are counted. */
const MAX_NAMED_CHARACTERS = 5;

export function validateUid(uid: string): UidValidationProblem[] {
  const problems: UidValidationProblem[] = [];
  if (uid.length === 0) problems.push({ code: 'uid.empty', message: 'the UID is empty' });
  if (uid.length > MAX_UID_LENGTH) {
    problems.push({
      code: 'uid.too-long',
      message: `the UID has ${uid.length} characters; RFC 1939 allows at most ${MAX_UID_LENGTH}`,
    });
  }
  // Every bad character is named (the first few, then how many more), not only the first: the
  // user fixes them all in one go.
  const bad: string[] = [];
  let badCount = 0;
  let first = -1;
  for (let i = 0; i < uid.length; i++) {
    if (isUidCharacter(uid.charCodeAt(i))) continue;
    if (first < 0) first = i;
    badCount++;
    if (bad.length < MAX_NAMED_CHARACTERS) {
      const code = uid.charCodeAt(i).toString(16).toUpperCase().padStart(2, '0');
      bad.push(`0x${code} at position ${i + 1}`);
    }
  }
  if (badCount > 0) {
    const more = badCount - bad.length;
    const list =
      more > 0
        ? `${bad.join(', ')} and ${more} more`
        : bad.length === 1
          ? bad[0]!
          : `${bad.slice(0, -1).join(', ')} and ${bad[bad.length - 1]}`;
    problems.push({
      code: 'uid.invalid-char',
      message:
        badCount === 1
          ? `character ${list} is outside the printable ASCII RFC 1939 allows`
          : `characters ${list} are outside the printable ASCII RFC 1939 allows`,
      position: first,
    });
  }
  return problems;
}
