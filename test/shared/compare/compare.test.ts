import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import type { UidlDocument } from '../../../shared/codec/types.js';
import { compareHistory } from '../../../shared/compare/compare.js';
import { groupDigits } from '../../../shared/wording.js';
import type { ComparedUid, Comparison } from '../../../shared/compare/types.js';
import {
  listingFromHistory,
  listingFromMessages,
  parseListing,
} from '../../../shared/listing/parse-listing.js';
import { ascii, buildBlob } from '../../fixtures/blobs.js';

/** A history holding these decoded UIDs, written as Outlook writes them. */
function history(uids: readonly string[]): UidlDocument {
  return parse(
    buildBlob(uids.map((uid) => ({ op: '+', content: 'b', timestamp: '20200102030405', uid }))),
  );
}

/** A history whose tags hold these encoded UIDs exactly as given (hand-edited histories). */
function rawHistory(encodedUids: readonly string[]): UidlDocument {
  return parse(buildBlob(encodedUids.map((raw) => ascii(`+b20200102030405${raw}\0`))));
}

const server = (uids: readonly string[]) =>
  listingFromMessages(uids.map((uid, i) => ({ number: i + 1, uid })));

const byUid = (comparison: Comparison): Map<string, ComparedUid> =>
  new Map(comparison.uids.map((compared) => [compared.uid, compared]));

describe('compareHistory: classes', () => {
  const document = history(['a', 'b', 'gone', 'a', 'old', 'gone', 'gone']);
  const comparison = compareHistory(document, parseListing('+OK\n1 b\n2 new\n3 a\n4 b2\n.\n'));

  it('classifies every UID, with its message numbers and history entries', () => {
    expect(comparison.uids).toEqual([
      {
        uid: 'b',
        uidClass: 'kept',
        messageNumbers: [1],
        historyEntries: [1],
        duplicateInHistory: false,
        nearMiss: null,
        likelyNew: false,
      },
      {
        uid: 'new',
        uidClass: 'will-download',
        messageNumbers: [2],
        historyEntries: [],
        duplicateInHistory: false,
        nearMiss: null,
        likelyNew: false,
      },
      {
        uid: 'a',
        uidClass: 'kept',
        messageNumbers: [3],
        historyEntries: [0, 3],
        duplicateInHistory: true,
        nearMiss: null,
        likelyNew: false,
      },
      {
        uid: 'b2',
        uidClass: 'will-download',
        messageNumbers: [4],
        historyEntries: [],
        duplicateInHistory: false,
        nearMiss: null,
        likelyNew: true,
      },
      {
        uid: 'gone',
        uidClass: 'stale',
        messageNumbers: [],
        historyEntries: [2, 5, 6],
        duplicateInHistory: true,
        nearMiss: null,
        likelyNew: false,
      },
      {
        uid: 'old',
        uidClass: 'stale',
        messageNumbers: [],
        historyEntries: [4],
        duplicateInHistory: false,
        nearMiss: null,
        likelyNew: false,
      },
    ]);
  });

  it('counts them', () => {
    expect(comparison.counts).toEqual({
      serverMessages: 4,
      historyEntries: 7,
      kept: 2,
      willDownload: 2,
      likelyNew: 1,
      stale: 2,
      duplicatedInHistory: 2,
      nearMisses: 0,
    });
  });

  it('says it in sentences, counting stale entries and their UIDs apart', () => {
    expect(comparison.summary).toBe(
      'The server lists 4 messages; the history has 7 entries. Outlook will download 1 message ' +
        'again and 1 new message on the next check (on the server but missing from the ' +
        'history); 4 history entries ' +
        '(2 UIDs) are stale (deleted on the server); 2 UIDs appear more than once in the history.',
    );
  });

  it('orders server UIDs by message number, whatever the listing order', () => {
    const shuffled = compareHistory(document, parseListing('3 a\n1 b\n2 new\n'));
    expect(shuffled.uids.slice(0, 3).map((c) => [c.uid, c.messageNumbers])).toEqual([
      ['b', [1]],
      ['new', [2]],
      ['a', [3]],
    ]);
  });

  it('gives a UID the server repeats all its message numbers', () => {
    const repeated = compareHistory(history(['x']), parseListing('1 x\n2 y\n3 x\n'));
    expect(byUid(repeated).get('x')!.messageNumbers).toEqual([1, 3]);
    expect(repeated.counts.serverMessages).toBe(3);
    expect(repeated.counts.kept).toBe(1);
  });

  it('matches a plain UID list without message numbers', () => {
    const plain = compareHistory(history(['a']), parseListing('a\nb\n'));
    expect(plain.uids.map((c) => [c.uid, c.uidClass, c.messageNumbers])).toEqual([
      ['a', 'kept', []],
      ['b', 'will-download', []],
    ]);
  });

  it('matches on the decoded UID, however the history escaped it', () => {
    // `$2D` (upper-case escape, which Outlook does not write) decodes like `$2d`.
    const matched = compareHistory(rawHistory(['A$2DB', 'c$2ed']), server(['A-B', 'c.d']));
    expect(matched.uids.map((c) => c.uidClass)).toEqual(['kept', 'kept']);
  });
});

