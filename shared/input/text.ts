// Turning input bytes into text (UTF-8, or UTF-16 with a byte-order mark, as Windows tools write
// .reg files), and pointing back from a character to its line, column and byte offset.
// Hand-written, so invalid bytes and positions are handled our way; only runs of ASCII go to
// the host's decoder (asciiToString), which has nothing to decide for them.

import { asciiToString } from '../codec/ascii-string.js';
import { unitsToString } from '../codec/utf8.js';
import { InputDecodeError, type TextPosition } from './types.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Text decoded from the input, with what is needed to point back into the input bytes. */
export interface TextSource {
  readonly input: Uint8Array;
  /** The decoded text, without its byte-order mark. */
  readonly text: string;
  readonly encoding: TextEncoding;
  /** Length in bytes of the byte-order mark that was skipped (0 when there was none). */
  readonly bomLength: number;
}

const REPLACEMENT_CHARACTER = 0xfffd;

/** Decodes input bytes as text: UTF-16 when a byte-order mark says so, UTF-8 otherwise. */
export function decodeText(input: Uint8Array): TextSource {
  const encoding = utf16Encoding(input);
  if (encoding !== undefined) {
    return { input, text: decodeUtf16(input, encoding === 'utf-16le'), encoding, bomLength: 2 };
  }
  const bomLength = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  return { input, text: decodeUtf8(input, bomLength), encoding: 'utf-8', bomLength };
}

/** The UTF-16 encoding announced by a byte-order mark at the start of the input, if any. */
export function utf16Encoding(input: Uint8Array): TextEncoding | undefined {
  if (input[0] === 0xff && input[1] === 0xfe) return 'utf-16le';
  if (input[0] === 0xfe && input[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * NUL, the C0 controls other than tab, line feed, vertical tab, form feed and carriage return,
 * and DEL: characters that pasted or saved text does not hold, so their presence means binary.
 */
export function isControlCode(code: number): boolean {
  return (code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f;
}

/** Index of the first control byte (see isControlCode), or -1. */
export function findControlByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if (isControlCode(bytes[i] ?? 0)) return i;
  }
  return -1;
}

/** Index of the first control character (see isControlCode), or -1. */
export function findControlChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (isControlCode(text.charCodeAt(i))) return i;
  }
  return -1;
}

/** Space, tab, line feed, vertical tab, form feed or carriage return. */
export function isSpaceCode(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/**
 * Index of the line break (or end of text) that ends the line containing `from`; with `limit`,
 * the search stops there and returns `limit` for a longer line.
 */
export function lineEndAt(text: string, from: number, limit = text.length): number {
  const end = Math.min(limit, text.length);
  for (let i = from; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) return i;
  }
  return end;
}

/** Length of the line break at `index`: 2 for CR LF, 1 for a lone CR or LF, 0 at the end. */
export function lineBreakLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code === 0x0d) return text.charCodeAt(index + 1) === 0x0a ? 2 : 1;
  return code === 0x0a ? 1 : 0;
}

/** First index in [from, end) that is not a space or tab, or `end`. */
export function skipBlanks(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09) break;
    i++;
  }
  return i;
}

/** Index just after the last character in [from, end) that is not a space or tab. */
export function trimBlanksEnd(text: string, from: number, end: number): number {
  let i = end;
  while (i > from) {
    const code = text.charCodeAt(i - 1);
    if (code !== 0x20 && code !== 0x09) break;
    i--;
  }
  return i;
}

/** Index of the first character that is not whitespace, or -1 when the text is blank. */
export function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (!isSpaceCode(text.charCodeAt(i))) return i;
  }
  return -1;
}

/** Line, column (counted in characters) and input byte offset of the character at `index`. */
export function positionAt(source: TextSource, index: number): TextPosition {
  const { text } = source;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    const code = text.charCodeAt(i);
    // CR LF is one line break: count it at the LF.
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < index; i++) {
    // The low half of a surrogate pair is part of the same character.
    if (!isLowSurrogate(text.charCodeAt(i)) || !isHighSurrogate(text.charCodeAt(i - 1))) column++;
  }
  return { line, column, offset: byteOffsetOf(source, index) };
}

/**
 * An InputDecodeError about the character at `index`, whose message reads
 * `${what} at line L, column C${after}`, e.g. "not hex: 'g' at line 3, column 7".
 */
