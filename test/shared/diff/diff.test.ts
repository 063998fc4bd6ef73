import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TagFields } from '../../../shared/codec/edit.js';
import { parse } from '../../../shared/codec/parse.js';
import { diffHistories } from '../../../shared/diff/diff.js';
import { DIFF_SCHEMA, diffJson } from '../../../shared/diff/json.js';
import { ascii, buildBlob } from '../../fixtures/blobs.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../shared/diff/diff.schema.json', import.meta.url), 'utf8'),
) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const tag = (uid: string, timestamp = '20200102030405', op = '+', content = 'b'): TagFields =>
  ({ op, content, timestamp, uid }) as TagFields;
const history = (tags: readonly TagFields[]) => parse(buildBlob(tags));

describe('diffHistories', () => {
  it('names added, removed and changed UIDs with their entry indexes on both sides', () => {
    const older = history([
      tag('keep'),
      tag('gone-1'),
      tag('moved', '20200101000000'),
      tag('gone-2'),
    ]);
    const newer = history([
      tag('new-1'),
      tag('moved', '20210101000000', '&', 'h'),
      tag('keep'),
      tag('new-2'),
    ]);
    const diff = diffHistories(older, newer);
    expect(diff.rows).toEqual([
      { uid: 'new-1', kind: 'added', olderEntries: [], newerEntries: [0], changes: [] },
      {
        uid: 'moved',
        kind: 'changed',
        olderEntries: [2],
        newerEntries: [1],
        changes: [
          { field: 'operation', older: '+', newer: '&', olderEntry: 2, newerEntry: 1 },
          { field: 'content', older: 'b', newer: 'h', olderEntry: 2, newerEntry: 1 },
          {
            field: 'timestamp',
            older: '20200101000000',
            newer: '20210101000000',
            olderEntry: 2,
            newerEntry: 1,
          },
        ],
      },
      { uid: 'new-2', kind: 'added', olderEntries: [], newerEntries: [3], changes: [] },
      { uid: 'gone-1', kind: 'removed', olderEntries: [1], newerEntries: [], changes: [] },
      { uid: 'gone-2', kind: 'removed', olderEntries: [3], newerEntries: [], changes: [] },
    ]);
    expect(diff.counts).toEqual({
      added: 2,
      removed: 2,
      changed: 1,
      unchanged: 1,
      olderEntries: 4,
      newerEntries: 4,
    });
    expect(diff.identical).toBe(false);
    expect(diff.summary).toBe(
      '2 UIDs added, 2 removed (deleted on the server and dropped by Outlook), 1 changed.',
    );
  });

  it('pairs a duplicated UID occurrence by occurrence and counts a different number of entries', () => {
    const older = history([tag('dup', '20200101000000'), tag('x'), tag('dup', '20200202000000')]);
    const newer = history([tag('dup', '20200101000000')]);
    const diff = diffHistories(older, newer);
    const dup = diff.rows.find((row) => row.uid === 'dup');
    expect(dup).toEqual({
      uid: 'dup',
      kind: 'changed',
      olderEntries: [0, 2],
      newerEntries: [0],
      changes: [
        { field: 'occurrences', older: '2', newer: '1', olderEntry: null, newerEntry: null },
      ],
    });
    expect(diff.summary).toBe(
      '0 UIDs added, 1 removed (deleted on the server and dropped by Outlook), 1 changed.',
    );
  });

  it('says when nothing differs, and uses the singular for one UID', () => {
    expect(diffHistories(history([tag('a')]), history([tag('a')])).summary).toBe(
      'No differences: the same 1 UID with the same operations, contents and times.',
    );
    expect(diffHistories(history([]), history([tag('a')])).summary).toBe(
      '1 UID added, 0 removed, 0 changed.',
    );
  });

  it('treats histories that differ only in the bytes after the last tag as identical', () => {
    const tags = [tag('a'), tag('b')];
    const withSlack = parse(buildBlob(tags, { trailing: new Uint8Array(6) }));
    const diff = diffHistories(history(tags), withSlack);
    expect(diff.identical).toBe(true);
    expect(diff.counts.unchanged).toBe(2);
  });

  it('compares short and malformed tags by their text, as written', () => {
    // Tags too short for a UID, and one whose time is not digits: no byte shortcut applies.
    const older = parse(buildBlob([ascii('+b2020\0'), ascii('+bxxxxxxxxxxxxxxsame\0')]));
    const newer = parse(buildBlob([ascii('+h2020\0'), ascii('+byyyyyyyyyyyyyysame\0')]));
    const diff = diffHistories(older, newer);
    expect(diff.rows.map((row) => [row.uid, row.kind, row.changes.map((c) => c.field)])).toEqual([
      ['', 'changed', ['content']],
      ['same', 'changed', ['timestamp']],
    ]);
    expect(diffHistories(older, older).identical).toBe(true);
  });

  it('writes JSON that the published schema accepts', () => {
    const diff = diffHistories(
      history([tag('a'), tag('dup'), tag('dup')]),
      history([tag('b'), tag('dup', '20220101000000')]),
    );
    const side = (name: string, entryCount: number) => ({
      name,
      sha256: 'c'.repeat(64),
      entryCount,
    });
    const value: unknown = JSON.parse(
      JSON.stringify(diffJson(diff, { older: side('old.bin', 3), newer: side('new.bin', 2) })),
    );
    expect(validate(value), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect((value as { schema: string }).schema).toBe(DIFF_SCHEMA);
    expect((value as { uids: { uid: string }[] }).uids.map((row) => row.uid)).toEqual([
      'b',
      'dup',
      'a',
    ]);
  });
});

/** Tags over a small UID alphabet, so that histories overlap and hold duplicates. */
const tagArbitrary = fc.record({
  op: fc.constantFrom('+', '-', '&'),
  content: fc.constantFrom(' ', 'h', 'b'),
  timestamp: fc.constantFrom('20200102030405', '20211231235959', '19991111000000'),
  uid: fc.oneof(
    fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    fc.stringMatching(/^[A-Za-z0-9-]{1,10}$/),
  ),
}) as fc.Arbitrary<TagFields>;
const historyArbitrary = fc.array(tagArbitrary, { maxLength: 30 }).map(history);

describe('diffHistories properties', () => {
  it('finds nothing between a history and itself', () => {
    fc.assert(
      fc.property(historyArbitrary, (doc) => {
        const diff = diffHistories(doc, doc);
        expect(diff.rows).toEqual([]);
        expect(diff.identical).toBe(true);
        expect(diff.counts.unchanged).toBe(new Set(doc.uidList()).size);
      }),
    );
  });

  it('lists as added and removed exactly the set differences of the UIDs', () => {
    fc.assert(
      fc.property(historyArbitrary, historyArbitrary, (older, newer) => {
        const before = new Set(older.uidList());
        const after = new Set(newer.uidList());
        const diff = diffHistories(older, newer);
        const ofKind = (kind: string) =>
          new Set(diff.rows.filter((row) => row.kind === kind).map((row) => row.uid));
        expect(ofKind('added')).toEqual(new Set([...after].filter((uid) => !before.has(uid))));
        expect(ofKind('removed')).toEqual(new Set([...before].filter((uid) => !after.has(uid))));
        expect(diff.counts.added + diff.counts.changed + diff.counts.unchanged).toBe(after.size);
        expect(diff.counts.removed + diff.counts.changed + diff.counts.unchanged).toBe(before.size);
      }),
    );
  });

  it('turns the older UID set into the newer one when its description is applied', () => {
    fc.assert(
      fc.property(historyArbitrary, historyArbitrary, (older, newer) => {
        const diff = diffHistories(older, newer);
        const uids = new Set(older.uidList());
        for (const row of diff.rows) {
          if (row.kind === 'removed') uids.delete(row.uid);
          if (row.kind === 'added') uids.add(row.uid);
        }
        expect(uids).toEqual(new Set(newer.uidList()));
      }),
    );
  });

  it('points every entry index at an entry holding that UID, with the values it names', () => {
    fc.assert(
      fc.property(historyArbitrary, historyArbitrary, (older, newer) => {
        for (const row of diffHistories(older, newer).rows) {
          for (const index of row.olderEntries) expect(older.uid(index)).toBe(row.uid);
          for (const index of row.newerEntries) expect(newer.uid(index)).toBe(row.uid);
          for (const change of row.changes) {
            if (change.field !== 'timestamp') continue;
            expect(older.entry(change.olderEntry!).timestampText).toBe(change.older);
            expect(newer.entry(change.newerEntry!).timestampText).toBe(change.newer);
          }
        }
      }),
    );
  });
});
