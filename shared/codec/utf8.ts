/**
 * The few UTF-8 operations the format needs, written out because shared/ may not rely on a
 * host's TextDecoder, and because diagnostics need the exact byte range of each invalid
 * sequence, which a decoder does not report.
 */

/**
 * Length (1-4) of the well-formed UTF-8 sequence that starts at `i` and ends before `end`, or 0
 * when the byte at `i` does not start one (Unicode Table 3-7: no overlongs, no surrogates,
 * nothing above U+10FFFF).
 */
export function validSequenceLength(bytes: Uint8Array, i: number, end: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  if (b0 < 0xc2 || b0 > 0xf4) return 0;
  const available = end - i;
  const b1 = available > 1 ? bytes[i + 1]! : -1;
  if (b0 < 0xe0) return isContinuation(b1) ? 2 : 0;
  const low = b0 === 0xe0 ? 0xa0 : b0 === 0xf0 ? 0x90 : 0x80;
  const high = b0 === 0xed ? 0x9f : b0 === 0xf4 ? 0x8f : 0xbf;
  if (b1 < low || b1 > high) return 0;
  const b2 = available > 2 ? bytes[i + 2]! : -1;
  if (!isContinuation(b2)) return 0;
  if (b0 < 0xf0) return 3;
  const b3 = available > 3 ? bytes[i + 3]! : -1;
  return isContinuation(b3) ? 4 : 0;
}

function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf;
}

/** The code point of a sequence already checked by validSequenceLength. */
export function decodeSequence(bytes: Uint8Array, i: number, length: number): number {
  const b0 = bytes[i]!;
  if (length === 1) return b0;
  if (length === 2) return ((b0 & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
  if (length === 3)
    return ((b0 & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
  return (
    ((b0 & 0x07) << 18) |
    ((bytes[i + 1]! & 0x3f) << 12) |
    ((bytes[i + 2]! & 0x3f) << 6) |
    (bytes[i + 3]! & 0x3f)
  );
}

/** The invalid sequences in `[start, end)`, adjacent invalid bytes merged into one range. */
export function invalidUtf8Ranges(
  bytes: Uint8Array,
  start: number,
  end: number,
): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let i = start;
  while (i < end) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const length = validSequenceLength(bytes, i, end);
    if (length > 0) {
      i += length;
      continue;
    }
    const last = ranges[ranges.length - 1];
    if (last && last.end === i) ranges.push({ start: ranges.pop()!.start, end: i + 1 });
    else ranges.push({ start: i, end: i + 1 });
    i++;
  }
  return ranges;
}

/**
 * Reusable plain arrays of each exact length. String.fromCharCode.apply over a plain array is
 * several times cheaper, garbage included, than over a typed-array view, than concatenating
 * characters, or than an array whose length is changed at every call (measured in bench/).
 */
const SMALL = 256;
const exactArrays: number[][] = [];
function exactArray(length: number): number[] {
  return (exactArrays[length] ??= new Array<number>(length).fill(0));
}

const CHUNK = 8192;

/** The string of code units `units[start, end)`. */
export function unitsToString(units: ArrayLike<number>, start: number, end: number): string {
  const length = end - start;
  if (length <= SMALL) {
    const array = exactArray(length);
    for (let i = 0; i < length; i++) array[i] = units[start + i]!;
    return String.fromCharCode.apply(null, array);
  }
  // Long runs in chunks, so no call gets more arguments than the stack takes. A typed array's
  // chunks go to apply() as views; at 8 KiB a view costs less than copying to a plain array.
  const parts: string[] = [];
  for (let chunk = start; chunk < end; chunk += CHUNK) {
    const chunkEnd = Math.min(chunk + CHUNK, end);
    if (ArrayBuffer.isView(units)) {
      const view = (units as Uint16Array).subarray(chunk, chunkEnd);
      parts.push(String.fromCharCode.apply(null, view as unknown as number[]));
      continue;
    }
    const array = new Array<number>(chunkEnd - chunk);
    for (let i = chunk; i < chunkEnd; i++) array[i - chunk] = units[i]!;
    parts.push(String.fromCharCode.apply(null, array));
  }
  return parts.join('');
}

/** Collects UTF-16 code units, then makes one string of them. */
export class StringBuilder {
  private readonly units: number[] = [];
  length = 0;

  reset(): void {
    this.length = 0;
  }

  pushCodePoint(codePoint: number): void {
    if (codePoint > 0xffff) {
      const offset = codePoint - 0x10000;
      this.units[this.length++] = 0xd800 + (offset >> 10);
      this.units[this.length++] = 0xdc00 + (offset & 0x3ff);
    } else {
      this.units[this.length++] = codePoint;
    }
  }

  pushUnit(unit: number): void {
    this.units[this.length++] = unit;
  }

  toString(): string {
    return unitsToString(this.units, 0, this.length);
  }
}

/** Decodes `[start, end)` as UTF-8, one U+FFFD for each byte that is not part of a valid sequence. */
export function decodeUtf8Lossy(bytes: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return unitsToString(bytes, start, end);
  const builder = new StringBuilder();
  let i = start;
  while (i < end) {
    const length = validSequenceLength(bytes, i, end);
    if (length === 0) {
      builder.pushUnit(0xfffd);
      i++;
    } else {
      builder.pushCodePoint(decodeSequence(bytes, i, length));
      i += length;
    }
  }
  return builder.toString();
}

/** Encodes a string as UTF-8; lone surrogates become U+FFFD, as a TextEncoder does. */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let codePoint = text.charCodeAt(i);
    if (codePoint >= 0xd800 && codePoint <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) codePoint = 0xfffd;
    if (codePoint < 0x80) out.push(codePoint);
    else if (codePoint < 0x800) out.push(0xc0 | (codePoint >> 6), 0x80 | (codePoint & 0x3f));
    else if (codePoint < 0x10000)
      out.push(
        0xe0 | (codePoint >> 12),
        0x80 | ((codePoint >> 6) & 0x3f),
        0x80 | (codePoint & 0x3f),
      );
    else
      out.push(
        0xf0 | (codePoint >> 18),
        0x80 | ((codePoint >> 12) & 0x3f),
        0x80 | ((codePoint >> 6) & 0x3f),
        0x80 | (codePoint & 0x3f),
      );
  }
  return Uint8Array.from(out);
}
