/**
 * Outlook's slack: exactly Count + 4 bytes after the counted tags in every BLOB Outlook wrote
 * (FORMAT.md, "What Outlook really writes"). Recognised as info, never as tags, kept byte for
 * byte, carried through edits and dropped only by an explicit, undoable edit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, encodeTag, invertEdits, type Edit } from '../../../shared/codec/edit.js';
import { parse } from '../../../shared/codec/parse.js';
import { serialize } from '../../../shared/codec/serialize.js';
import type { UidlDocument } from '../../../shared/codec/types.js';
import { ascii, buildBlob, CLEAN_TAGS, concatBytes } from '../../fixtures/blobs.js';

const RUNS = { numRuns: 1000 };

const fields = (uid: string, day: number) => ({
  op: '+' as const,
  content: 'b' as const,
  timestamp: `201706${String(day).padStart(2, '0')}143250`,
  uid,
});

/** Distinct valid tags as Outlook writes them. */
const validTags = fc
  .uniqueArray(fc.stringMatching(/^[A-Za-z0-9.-]{1,20}$/), { maxLength: 12 })
  .map((uids) => uids.map((uid, i) => encodeTag(fields(uid, (i % 28) + 1))));

/** Slack content of an exact length: random bytes, zeros, or tag-shaped text with NULs. */
function slackOf(length: number): fc.Arbitrary<Uint8Array> {
  const fit = (bytes: Uint8Array): Uint8Array => {
    const out = new Uint8Array(length);
    out.set(bytes.subarray(0, length));
    return out;
  };
  return fc.oneof(
    fc.uint8Array({ minLength: length, maxLength: length }),
    fc.constant(new Uint8Array(length)),
    fc
      .array(fc.constantFrom('+b20170612143250x\0', '\0', '-h20120101000000$2d\0', 'q'), {
        minLength: 1,
        maxLength: 6,
      })
      .map((parts) => fit(ascii(parts.join('').repeat(8)))),
  );
}

const withSlack = validTags.chain((tags) =>
  slackOf(tags.length + 4).map((slack) => ({ tags, slack })),
);

const nonErrors = (doc: UidlDocument) =>
  doc.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');

function tagsEnd(tags: readonly Uint8Array[]): number {
  return 4 + tags.reduce((n, t) => n + t.length, 0);
}

describe("Outlook's slack, properties", () => {
  it('Count + 4 trailing bytes of any content are slack: info only, exact span, round trip', () => {
    fc.assert(
      fc.property(withSlack, ({ tags, slack }) => {
        const bytes = concatBytes(buildBlob(tags), slack);
        const doc = parse(bytes);
        const start = tagsEnd(tags);
        expect(doc.entryCount).toBe(tags.length);
        expect(doc.slack).toEqual({ start, end: bytes.length });
        expect(doc.trailing).toEqual({ start, end: bytes.length });
        expect(nonErrors(doc)).toEqual([]);
        const slackFindings = doc.diagnostics.filter((d) => d.entry === undefined);
        expect(slackFindings.map((d) => [d.code, d.severity, d.start, d.end])).toEqual([
          ['trailing.slack', 'info', start, bytes.length],
        ]);
        expect(serialize(doc)).toEqual(bytes);
      }),
      RUNS,
    );
  });

  it('trailing bytes of any other length are reported as before, never as slack', () => {
    const other = validTags.chain((tags) =>
      fc
        .integer({ min: 1, max: 40 })
        .filter((n) => n !== tags.length + 4)
        .chain((n) => slackOf(n))
        .map((trailing) => ({ tags, trailing })),
    );
    fc.assert(
      fc.property(other, ({ tags, trailing }) => {
        const bytes = concatBytes(buildBlob(tags), trailing);
        const doc = parse(bytes);
        expect(doc.slack).toBeNull();
        const found = doc.diagnostics.filter((d) => d.entry === undefined);
        expect(found).toHaveLength(1);
        expect(['trailing.bytes', 'trailing.uncounted-tags']).toContain(found[0]!.code);
        expect([found[0]!.start, found[0]!.end]).toEqual([tagsEnd(tags), bytes.length]);
        expect(serialize(doc)).toEqual(bytes);
      }),
      RUNS,
    );
  });

  it("edits keep the slack after the last tag in Outlook's shape, add no finding, reopen clean, and undo exactly", () => {
    const edits = fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant('insert' as const),
          at: fc.nat(),
          uid: fc.stringMatching(/^n[0-9]{1,6}$/),
        }),
        fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      ),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(withSlack, edits, ({ tags, slack }, raw) => {
        const doc = parse(concatBytes(buildBlob(tags), slack));
        const deleted = new Set<number>();
        const list: Edit[] = [];
        raw.forEach((edit, k) => {
          const count = doc.entryCount;
          if (edit.kind === 'insert') {
            list.push({
              kind: 'insert',
              index: edit.at % (count + 1),
              fields: fields(`${edit.uid}x${k}`, 1),
            });
          } else if (count > 0 && !deleted.has(edit.at % count)) {
            deleted.add(edit.at % count);
            list.push({ kind: 'delete', index: edit.at % count });
          }
        });
        const edited = applyEdits(doc, list);
        expect(edited.slack).not.toBeNull();
        // Count + 4 again: the slack's bytes in place, zeros added or bytes taken at its end.
        const kept = edited.bytes.subarray(edited.slack!.start);
        expect(kept.length).toBe(edited.entryCount + 4);
        const shared = Math.min(kept.length, slack.length);
        expect(Array.from(kept.subarray(0, shared))).toEqual(Array.from(slack.subarray(0, shared)));
        expect(kept.subarray(shared).every((byte) => byte === 0)).toBe(true);
        expect(edited.slack!.end).toBe(edited.bytes.length);
        // The file this tool writes reopens with the slack as info, nothing else about it.
        const reopened = parse(serialize(edited));
        expect(reopened.slack).toEqual(edited.slack);
        expect(reopened.diagnostics).toEqual(edited.diagnostics);
        expect(nonErrors(edited)).toEqual([]);
        expect(edited.diagnostics.filter((d) => d.entry === undefined).map((d) => d.code)).toEqual([
          'trailing.slack',
        ]);
        const undone = applyEdits(edited, invertEdits(doc, list));
        expect(undone.bytes).toEqual(doc.bytes);
        expect(undone.slack).toEqual(doc.slack);
      }),
      { numRuns: 400 },
    );
  });

  it('dropSlack removes exactly the slack; its inverse puts the same bytes back as slack', () => {
    fc.assert(
      fc.property(withSlack, ({ tags, slack }) => {
        const bytes = concatBytes(buildBlob(tags), slack);
        const doc = parse(bytes);
        const drop: Edit[] = [{ kind: 'dropSlack' }];
        const dropped = applyEdits(doc, drop);
        expect(dropped.bytes).toEqual(buildBlob(tags));
        expect(dropped.slack).toBeNull();
        expect(dropped.diagnostics).toEqual([]);
        const inverse = invertEdits(doc, drop);
        expect(inverse).toEqual([{ kind: 'setTrailing', bytes: slack }]);
        const restored = applyEdits(dropped, inverse);
        expect(restored.bytes).toEqual(bytes);
        expect(restored.slack).toEqual(doc.slack);
        // Redo after undo: the inverse of setTrailing drops it again.
        expect(applyEdits(restored, invertEdits(dropped, inverse)).bytes).toEqual(dropped.bytes);
      }),
      RUNS,
    );
  });
});

