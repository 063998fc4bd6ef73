import { describe, expect, it } from 'vitest';
import { parse } from '../../../../shared/codec/parse.js';
import { toClientState } from '../../../../shared/export/client-state.js';
import {
  AccountChoiceError,
  readClientState,
} from '../../../../shared/input/client-state/decode-client-state.js';
import { detectClientState } from '../../../../shared/input/client-state/detect-client-state.js';
import {
  MAX_STATE_LINE_CHARS,
  MAX_STATE_LINES,
} from '../../../../shared/input/client-state/lines.js';
import { MAX_HISTORY_TAGS } from '../../../../shared/input/client-state/to-history.js';
import { decodeInput } from '../../../../shared/input/decode.js';
import { detectInputFormat } from '../../../../shared/input/detect.js';
import { formatUtcIso } from '../../../../shared/time-display.js';
import { TWO_ACCOUNTS } from '../../../fixtures/client-state.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const FIXED = { year: 2020, month: 1, day: 2, hour: 3, minute: 4, second: 5 };

const tagsOf = (bytes: Uint8Array) =>
  parse(bytes).entries.map((e) => ({
    op: e.op + e.content,
    time: e.timestamp ? formatUtcIso(e.timestamp) : null,
    uid: e.uid,
  }));

describe('popstate.dat', () => {
  it('is detected by its first line', () => {
    expect(detectClientState(encode(TWO_ACCOUNTS))?.format).toBe('popstate');
  });

  it('with two accounts and none named is a container listing the choices', () => {
    let caught: unknown;
    try {
      decodeInput(encode(TWO_ACCOUNTS));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AccountChoiceError);
    expect((caught as AccountChoiceError).accounts).toEqual([
      'joe@pop.example.com',
      'ann@example.org@mail.example.org',
    ]);
    expect((caught as Error).message).toContain('#1 joe@pop.example.com (3 messages)');
  });

  it('maps k, b and d to +b, +h and -b dated receivedAt in UTC', () => {
    const decoded = decodeInput(encode(TWO_ACCOUNTS), { account: 'joe@pop.example.com' });
    expect(decoded.format).toBe('popstate');
    expect(decoded.clientState).toMatchObject({
      account: 'joe@pop.example.com',
      host: 'pop.example.com',
      user: 'joe',
      lineBreak: '\r\n',
    });
    expect(tagsOf(decoded.bytes)).toEqual([
      { op: '+b', time: '2017-06-12T14:32:50Z', uid: '000000017b1c9a2e' },
      { op: '+h', time: '2017-06-12T14:33:00Z', uid: 'UID-with.dots_2' },
      { op: '-b', time: '2017-06-12T14:33:20Z', uid: '0003' },
    ]);
    expect(parse(decoded.bytes).diagnostics).toEqual([]);
  });

  it('selects an account by number, and by user@host regardless of case', () => {
    const second = decodeInput(encode(TWO_ACCOUNTS), { account: '2' });
    expect(tagsOf(second.bytes).map((t) => t.uid)).toEqual(['AAA1']);
    const folded = decodeInput(encode(TWO_ACCOUNTS), {
      account: 'ANN@EXAMPLE.ORG@mail.example.org',
    });
    expect(folded.clientState?.account).toBe('ann@example.org@mail.example.org');
  });

  it('names the choices when the account named is not there', () => {
    expect(() => decodeInput(encode(TWO_ACCOUNTS), { account: 'bob@x' })).toThrow(
      /no account 'bob@x' \(accounts: #1 joe@pop\.example\.com \(3 messages\), #2 ann@example\.org@mail\.example\.org \(1 messages\)\)/,
    );
  });

  it('reports unreadable lines with their numbers and converts the rest', () => {
    const text = [
      '# POP3 State File',
      'k orphan 1',
      '*host user',
      'k good 1600000000',
      'x bad-status 1600000000',
      'k bad-time 16000000x0',
      'k',
      'k ' + 'L'.repeat(71) + ' 1600000000',
      'k caf\u00e9\u2603 1600000000',
    ].join('\n');
    const decoded = decodeInput(encode(text));
    expect(decoded.diagnostics.map((d) => [d.line, d.code, d.severity])).toEqual([
      [2, 'state.no-account', 'error'],
      [5, 'state.unreadable-line', 'error'],
      [6, 'state.unreadable-line', 'error'],
      [7, 'state.unreadable-line', 'error'],
      [8, 'state.uid-too-long', 'warning'],
      [9, 'state.uid-unwritable', 'error'],
    ]);
    expect(decoded.diagnostics[1]!.message).toContain('Line 5 ("x bad-status 1600000000")');
    expect(tagsOf(decoded.bytes).map((t) => t.uid)).toEqual(['good', 'L'.repeat(71)]);
  });

  it('reads Netscape-era lines without a time, dated the chosen time, and says so', () => {
    const text = '# Netscape POP3 State File\n\n*host user\nk one\nk two 1600000000\n';
    const decoded = decodeInput(encode(text), { undatedTime: FIXED });
    expect(tagsOf(decoded.bytes).map((t) => t.time)).toEqual([
      '2020-01-02T03:04:05Z',
      '2020-09-13T12:26:40Z',
    ]);
    const note = decoded.diagnostics.find((d) => d.code === 'state.no-times');
    expect(note).toMatchObject({ line: 4, severity: 'info' });
    expect(note!.message).toContain('1 message(s) have no time');
  });
});

describe('fetchmail .fetchids', () => {
  const text = 'joe@pop.example.com 1a2b\njoe@pop.example.com 3c4d\nme@corp@mx.corp.net x-9\n';

  it('is detected, has no times: the chosen time is used and a finding says so', () => {
    expect(detectClientState(encode(text))?.format).toBe('fetchids');
    const decoded = decodeInput(encode(text), {
      account: 'joe@pop.example.com',
      undatedTime: FIXED,
    });
    expect(tagsOf(decoded.bytes)).toEqual([
      { op: '+b', time: '2020-01-02T03:04:05Z', uid: '1a2b' },
      { op: '+b', time: '2020-01-02T03:04:05Z', uid: '3c4d' },
    ]);
    expect(decoded.diagnostics).toEqual([
      expect.objectContaining({ code: 'state.no-times', line: 1 }),
    ]);
    expect(decoded.diagnostics[0]!.message).toContain('2 message(s) have no time');
  });

  it('splits a user holding @ at the last @ before the UID', () => {
    const file = readClientState(encode(text), 'fetchids');
    expect(file.accounts.map((a) => [a.user, a.host])).toEqual([
      ['joe', 'pop.example.com'],
      ['me@corp', 'mx.corp.net'],
    ]);
  });

  it('reports a line that is not user@server uid', () => {
    const decoded = decodeInput(encode('joe@h u1\nnot-an-account u2\n'), {
      format: 'fetchids',
      undatedTime: FIXED,
    });
    expect(decoded.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [1, 'state.no-times'],
      [2, 'state.unreadable-line'],
    ]);
  });
});

