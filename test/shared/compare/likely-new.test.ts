/**
 * Likely new mail: among the UIDs Outlook will download, those listed after the newest message
 * the history has seen (the highest message number whose UID is kept) and without a near miss.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import type { UidlDocument } from '../../../shared/codec/types.js';
import { compareHistory } from '../../../shared/compare/compare.js';
import type { Comparison } from '../../../shared/compare/types.js';
import {
  listingFromHistory,
  listingFromMessages,
  parseListing,
} from '../../../shared/listing/parse-listing.js';
import { buildBlob } from '../../fixtures/blobs.js';

function history(uids: readonly string[]): UidlDocument {
  return parse(
    buildBlob(uids.map((uid) => ({ op: '+', content: 'b', timestamp: '20200102030405', uid }))),
  );
}

/** The will-download UIDs with their flag, in the comparison's order. */
const flags = (comparison: Comparison): [string, boolean][] =>
  comparison.uids.filter((c) => c.uidClass === 'will-download').map((c) => [c.uid, c.likelyNew]);

describe('likelyNew', () => {
  it('tells missing UIDs before and among kept ones from those after the newest kept one', () => {
    // Listed out of order, with gaps in the numbers (deleted messages): kept 11 and 14.
    const listing = parseListing(
      '+OK\r\n17 after-2\r\n11 kept-a\r\n3 before\r\n12 among\r\n14 kept-b\r\n15 after-1\r\n.\r\n',
    );
    const comparison = compareHistory(history(['kept-a', 'kept-b', 'gone']), listing);
    expect(comparison.newestSeen).toBe(14);
    expect(flags(comparison)).toEqual([
      ['before', false],
      ['among', false],
      ['after-1', true],
      ['after-2', true],
    ]);
    expect(
      comparison.uids.filter((c) => c.uidClass !== 'will-download').map((c) => c.likelyNew),
    ).toEqual([false, false, false]);
    expect(comparison.counts).toMatchObject({ willDownload: 4, likelyNew: 2 });
    expect(comparison.summary).toContain(
      'Outlook will download 2 messages again and 2 new messages on the next check',
    );
  });

  it('takes a repeated UID by its lowest number, and a repeated kept UID by its highest', () => {
    // 'kept' is listed as 2 and 6: the history has seen message 6. 'twice' (5 and 9) was listed
    // before it, so it is not new.
    const comparison = compareHistory(
      history(['kept']),
      parseListing('1 old\n2 kept\n5 twice\n6 kept\n7 fresh\n9 twice\n'),
    );
    expect(comparison.newestSeen).toBe(6);
    expect(flags(comparison)).toEqual([
      ['old', false],
      ['twice', false],
      ['fresh', true],
    ]);
  });

  it('uses the position in a plain list of UIDs, which has no message numbers', () => {
    const comparison = compareHistory(history(['b']), parseListing('a\nb\nc\n'));
    expect(comparison.newestSeen).toBe(2);
    expect(flags(comparison)).toEqual([
      ['a', false],
      ['c', true],
    ]);
  });

  it('counts every missing UID as new when the history holds none of the listed ones', () => {
    const comparison = compareHistory(history(['elsewhere']), parseListing('1 x\n2 y\n'));
    expect(comparison.newestSeen).toBeNull();
    expect(flags(comparison)).toEqual([
      ['x', true],
      ['y', true],
    ]);
    expect(comparison.summary).toContain(
      'Outlook will download 2 new messages on the next check (listed after the newest ' +
        'message the history has seen)',
    );
  });

  it('never calls a near miss new: the history holds it in another form', () => {
    const comparison = compareHistory(history(['k', 'abc']), parseListing('1 k\n2 ABC\n3 z\n'));
    expect(flags(comparison)).toEqual([
      ['ABC', false],
      ['z', true],
    ]);
    expect(comparison.counts.nearMisses).toBe(1);
  });

  it('calls nothing new when the other side is another history', () => {
    const other = listingFromHistory(history(['a', 'b', 'c']), 'other.bin');
    expect(flags(compareHistory(history(['a']), other))).toEqual([
      ['b', false],
      ['c', false],
    ]);
  });

  it('says "1 message again" only of a message downloaded before', () => {
    const comparison = compareHistory(history(['a']), parseListing('1 a\n2 b\n'));
    expect(comparison.summary).toContain('Outlook will download 1 new message on the next check');
    expect(comparison.summary).not.toContain('again');
  });
});

describe('likelyNew properties', () => {
  const uid = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
  it('is exactly: will-download, first listed after every kept message, and no near miss', () => {
    fc.assert(
      fc.property(
        fc.array(uid, { maxLength: 8 }),
        // Messages with distinct, increasing but gapped numbers, in any listing order.
        fc.array(fc.tuple(uid, fc.integer({ min: 1, max: 3 })), { maxLength: 12 }),
        fc.boolean(),
        (historyUids, listed, plain) => {
          let number = 0;
          const messages = listed.map(([u, gap]) => ({ number: (number += gap), uid: u }));
          const listing = plain
            ? parseListing(messages.map((m) => m.uid).join('\n'))
            : listingFromMessages([...messages].reverse());
          const comparison = compareHistory(history(historyUids), listing);
          const at = (m: { number: number }, i: number): number => (plain ? i + 1 : m.number);
          const kept = new Set(historyUids);
          let newest = -Infinity;
          messages.forEach((m, i) => {
            if (kept.has(m.uid)) newest = Math.max(newest, at(m, i));
          });
          for (const c of comparison.uids) {
            const first = Math.min(
              ...messages.flatMap((m, i) => (m.uid === c.uid ? [at(m, i)] : [])),
            );
            const expected = c.uidClass === 'will-download' && first > newest && !c.nearMiss;
            expect(c.likelyNew, c.uid).toBe(expected);
          }
          expect(comparison.newestSeen).toBe(newest === -Infinity ? null : newest);
          expect(comparison.counts.likelyNew).toBe(
            comparison.uids.filter((c) => c.likelyNew).length,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
