import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import type { ListingProblem, ParsedListing } from '../../../shared/compare/types.js';
import {
  listingFromHistory,
  listingFromLiveCheck,
  listingFromMessages,
  parseListing,
} from '../../../shared/listing/parse-listing.js';
import { buildBlob } from '../../fixtures/blobs.js';

const pairs = (listing: ParsedListing): [number | null, string][] =>
  listing.messages.map((message) => [message.number, message.uid]);

const problemLines = (listing: ParsedListing): [number, ListingProblem['severity']][] =>
  listing.problems.map((problem) => [problem.line, problem.severity]);

describe('parseListing: UIDL responses', () => {
  it('reads an RFC 1939 response with its +OK line and terminating dot, CRLF', () => {
    const listing = parseListing(
      '+OK 3 messages\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n',
    );
    expect(listing.shape).toBe('uidl-response');
    expect(listing.reason).toBe("Line 1 is the status line of a UIDL response ('+OK 3 messages').");
    expect(listing.messages).toEqual([
      { number: 1, uid: 'whqtswO00WBw418f9t5JxYwZ', line: 2 },
      { number: 2, uid: 'QhdPYR:00WBw1Ph7x7', line: 3 },
    ]);
    expect(listing.problems).toEqual([]);
    expect(listing.complete).toBe(true);
  });

  it('reads bare pairs with any whitespace and line ending, and says the dot was not seen', () => {
    const listing = parseListing('  1\tabc  \r2    def\n\n\t3 \t ghi\t\r\n');
    expect(listing.shape).toBe('uidl-response');
    expect(listing.reason).toMatch(/^3 of 3 lines are '<message number> <UID>' pairs/);
    expect(listing.messages.map((m) => [m.number, m.uid, m.line])).toEqual([
      [1, 'abc', 1],
      [2, 'def', 2],
      [3, 'ghi', 4],
    ]);
    expect(listing.complete).toBe(false);
    expect(listing.problems).toEqual([]);
  });

  it('recognises a response by its terminating dot alone', () => {
    const listing = parseListing('1 a\n2 b\n.\n');
    expect(listing.shape).toBe('uidl-response');
    expect(listing.reason).toBe("Line 3 is the '.' that ends a multi-line POP3 response.");
    expect(listing.complete).toBe(true);
  });

  it('warns that a response with +OK but no dot may be truncated, on its last line', () => {
    const listing = parseListing('+OK\n1 a\n2 b\n\n');
    expect(pairs(listing)).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(listing.complete).toBe(false);
    expect(listing.problems).toEqual([
      {
        line: 3,
        text: '2 b',
        severity: 'warning',
        message:
          "line 3: the UIDL response that starts on line 1 ends without its terminating '.': " +
          'the listing may be truncated',
      },
    ]);
  });

  it('reports text after the terminating dot without reading it', () => {
    const listing = parseListing('+OK\n1 a\n.\n2 b\n+OK bye\n');
    expect(pairs(listing)).toEqual([[1, 'a']]);
    expect(listing.problems.map((p) => p.message)).toEqual([
      "line 4: text after the terminating '.' on line 3 is not read",
    ]);
  });

  it('undoes byte-stuffing: a doubled dot is data, not the end of the response', () => {
    const listing = parseListing('+OK\n1 a\n..x\n..\n2 b\n.\n');
    expect(pairs(listing)).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(listing.complete).toBe(true);
    expect(listing.problems.map((p) => p.message)).toEqual([
      "line 3: expected '<message number> <UID>', found only '.x'; the line is left out",
      "line 4: expected '<message number> <UID>', found only '.'; the line is left out",
    ]);
  });

  it('reports a -ERR status line', () => {
    const listing = parseListing('-ERR unknown command\n');
    expect(listing.messages).toEqual([]);
    expect(listing.problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [1, 'error', "line 1: the server answered '-ERR unknown command' instead of a listing"],
    ]);
  });

  it('drops a leading byte-order mark', () => {
    expect(pairs(parseListing('\ufeff+OK\n1 a\n.\n'))).toEqual([[1, 'a']]);
  });
});

