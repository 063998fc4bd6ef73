/**
 * Recognises a data block by its own trailer ([MS-PST] 2.2.2.8.1), without the block B-tree:
 * blocks sit on 64-byte boundaries and end with a BLOCKTRAILER whose signature is computed from
 * the block's offset and id (5.5) and whose CRC covers the block's data (5.3). Carving uses it
 * to find every block of a store, live or freed, and to decode a cyclic-encoded one with its id.
 */
import { pstCrc } from './crc.js';
import type { PstFormat } from './header.js';

export const BLOCK_ALIGNMENT = 64;
/** The largest block, trailer included ([MS-PST] 2.2.2.8). */
export const MAX_BLOCK_BYTES = 8192;

export interface FoundBlock {
  /** File offset of the block's first byte. */
  readonly offset: number;
  readonly bid: number;
  /** Bytes of data before the trailer's padding. */
  readonly cb: number;
  /** Internal blocks (XBLOCK, SLBLOCK…) are never encoded and hold no attachment data. */
  readonly internal: boolean;
}

export function trailerBytes(format: PstFormat): number {
  return format === 'unicode' ? 16 : 12;
}

/** [MS-PST] 5.5 ComputeSig: the low 32 bits of `ib ^ bid`, high and low halves XORed. */
export function blockSignature(ib: number, bid: number): number {
  const low = ((ib % 0x1_0000_0000) ^ (bid % 0x1_0000_0000)) >>> 0;
  return ((low >>> 16) ^ (low & 0xffff)) & 0xffff;
}

/**
 * The block whose stored bytes end at `blockEnd` (a 64-byte boundary), when `bytes` (file bytes
 * from `bytesOffset`) hold a trailer there whose signature and CRC match; else null.
 */
export function blockEndingAt(
  bytes: Uint8Array,
  bytesOffset: number,
  blockEnd: number,
  format: PstFormat,
): FoundBlock | null {
  const trailerSize = trailerBytes(format);
  const t = blockEnd - trailerSize - bytesOffset;
  if (t < 0 || t + trailerSize > bytes.length) return null;
  const cb = bytes[t]! | (bytes[t + 1]! << 8);
  if (cb === 0 || cb > MAX_BLOCK_BYTES - trailerSize) return null;
  const stored = Math.ceil((cb + trailerSize) / BLOCK_ALIGNMENT) * BLOCK_ALIGNMENT;
  const start = blockEnd - stored;
  if (start < 0 || start - bytesOffset < 0) return null;
  const signature = bytes[t + 2]! | (bytes[t + 3]! << 8);
  const u32 = (at: number): number =>
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  const bid = format === 'unicode' ? u32(t + 8) + u32(t + 12) * 0x1_0000_0000 : u32(t + 4);
  const crc = format === 'unicode' ? u32(t + 4) : u32(t + 8);
  if (bid === 0 || signature !== blockSignature(start, bid)) return null;
  const dataStart = start - bytesOffset;
  if (pstCrc(bytes, dataStart, dataStart + cb) !== crc) return null;
  return { offset: start, bid, cb, internal: Math.floor(bid / 2) % 2 === 1 };
}