describe("Outlook's slack, cases", () => {
  it('Count = 0 with 4 trailing bytes is slack', () => {
    const bytes = Uint8Array.of(3, 0, 0, 0, 0, 0, 0x78, 0x56);
    const doc = parse(bytes);
    expect(doc.slack).toEqual({ start: 4, end: 8 });
    expect(doc.diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([
      ['trailing.slack', 4, 8],
    ]);
    expect(doc.diagnostics[0]!.message).toBe(
      "Count + 4 = 4 bytes follow the last counted tag at byte 4 (0x4): Outlook's slack, leftover " +
        'memory it writes after the tags of every history. Outlook reads only the 0 counted tags, ' +
        'so it is harmless; kept as written.',
    );
  });

  it('a truncated BLOB (fewer tags than Count) has no slack', () => {
    const tags = CLEAN_TAGS.slice(0, 2).map(encodeTag);
    const doc = parse(buildBlob(tags, { count: 4 }));
    expect(doc.slack).toBeNull();
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['count.mismatch']);
  });

  it('Count + 4 bytes after a wrong version are still slack; the version is its own error', () => {
    const tags = [encodeTag(CLEAN_TAGS[0]!)];
    const bytes = buildBlob(tags, { version: 2, trailing: new Uint8Array(5) });
    const doc = parse(bytes);
    expect(doc.slack).toEqual({ start: bytes.length - 5, end: bytes.length });
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['version.unsupported', 'trailing.slack']);
  });

  it('adding a tag pads the slack with a zero; deleting one takes its last byte, and undo puts it back', () => {
    const tags = CLEAN_TAGS.slice(0, 2).map(encodeTag);
    const slack = Uint8Array.of(1, 2, 3, 4, 5, 6);
    const doc = parse(buildBlob(tags, { trailing: slack }));
    expect(doc.slack).not.toBeNull();
    const appended = applyEdits(doc, [{ kind: 'insert', index: 2, fields: fields('new', 3) }]);
    expect(appended.declaredCount.value).toBe(3);
    expect(Array.from(appended.bytes.subarray(appended.slack!.start))).toEqual([
      1, 2, 3, 4, 5, 6, 0,
    ]);
    expect(appended.diagnostics.map((d) => d.code)).toEqual(['trailing.slack']);
    expect(appended.diagnostics[0]!.message).toMatch(/^Count \+ 4 = 7 bytes follow/);
    const removed = applyEdits(doc, [{ kind: 'delete', index: 0 }]);
    expect(Array.from(removed.bytes.subarray(removed.slack!.start))).toEqual([1, 2, 3, 4, 5]);
    const inverse = invertEdits(doc, [{ kind: 'delete', index: 0 }]);
    expect(inverse).toContainEqual({ kind: 'setTrailing', bytes: slack });
    expect(applyEdits(removed, inverse).bytes).toEqual(doc.bytes);
  });

  it('dropSlack without slack is refused', () => {
    const plain = parse(buildBlob([encodeTag(CLEAN_TAGS[0]!)]));
    expect(() => applyEdits(plain, [{ kind: 'dropSlack' }])).toThrow(
      'there is no Outlook slack after the last tag to drop',
    );
  });

  it('stray bytes that a new Count makes Count + 4 are put back exactly by undo', () => {
    const tags = CLEAN_TAGS.slice(0, 2).map(encodeTag);
    const doc = parse(buildBlob(tags, { trailing: ascii('abcdefg') }));
    expect(doc.slack).toBeNull();
    const edits: Edit[] = [{ kind: 'insert', index: 2, fields: fields('new', 3) }];
    const edited = applyEdits(doc, edits);
    expect(edited.slack).not.toBeNull();
    expect(applyEdits(edited, invertEdits(doc, edits)).bytes).toEqual(doc.bytes);
  });
});