describe('parseListing: bad lines', () => {
  const text = [
    '+OK', // 1
    '1 good', // 2
    'x1 abc', // 3: non-numeric number
    '4', // 4: missing UID
    `5 ${'u'.repeat(71)}`, // 5: too long, kept
    '6 caf\u00e9', // 6: outside 0x21-0x7E, kept
    '7 a b', // 7: three fields
    '2 again', // 8: fine
    '2 duplicate', // 9: message number given again
    '9 good', // 10: UID given again (kept, warned)
    '0 zero', // 11: message number 0
    '.', // 12
  ].join('\r\n');
  const listing = parseListing(text);

  it('keeps the good lines and the UIDs that are only suspicious', () => {
    expect(pairs(listing)).toEqual([
      [1, 'good'],
      [5, 'u'.repeat(71)],
      [6, 'caf\u00e9'],
      [2, 'again'],
      [9, 'good'],
    ]);
    expect(listing.complete).toBe(true);
  });

  it('reports each bad line with its 1-based line number, in line order', () => {
    expect(problemLines(listing)).toEqual([
      [3, 'error'],
      [4, 'error'],
      [5, 'warning'],
      [6, 'warning'],
      [7, 'error'],
      [9, 'error'],
      [10, 'warning'],
      [11, 'error'],
    ]);
    expect(listing.problems.map((p) => p.message)).toEqual([
      "line 3: message number 'x1' is not a number; the line is left out",
      'line 4: message 4 has no UID; the line is left out',
      `line 5: UID '${'u'.repeat(71)}' has 71 characters; RFC 1939 allows at most 70; it is kept`,
      "line 6: UID 'caf\u00e9' holds character 0xE9 at position 4, outside the printable ASCII " +
        '(0x21–0x7E) RFC 1939 allows; it is kept',
      "line 7: 3 fields where '<message number> <UID>' was expected (a UID holds no spaces); the line is left out",
      'line 9: message number 2 is listed again (line 8 gave it first); this one is left out',
      "line 10: UID 'good' is listed again (first listed for message 1 on line 2); RFC 1939 wants " +
        "each message's UID unique. Both are kept",
      'line 11: message number 0 is not a message (RFC 1939 numbers messages from 1); the line is left out',
    ]);
    expect(listing.problems[0]!.text).toBe('x1 abc');
  });

  it('shows control characters in messages as \\xNN', () => {
    const withControl = parseListing('+OK\n1 a\x1bb\n.\n');
    expect(withControl.problems[0]!.message).toContain("UID 'a\\x1Bb' holds character 0x1B");
  });

  it('refuses message numbers past nine digits', () => {
    expect(parseListing('1234567890 a\n.\n').problems[0]!.message).toBe(
      "line 1: message number '1234567890' is too large; the line is left out",
    );
  });
});

