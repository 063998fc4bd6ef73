/**
 * findVersions on the three real Outlook-written stores (pinned offsets, counts and hashes),
 * on generated files (a BLOB across a chunk edge, a cyclic-encoded block found by its trailer,
 * identical and cut-off copies), and every cap of the search.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findVersions,
  findVersionsInSource,
  readVersion,
} from '../../../electron/containers/versions.js';
import { memorySource } from '../../../electron/containers/source.js';
import { ContainerError, ContainerLimitError } from '../../../electron/containers/errors.js';
import {
  CRYPT_CYCLIC,
  CRYPT_NONE,
  CRYPT_PERMUTE,
  decodeBlock,
} from '../../../electron/containers/pst/crypt.js';
import { formatByteOffset } from '../../../shared/byte-range.js';
import { parse } from '../../../shared/codec/parse.js';
import { sha256Hex } from '../../../shared/hash.js';
import {
  HEADER_BYTES,
  outlookBlob,
  pstHeader,
  storedBlockBytes,
  writeBlock,
} from '../../../bench/generate-store.js';
import { RUN_SAMPLE_TESTS, sample } from '../../fixtures/samples.js';

const FIVE = '03274add5391c7753f4134289a33987dfce8c3129cf5484dd566e6540d3524e3';
const SIX = 'd065aa6f85fc3f4ac77a98e60af2c0bdef521ba8e0f152354f9db6170786bbac';
const FOUR = '14eeabe460f00213d6182c3d530dbb8c1fce93d62c006a962d65d81cbe19e6ae';
const ACCOUNT = 'user1@test.lab';
const current = { account: ACCOUNT, attachmentNumber: 1 };

describe.runIf(RUN_SAMPLE_TESTS)('versions of the real Outlook-written stores', () => {
  it('39ba6b1: the earlier 5-entry history carved, then the current 6-entry one', async () => {
    const report = await findVersions(sample('tghanem-pst_user1-test-lab_39ba6b1.pst'));
    expect(report.container).toBe('pst');
    expect(report.input.sha256).toBe(
      '34fef1c7c46034ecd4614a69909a27eeeb3f28bc3ca126e9cfe8197ec8ce9f50',
    );
    expect(report.findings).toEqual([]);
    expect(
      report.versions.map((v) => ({
        number: v.number,
        offset: v.offset,
        locations: v.locations,
        bytes: v.bytes,
        sha256: v.sha256,
        entryCount: v.entryCount,
        lastTimestamp: v.lastTimestamp,
        current: v.current,
        precedes: v.precedes,
        truncated: v.truncated,
      })),
    ).toEqual([
      {
        number: 1,
        offset: 37650,
        locations: [{ offset: 37650, blockId: '0xeb4', encoding: 'compressible' }],
        bytes: 103,
        sha256: FIVE,
        entryCount: 5,
        lastTimestamp: '2017-06-06T19:23:51Z',
        current: null,
        precedes: { account: ACCOUNT, sharedUids: 5 },
        truncated: false,
      },
      {
        number: 2,
        offset: 43410,
        locations: [{ offset: 43410, blockId: '0x169c', encoding: 'compressible' }],
        bytes: 122,
        sha256: SIX,
        entryCount: 6,
        lastTimestamp: '2017-06-12T14:32:50Z',
        current,
        precedes: null,
        truncated: false,
      },
    ]);
  });

  it('39ba6b1: the carved 5-entry copy is byte for byte the history 219b27d holds as current', async () => {
    const carved = await readVersion(sample('tghanem-pst_user1-test-lab_39ba6b1.pst'), 1);
    const earlier = await findVersions(sample('tghanem-pst_user1-test-lab_219b27d.pst'));
    expect(sha256Hex(carved.bytes)).toBe(FIVE);
    expect(parse(carved.bytes).uidList()).toEqual(['1', '2', '3', '4', '5']);
    expect(earlier.versions.map((v) => [v.offset, v.sha256, v.entryCount, v.current])).toEqual([
      [37650, FIVE, 5, current],
    ]);
  });

  it('cb6a861: only the current 4-entry history (a Count-0 look-alike is not a version)', async () => {
    const report = await findVersions(sample('tghanem-pst_user1-test-lab_cb6a861.pst'));
    expect(report.versions.map((v) => [v.offset, v.sha256, v.entryCount, v.current])).toEqual([
      [37330, FOUR, 4, current],
    ]);
  });

  it('readVersion names the range of versions when the number is past it', async () => {
    await expect(readVersion(sample('tghanem-pst_user1-test-lab_39ba6b1.pst'), 3)).rejects.toThrow(
      /holds 2 versions \(versions\/1 to versions\/2\); there is no versions\/3/,
    );
  });

  it('a store whose header is damaged is still searched, with a finding saying why nothing is current', async () => {
    const report = await findVersions(sample('aspose-net_AddingBulkMessages_bad-header-crc.pst'));
    expect(report.versions).toEqual([]);
    expect(report.findings[0]).toMatch(
      /could not be scanned .*checksum mismatch.*at byte 4 \(0x4\)/,
    );
  });
});

const BLOB = outlookBlob(['1', '2', '3'], '20170605203421');

describe('versions in generated files', () => {
  it('finds a BLOB planted anywhere, across chunk edges included, at its exact offset', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 3000 }),
        fc.nat(),
        fc.integer({ min: 16, max: 200 }),
        async (noise, pick, chunkBytes) => {
          const at = pick % (noise.length + 1);
          const bytes = new Uint8Array(noise.length + BLOB.length);
          bytes.set(noise.subarray(0, at), 0);
          bytes.set(BLOB, at);
          bytes.set(noise.subarray(at), at + BLOB.length);
          const result = await findVersionsInSource(memorySource(bytes), 'x.bin', {
            limits: { chunkBytes },
          });
          const found = result.report.versions.find((v) => v.sha256 === sha256Hex(BLOB));
          expect(found?.locations).toEqual([
            { offset: at, blockId: null, encoding: 'plain-search' },
          ]);
          expect(result.versionBytes(found!.number)).toEqual(BLOB);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a BLOB that straddles a chunk edge is found once, whole', async () => {
    const bytes = new Uint8Array(300);
    bytes.set(BLOB, 100 - 10);
    const result = await findVersionsInSource(memorySource(bytes), 'x.bin', {
      limits: { chunkBytes: 100 },
    });
    expect(result.report.versions.map((v) => [v.offset, v.bytes, v.truncated])).toEqual([
      [90, BLOB.length, false],
    ]);
  });

  function store(crypt: typeof CRYPT_NONE | typeof CRYPT_PERMUTE | typeof CRYPT_CYCLIC): {
    bytes: Uint8Array;
    offsets: number[];
  } {
    const bytes = new Uint8Array(HEADER_BYTES + 4 * 1024);
    bytes.set(pstHeader(crypt), 0);
    const data = new Uint8Array(300);
    data.fill(0x41);
    data.set(BLOB, 50);
    const first = HEADER_BYTES;
    const second = writeBlock(bytes, first, 0x104, data, crypt);
    writeBlock(bytes, second, 0x208, data, crypt);
    return { bytes, offsets: [first + 50, second + 50] };
  }

  it('a cyclic-encoded block is found by its trailer and decoded with its id', async () => {
    const { bytes, offsets } = store(CRYPT_CYCLIC);
    // The same BLOB in two blocks encodes to different bytes (the key is the block id).
    expect(bytes.subarray(offsets[0]!, offsets[0]! + 20)).not.toEqual(
      bytes.subarray(offsets[1]!, offsets[1]! + 20),
    );
    const result = await findVersionsInSource(memorySource(bytes), 'gen.pst', {
      limits: { chunkBytes: 1024 },
    });
    expect(result.report.versions).toHaveLength(1);
    const [version] = result.report.versions;
    expect(version!.locations).toEqual([
      { offset: offsets[0], blockId: '0x104', encoding: 'high' },
      { offset: offsets[1], blockId: '0x208', encoding: 'high' },
    ]);
    expect(version!.findings).toEqual(['2 identical copies']);
    expect(result.report.findings[0]).toMatch(/could not be scanned/);
    expect(result.versionBytes(1)).toEqual(BLOB);
  });

  it('the cyclic method is its own inverse (the generator encodes with it)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (data, bid) => {
        const copy = data.slice();
        decodeBlock(copy, CRYPT_CYCLIC, bid);
        decodeBlock(copy, CRYPT_CYCLIC, bid);
        expect(copy).toEqual(data);
      }),
    );
  });

  it.each([
    [CRYPT_PERMUTE, 'compressible'],
    [CRYPT_NONE, 'none'],
  ] as const)('a store with encoding %i names each copy’s block', async (crypt, encoding) => {
    const { bytes, offsets } = store(crypt);
    const result = await findVersionsInSource(memorySource(bytes), 'gen.pst', {
      limits: { chunkBytes: 512 },
    });
    expect(result.report.versions.map((v) => v.locations)).toEqual([
      [
        { offset: offsets[0], blockId: '0x104', encoding },
        { offset: offsets[1], blockId: '0x208', encoding },
      ],
    ]);
  });

  it('a copy cut by the end of its block keeps what could be read, with a finding', async () => {
    const bytes = new Uint8Array(HEADER_BYTES + 1024);
    bytes.set(pstHeader(CRYPT_PERMUTE), 0);
    const data = new Uint8Array(60);
    data.set(BLOB.subarray(0, 4 + 18 + 10), 28); // header, one tag, 10 bytes of the second
    writeBlock(bytes, HEADER_BYTES, 0x30c, data, CRYPT_PERMUTE);
    const [version] = (await findVersionsInSource(memorySource(bytes), 'cut.pst')).report.versions;
    expect(version).toMatchObject({
      offset: HEADER_BYTES + 28,
      bytes: 4 + 18,
      entryCount: 1,
      declaredCount: 3,
      truncated: true,
    });
    expect(version!.findings[0]).toBe(
      `cut off: cut at ${formatByteOffset(HEADER_BYTES + 60, { hex: true })}, the end of block 0x30c; 1 of 3 counted tags could be read`,
    );
  });

  it('an overwritten copy says at which byte', async () => {
    const bytes = new Uint8Array(200);
    const cut = BLOB.slice();
    cut[4 + 18] = 0x7a; // the second tag's operation overwritten
    bytes.set(cut, 10);
    const [version] = (await findVersionsInSource(memorySource(bytes), 'x.bin')).report.versions;
    expect(version).toMatchObject({ offset: 10, bytes: 22, entryCount: 1, truncated: true });
    expect(version!.findings[0]).toMatch(
      /^cut off: overwritten at byte 32 \(0x20\); 1 of 3 counted tags/,
    );
  });

  it('orders versions by their latest timestamp and reports progress to the end', async () => {
    const newer = outlookBlob(['1', '2', '3', '4'], '20180101000000');
    const bytes = new Uint8Array(400);
    bytes.set(newer, 10);
    bytes.set(BLOB, 200);
    const progress: number[] = [];
    const result = await findVersionsInSource(memorySource(bytes), 'x.bin', {
      limits: { chunkBytes: 128 },
      onProgress: (done, total) => {
        expect(total).toBe(400);
        progress.push(done);
      },
    });
    expect(result.report.versions.map((v) => [v.number, v.offset, v.entryCount])).toEqual([
      [1, 200, 3],
      [2, 10, 4],
    ]);
    expect(progress).toEqual([128, 256, 384, 400]);
  });
});

describe('caps of the search', () => {
  const threeCopies = (): Uint8Array => {
    const bytes = new Uint8Array(600);
    bytes.set(BLOB, 0);
    bytes.set(BLOB, 200);
    bytes.set(BLOB, 400);
    return bytes;
  };

  it('refuses a file over the size cap before reading it', async () => {
    const source = memorySource(new Uint8Array(2048));
    await expect(
      findVersionsInSource(source, 'big.bin', { limits: { maxFileBytes: 1024 } }),
    ).rejects.toThrow(
      new ContainerLimitError(
        'the file is 2,048 bytes, over the 1,024-byte cap of the search for versions',
      ),
    );
    expect(source.bytesRead).toBe(0);
  });

  it('stops at the candidates cap, naming it and the byte', async () => {
    await expect(
      findVersionsInSource(memorySource(threeCopies()), 'x.bin', { limits: { maxCandidates: 2 } }),
    ).rejects.toThrow(
      /more than 2 BLOB-shaped places \(the candidates cap\); the search stopped at byte 400/,
    );
  });

  it('stops at the time cap, naming it', async () => {
    await expect(
      findVersionsInSource(memorySource(threeCopies()), 'x.bin', { limits: { maxMs: 0 } }),
    ).rejects.toThrow(/took over 0 ms \(its time cap\) and stopped at byte 0 \(0x0\) of 600/);
  });

  it('cuts a copy at the version-size cap, with a finding', async () => {
    const [version] = (
      await findVersionsInSource(memorySource(threeCopies().subarray(0, 150)), 'x.bin', {
        limits: { maxVersionBytes: 30 },
      })
    ).report.versions;
    expect(version).toMatchObject({ bytes: 22, entryCount: 1, truncated: true });
    expect(version!.findings[0]).toMatch(/cut at 30 bytes \(the version-size cap\)/);
  });

  it('stops at the kept-bytes cap when distinct versions hold too much', async () => {
    const bytes = new Uint8Array(400);
    bytes.set(BLOB, 0);
    bytes.set(outlookBlob(['9'], '20180101000000'), 200);
    await expect(
      findVersionsInSource(memorySource(bytes), 'x.bin', { limits: { maxKeptBytes: 80 } }),
    ).rejects.toThrow(/over 80 bytes \(the kept-bytes cap\); the search stopped at byte 200/);
  });

  it('an aborted search ends with "canceled"', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      findVersionsInSource(memorySource(threeCopies()), 'x.bin', { signal: controller.signal }),
    ).rejects.toThrow(new ContainerError('the search for versions was canceled'));
  });
});

it('a block of the generator is as long as the format says', () => {
  expect([1, 48, 49, 8176].map(storedBlockBytes)).toEqual([64, 64, 128, 8192]);
});
