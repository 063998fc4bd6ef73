import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agree, countOf, groupDigits, plural } from '../../shared/wording.js';

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

describe('wording', () => {
  it('counts a part of a whole with the noun agreeing with the whole', () => {
    expect(countOf(1, 1, 'line')).toBe('1 of 1 line');
    expect(countOf(1, 3, 'line')).toBe('1 of 3 lines');
    expect(countOf(2500, 65535, 'entry', 'entries')).toBe('2,500 of 65,535 entries');
    expect(`${countOf(1, 3, 'line')} ${agree(1, 'holds', 'hold')}`).toBe('1 of 3 lines holds');
    expect(`${countOf(3, 3, 'line')} ${agree(3, 'holds', 'hold')}`).toBe('3 of 3 lines hold');
  });

  it('groups digits and plurals whatever the locale', () => {
    expect(groupDigits(7932)).toBe('7,932');
    expect(groupDigits(-1234567)).toBe('-1,234,567');
    expect(plural(0, 'history', 'histories')).toBe('0 histories');
    expect(plural(1, 'history', 'histories')).toBe('1 history');
  });
});
