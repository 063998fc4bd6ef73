/**
 * UID escaping (FORMAT.md): ASCII letters and digits stand for themselves; every other
 * character is `$` and two hex digits of its code, lower case as Outlook writes them.
 */
import { decodeSequence, encodeUtf8, StringBuilder, validSequenceLength } from './utf8.js';

/** RFC 1939: a UID is 1 to 70 characters in 0x21-0x7E. */
export const MAX_UID_LENGTH = 70;

const DOLLAR = 0x24;
const isAlphanumeric = new Uint8Array(256);
const hexValue = new Uint8Array(256).fill(0xff);
const isUpperHex = new Uint8Array(256);
for (let code = 0; code < 256; code++) {
  const char = String.fromCharCode(code);
  if (/^[A-Za-z0-9]$/.test(char)) isAlphanumeric[code] = 1;
  if (/^[0-9a-fA-F]$/.test(char)) hexValue[code] = parseInt(char, 16);
  if (/^[A-F]$/.test(char)) isUpperHex[code] = 1;
}

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
}

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

/**
 * Decodes the encoded UID in `bytes[start, end)`. Malformed escapes are kept literally
 * (`$zz` decodes to `$zz`), so nothing the user wrote disappears from view.
 */
export function scanUid(
  bytes: Uint8Array,
  start: number,
  end: number,
  builder: StringBuilder = new StringBuilder(),
): UidScan {
  builder.reset();
  let decodedLength = 0;
  // Per problem kind: first start, first end, count. Allocated only when something is wrong.
  let found: Int32Array | null = null;
  const note = (kind: number, from: number, to: number): void => {
    found ??= new Int32Array(PROBLEM_ORDER.length * 3).fill(-1);
    const slot = kind * 3;
    if (found[slot]! < 0) {
      found[slot] = from;
      found[slot + 1] = to;
      found[slot + 2] = 0;
    }
    found[slot + 2]!++;
  };

  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    decodedLength++;
    if (isAlphanumeric[byte]) {
      builder.pushUnit(byte);
      continue;
    }
    if (byte === DOLLAR) {
      const high = i + 1 < end ? hexValue[bytes[i + 1]!]! : 0xff;
      const low = i + 2 < end ? hexValue[bytes[i + 2]!]! : 0xff;
      if (high !== 0xff && low !== 0xff) {
        const code = (high << 4) | low;
        if (isUpperHex[bytes[i + 1]!] || isUpperHex[bytes[i + 2]!]) note(3, i, i + 3);
        if (isAlphanumeric[code]) note(4, i, i + 3);
        if (!isUidCharacter(code)) note(2, i, i + 3);
        builder.pushUnit(code);
        i += 2;
        continue;
      }
      // The malformed escape: the $ and what follows of a would-be escape, up to two bytes,
      // stopping at another $ (which starts an escape of its own).
      let escapeEnd = i + 1;
      while (escapeEnd < end && escapeEnd < i + 3 && bytes[escapeEnd] !== DOLLAR) escapeEnd++;
      note(0, i, escapeEnd);
      builder.pushUnit(DOLLAR);
      continue;
    }
    if (byte < 0x80) {
      note(1, i, i + 1);
      if (!isUidCharacter(byte)) note(2, i, i + 1);
      builder.pushUnit(byte);
      continue;
    }
    const length = validSequenceLength(bytes, i, end);
    if (length === 0) {
      // Invalid UTF-8 is reported for the whole tag by the parser; keep a placeholder here.
      builder.pushUnit(0xfffd);
      continue;
    }
    note(1, i, i + length);
    note(2, i, i + length);
    builder.pushCodePoint(decodeSequence(bytes, i, length));
    i += length - 1;
  }

  let problems: UidProblem[] | null = null;
  if (found) {
    const slots: Int32Array = found;
    problems = [];
    for (let kind = 0; kind < PROBLEM_ORDER.length; kind++) {
      const from = slots[kind * 3]!;
      if (from < 0) continue;
      const to = slots[kind * 3 + 1]!;
      let sample = '';
      for (let i = from; i < to; i++) sample += String.fromCharCode(bytes[i]!);
      problems.push({
        code: PROBLEM_ORDER[kind]!,
        start: from,
        end: to,
        count: slots[kind * 3 + 2]!,
        sample,
      });
    }
    problems.sort((a, b) => a.start - b.start);
  }
  return { uid: builder.toString(), decodedLength, problems };
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
export function validateUid(uid: string): UidValidationProblem[] {
  const problems: UidValidationProblem[] = [];
  if (uid.length === 0) problems.push({ code: 'uid.empty', message: 'the UID is empty' });
  if (uid.length > MAX_UID_LENGTH) {
    problems.push({
      code: 'uid.too-long',
      message: `the UID has ${uid.length} characters; RFC 1939 allows at most ${MAX_UID_LENGTH}`,
    });
  }
  for (let i = 0; i < uid.length; i++) {
    if (!isUidCharacter(uid.charCodeAt(i))) {
      const code = uid.charCodeAt(i).toString(16).toUpperCase().padStart(2, '0');
      problems.push({
        code: 'uid.invalid-char',
        message: `character 0x${code} at position ${i + 1} is outside the printable ASCII RFC 1939 allows`,
        position: i,
      });
      break;
    }
  }
  return problems;
}