export function errorAt(
  source: TextSource,
  index: number,
  code: string,
  what: string,
  after = '',
): InputDecodeError {
  const position = positionAt(source, index);
  return new InputDecodeError(
    code,
    `${what} at line ${position.line}, column ${position.column}${after}`,
    position,
  );
}

/** The character at `index`, as a message shows it: 'g', a space, U+0003. */
export function describeCharAt(text: string, index: number): string {
  const codePoint = text.codePointAt(index);
  if (codePoint === undefined) return 'the end of the text';
  if (codePoint === 0x20) return 'a space';
  if (codePoint === 0x09) return 'a tab';
  if (codePoint === 0x0a || codePoint === 0x0d) return 'a line break';
  const unicode = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) {
    return `control character ${unicode}`;
  }
  if (codePoint < 0x7f) return `'${String.fromCodePoint(codePoint)}'`;
  return `'${String.fromCodePoint(codePoint)}' (${unicode})`;
}

/** Up to `max` characters of text, with an ellipsis when cut, for quoting in messages. */
export function excerpt(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function byteOffsetOf(source: TextSource, index: number): number {
  if (source.encoding !== 'utf-8') return source.bomLength + 2 * index;
  // Replay the UTF-8 decoding until `index` code units have been produced, so that invalid
  // sequences (one U+FFFD each) map back to the bytes they came from.
  const { input } = source;
  let units = 0;
  let offset = source.bomLength;
  while (units < index && offset < input.length) {
    const sequence = readUtf8(input, offset);
    units += sequence.codePoint > 0xffff ? 2 : 1;
    offset += sequence.length;
  }
  return offset;
}

interface Utf8Sequence {
  codePoint: number;
  /** Bytes consumed; an invalid sequence consumes its longest valid prefix (at least 1 byte). */
  length: number;
}

/** Reads one UTF-8 sequence, rejecting overlong forms, surrogates and values past U+10FFFF. */
function readUtf8(bytes: Uint8Array, at: number): Utf8Sequence {
  const lead = bytes[at] ?? 0;
  if (lead < 0x80) return { codePoint: lead, length: 1 };
  let needed: number;
  let codePoint: number;
  // The allowed range of the second byte is narrower for some leads (Unicode table 3-7).
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    needed = 1;
    codePoint = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    needed = 2;
    codePoint = lead & 0x0f;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    needed = 3;
    codePoint = lead & 0x07;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else {
    return { codePoint: REPLACEMENT_CHARACTER, length: 1 };
  }
  for (let k = 1; k <= needed; k++) {
    const next = bytes[at + k];
    if (next === undefined || next < low || next > high) {
      return { codePoint: REPLACEMENT_CHARACTER, length: k };
    }
    codePoint = (codePoint << 6) | (next & 0x3f);
    low = 0x80;
    high = 0xbf;
  }
  return { codePoint, length: needed + 1 };
}

function decodeUtf8(bytes: Uint8Array, start: number): string {
  // Pasted hex and base64 are ASCII: convert that prefix straight from the bytes.
  let asciiEnd = start;
  while (asciiEnd < bytes.length && (bytes[asciiEnd] ?? 0) < 0x80) asciiEnd++;
  const ascii = asciiToString(bytes, start, asciiEnd);
  if (asciiEnd === bytes.length) return ascii;

  // A sequence never yields more UTF-16 code units than it has bytes.
  const units = new Uint16Array(bytes.length - asciiEnd);
  let count = 0;
  for (let i = asciiEnd; i < bytes.length;) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      units[count++] = lead;
      i++;
      continue;
    }
    const { codePoint, length } = readUtf8(bytes, i);
    if (codePoint > 0xffff) {
      const above = codePoint - 0x10000;
      units[count++] = 0xd800 | (above >> 10);
      units[count++] = 0xdc00 | (above & 0x3ff);
    } else {
      units[count++] = codePoint;
    }
    i += length;
  }
  return ascii + unitsToString(units, 0, count);
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const byteCount = bytes.length - 2;
  const units = new Uint16Array(Math.ceil(byteCount / 2));
  for (let unit = 0; unit < units.length; unit++) {
    const first = bytes[2 + 2 * unit] ?? 0;
    const second = bytes[3 + 2 * unit];
    if (second === undefined) {
      // A dangling last byte is not a character.
      units[unit] = REPLACEMENT_CHARACTER;
    } else {
      units[unit] = littleEndian ? first | (second << 8) : (first << 8) | second;
    }
  }
  return unitsToString(units, 0, units.length);
}
