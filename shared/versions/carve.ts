/**
 * Finds where a history BLOB's shape starts in a run of bytes that may hold anything (a store's
 * blocks, a `.msg`, a disk image): `03 00`, a Count of at least 1, then tags `[+-&][ hb]`, 14
 * digits, a UID and a NUL (docs/FORMAT.md, "Layout" and "How carving works"). Pure: the caller
 * reads the file in chunks and hands each one here, with the table that decodes the store's
 * bytewise (compressible) encoding when there is one, so a 2 GB store is never decoded whole.
 */

/** More than any real tag: operation, content, 14 digits, 70 UID characters escaped ($hh), NUL. */
export const MAX_CARVED_TAG_BYTES = 1024;
const HEADER_BYTES = 4;
const TAG_PREFIX_BYTES = 16;

/** Why the tag walk stopped. */
export type ShapeEnd =
  /** Every counted tag was read. */
  | 'complete'
  /** A tag broke the shape: the copy was overwritten there. */
  | 'cut'
  /** The bytes given ended inside the BLOB; more bytes of the file may complete it. */
  | 'more';

export interface BlobShape {
  /** Offset of the `03 00`, in the bytes given. */
  readonly start: number;
  readonly declaredCount: number;
  /** Tags read whole, in Count order. */
  readonly tagsRead: number;
  /** Where the last whole tag ends (its NUL included); `start + 4` when none was. */
  readonly tagsEnd: number;
  readonly end: ShapeEnd;
}

/** A table that maps every byte to itself: bytes that are not encoded. */
export const IDENTITY_TABLE: Uint8Array = Uint8Array.from({ length: 256 }, (_, i) => i);

/** The inverse of a 256-entry decoding table (it must be a permutation). */
export function encodingOf(decode: Uint8Array): Uint8Array {
  const encode = new Uint8Array(256);
  for (let raw = 0; raw < 256; raw++) encode[decode[raw]!] = raw;
  return encode;
}

const isOp = (byte: number): boolean => byte === 0x2b || byte === 0x2d || byte === 0x26;
const isContent = (byte: number): boolean => byte === 0x20 || byte === 0x68 || byte === 0x62;
const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;

/**
 * Reads the tag walk of a BLOB starting at `start` in `bytes` (decoded through `decode`), no
 * further than `limit`. Null when no shape starts there: not `03 00`, a Count of 0, or not even
 * one whole tag.
 */
export function readBlobShape(
  bytes: Uint8Array,
  start: number,
  limit: number,
  decode: Uint8Array = IDENTITY_TABLE,
): BlobShape | null {
  const at = (i: number): number => decode[bytes[i]!]!;
  if (start + HEADER_BYTES + TAG_PREFIX_BYTES + 2 > limit) return null;
  if (at(start) !== 3 || at(start + 1) !== 0) return null;
  const declaredCount = at(start + 2) | (at(start + 3) << 8);
  if (declaredCount === 0) return null;
  let position = start + HEADER_BYTES;
  let tagsRead = 0;
  let end: ShapeEnd = 'complete';
  while (tagsRead < declaredCount) {
    const tag = readTag(position, limit, at);
    if (tag === 'more' || tag === 'cut') {
      end = tag;
      break;
    }
    position = tag;
    tagsRead++;
  }
  if (tagsRead === 0) return null;
  return { start, declaredCount, tagsRead, tagsEnd: position, end };
}

/** One tag at `position`: the offset after its NUL, 'cut' when the shape breaks, 'more' at `limit`. */
function readTag(
  position: number,
  limit: number,
  at: (i: number) => number,
): number | 'cut' | 'more' {
  for (let i = 0; i < TAG_PREFIX_BYTES; i++) {
    if (position + i >= limit) return 'more';
    const byte = at(position + i);
    const ok = i === 0 ? isOp(byte) : i === 1 ? isContent(byte) : isDigit(byte);
    if (!ok) return 'cut';
  }
  const last = position + MAX_CARVED_TAG_BYTES;
  for (let i = position + TAG_PREFIX_BYTES; i < last; i++) {
    if (i >= limit) return 'more';
    const byte = at(i);
    // A UID is at least one character; control bytes never appear in one Outlook writes.
    if (byte === 0) return i === position + TAG_PREFIX_BYTES ? 'cut' : i + 1;
    if (byte < 0x20 || byte === 0x7f) return 'cut';
  }
  return 'cut';
}

/**
 * Offsets in `[from, to)` where a BLOB's shape starts in `bytes` decoded through `decode`. The
 * shape may run on to `limit` (≥ `to`), so a BLOB that starts before a chunk's end but crosses
 * it is still found once: by the chunk it starts in.
 */
export function findBlobShapes(
  bytes: Uint8Array,
  from: number,
  to: number,
  limit: number,
  decode: Uint8Array = IDENTITY_TABLE,
): BlobShape[] {
  // Search for the encoded `03` natively, then check the rest: the bytes are never decoded whole.
  const three = encodingOf(decode)[3]!;
  const zero = encodingOf(decode)[0]!;
  const shapes: BlobShape[] = [];
  let i = bytes.indexOf(three, from);
  while (i !== -1 && i < to) {
    if (i + 1 < limit && bytes[i + 1] === zero) {
      const shape = readBlobShape(bytes, i, limit, decode);
      if (shape !== null) shapes.push(shape);
    }
    i = bytes.indexOf(three, i + 1);
  }
  return shapes;
}

/**
 * How many bytes the version spans: the tags, then Outlook's `Count + 4` bytes of slack when
 * every tag was read and the slack fits before `limit` (Outlook writes it after every history,
 * docs/FORMAT.md); else the tags only.
 */
export function shapeLength(shape: BlobShape, limit: number): number {
  const slackEnd = shape.tagsEnd + shape.declaredCount + 4;
  const end = shape.end === 'complete' && slackEnd <= limit ? slackEnd : shape.tagsEnd;
  return end - shape.start;
}

/** `bytes[start, start + length)` decoded through `decode`, as a new array. */
export function decodedCopy(
  bytes: Uint8Array,
  start: number,
  length: number,
  decode: Uint8Array = IDENTITY_TABLE,
): Uint8Array {
  const out = bytes.slice(start, start + length);
  if (decode !== IDENTITY_TABLE) for (let i = 0; i < out.length; i++) out[i] = decode[out[i]!]!;
  return out;
}
