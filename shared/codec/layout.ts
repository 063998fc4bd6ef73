/** The fixed facts of the BLOB layout (docs/FORMAT.md, "Layout"). */
import { TIMESTAMP_DIGITS } from './timestamp.js';
import type { EntrySpans } from './types.js';

/** `PBLOB_VERSION_NUM`: the only version Outlook writes. */
export const BLOB_VERSION = 3;
/** Version (2 bytes) and Count (2 bytes). */
export const HEADER_LENGTH = 4;
/** Count is 16 bits. */
export const MAX_TAG_COUNT = 0xffff;
/** Operation, content and the 14-digit time: the UID starts this far into a tag. */
export const UID_OFFSET = 2 + TIMESTAMP_DIGITS;

/**
 * Where a tag's body (everything but its NUL) ends. A tag ends at its first NUL, so only a
 * terminated tag's last byte is 0.
 */
export function bodyEnd(bytes: Uint8Array, offset: number, length: number): number {
  const end = offset + length;
  return bytes[end - 1] === 0 ? end - 1 : end;
}

/**
 * Where each field of a tag lies, from its offset, length and whether it ends in a NUL.
 * Fields a short tag lacks are empty spans at the end of its body.
 */
export function entrySpans(entry: {
  readonly offset: number;
  readonly length: number;
  readonly terminated: boolean;
}): EntrySpans {
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