describe('parseListing: POP3 session transcripts', () => {
  it('reads only the UIDL response of a C:/S: transcript, not LIST sizes', () => {
    const listing = parseListing(
      [
        'S: +OK Dovecot ready.', // 1
        'C: USER joe', // 2
        'S: +OK', // 3
        'C: PASS ***', // 4
        'S: +OK Logged in.', // 5
        'C: STAT', // 6
        'S: +OK 2 3000', // 7
        'C: LIST', // 8
        'S: +OK 2 messages:', // 9
        'S: 1 1000', // 10
        'S: 2 2000', // 11
        'S: .', // 12
        'C: UIDL', // 13
        'S: +OK', // 14
        'S: 1 00000001-4f3c', // 15
        'S: 2 00000002-4f3c', // 16
        'S: .', // 17
        'C: QUIT', // 18
        'S: +OK Logging out.', // 19
      ].join('\r\n'),
    );
    expect(listing.shape).toBe('pop3-transcript');
    expect(listing.reason).toBe(
      'A POP3 session transcript: the UIDL command on line 13 and its response, lines 14–17, ' +
        "were read; other commands' lines were not.",
    );
    expect(listing.messages).toEqual([
      { number: 1, uid: '00000001-4f3c', line: 15 },
      { number: 2, uid: '00000002-4f3c', line: 16 },
    ]);
    expect(listing.problems).toEqual([]);
    expect(listing.complete).toBe(true);
  });

  it("reads curl's > and < prefixes", () => {
    const listing = parseListing(
      '< +OK POP3 ready\n> UIDL\n< +OK\n< 1 a.b@c\n< 2 d_e\n< .\n> QUIT\n',
    );
    expect(listing.shape).toBe('pop3-transcript');
    expect(pairs(listing)).toEqual([
      [1, 'a.b@c'],
      [2, 'd_e'],
    ]);
  });

  it('reads an unprefixed session and skips a retrieved message, stuffed lines included', () => {
    const listing = parseListing(
      [
        '+OK ready', // 1
        'USER joe', // 2
        '+OK', // 3
        'RETR 1', // 4
        '+OK 120 octets', // 5
        'Subject: UIDL', // 6
        '', // 7
        'QUIT', // 8: part of the body, not a command
        '..', // 9: a stuffed dot, not the end
        '1 notauid', // 10
        '.', // 11
        'UIDL', // 12
        '+OK', // 13
        '1 real', // 14
        '.', // 15
      ].join('\n'),
    );
    expect(listing.messages).toEqual([{ number: 1, uid: 'real', line: 14 }]);
    expect(listing.problems).toEqual([]);
  });

  it('uses the last of several UIDL responses and says which one it skipped', () => {
    const listing = parseListing('UIDL\n+OK\n1 old\n.\nUIDL\n+OK\n1 new\n.\n');
    expect(pairs(listing)).toEqual([[1, 'new']]);
    expect(listing.problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [
        1,
        'warning',
        'line 1: this UIDL response is not read: the session has a later one, from line 5',
      ],
    ]);
  });

  it('warns when the UIDL response is cut short by the next command', () => {
    const listing = parseListing('C: UIDL\nS: +OK\nS: 1 a\nC: QUIT\nS: +OK\n');
    expect(pairs(listing)).toEqual([[1, 'a']]);
    expect(listing.complete).toBe(false);
    expect(problemLines(listing)).toEqual([[3, 'warning']]);
  });

  it('reads the data when a tool printed no status line after UIDL', () => {
    const listing = parseListing('UIDL\n1 a\n2 b\n.\nQUIT\n');
    expect(pairs(listing)).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(listing.complete).toBe(true);
  });

  it("reads 'UIDL n' answers when there is no whole listing", () => {
    const listing = parseListing('C: UIDL 1\nS: +OK 1 abc\nC: UIDL 7\nS: +OK 7 xyz\nC: QUIT\n');
    expect(listing.messages).toEqual([
      { number: 1, uid: 'abc', line: 2 },
      { number: 7, uid: 'xyz', line: 4 },
    ]);
    expect(listing.complete).toBe(true);
  });

  it('reports a refused UIDL', () => {
    const listing = parseListing('C: USER joe\nS: +OK\nC: UIDL\nS: -ERR Unknown command\n');
    expect(listing.messages).toEqual([]);
    expect(listing.problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [4, 'error', "line 4: the server refused UIDL (line 3): '-ERR Unknown command'"],
    ]);
  });

  it('reports a session without UIDL, naming the commands it has', () => {
    const listing = parseListing('USER joe\n+OK\nLIST\n+OK\n1 100\n.\nQUIT\n');
    expect(listing.shape).toBe('pop3-transcript');
    expect(listing.messages).toEqual([]);
    expect(listing.complete).toBe(false);
    expect(listing.problems.map((p) => p.message)).toEqual([
      'line 1: the transcript holds no UIDL command (only USER, LIST, QUIT): there are no UIDs to compare',
    ]);
  });
});