describe('compareHistory: summaries', () => {
  it('writes the ticket sentence with grouped numbers and the likely cause', () => {
    // 3,094 kept (2 of them twice in the history), 118 whose case changed on the server, 2
    // new messages, 4 entries deleted on the server.
    const keptUids = Array.from({ length: 3094 }, (_, i) => `UID${i}`);
    const changed = Array.from({ length: 118 }, (_, i) => `UID${3094 + i}`);
    const serverUids = [...keptUids, ...changed, 'UID3212', 'UID3213'];
    const historyUids = [
      ...keptUids,
      'UID0',
      'UID1',
      ...changed.map((uid) => uid.toLowerCase()),
      'gone1',
      'gone2',
      'gone3',
      'gone4',
    ];
    const comparison = compareHistory(history(historyUids), server(serverUids));
    expect(comparison.summary).toBe(
      'The server lists 3,214 messages; the history has 3,218 entries. Outlook will download ' +
        '118 messages again and 2 new messages on the next check (on the server but missing ' +
        'from the history); ' +
        '122 history entries are stale (deleted on the server); 2 UIDs appear more than once ' +
        'in the history. 118 of the 120 differ from a history entry only in letter case: the ' +
        "server's UIDs likely changed case.",
    );
    // 118 pairs, each a will-download UID and its stale twin; the case twins are listed after
    // the newest kept message, but a near miss is never new mail.
    expect(comparison.counts.nearMisses).toBe(118);
    expect(comparison.counts.likelyNew).toBe(2);
    expect(comparison.newestSeen).toBe(3094);
  });

  it('uses the singular for one of each', () => {
    const comparison = compareHistory(history(['abc', 'x', 'x']), server(['ABC', 'x']));
    expect(comparison.summary).toBe(
      'The server lists 2 messages; the history has 3 entries. Outlook will download 1 message ' +
        'again on the next check (on the server but missing from the history); 1 history entry ' +
        'is stale (deleted on the server); 1 UID appears more than once in the history. It ' +
        "differs from a history entry only in letter case: the server's UIDs likely changed case.",
    );
  });

  it('says when nothing will be downloaded, and handles empty sides', () => {
    expect(compareHistory(history(['a', 'b']), server(['a', 'b'])).summary).toBe(
      'The server lists 2 messages; the history has 2 entries. Outlook will download nothing ' +
        'again on the next check.',
    );
    expect(compareHistory(history([]), parseListing('+OK\n.\n')).summary).toBe(
      'The server lists no messages; the history has no entries. Outlook will download ' +
        'nothing again on the next check.',
    );
  });

  it('names several causes, each with its share', () => {
    const comparison = compareHistory(
      rawHistory(['abc', 'p$20q', 'm$242dn', 'keep']),
      server(['ABC', 'pq', 'm-n', 'keep', 'fresh']),
    );
    expect(comparison.summary).toMatch(
      / 1 of the 4 differs from a history entry only in letter case: .* 1 of the 4 differs from a history entry only in '\$' escaping: .* 1 of the 4 differs from a history entry only in whitespace or control characters: the history was likely edited by hand or by a tool\.$/,
    );
  });

  it('speaks of two histories when the listing is another history', () => {
    const other = listingFromHistory(history(['a', 'B', 'c', 'd']), 'laptop.bin');
    const comparison = compareHistory(history(['a', 'b', 'old', 'old']), other, {
      name: 'desktop.bin',
    });
    expect(comparison.summary).toBe(
      "'laptop.bin' has 4 entries; 'desktop.bin' has 4 entries. 3 UIDs of 'laptop.bin' are " +
        "missing from 'desktop.bin' (Outlook would download them again); 3 entries (2 UIDs) of " +
        "'desktop.bin' are not in 'laptop.bin'; 1 UID appears more than once in 'desktop.bin'. " +
        "1 of the 3 differs from an entry of 'desktop.bin' only in letter case: the UIDs likely " +
        'changed case between the two.',
    );
    expect(comparison.summary).not.toMatch(/server/);
    expect(byUid(comparison).get('B')!.nearMiss!.explanation).toBe(
      "'B' in 'laptop.bin' and 'b' in 'desktop.bin' differ only in letter case.",
    );
  });

  it('groups digits the en-US way without asking the host locale', () => {
    expect([0, 7, 999, 1000, 65_535, 1_234_567, -4200].map(groupDigits)).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '65,535',
      '1,234,567',
      '-4,200',
    ]);
  });
});