describe('getmail oldmail', () => {
  it('is detected despite its NULs and read with its times', () => {
    const text = 'UID1\x001497277970\nUID2\x001497277971\n';
    expect(detectClientState(encode(text))?.format).toBe('getmail');
    const decoded = decodeInput(encode(text));
    expect(decoded.format).toBe('getmail');
    expect(tagsOf(decoded.bytes)).toEqual([
      { op: '+b', time: '2017-06-12T14:32:50Z', uid: 'UID1' },
      { op: '+b', time: '2017-06-12T14:32:51Z', uid: 'UID2' },
    ]);
  });

  it('shows the NUL of a bad line as \\x00 in its finding', () => {
    const decoded = decodeInput(encode('UID1\x00abc\n'), { format: 'getmail' });
    expect(decoded.diagnostics[0]!.message).toBe(
      'Line 1 ("UID1\\x00abc") is not a "<uid> NUL <unix time>" line; it was not read.',
    );
  });
});

describe('caps', () => {
  it(`stops reading after ${MAX_STATE_LINES} lines and says where`, () => {
    const text = '*h u\n' + 'k a 1\n'.repeat(MAX_STATE_LINES + 5);
    const file = readClientState(encode(text), 'popstate');
    expect(file.diagnostics).toEqual([
      expect.objectContaining({ code: 'state.too-many-lines', line: MAX_STATE_LINES + 1 }),
    ]);
    expect(file.accounts[0]!.messages.length).toBe(MAX_STATE_LINES - 1);
  });

  it(`does not read a line over ${MAX_STATE_LINE_CHARS} characters`, () => {
    const text = `*h u\nk ${'x'.repeat(MAX_STATE_LINE_CHARS)} 1\nk ok 1\n`;
    const file = readClientState(encode(text), 'popstate');
    expect(file.diagnostics).toEqual([
      expect.objectContaining({ code: 'state.line-too-long', line: 2 }),
    ]);
    expect(file.accounts[0]!.messages.map((m) => m.uid)).toEqual(['ok']);
  });

  it(`converts at most ${MAX_HISTORY_TAGS} messages, naming the first line left out`, () => {
    let text = '*h u\n';
    for (let i = 0; i < MAX_HISTORY_TAGS + 2; i++) text += `k u${i} 1\n`;
    const decoded = decodeInput(encode(text), { format: 'popstate' });
    expect(parse(decoded.bytes).entryCount).toBe(MAX_HISTORY_TAGS);
    expect(parse(decoded.bytes).declaredCount.value).toBe(MAX_HISTORY_TAGS);
    expect(decoded.diagnostics).toEqual([
      expect.objectContaining({ code: 'state.too-many-messages', line: MAX_HISTORY_TAGS + 2 }),
    ]);
  });
});

