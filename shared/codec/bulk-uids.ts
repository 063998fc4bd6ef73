/**
 * Decoding every UID of a document at once. Building 65,535 strings one by one costs more than
 * parsing the whole BLOB; decoding them all into one ASCII buffer, making one string of it and
 * slicing that (V8 slices share the parent's characters) costs about a third as much.
 */
import { decodeAsciiUid, decodeUidBytes } from './uid.js';
import { asciiToString } from './ascii-string.js';

/**
 * Every UID, decoded: `uidStart(i)` and `uidEnd(i)` give entry i's encoded UID range. Entries already decoded in
 * `known` are reused.
 */
export function decodeAllUids(
  bytes: Uint8Array,
  count: number,
  uidStart: (index: number) => number,
  uidEnd: (index: number) => number,
  known: readonly (string | undefined)[],
): string[] {
  const uids = new Array<string>(count);
  // Decoded UIDs are never longer than encoded ones, so the BLOB's size bounds the buffer.
  const buffer = new Uint8Array(bytes.length);
  const ends = new Int32Array(count).fill(-1);
  let used = 0;
  for (let index = 0; index < count; index++) {
    const cached = known[index];
    if (cached !== undefined) {
      uids[index] = cached;
      continue;
    }
    const start = uidStart(index);
    const end = uidEnd(index);
    const next = start < end ? decodeAsciiUid(bytes, start, end, buffer, used) : used;
    if (next < 0) {
      uids[index] = decodeUidBytes(bytes, start, end);
    } else {
      used = next;
      ends[index] = next;
    }
  }
  const all = asciiToString(buffer, 0, used);
  let from = 0;
  for (let index = 0; index < count; index++) {
    const to = ends[index]!;
    if (to < 0) continue;
    uids[index] = all.substring(from, to);
    from = to;
  }
  return uids;
}