describe('parseListing: plain lists of UIDs', () => {
  it('agrees the verb with the lines it counts: one line holds, one pair is', () => {
    expect(parseListing('abc\n').reason).toBe(
      '1 of 1 line holds a single word: a plain list of UIDs, one a line.',
    );
    expect(parseListing('1 abc\n').reason).toBe(
      "1 of 1 line is a '<message number> <UID>' pair: a UIDL response without its '+OK' line " +
        "and terminating '.'.",
    );
  });

  it('reads one UID a line, blank lines ignored, with their line numbers', () => {
    const listing = parseListing('abc\n\n  <id@host>  \r\nC:odd\n12345\n');
    expect(listing.shape).toBe('uid-list');
    expect(listing.reason).toBe(
      '4 of 4 lines hold a single word: a plain list of UIDs, one a line.',
    );
    expect(listing.messages).toEqual([
      { number: null, uid: 'abc', line: 1 },
      { number: null, uid: '<id@host>', line: 3 },
      { number: null, uid: 'C:odd', line: 4 },
      { number: null, uid: '12345', line: 5 },
    ]);
    expect(listing.complete).toBe(true);
  });

  it('takes a lone command-like word as a UID', () => {
    expect(pairs(parseListing('abc\nQUIT\n'))).toEqual([
      [null, 'abc'],
      [null, 'QUIT'],
    ]);
  });

  it('reports a line with two words and a repeated UID', () => {
    const listing = parseListing('a\nb c\nd\na\n');
    expect(pairs(listing)).toEqual([
      [null, 'a'],
      [null, 'd'],
      [null, 'a'],
    ]);
    expect(listing.problems.map((p) => p.message)).toEqual([
      'line 2: 2 fields where one UID a line was expected (a UID holds no spaces); the line is left out',
      "line 4: UID 'a' is listed again (first listed on line 1); RFC 1939 wants each message's " +
        'UID unique. Both are kept',
    ]);
  });

  it('warns about an empty listing', () => {
    for (const text of ['', '\n \r\n\t\n']) {
      const listing = parseListing(text);
      expect(listing.messages).toEqual([]);
      expect(listing.problems.map((p) => p.message)).toEqual([
        'line 1: the listing is empty: there are no UIDs to compare',
      ]);
    }
  });
});

describe('listingFromLiveCheck', () => {
  it('keeps the reply’s unreadable lines as errors before the messages’ own problems', () => {
    const listing = listingFromLiveCheck(
      {
        messages: [
          { number: 1, uid: 'AAA-1' },
          { number: 1, uid: 'BBB-2' },
        ],
        problems: [{ line: 3, text: '3', message: 'response line 3: no UID' }],
        tlsProtocol: 'TLSv1.3',
        certificateVerified: false,
      },
      'pop.example.com:995',
      'joe',
    );
    expect(listing.shape).toBe('live-check');
    expect(listing.reason).toBe(
      'UIDL from pop.example.com:995 as joe, over TLSv1.3 (certificate not verified), ' +
        'fetched live: 2 messages.',
    );
    expect(listing.messages.map((m) => m.uid)).toEqual(['AAA-1']);
    expect(listing.problems.map((p) => [p.severity, p.message])).toEqual([
      ['error', 'response line 3: no UID'],
      ['error', listing.problems[1]!.message],
    ]);
    expect(listing.problems[1]!.message).toMatch(/message 1/);
  });

  it('says when the connection was plain text', () => {
    const listing = listingFromLiveCheck(
      { messages: [], problems: [], tlsProtocol: null, certificateVerified: false },
      'localhost:110',
      'joe',
    );
    expect(listing.reason).toBe(
      'UIDL from localhost:110 as joe, in plain text, fetched live: 0 messages.',
    );
  });
});

describe('listingFromMessages', () => {
  it('checks a live check the same way, naming messages instead of lines', () => {
    const listing = listingFromMessages([
      { number: 1, uid: 'a' },
      { number: 2, uid: 'has space' },
      { number: 1, uid: 'b' },
    ]);
    expect(listing.shape).toBe('live-check');
    expect(listing.reason).toBe("The server's answer to UIDL, fetched live: 3 messages.");
    expect(listing.messages).toEqual([
      { number: 1, uid: 'a', line: 0 },
      { number: 2, uid: 'has space', line: 0 },
    ]);
    expect(listing.problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [
        0,
        'warning',
        "message 2: UID 'has space' holds character 0x20 at position 4, outside the printable " +
          'ASCII (0x21–0x7E) RFC 1939 allows; it is kept',
      ],
      [0, 'error', 'message 1: message number 1 is listed again; this one is left out'],
    ]);
    expect(listing.complete).toBe(true);
  });
});

