import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, invertEdits } from '../../../shared/codec/edit.js';
import { parse } from '../../../shared/codec/parse.js';
import type { UidlDocument } from '../../../shared/codec/types.js';
import {
  describeSkipped,
  markDownloadedEdits,
  markDownloadedTargets,
  removeStaleEdits,
} from '../../../shared/compare/actions.js';
import { compareHistory } from '../../../shared/compare/compare.js';
import type { ParsedListing } from '../../../shared/compare/types.js';
import { listingFromMessages } from '../../../shared/listing/parse-listing.js';
import { ascii, buildBlob } from '../../fixtures/blobs.js';

function history(uids: readonly string[]): UidlDocument {
  return parse(
    buildBlob(uids.map((uid) => ({ op: '+', content: 'h', timestamp: '20200102030405', uid }))),
  );
}

const server = (uids: readonly string[]): ParsedListing =>
  listingFromMessages(uids.map((uid, i) => ({ number: i + 1, uid })));

const willDownload = (document: UidlDocument, listing: ParsedListing): string[] =>
  compareHistory(document, listing)
    .uids.filter((c) => c.uidClass === 'will-download')
    .map((c) => c.uid);

/** Applies `edits`, then their inverse: the bytes must come back exactly. */
function expectUndoable(document: UidlDocument, edits: Parameters<typeof applyEdits>[1]) {
  const edited = applyEdits(document, edits);
  const restored = applyEdits(edited, invertEdits(document, edits));
  expect(restored.bytes).toEqual(document.bytes);
  return edited;
}

describe('markDownloadedEdits', () => {
  // An instant: the tag holds its UTC fields, as Outlook writes them, whatever the host's zone
  // (test/shared/time-display.test.ts runs utcNow under another zone).
  const now = new Date(Date.UTC(2024, 1, 29, 7, 8, 9));

  it('appends a +b entry dated now for each UID not yet in the history, once', () => {
    const document = history(['kept']);
    const { edits, skipped } = markDownloadedEdits(
      document,
      ['new-1', 'kept', 'x.y', 'new-1'],
      now,
    );
    expect(skipped).toEqual([]);
    expect(edits).toHaveLength(2);
    const edited = expectUndoable(document, edits);
    expect(edited.entryCount).toBe(3);
    expect(edited.declaredCount.value).toBe(3);
    expect(
      edited.entries.slice(1).map((e) => [e.op, e.content, e.timestampText, e.rawUid, e.uid]),
    ).toEqual([
      ['+', 'b', '20240229070809', 'new$2d1', 'new-1'],
      ['+', 'b', '20240229070809', 'x$2ey', 'x.y'],
    ]);
    // Only the appended tags and Count changed.
    expect(edited.bytes.subarray(4, document.bytes.length)).toEqual(document.bytes.subarray(4));
    expect(edited.diagnostics).toEqual([]);
  });

  it('makes no edit when every UID is already there', () => {
    expect(markDownloadedEdits(history(['a', 'b']), ['b', 'a'], now)).toEqual({
      edits: [],
      skipped: [],
    });
  });

  it('skips each UID that cannot be written, with its reason, and writes the rest', () => {
    const long = 'x'.repeat(71);
    const document = history(['kept']);
    const { edits, skipped } = markDownloadedEdits(
      document,
      ['ok-1', 'has space', long, 'caf\u00e9', '', 'ok-2', long],
      now,
    );
    expect(skipped).toEqual([
      {
        uid: 'has space',
        reason: 'character 0x20 at position 4 is outside the printable ASCII RFC 1939 allows',
      },
      { uid: long, reason: 'the UID has 71 characters; RFC 1939 allows at most 70' },
      {
        uid: 'caf\u00e9',
        reason: 'character 0xE9 at position 4 is outside the printable ASCII RFC 1939 allows',
      },
      { uid: '', reason: 'the UID is empty' },
    ]);
    expect(describeSkipped(skipped[1]!)).toBe(
      `'${long}': the UID has 71 characters; RFC 1939 allows at most 70`,
    );
    const edited = expectUndoable(document, edits);
    expect(edited.uidList()).toEqual(['kept', 'ok-1', 'ok-2']);
    expect(edited.diagnostics).toEqual([]);
  });

  it('refuses to grow the history past 65,535 tags', () => {
    const full = parse(buildBlob([ascii('+b20200101000000a\0')], { count: 65_535 }));
    expect(() => markDownloadedEdits(full, ['b'], now)).toThrow(
      'marking 1 UIDs as downloaded would give the history 65,536 tags; Count is 16 bits and ' +
        'declares at most 65,535',
    );
  });
});

