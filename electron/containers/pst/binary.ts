/** Little-endian field reads that fail with a ContainerError instead of reading past a buffer. */
import { ContainerError } from '../errors.js';

export function u8(bytes: Uint8Array, at: number, what: string): number {
  need(bytes, at, 1, what);
  return bytes[at]!;
}

export function u16(bytes: Uint8Array, at: number, what: string): number {
  need(bytes, at, 2, what);
  return bytes[at]! | (bytes[at + 1]! << 8);
}

export function u32(bytes: Uint8Array, at: number, what: string): number {
  need(bytes, at, 4, what);
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  );
}

/**
 * A 64-bit offset or identifier as a number. Stores are far below 2^53 bytes, so a larger value
 * can only be damage.
 */
export function u64(bytes: Uint8Array, at: number, what: string): number {
  const low = u32(bytes, at, what);
  const high = u32(bytes, at + 4, what);
  if (high >= 0x20_0000) {
    throw new ContainerError(`${what}: the 64-bit value at ${at} is larger than any store can be`);
  }
  return high * 0x1_0000_0000 + low;
}

function need(bytes: Uint8Array, at: number, length: number, what: string): void {
  if (at < 0 || at + length > bytes.length) {
    throw new ContainerError(
      `${what}: field at ${at} (+${length}) lies outside its ${bytes.length}-byte structure`,
    );
  }
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex').toUpperCase();
}

export function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
