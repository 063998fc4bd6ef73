/**
 * The PST/OST file header ([MS-PST] 2.2.2.6): format (Unicode or ANSI), encoding, and the roots
 * of the node and block B-trees. Both checksums are verified, so a damaged header is refused
 * here with a clear message instead of sending the reader into garbage.
 */
import { hasPstMagic } from '../../../shared/input/container-signature.js';
import { ContainerError } from '../errors.js';
import type { ByteSource } from '../source.js';
import { hex32, u16, u32, u64, u8 } from './binary.js';
import { pstCrc } from './crc.js';
import { toCryptMethod, type CryptMethod } from './crypt.js';

export type PstFormat = 'unicode' | 'ansi';

export interface BlockRef {
  readonly bid: number;
  readonly ib: number;
}

export interface PstHeader {
  readonly format: PstFormat;
  /** 'pst' for a personal store (magic SM), 'ost' for an offline store (SO). */
  readonly kind: 'pst' | 'ost';
  readonly version: number;
  readonly crypt: CryptMethod;
  readonly nbtRoot: BlockRef;
  readonly bbtRoot: BlockRef;
}

const HEADER_BYTES = 564;

function checkCrc(
  bytes: Uint8Array,
  storedAt: number,
  start: number,
  length: number,
  what: string,
): void {
  const stored = u32(bytes, storedAt, 'header');
  const computed = pstCrc(bytes, start, start + length);
  if (stored !== computed) {
    throw new ContainerError(
      `the store's header is damaged: ${what} checksum mismatch (stored ${hex32(stored)}, ` +
        `computed ${hex32(computed)}); refusing to read it`,
      storedAt,
    );
  }
}

export async function readHeader(source: ByteSource): Promise<PstHeader> {
  if (source.size < 512) {
    throw new ContainerError(
      `the file is ${source.size} bytes, too small for a PST/OST header (at least 512)`,
      source.size,
    );
  }
  const bytes = await source.read(0, Math.min(HEADER_BYTES, source.size), 'file header');
  if (!hasPstMagic(bytes)) {
    throw new ContainerError('not a PST or OST file: no !BDN signature', 0);
  }
  const client = u16(bytes, 8, 'header');
  const kind = client === 0x4d53 ? 'pst' : client === 0x4f53 ? 'ost' : null;
  if (kind === null) {
    throw new ContainerError(
      `unknown client signature 0x${client.toString(16)} (expected "SM" for a PST or "SO" for an OST)`,
      8,
    );
  }
  const version = u16(bytes, 10, 'header');
  let format: PstFormat;
  if (version === 14 || version === 15) format = 'ansi';
  else if (version >= 23 && version <= 35) format = 'unicode';
  else if (version === 36 || version === 37) {
    throw new ContainerError(
      `format version ${version} (the 4 KiB-page OST of Outlook 2013 and later) is not supported`,
      10,
    );
  } else {
    throw new ContainerError(
      `unknown format version ${version} (expected 14/15 ANSI or 23 Unicode)`,
      10,
    );
  }

  // dwCRCPartial covers the 471 bytes after the first 8 in both formats.
  checkCrc(bytes, 4, 8, 471, 'partial');
  if (format === 'unicode') {
    checkCrc(bytes, 524, 8, 516, 'full');
    return {
      format,
      kind,
      version,
      crypt: toCryptMethod(u8(bytes, 513, 'header'), 513),
      nbtRoot: { bid: u64(bytes, 216, 'NBT root'), ib: u64(bytes, 224, 'NBT root') },
      bbtRoot: { bid: u64(bytes, 232, 'BBT root'), ib: u64(bytes, 240, 'BBT root') },
    };
  }
  return {
    format,
    kind,
    version,
    crypt: toCryptMethod(u8(bytes, 461, 'header'), 461),
    nbtRoot: { bid: u32(bytes, 184, 'NBT root'), ib: u32(bytes, 188, 'NBT root') },
    bbtRoot: { bid: u32(bytes, 192, 'BBT root'), ib: u32(bytes, 196, 'BBT root') },
  };
}
