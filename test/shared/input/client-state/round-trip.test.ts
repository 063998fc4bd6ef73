import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../../shared/codec/parse.js';
import { toClientState } from '../../../../shared/export/client-state.js';
import { readClientState } from '../../../../shared/input/client-state/decode-client-state.js';
import { formatTimestampDigits } from '../../../../shared/codec/timestamp.js';
import { utcDigitsOfSeconds } from '../../../../shared/input/client-state/to-history.js';
import { decodeInput } from '../../../../shared/input/decode.js';
import { utcTimestampOf } from '../../../../shared/time-display.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const RUNS = { numRuns: 300 };
const FIXED = { year: 2021, month: 3, day: 4, hour: 5, minute: 6, second: 7 };

/** UIDs as servers send them: 1-70 printable ASCII characters without a space. */
const uid = fc.string({
  unit: fc.constantFrom(...'abcXYZ019-._@+$/%!~'.split('')),
  minLength: 1,
  maxLength: 70,
});
const message = fc.record({
  uid,
  status: fc.constantFrom('k', 'b'),
  receivedAt: fc.integer({ min: 0, max: 253_402_300_799 }),
});
const messages = fc.uniqueArray(message, { selector: (m) => m.uid, maxLength: 40 });
const name = fc.stringMatching(/^[a-z][a-z0-9.-]{0,20}$/);
const lineBreak = fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n');

describe('state file → history → state file', () => {
  it('popstate: the account section comes back equal', () => {
    fc.assert(
      fc.property(messages, messages, name, name, lineBreak, (mine, other, host, user, br) => {
        const section = [
          `*${host} ${user}`,
          ...mine.map((m) => `${m.status} ${m.uid} ${m.receivedAt}`),
        ];
        const file = [
          '# POP3 State File',
          '# This is a generated file!  Do not edit.',
          '',
          ...section,
          `*other.example ${user}`,
          ...other.map((m) => `k ${m.uid} ${m.receivedAt}`),
          '',
        ].join(br);
        const decoded = decodeInput(encode(file), { account: `${user}@${host}` });
        expect(decoded.diagnostics).toEqual([]);
        const back = toClientState(parse(decoded.bytes), 'popstate', { host, user, lineBreak: br });
        const reread = readClientState(encode(back.text), 'popstate');
        expect(reread.accounts).toHaveLength(1);
        expect(back.text.split(br).slice(3, -1)).toEqual(section);
        expect(back).toMatchObject({ written: mine.length, deleted: 0, duplicates: 0 });
      }),
      RUNS,
    );
  });

  it('popstate: d lines become - tags, and are left out and counted on the way back', () => {
    fc.assert(
      fc.property(messages, fc.array(fc.boolean(), { maxLength: 40 }), (mine, deleted) => {
        const lines = mine.map((m, i) => `${deleted[i] ? 'd' : m.status} ${m.uid} ${m.receivedAt}`);
        const decoded = decodeInput(encode(['*h u', ...lines].join('\n')), { format: 'popstate' });
        const doc = parse(decoded.bytes);
        expect(doc.entries.map((e) => e.op)).toEqual(mine.map((_, i) => (deleted[i] ? '-' : '+')));
        const back = toClientState(doc, 'popstate', { host: 'h', user: 'u' });
        const gone = mine.filter((_, i) => deleted[i]).length;
        expect(back.deleted).toBe(gone);
        expect(back.written).toBe(mine.length - gone);
      }),
      RUNS,
    );
  });

  it('getmail: every line comes back equal', () => {
    fc.assert(
      fc.property(messages, (mine) => {
        const lines = mine.map((m) => `${m.uid}\0${m.receivedAt}`);
        const text = lines.map((l) => l + '\n').join('');
        const decoded = decodeInput(encode(text), { format: 'getmail' });
        expect(decoded.diagnostics).toEqual([]);
        expect(toClientState(parse(decoded.bytes), 'getmail').text).toBe(text);
      }),
      RUNS,
    );
  });

  it('fetchids: every line comes back equal (it has no times to lose)', () => {
    fc.assert(
      fc.property(messages, name, name, (mine, host, user) => {
        const text = mine.map((m) => `${user}@${host} ${m.uid}\n`).join('');
        const decoded = decodeInput(encode(text), { format: 'fetchids', undatedTime: FIXED });
        const back = toClientState(parse(decoded.bytes), 'fetchids', { host, user });
        expect(back.text).toBe(text);
      }),
      RUNS,
    );
  });

  it('history → popstate → history keeps every + tag UID and its time to the second', () => {
    fc.assert(
      fc.property(messages, (mine) => {
        const decoded = decodeInput(
          encode(['*h u', ...mine.map((m) => `${m.status} ${m.uid} ${m.receivedAt}`)].join('\n')),
          {
            format: 'popstate',
          },
        );
        const doc = parse(decoded.bytes);
        const again = decodeInput(
          encode(toClientState(doc, 'popstate', { host: 'h', user: 'u' }).text),
        );
        expect(again.bytes).toEqual(decoded.bytes);
      }),
      RUNS,
    );
  });
});

describe('utcDigitsOfSeconds', () => {
  it('equals the Date-based UTC digits for every time a tag can hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799 }), (seconds) => {
        expect(utcDigitsOfSeconds(seconds)).toBe(
          formatTimestampDigits(utcTimestampOf(seconds * 1000)),
        );
      }),
      { numRuns: 5000 },
    );
    expect(utcDigitsOfSeconds(0)).toBe('19700101000000');
    expect(utcDigitsOfSeconds(951_782_400)).toBe('20000229000000');
    expect(utcDigitsOfSeconds(253_402_300_799)).toBe('99991231235959');
  });
});
