import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agree, groupDigits, plural } from '../../shared/wording.js';

describe('plural', () => {
  it('groups digits by default and keeps them plain on request', () => {
    expect(plural(65_535, 'byte')).toBe('65,535 bytes');
    expect(plural(65_535, 'byte', undefined, 'plain')).toBe('65535 bytes');
    expect(plural(1, 'byte', undefined, 'plain')).toBe('1 byte');
    expect(plural(0, 'entry', 'entries')).toBe('0 entries');
    expect(plural(1_000, 'counted tag', undefined, 'plain')).toBe('1000 counted tags');
  });

  it('chooses the singular for exactly one, in both digit styles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (count) => {
        const noun = count === 1 ? 'tag' : 'tags';
        expect(plural(count, 'tag', undefined, 'plain')).toBe(`${count} ${noun}`);
        expect(plural(count, 'tag')).toBe(`${groupDigits(count)} ${noun}`);
        expect(agree(count, 'is', 'are')).toBe(count === 1 ? 'is' : 'are');
      }),
    );
  });
});
