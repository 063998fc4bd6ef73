import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatByteRange, hexOffset } from '../../shared/byte-range.js';

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