describe('writing state files', () => {
  const decoded = decodeInput(encode(TWO_ACCOUNTS), { account: '1' });
  const doc = parse(decoded.bytes);

  it('writes popstate with the given account, + as k or b, - left out and counted', () => {
    const out = toClientState(doc, 'popstate', {
      host: 'pop.example.com',
      user: 'joe',
      lineBreak: '\r\n',
    });
    expect(out.text).toBe(
      [
        '# POP3 State File',
        '# This is a generated file!  Do not edit.',
        '',
        '*pop.example.com joe',
        'k 000000017b1c9a2e 1497277970',
        'b UID-with.dots_2 1497277980',
        '',
      ].join('\r\n'),
    );
    expect(out).toMatchObject({ written: 2, deleted: 1, duplicates: 0, undated: 0 });
  });

  it('writes fetchids and getmail lines', () => {
    expect(toClientState(doc, 'fetchids', { host: 'h.net', user: 'u' }).text).toBe(
      'u@h.net 000000017b1c9a2e\nu@h.net UID-with.dots_2\n',
    );
    expect(toClientState(doc, 'getmail').text).toBe(
      '000000017b1c9a2e\x001497277970\nUID-with.dots_2\x001497277980\n',
    );
  });

  it('refuses a missing or unwritable host or user, naming it', () => {
    expect(() => toClientState(doc, 'popstate', { user: 'joe' })).toThrow(
      'the POP3 host is needed (nothing is guessed)',
    );
    expect(() => toClientState(doc, 'fetchids', { host: 'h', user: 'a b' })).toThrow(
      "the POP3 user 'a b' cannot be written: it holds a space or a control character",
    );
  });

  it('leaves out UIDs a line cannot hold and counts them with their entries', () => {
    const blob = decodeInput(encode('*h u\nk a 1\nk b 2\n')).bytes;
    // A UID with an escaped space ($20) decodes to "x y".
    const withSpace = new Uint8Array([
      ...blob.subarray(0, 2),
      3,
      0,
      ...blob.subarray(4),
      ...encode('+b19700101000003x$20y\0'),
    ]);
    const out = toClientState(parse(withSpace), 'getmail');
    expect(out.written).toBe(2);
    expect(out.unwritable).toEqual([{ index: 2, uid: 'x y' }]);
  });
});

describe('detectInputFormat', () => {
  it('names a state file and why, as decodeInput reads it', () => {
    expect(detectInputFormat(encode(TWO_ACCOUNTS))).toEqual({
      format: 'popstate',
      reason: `The file begins "# POP3 State File", the first line of Thunderbird's popstate.dat.`,
    });
    expect(detectInputFormat(encode('u@h.net 1a\n')).format).toBe('fetchids');
  });
});
