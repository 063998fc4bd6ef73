/**
 * PST-shaped files for the versions search's tests and benchmark: a Unicode header whose
 * checksums hold (so the encoding is read from it), then data blocks on 64-byte boundaries with
 * real trailers (signature and CRC), encoded with the store's method. The B-trees are not
 * built, so a scan of such a file fails and every version found is carved.
 */
import { pstCrc } from '../electron/containers/pst/crc.js';
import { blockSignature, BLOCK_ALIGNMENT } from '../electron/containers/pst/block-trailer.js';
import {
  CRYPT_CYCLIC,
  CRYPT_PERMUTE,
  decodeBlock,
  type CryptMethod,
} from '../electron/containers/pst/crypt.js';
import { MPBB_R } from '../electron/containers/pst/crypt-tables.js';

export const HEADER_BYTES = 1024;
const TRAILER_BYTES = 16;

/** A Unicode PST header (`!BDN`, `SM`, version 23) with `crypt` and valid checksums. */
export function pstHeader(crypt: CryptMethod): Uint8Array {
  const header = new Uint8Array(HEADER_BYTES);
  header.set([0x21, 0x42, 0x44, 0x4e], 0);
  header.set([0x53, 0x4d], 8);
  header[10] = 23;
  header[513] = crypt;
  const view = new DataView(header.buffer);
  view.setUint32(4, pstCrc(header, 8, 8 + 471), true);
  view.setUint32(524, pstCrc(header, 8, 8 + 516), true);
  return header;
}

/** Encodes `data` in place the way a store with `crypt` writes it. */
export function encodeBlock(data: Uint8Array, crypt: CryptMethod, bid: number): void {
  if (crypt === CRYPT_PERMUTE) {
    for (let i = 0; i < data.length; i++) data[i] = MPBB_R[data[i]!]!;
  } else if (crypt === CRYPT_CYCLIC) {
    // [MS-PST] 5.2: the cyclic method is its own inverse.
    decodeBlock(data, CRYPT_CYCLIC, bid);
  }
}

/** Bytes a block of `cb` data bytes takes in the file: data and trailer, rounded up to 64. */
export function storedBlockBytes(cb: number): number {
  return Math.ceil((cb + TRAILER_BYTES) / BLOCK_ALIGNMENT) * BLOCK_ALIGNMENT;
}

/**
 * Writes `data` as data block `bid` at `offset` (a multiple of 64) of `file`, encoded, with its
 * trailer; returns the offset after it. `fileOffset` is where `offset` lies in the whole file
 * when `file` is one chunk of it (the trailer's signature depends on it).
 */
export function writeBlock(
  file: Uint8Array,
  offset: number,
  bid: number,
  data: Uint8Array,
  crypt: CryptMethod,
  fileOffset = offset,
): number {
  const stored = storedBlockBytes(data.length);
  const encoded = data.slice();
  encodeBlock(encoded, crypt, bid);
  file.set(encoded, offset);
  const trailer = offset + stored - TRAILER_BYTES;
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  view.setUint16(trailer, data.length, true);
  view.setUint16(trailer + 2, blockSignature(fileOffset, bid), true);
  view.setUint32(trailer + 4, pstCrc(file, offset, offset + data.length), true);
  view.setUint32(trailer + 8, bid % 0x1_0000_0000, true);
  view.setUint32(trailer + 12, Math.floor(bid / 0x1_0000_0000), true);
  return offset + stored;
}

/** A history as Outlook writes it: `+b` tags dated `digits`, then `Count + 4` bytes of slack. */
export function outlookBlob(uids: readonly string[], digits: string): Uint8Array {
  const tags = uids.map((uid) => `+b${digits}${uid}\0`).join('');
  const body = new TextEncoder().encode(tags);
  const blob = new Uint8Array(4 + body.length + uids.length + 4);
  blob.set([3, 0, uids.length & 0xff, uids.length >> 8], 0);
  blob.set(body, 4);
  return blob;
}
