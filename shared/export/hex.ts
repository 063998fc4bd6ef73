/** Hex text: one line for MFCMAPI's binary editor, or a `hexdump -C` dump for people. */
import { asciiToString } from '../codec/ascii-string.js';

const BYTES_PER_LINE = 16;
const SPACE = 0x20;
const BAR = 0x7c;
const DOT = 0x2e;
const NEWLINE = 0x0a;

function digitCodes(digits: string): Uint8Array {
  return Uint8Array.from(digits, (char) => char.charCodeAt(0));
}
const UPPER_DIGITS = digitCodes('0123456789ABCDEF');
const LOWER_DIGITS = digitCodes('0123456789abcdef');

export interface HexLineOptions {
  /** Lower-case digits; the default is upper case, as MFCMAPI shows them. */
  readonly lowerCase?: boolean;
}

/** Every byte as two hex digits, no separators and no line break. */
export function toHexLine(bytes: Uint8Array, options: HexLineOptions = {}): string {
  const digits = options.lowerCase ? LOWER_DIGITS : UPPER_DIGITS;
  const out = new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    out[2 * i] = digits[byte >> 4]!;
    out[2 * i + 1] = digits[byte & 15]!;
  }
  return asciiToString(out, 0, out.length);
}

/**
 * The dump `hexdump -C -v` prints: 8-digit offset, two groups of eight bytes, the printable
 * ASCII between bars, and a last line holding the total length; nothing for empty input.
 * Repeated lines are written out, not folded into `*` as plain `hexdump -C` does, so every
 * byte is in the text and a reader needs no folding rule to get them back.
 */
export function toHexDump(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  const lineCount = Math.ceil(bytes.length / BYTES_PER_LINE);
  // Per line: offset (8), 2 spaces, 16 x "xx " plus the group gap (49), " |", ASCII, "|\n".
  const out = new Uint8Array(lineCount * 63 + bytes.length + 9);
  let at = 0;
  const writeOffset = (offset: number): void => {
    for (let shift = 28; shift >= 0; shift -= 4) out[at++] = LOWER_DIGITS[(offset >>> shift) & 15]!;
  };
  for (let start = 0; start < bytes.length; start += BYTES_PER_LINE) {
    const end = Math.min(bytes.length, start + BYTES_PER_LINE);
    writeOffset(start);
    out[at++] = SPACE;
    out[at++] = SPACE;
    for (let i = start; i < start + BYTES_PER_LINE; i++) {
      if (i === start + 8) out[at++] = SPACE;
      if (i < end) {
        out[at++] = LOWER_DIGITS[bytes[i]! >> 4]!;
        out[at++] = LOWER_DIGITS[bytes[i]! & 15]!;
      } else {
        out[at++] = SPACE;
        out[at++] = SPACE;
      }
      out[at++] = SPACE;
    }
    out[at++] = SPACE;
    out[at++] = BAR;
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      out[at++] = byte >= 0x20 && byte <= 0x7e ? byte : DOT;
    }
    out[at++] = BAR;
    out[at++] = NEWLINE;
  }
  writeOffset(bytes.length);
  out[at++] = NEWLINE;
  return asciiToString(out, 0, at);
}