describe('compareHistory: near misses', () => {
  it('flags a case-only difference on both sides, naming both forms', () => {
    const comparison = byUid(compareHistory(history(['msg-1a']), server(['MSG-1A'])));
    const expected = {
      cause: 'case',
      explanation: "'MSG-1A' on the server and 'msg-1a' in the history differ only in letter case.",
    };
    expect(comparison.get('MSG-1A')!.nearMiss).toEqual({ ...expected, counterpart: 'msg-1a' });
    expect(comparison.get('msg-1a')!.nearMiss).toEqual({ ...expected, counterpart: 'MSG-1A' });
  });

  it('flags a history UID escaped twice (its decoded form still holds $xx)', () => {
    // Written `m$242dn`: decodes to `m$2dn`, which decoded once more is the server's `m-n`.
    const comparison = byUid(compareHistory(rawHistory(['m$242dn']), server(['m-n'])));
    expect(comparison.get('m-n')!.nearMiss).toEqual({
      cause: 'escaping',
      counterpart: 'm$2dn',
      explanation:
        "'m$2dn' in the history still holds '$xx' escapes and, decoded once more, is 'm-n' on " +
        'the server: the UID was escaped twice when written.',
    });
    expect(comparison.get('m$2dn')!.nearMiss!.counterpart).toBe('m-n');
  });

  it("flags a history written without escaping a server UID's '$'", () => {
    // The server's UID really is `a$2db`; a tool wrote it unescaped, so it reads as `a-b`.
    const comparison = byUid(compareHistory(rawHistory(['a$2db']), server(['a$2db'])));
    expect(comparison.get('a$2db')!.uidClass).toBe('will-download');
    expect(comparison.get('a$2db')!.nearMiss).toEqual({
      cause: 'escaping',
      counterpart: 'a-b',
      explanation:
        "'a$2db' on the server, read as escaped, is 'a-b' in the history: the history was " +
        "written without escaping '$' (Outlook writes '$24'), so its '$xx' was read as an escape.",
    });
    expect(comparison.get('a-b')!.nearMiss!.counterpart).toBe('a$2db');
  });

  it('flags whitespace and control characters in the decoded history UID', () => {
    const comparison = byUid(
      compareHistory(rawHistory(['abc$20', 'de$0d$0af', '$09ghi']), server(['abc', 'def', 'ghi'])),
    );
    expect(comparison.get('abc')!.nearMiss).toEqual({
      cause: 'whitespace',
      counterpart: 'abc ',
      explanation:
        "'abc ' in the history and 'abc' on the server differ only in whitespace or control characters.",
    });
    expect(comparison.get('de\r\nf')!.nearMiss!.explanation).toBe(
      "'de\\x0D\\x0Af' in the history and 'def' on the server differ only in whitespace or control characters.",
    );
    expect(comparison.get('ghi')!.nearMiss!.counterpart).toBe('\tghi');
  });

  it('never flags a kept UID, and pairs only will-download with stale', () => {
    const comparison = byUid(compareHistory(history(['abc', 'XYZ']), server(['abc', 'ABC'])));
    expect(comparison.get('abc')!.nearMiss).toBeNull();
    // 'ABC' is on the server only; its case twin 'abc' is kept, not stale: no near miss.
    expect(comparison.get('ABC')!.nearMiss).toBeNull();
    expect(comparison.get('XYZ')!.nearMiss).toBeNull();
  });

  it('gives every case twin a counterpart when several share one form', () => {
    const comparison = byUid(compareHistory(history(['abc']), server(['ABC', 'Abc'])));
    expect(comparison.get('ABC')!.nearMiss!.counterpart).toBe('abc');
    expect(comparison.get('Abc')!.nearMiss!.counterpart).toBe('abc');
    expect(comparison.get('abc')!.nearMiss!.counterpart).toBe('ABC');
  });
});