describe('listingFromHistory', () => {
  it("lists another history's decoded UIDs, numbered from 1", () => {
    const document = parse(
      buildBlob([
        { op: '+', content: 'b', timestamp: '20200101000000', uid: 'a-1' },
        { op: '+', content: 'b', timestamp: '20200101000000', uid: 'B' },
      ]),
    );
    const listing = listingFromHistory(document, 'other.bin');
    expect(listing.shape).toBe('history');
    expect(listing.name).toBe('other.bin');
    expect(listing.messages).toEqual([
      { number: 1, uid: 'a-1', line: 0 },
      { number: 2, uid: 'B', line: 0 },
    ]);
    expect(listing.reason).toBe(
      "The history 'other.bin' (2 entries) stands in for the server; its entries are numbered from 1.",
    );
    expect(listingFromHistory(parse(buildBlob([])), 'empty').messages).toEqual([]);
  });
});

/** A UID as RFC 1939 allows: 1-70 characters from 0x21-0x7E. */
const rfcUid = fc
  .array(fc.integer({ min: 0x21, max: 0x7e }), { minLength: 1, maxLength: 70 })
  .map((codes) => String.fromCharCode(...codes));

const space = fc.constantFrom(' ', '\t', '  ', ' \t ', '\t\t');
const optionalSpace = fc.constantFrom('', ' ', '\t', ' \t');

describe('parseListing properties', () => {
  it('reads back exactly the pairs of any UIDL response, however it is laid out', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 999_999_999 }), rfcUid), {
          selector: ([number]) => number,
          maxLength: 40,
        }),
        fc.constantFrom('\r\n', '\n', '\r'),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.tuple(optionalSpace, space, optionalSpace, fc.boolean()), {
          minLength: 40,
          maxLength: 40,
        }),
        (messages, eol, withOk, withDot, layouts) => {
          // Repeated UIDs are kept (with a warning): drop them so the layout alone varies.
          const seen = new Set<string>();
          const unique = messages.filter(([, uid]) => !seen.has(uid) && seen.add(uid));
          const lines = unique.map(([number, uid], i) => {
            const [before, between, after, blankAfter] = layouts[i]!;
            return `${before}${number}${between}${uid}${after}${blankAfter ? eol : ''}`;
          });
          if (withOk || unique.length === 0) lines.unshift('+OK');
          if (withDot) lines.push('.');
          const listing = parseListing(lines.join(eol) + eol);
          expect(listing.shape).toBe('uidl-response');
          expect(listing.problems.filter((p) => p.severity === 'error')).toEqual([]);
          expect(pairs(listing)).toEqual(unique);
          expect(listing.complete).toBe(withDot);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads back any plain list of UIDs with its line numbers', () => {
    const listUid = fc.stringMatching(/^[A-Za-z0-9_@-][A-Za-z0-9._@-]{0,69}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(listUid, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('\r\n', '\n', '\r'),
        (uids, eol) => {
          // Words POP3 uses as commands would make two or more of them a session.
          fc.pre(uids.filter((uid) => /^[A-Za-z]{4}$/.test(uid)).length < 2);
          const listing = parseListing(uids.join(eol));
          expect(listing.shape).toBe('uid-list');
          expect(listing.messages).toEqual(
            uids.map((uid, i) => ({ number: null, uid, line: i + 1 })),
          );
          expect(listing.problems).toEqual([]);
        },
      ),
    );
  });

  it('never throws and gives every problem a line of the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const listing = parseListing(text);
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const problem of listing.problems) {
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(lineCount);
          expect(problem.message.startsWith(`line ${problem.line}: `)).toBe(true);
        }
        for (const message of listing.messages) {
          expect(message.line).toBeGreaterThanOrEqual(1);
          expect(message.line).toBeLessThanOrEqual(lineCount);
        }
      }),
    );
  });
});
