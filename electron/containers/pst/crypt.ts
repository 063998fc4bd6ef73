/** Decoding of data blocks ([MS-PST] 5.1); internal blocks (XBLOCK, SLBLOCK...) are never encoded. */
import { ContainerError } from '../errors.js';
import { MPBB_I, MPBB_R, MPBB_S } from './crypt-tables.js';

export const CRYPT_NONE = 0;
export const CRYPT_PERMUTE = 1;
export const CRYPT_CYCLIC = 2;

export type CryptMethod = typeof CRYPT_NONE | typeof CRYPT_PERMUTE | typeof CRYPT_CYCLIC;

export function cryptMethodName(method: CryptMethod): string {
  return method === CRYPT_NONE ? 'none' : method === CRYPT_PERMUTE ? 'compressible' : 'cyclic';
}

export function toCryptMethod(value: number, offset: number): CryptMethod {
  if (value === CRYPT_NONE || value === CRYPT_PERMUTE || value === CRYPT_CYCLIC) return value;
  throw new ContainerError(
    `unknown encoding method 0x${value.toString(16).padStart(2, '0')} in the header ` +
      '(expected 0 none, 1 compressible or 2 cyclic)',
    offset,
  );
}

/** Decodes `data` in place. `key` is the block's BID (its low 32 bits key the cyclic method). */
export function decodeBlock(data: Uint8Array, method: CryptMethod, key: number): void {
  if (method === CRYPT_PERMUTE) {
    for (let i = 0; i < data.length; i++) data[i] = MPBB_I[data[i]!]!;
  } else if (method === CRYPT_CYCLIC) {
    const dwKey = key % 0x1_0000_0000;
    let w = (dwKey ^ (dwKey >>> 16)) & 0xffff;
    for (let i = 0; i < data.length; i++) {
      let b = data[i]!;
      b = MPBB_R[(b + w) & 0xff]!;
      b = MPBB_S[(b + (w >>> 8)) & 0xff]!;
      b = MPBB_I[(b - (w >>> 8)) & 0xff]!;
      data[i] = (b - w) & 0xff;
      w = (w + 1) & 0xffff;
    }
  }
}
