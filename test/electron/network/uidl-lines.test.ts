import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUidlLine, serverText } from '../../../electron/network/uidl-lines.js';

/** RFC 1939 UIDs: 1 to 70 characters from 0x21 to 0x7E. */
const rfcUid = fc
  .array(fc.integer({ min: 0x21, max: 0x7e }), { minLength: 1, maxLength: 70 })
  .map((codes) => String.fromCharCode(...codes));

describe('parseUidlLine', () => {
  it('reads every RFC 1939 line back exactly, with any spacing around the fields', () => {
    const spacing = fc.constantFrom(' ', '  ', '\t', ' \t ');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        rfcUid,
        spacing,
        fc.constantFrom('', ' ', '\t'),
        (number, uid, gap, trailing) => {
          expect(parseUidlLine(`${number}${gap}${uid}${trailing}`, 9)).toEqual({
            message: { number, uid },
            problem: null,
          });
        },
      ),
    );
  });

  it('keeps every byte of a UID but spaces and tabs, at either end too (one character a byte)', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0x21, max: 0xff }), { minLength: 1, maxLength: 70 })
          .map((codes) => String.fromCharCode(...codes)),
        (uid) => {
          expect(parseUidlLine(`7 ${uid}`, 2).message).toEqual({ number: 7, uid });
        },
      ),
    );
    expect(parseUidlLine('7 abc\u00a0', 2).message).toEqual({ number: 7, uid: 'abc\u00a0' });
  });

  it('refuses numbers that are not whole numbers from 1, naming the line', () => {
    for (const number of ['0', '-1', '1.5', 'x', '99999999999999999999']) {
      expect(parseUidlLine(`${number} uid`, 12)).toEqual({
        message: null,
        problem: {
          line: 12,
          text: `${number} uid`,
          message: `line 12: message number "${number}" is not a whole number >= 1`,
        },
      });
    }
  });

  it('refuses empty lines and lines with the wrong number of fields', () => {
    expect(parseUidlLine('   ', 2).problem?.message).toBe('line 2: empty line');
    expect(parseUidlLine('7', 3).problem?.message).toBe(
      'line 3: expected "number UID", found 1 fields',
    );
    expect(parseUidlLine('7 a b', 4).message).toBeNull();
  });

  it('keeps UIDs as sent, even outside RFC 1939 (the listing checks those)', () => {
    const long = 'a'.repeat(71);
    expect(parseUidlLine(`1 ${long}`, 2)).toEqual({
      message: { number: 1, uid: long },
      problem: null,
    });
    expect(parseUidlLine('2 \u00fcid', 3).message).toEqual({ number: 2, uid: '\u00fcid' });
  });

  it('shows a problem line without control characters, shortened', () => {
    const problem = parseUidlLine(`x\u001b[2J${'y'.repeat(200)}`, 5).problem;
    expect(problem?.text).toBe(`x?[2J${'y'.repeat(95)}…`);
  });
});

describe('serverText', () => {
  it('replaces C0 and C1 controls and cuts long text', () => {
    expect(serverText('a\u0000b\u0085c\u007fd', 100)).toBe('a?b?c?d');
    expect(serverText('abcdef', 3)).toBe('abc…');
  });
});
