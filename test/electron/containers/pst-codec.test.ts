/** The [MS-PST] block encodings and CRC, checked against the specification's properties and real headers. */
import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { pstCrc } from '../../../electron/containers/pst/crc.js';
import {
  CRYPT_CYCLIC,
  CRYPT_PERMUTE,
  decodeBlock,
} from '../../../electron/containers/pst/crypt.js';
import { MPBB_I, MPBB_R, MPBB_S } from '../../../electron/containers/pst/crypt-tables.js';
import { sample } from './msg-fixtures.js';

describe('mpbbCrypt', () => {
  it('holds three permutations; mpbbI undoes mpbbR and mpbbS undoes itself', () => {
    for (const t of [MPBB_R, MPBB_S, MPBB_I]) expect(new Set(t).size).toBe(256);
    for (let x = 0; x < 256; x++) {
      expect(MPBB_I[MPBB_R[x]!]).toBe(x);
      expect(MPBB_S[MPBB_S[x]!]).toBe(x);
    }
  });

  it('permute decoding undoes the encoding (mpbbR)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const data = bytes.map((b) => MPBB_R[b]!);
        decodeBlock(data, CRYPT_PERMUTE, 0);
        expect(data).toEqual(bytes);
      }),
      { numRuns: 50 },
    );
  });

  it('cyclic coding is its own inverse for any key, as [MS-PST] 5.2 uses it both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: 0xffffffff }), (bytes, key) => {
        const data = bytes.slice();
        decodeBlock(data, CRYPT_CYCLIC, key);
        expect(bytes.length < 8 || data.some((b, i) => b !== bytes[i])).toBe(true);
        decodeBlock(data, CRYPT_CYCLIC, key);
        expect(data).toEqual(bytes);
      }),
      { numRuns: 50 },
    );
  });
});

describe('pstCrc', () => {
  it.each([
    ['aspose-net_source_msgmanager-no-blob.pst', 0x2df5a77b],
    ['aspose-net_SampleOstFile_msgmanager-no-blob.ost', 0x1dbb1f8c],
  ])('%s: the header CRC of bytes 8-478 is the stored dwCRCPartial', async (name, crc) => {
    const header = new Uint8Array(await readFile(sample(name))).subarray(0, 564);
    expect(new DataView(header.buffer, header.byteOffset).getUint32(4, true)).toBe(crc);
    expect(pstCrc(header, 8, 8 + 471)).toBe(crc);
  });

  it('computes for the corrupt sample the value libpff computes (878840917)', async () => {
    const header = new Uint8Array(
      await readFile(sample('aspose-net_AddingBulkMessages_bad-header-crc.pst')),
    );
    expect(pstCrc(header, 8, 8 + 471)).toBe(878840917);
  });
});
