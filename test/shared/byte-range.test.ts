import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatByteOffset,
  formatByteOffsets,
  formatByteRange,
  hexOffset,
} from '../../shared/byte-range.js';

describe('formatByteRange', () => {
  it('writes a range inclusively with its length, one byte and an empty range by their offset', () => {
    expect(formatByteRange(2, 4)).toBe('bytes 2–3 (2 bytes)');
    expect(formatByteRange(53, 54)).toBe('byte 53');
    expect(formatByteRange(53, 53)).toBe('at byte 53 (0 bytes)');
    expect(formatByteRange(4, 65_539)).toBe('bytes 4–65538 (65,535 bytes)');
  });

  it('gives the hex offsets when asked', () => {
    expect(formatByteRange(2, 4, { hex: true })).toBe('bytes 2–3 (2 bytes; 0x2–0x3)');
    expect(formatByteRange(53, 54, { hex: true })).toBe('byte 53 (0x35)');
    expect(formatByteRange(53, 53, { hex: true })).toBe('at byte 53 (0 bytes; 0x35)');
    expect(hexOffset(1234)).toBe('0x4D2');
  });

  it('names the first and last byte of any range, whose decimal and hex agree', () => {
    fc.assert(
      fc.property(fc.nat(1 << 26), fc.nat(1 << 16), (start, length) => {
        const text = formatByteRange(start, start + length, { hex: true });
        const numbers = [...text.matchAll(/0x([0-9A-F]+)/g)].map((m) => parseInt(m[1]!, 16));
        const decimals = [...text.matchAll(/(?:bytes?|at byte) (\d+)(?:–(\d+))?/g)][0]!;
        expect(Number(decimals[1])).toBe(start);
        expect(numbers[0]).toBe(start);
        if (length > 1) {
          expect(Number(decimals[2])).toBe(start + length - 1);
          expect(numbers[1]).toBe(start + length - 1);
        }
      }),
    );
  });
});

describe('formatByteOffset', () => {
  it('writes one position like a one-byte range, hex beside it when asked', () => {
    expect(formatByteOffset(53)).toBe('byte 53');
    expect(formatByteOffset(53, { hex: true })).toBe('byte 53 (0x35)');
    expect(formatByteOffset(53, { hex: true })).toBe(formatByteRange(53, 54, { hex: true }));
    expect(formatByteOffset(0, { hex: true })).toBe('byte 0 (0x0)');
  });

  it('round-trips any position in a 64 MiB input, decimal and hex agreeing', () => {
    fc.assert(
      fc.property(fc.nat(64 * 1024 * 1024 - 1), (offset) => {
        const match = /^byte (\d+) \(0x([0-9A-F]+)\)$/.exec(
          formatByteOffset(offset, { hex: true }),
        );
        expect(match).not.toBeNull();
        expect(Number(match![1])).toBe(offset);
        expect(parseInt(match![2]!, 16)).toBe(offset);
      }),
    );
  });
});

describe('formatByteOffsets', () => {
  it('lists positions in decimal, the last after "and"', () => {
    expect(formatByteOffsets([24])).toBe('byte 24');
    expect(formatByteOffsets([24, 28])).toBe('bytes 24 and 28');
    expect(formatByteOffsets([24, 28, 32, 36])).toBe('bytes 24, 28, 32 and 36');
  });

  it('names every position it is given, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(64 * 1024 * 1024 - 1), { minLength: 1, maxLength: 8 }),
        (offsets) => {
          const text = formatByteOffsets(offsets);
          expect([...text.matchAll(/\d+/g)].map((m) => Number(m[0]))).toEqual(offsets);
        },
      ),
    );
  });
});