/**
 * UIDs from a few pieces, so histories and listings overlap and near misses of every cause
 * occur: history UIDs as written in the BLOB (escapes, double escapes, `$20`), server UIDs
 * as sent.
 */
const uidFrom = (pieces: readonly string[]) =>
  fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
const writtenUid = uidFrom(['a', 'b', 'A', 'B', '$2d', '$20', '$242d', '-']);
const serverUid = uidFrom(['a', 'b', 'A', 'B', '-', '$2d']);

describe('compareHistory properties', () => {
  it('partitions the UIDs, counts the classes and places every history entry once', () => {
    fc.assert(
      fc.property(
        fc.array(writtenUid, { maxLength: 30 }),
        fc.array(serverUid, { maxLength: 30 }),
        (writtenUids, serverUids) => {
          const document = rawHistory(writtenUids);
          const listing = server(serverUids);
          const comparison = compareHistory(document, listing);
          const decoded = document.uidList();

          // Every UID of either side exactly once.
          const all = new Set([...decoded, ...serverUids]);
          expect(comparison.uids.map((c) => c.uid).sort()).toEqual([...all].sort());

          const inClass = (uidClass: ComparedUid['uidClass']) =>
            comparison.uids.filter((c) => c.uidClass === uidClass);
          const serverSet = new Set(serverUids);
          const historySet = new Set(decoded);
          for (const c of comparison.uids) {
            const expected = serverSet.has(c.uid)
              ? historySet.has(c.uid)
                ? 'kept'
                : 'will-download'
              : 'stale';
            expect(c.uidClass).toBe(expected);
            expect(c.messageNumbers).toEqual(
              listing.messages.filter((m) => m.uid === c.uid).map((m) => m.number),
            );
            expect(c.duplicateInHistory).toBe(c.historyEntries.length > 1);
            if (c.nearMiss) {
              expect(c.uidClass).not.toBe('kept');
              const counterpart = comparison.uids.find((o) => o.uid === c.nearMiss!.counterpart)!;
              expect(counterpart.uidClass).toBe(c.uidClass === 'stale' ? 'will-download' : 'stale');
            }
          }
          expect(comparison.counts).toEqual({
            serverMessages: serverUids.length,
            historyEntries: decoded.length,
            kept: inClass('kept').length,
            willDownload: inClass('will-download').length,
            likelyNew: comparison.uids.filter((c) => c.likelyNew).length,
            stale: inClass('stale').length,
            duplicatedInHistory: comparison.uids.filter((c) => c.duplicateInHistory).length,
            // Distinct pairs of a will-download UID and a stale one that name each other.
            nearMisses: new Set(
              comparison.uids.flatMap((c) =>
                c.nearMiss === null
                  ? []
                  : [
                      JSON.stringify(
                        c.uidClass === 'stale'
                          ? [c.nearMiss.counterpart, c.uid]
                          : [c.uid, c.nearMiss.counterpart],
                      ),
                    ],
              ),
            ).size,
          });

          // Each entry index once, on a kept or stale UID equal to that entry's UID.
          const placed = comparison.uids.flatMap((c) =>
            c.historyEntries.map((index) => [index, c.uid, c.uidClass] as const),
          );
          expect(placed.map(([index]) => index).sort((a, b) => a - b)).toEqual(
            decoded.map((_, i) => i),
          );
          for (const [index, uid, uidClass] of placed) {
            expect(uid).toBe(decoded[index]);
            expect(uidClass).not.toBe('will-download');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
