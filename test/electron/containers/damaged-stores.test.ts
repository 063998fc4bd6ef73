/**
 * Damaged copies of the real samples (truncated, or with bits flipped where the scanner actually
 * reads) never crash or hang the scanner: it either scans or throws a ContainerError that names
 * a byte offset and holds no JavaScript error text (a library's "Cannot read properties of
 * undefined" says neither what is damaged nor where).
 */
import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContainerError } from '../../../electron/containers/errors.js';
import { pstCrc } from '../../../electron/containers/pst/crc.js';
import { scanSource } from '../../../electron/containers/scan.js';
import { memorySource, type ByteSource } from '../../../electron/containers/source.js';
import { sample } from './msg-fixtures.js';

const STORES = [
  'aspose-net_source_msgmanager-no-blob.pst',
  'aspose-net_SampleOstFile_msgmanager-no-blob.ost',
  'msgreader_msgInMsg.msg',
  'msgreader_attachmentFiles.msg',
];
// Wording of JavaScript's own errors, which must never reach the user.
const ENGINE_TEXT =
  /Cannot (?:read|set) propert|undefined|is not (?:a function|iterable|defined)|Invalid (?:array|typed array) length|out of bounds|outside the bounds|Maximum call stack|Reserved: Expected/;
const HANG_MS = 5000;

interface ReadRange {
  readonly offset: number;
  readonly length: number;
  readonly what: string;
}

/**
 * Recomputes the checksum of the Unicode page or block read as `range`, so that damage inside
 * it passes the checksum and reaches the heap, BTH and table parsers behind it.
 */
function fixChecksum(bytes: Uint8Array, range: ReadRange): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (!range.what.includes('B-tree') && !range.what.includes('(node')) return;
  if (range.what === 'node B-tree' || range.what === 'block B-tree') {
    view.setUint32(range.offset + 500, pstCrc(bytes, range.offset, range.offset + 496), true);
    return;
  }
  const trailer = range.offset + range.length - 16;
  const cb = view.getUint16(trailer, true);
  if (cb <= range.length - 16)
    view.setUint32(trailer + 4, pstCrc(bytes, range.offset, range.offset + cb), true);
}

/** Records the byte ranges a clean scan reads, so bit flips land in parsed structures. */
function recording(bytes: Uint8Array, ranges: ReadRange[]): ByteSource {
  const inner = memorySource(bytes);
  return {
    get size() {
      return inner.size;
    },
    get bytesRead() {
      return inner.bytesRead;
    },
    read(offset, length, what) {
      ranges.push({ offset, length, what });
      return inner.read(offset, length, what);
    },
    close: () => inner.close(),
  };
}

/**
 * Scans; resolves to 'ok', or 'ContainerError' for one of ours with an offset and our own
 * wording, or a description of anything else; rejects if it takes longer than HANG_MS.
 */
async function outcome(bytes: Uint8Array): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`scan did not finish in ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    await Promise.race([scanSource(memorySource(bytes), 'damaged', { allFolders: true }), hang]);
    return 'ok';
  } catch (error) {
    if (!(error instanceof ContainerError)) throw error;
    if (error.offset === null) return `no offset: ${error.message}`;
    if (ENGINE_TEXT.test(error.message)) return `engine text: ${error.message}`;
    return 'ContainerError';
  } finally {
    clearTimeout(timer);
  }
}

function flipBit(bytes: Uint8Array, at: number, bit: number): void {
  bytes[at] = bytes[at]! ^ (1 << bit);
}

/** 1-8 bit flips, each inside one of `ranges` (the page or block data, not a block trailer). */
function flipsArbitrary(ranges: readonly ReadRange[]) {
  const flip = fc
    .tuple(fc.nat({ max: ranges.length - 1 }), fc.nat(), fc.nat({ max: 7 }))
    .map(([index, at, bit]) => {
      const range = ranges[index]!;
      const span = range.what.includes('B-tree') ? 496 : Math.max(1, range.length - 16);
      return { range, at: at % Math.min(span, range.length), bit };
    });
  return fc.array(flip, { minLength: 1, maxLength: 8 });
}

describe.each(STORES)('damaged copies of %s', (name) => {
  let original = new Uint8Array();
  const ranges: ReadRange[] = [];
  beforeAll(async () => {
    original = new Uint8Array(await readFile(sample(name)));
    await scanSource(recording(original, ranges), name, { allFolders: true });
  });

  it('truncated anywhere: scans or fails with a ContainerError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (cut) => {
        const result = await outcome(original.slice(0, cut % original.length));
        expect(['ok', 'ContainerError']).toContain(result);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
  }, 120_000);

  it('with bits flipped in the bytes a scan reads: scans or fails with a ContainerError', async () => {
    await fc.assert(
      fc.asyncProperty(flipsArbitrary(ranges), async (flips) => {
        const damaged = original.slice();
        for (const { range, at, bit } of flips) flipBit(damaged, range.offset + at, bit);
        const result = await outcome(damaged);
        expect(['ok', 'ContainerError']).toContain(result);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  // .msg files carry no checksums, so only stores get this property.
  if (!name.endsWith('.msg')) {
    it('with bits flipped behind valid checksums (damage the checksums miss): scans or fails with a ContainerError', async () => {
      await fc.assert(
        fc.asyncProperty(
          flipsArbitrary(ranges.filter((r) => r.what !== 'file header')),
          async (flips) => {
            const damaged = original.slice();
            for (const { range, at, bit } of flips) {
              flipBit(damaged, range.offset + at, bit);
              fixChecksum(damaged, range);
            }
            const result = await outcome(damaged);
            expect(['ok', 'ContainerError']).toContain(result);
          },
        ),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 50) },
      );
    }, 120_000);
  }
});

describe('a damaged store names the place', () => {
  it('a flipped bit in the node B-tree root page gives its checksum and offset', async () => {
    const bytes = new Uint8Array(
      await readFile(sample('aspose-net_source_msgmanager-no-blob.pst')),
    );
    bytes[922112 + 10]! ^= 0x01; // the NBT root page (header: ib 922112)
    await expect(scanSource(memorySource(bytes), 'x')).rejects.toThrow(
      /^node B-tree: page checksum mismatch \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\); the store is damaged \(at byte 922112 \(0xE1200\)\)$/,
    );
  });

  it('a store cut short names the structure that ran past the end', async () => {
    const bytes = new Uint8Array(
      await readFile(sample('aspose-net_source_msgmanager-no-blob.pst')),
    );
    await expect(scanSource(memorySource(bytes.slice(0, 600_000)), 'x')).rejects.toThrow(
      /reach past the end of the file \(600000 bytes\); the file is truncated or damaged \(at byte \d+ \(0x[0-9A-F]+\)\)$/,
    );
  });
});
