import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHexDump, toHexLine } from '../../../shared/export/hex.js';
import { ascii, buildBlob, EXAMPLE_TAG } from '../../fixtures/blobs.js';

/** Reads a `hexdump -C` dump back: the hex columns of every line but the length line. */
function readHexDump(dump: string): Uint8Array {
  const bytes: number[] = [];
  for (const line of dump.split('\n')) {
    const match = /^[0-9a-f]{8} {2}(.{49})/.exec(line);
    if (!match) continue;
    for (const pair of match[1]!.trim().split(/ +/)) bytes.push(parseInt(pair, 16));
  }
  return Uint8Array.from(bytes);
}

const hexdumpAvailable = spawnSync('hexdump', ['-C', '-v'], { input: 'x' }).status === 0;

describe('toHexLine', () => {
  it('writes one upper-case line by default, lower case on request', () => {
    const bytes = Uint8Array.of(0x03, 0x00, 0xab, 0xff, 0x2b);
    expect(toHexLine(bytes)).toBe('0300ABFF2B');
    expect(toHexLine(bytes, { lowerCase: true })).toBe('0300abff2b');
    expect(toHexLine(new Uint8Array())).toBe('');
  });

  it('round-trips any bytes, across its internal chunk size', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20000 }), (bytes) => {
        const line = toHexLine(bytes);
        expect(line).toMatch(/^[0-9A-F]*$/);
        const back = Uint8Array.from(line.match(/../g) ?? [], (pair) => parseInt(pair, 16));
        expect(back).toEqual(bytes);
      }),
      { numRuns: 30 },
    );
  });
});

describe('toHexDump', () => {
  it('lays out the docs example as hexdump -C does', () => {
    const blob = buildBlob([EXAMPLE_TAG]);
    expect(toHexDump(blob.subarray(0, 20))).toBe(
      '00000000  03 00 01 00 2b 62 32 30  31 32 30 39 30 36 31 33  |....+b2012090613|\n' +
        '00000010  31 31 33 38                                       |1138|\n' +
        '00000014\n',
    );
  });

  it('puts the two groups apart even on a short last line, and prints nothing for nothing', () => {
    expect(toHexDump(ascii('01234567'))).toBe(
      '00000000  30 31 32 33 34 35 36 37                           |01234567|\n00000008\n',
    );
    expect(toHexDump(ascii('012345678'))).toBe(
      '00000000  30 31 32 33 34 35 36 37  38                       |012345678|\n00000009\n',
    );
    expect(toHexDump(new Uint8Array())).toBe('');
  });

  it('writes repeated lines out instead of folding them into *', () => {
    const dump = toHexDump(new Uint8Array(48));
    expect(dump.split('\n')).toHaveLength(5);
    expect(dump).not.toContain('*');
    expect(readHexDump(dump)).toEqual(new Uint8Array(48));
  });

  it('reads back to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(readHexDump(toHexDump(bytes))).toEqual(bytes);
      }),
    );
  });

  it.skipIf(!hexdumpAvailable)('matches the hexdump -C -v program byte for byte', () => {
    const samples = [
      buildBlob([EXAMPLE_TAG]),
      Uint8Array.from({ length: 256 }, (_, i) => i),
      Uint8Array.of(0x7f, 0x80, 0x20, 0x7e, 0x1f),
      ascii('x'.repeat(16)),
      Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) & 0xff), // offsets past 16 bits
    ];
    for (const bytes of samples) {
      const expected = spawnSync('hexdump', ['-C', '-v'], { input: bytes, encoding: 'latin1' });
      expect(toHexDump(bytes)).toBe(expected.stdout);
    }
  });
});
