/**
 * Decoding every UID of a document at once. Building 65,535 strings one by one costs more than
 * parsing the whole BLOB; the parser's fast path already writes each canonical UID, decoded,
 * into one ASCII buffer (canonical-tag.ts), so one string is made of that buffer and sliced
 * (V8 slices share the parent's characters). Only the other UIDs are decoded one by one.
 */
import { asciiToString } from './ascii-string.js';

/** The decoded UIDs the parser wrote, back to back. */
export interface DecodedUids {
  readonly buffer: Uint8Array;
  /** Bytes of `buffer` written. */
  readonly length: number;
  /** Per entry: where its decoded UID ends in `buffer` (it starts where the previous one
   * written ended), or -1 when the parser did not write it (not a canonical tag). */
  readonly ends: Int32Array;
}

/** Every UID, decoded: from `decoded` where written there, else from `decodeOne(index)`. */
export function decodeAllUids(
  decoded: DecodedUids,
  count: number,
  decodeOne: (index: number) => string,
): string[] {
  const { buffer, ends } = decoded;
  const uids = new Array<string>(count);
  const all = asciiToString(buffer, 0, decoded.length);
  let from = 0;
  for (let index = 0; index < count; index++) {
    const to = ends[index]!;
    if (to < 0) {
      uids[index] = decodeOne(index);
      continue;
    }
    uids[index] = all.substring(from, to);
    from = to;
  }
  return uids;
}