describe('markDownloadedTargets', () => {
  // Kept: 2 and 4. Missing: 1 and 3 (before or among kept: downloaded before), 5 and 6 (new).
  const document = history(['m2', 'm4', 'gone']);
  const comparison = compareHistory(document, server(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']));

  it('marks only the likely downloaded-before UIDs by default, listing the new ones left out', () => {
    expect(markDownloadedTargets(comparison, 'older')).toEqual({
      marked: ['m1', 'm3'],
      leftOutNew: ['m5', 'm6'],
    });
  });

  it('marks new mail too only when asked, and nothing with none', () => {
    expect(markDownloadedTargets(comparison, 'all')).toEqual({
      marked: ['m1', 'm3', 'm5', 'm6'],
      leftOutNew: [],
    });
    expect(markDownloadedTargets(comparison, 'none')).toEqual({ marked: [], leftOutNew: [] });
  });

  it('after the default repair, the summary says the new mail is still downloaded', () => {
    const { edits } = markDownloadedEdits(
      document,
      markDownloadedTargets(comparison, 'older').marked,
      new Date(Date.UTC(2024, 0, 1)),
    );
    const after = compareHistory(
      applyEdits(document, edits),
      server(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']),
    );
    expect(after.counts).toMatchObject({ willDownload: 2, likelyNew: 2 });
    expect(after.summary).toContain(
      'Outlook will download 2 new messages on the next check (listed after the newest ' +
        'message the history has seen)',
    );
    expect(after.summary).not.toContain('nothing');
  });
});

describe('removeStaleEdits', () => {
  const document = history(['gone', 'kept', 'old', 'gone', 'gone2']);
  const listing = server(['kept', 'new']);
  const comparison = compareHistory(document, listing);

  it('deletes every entry of every stale UID, undoably', () => {
    const edits = removeStaleEdits(document, comparison);
    expect(edits).toEqual([0, 2, 3, 4].map((index) => ({ kind: 'delete', index })));
    const edited = expectUndoable(document, edits);
    expect(edited.uidList()).toEqual(['kept']);
    expect(compareHistory(edited, listing).counts.stale).toBe(0);
  });

  it('deletes only the given stale UIDs, never a kept one', () => {
    const edits = removeStaleEdits(document, comparison, ['gone', 'kept', 'new', 'unknown']);
    expect(edits).toEqual([
      { kind: 'delete', index: 0 },
      { kind: 'delete', index: 3 },
    ]);
    expect(applyEdits(document, edits).uidList()).toEqual(['kept', 'old', 'gone2']);
  });

  it('refuses a comparison made with another version of the document', () => {
    const edited = applyEdits(document, [{ kind: 'delete', index: 1 }]);
    expect(() => removeStaleEdits(edited, comparison)).toThrow(
      "the comparison is out of date: entry #3 no longer holds 'gone'; compare again",
    );
  });
});

const uid = fc.stringMatching(/^[a-cA-C0-9._@-]{1,8}$/);

describe('actions properties', () => {
  it('marking all will-download UIDs leaves none, and undoing restores the bytes', () => {
    fc.assert(
      fc.property(
        fc.array(uid, { maxLength: 25 }),
        fc.array(uid, { maxLength: 25 }),
        (historyUids, serverUids) => {
          const document = history(historyUids);
          const listing = server(serverUids);
          const missing = willDownload(document, listing);
          const { edits, skipped } = markDownloadedEdits(
            document,
            missing,
            new Date(2025, 5, 1, 12, 0, 0),
          );
          expect(skipped).toEqual([]);
          expect(edits).toHaveLength(missing.length);
          const edited = expectUndoable(document, edits);
          expect(willDownload(edited, listing)).toEqual([]);
          const after = compareHistory(edited, listing);
          expect(after.counts.kept).toBe(new Set(serverUids).size);
          expect(after.counts.stale).toBe(compareHistory(document, listing).counts.stale);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('removing the stale UIDs leaves none, keeps the rest in order, and is undoable', () => {
    fc.assert(
      fc.property(
        fc.array(uid, { maxLength: 25 }),
        fc.array(uid, { maxLength: 25 }),
        (historyUids, serverUids) => {
          const document = history(historyUids);
          const listing = server(serverUids);
          const edits = removeStaleEdits(document, compareHistory(document, listing));
          const edited = expectUndoable(document, edits);
          const onServer = new Set(serverUids);
          expect(edited.uidList()).toEqual(historyUids.filter((u) => onServer.has(u)));
          expect(compareHistory(edited, listing).counts.stale).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
