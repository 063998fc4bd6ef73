import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  encodeTag,
  invertEdits,
  type Edit,
  type TagFields,
} from '../../../shared/codec/edit.js';
import { entrySpans, HEADER_LENGTH, parse, parseWith } from '../../../shared/codec/parse.js';
import { serialize } from '../../../shared/codec/serialize.js';
import type { UidlDocument } from '../../../shared/codec/types.js';
import { decodeUid, encodeUid } from '../../../shared/codec/uid.js';
import { anyInput, blobLike } from '../../fixtures/arbitraries.js';

const RUNS = { numRuns: 2000 };
const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);
const tagBytes = (doc: UidlDocument, index: number): number[] => {
  const e = doc.entries[index]!;
  return Array.from(doc.bytes.subarray(e.offset, e.offset + e.length));
};

describe('codec properties over arbitrary bytes', () => {
  it('serialize(parse(b)) equals b, whatever b is', () => {
    fc.assert(
      fc.property(anyInput, (bytes) => {
        expect(equalBytes(serialize(parse(bytes)), bytes)).toBe(true);
      }),
      RUNS,
    );
  });

  it('header, tags and trailing bytes partition the input exactly, fields partition each tag', () => {
    fc.assert(
      fc.property(anyInput, (bytes) => {
        const doc = parse(bytes);
        let position = Math.min(bytes.length, HEADER_LENGTH);
        expect(doc.version.span.start).toBe(0);
        expect(doc.declaredCount.span.end).toBe(position);
        for (const [i, entry] of doc.entries.entries()) {
          expect(entry.index).toBe(i);
          expect(entry.offset).toBe(position);
          const s = entrySpans(entry);
          expect(s).toEqual(entry.spans);
          // op, content, timestamp, uid, terminator follow one another and fill the tag.
          const chain = [
            s.tag.start,
            s.op.start,
            s.op.end,
            s.content.end,
            s.timestamp.end,
            s.uid.end,
            s.terminator.end,
          ];
          expect(s.op.end).toBe(s.content.start);
          expect(s.content.end).toBe(s.timestamp.start);
          expect(s.timestamp.end).toBe(s.uid.start);
          expect(s.uid.end).toBe(s.terminator.start);
          expect(chain).toEqual([...chain].sort((a, b) => a - b));
          expect(s.tag.end).toBe(entry.offset + entry.length);
          expect(s.terminator.end - s.terminator.start).toBe(entry.terminated ? 1 : 0);
          if (entry.terminated) expect(bytes[s.terminator.start]).toBe(0);
          // No NUL inside the tag's body: the tag ends at its first NUL.
          expect(bytes.subarray(s.tag.start, s.uid.end).includes(0)).toBe(false);
          if (s.op.end > s.op.start) expect(s.op.end - s.op.start).toBe(1);
          position = s.tag.end;
        }
        expect(doc.trailing).toEqual({ start: position, end: bytes.length });
      }),
      RUNS,
    );
  });

  it('every diagnostic lies within the input, and an entry finding within its tag', () => {
    fc.assert(
      fc.property(anyInput, (bytes) => {
        const doc = parse(bytes);
        for (const d of doc.diagnostics) {
          expect(d.start).toBeGreaterThanOrEqual(0);
          expect(d.end).toBeGreaterThanOrEqual(d.start);
          expect(d.end).toBeLessThanOrEqual(bytes.length);
          if (d.entry !== undefined) {
            const tag = doc.entries[d.entry]!.spans.tag;
            expect(d.start).toBeGreaterThanOrEqual(tag.start);
            expect(d.end).toBeLessThanOrEqual(tag.end);
            expect(doc.entries[d.entry]!.diagnostics).toContain(d);
          }
        }
        const fromEntries = doc.entries.reduce((n, e) => n + e.diagnostics.length, 0);
        expect(doc.diagnostics.filter((d) => d.entry !== undefined)).toHaveLength(fromEntries);
      }),
      RUNS,
    );
  });

  it('the fast path for canonical tags gives exactly what the full reader gives', () => {
    fc.assert(
      fc.property(anyInput, (bytes) => {
        const fast = parse(bytes);
        const full = parseWith(bytes, false);
        expect(fast.entryCount).toBe(full.entryCount);
        expect(fast.entries.map((e) => JSON.stringify(e))).toEqual(
          full.entries.map((e) => JSON.stringify(e)),
        );
        expect(fast.diagnostics).toEqual(full.diagnostics);
        expect(fast.trailing).toEqual(full.trailing);
        expect(fast.uidList()).toEqual(full.uidList());
      }),
      RUNS,
    );
  });

  it('every UID decoded at once equals each decoded alone, with or without some already cached', () => {
    fc.assert(
      fc.property(anyInput, fc.nat(), (bytes, cachedEvery) => {
        const one = parse(bytes);
        const alone = one.entries.map((entry) => entry.uid);
        const all = parse(bytes);
        const step = (cachedEvery % 4) + 1;
        for (let i = 0; i < all.entryCount; i += step) all.uid(i);
        expect(all.uidList()).toEqual(alone);
        expect(all.entries.map((entry) => entry.uid)).toEqual(alone);
      }),
      RUNS,
    );
  });

  it('a document keeps its UIDs when another is parsed before it decodes them (reused buffer)', () => {
    fc.assert(
      fc.property(anyInput, anyInput, (first, second) => {
        const early = parse(first);
        parse(second).uidList();
        expect(early.uidList()).toEqual(parseWith(first, false).uidList());
      }),
      RUNS,
    );
  });

  it('uid.duplicate flags exactly the entries whose decoded UIDs are equal, grouped as a Map groups them', () => {
    // Many tags with UIDs from a few letters, some escaped and some not: real duplicates, and
    // UIDs whose hashes share the filter's bits without being equal.
    const tag = fc
      .tuple(fc.stringMatching(/^[ab]{1,6}$/), fc.boolean())
      .map(([uid, escaped]) => `+b20240101120000${escaped ? uid.replace(/a/g, '$61') : uid}\0`);
    fc.assert(
      fc.property(fc.array(tag, { minLength: 1, maxLength: 1500 }), (tags) => {
        const body = tags.join('');
        const bytes = Uint8Array.from(
          `\x03\x00${String.fromCharCode(tags.length & 0xff, tags.length >> 8)}${body}`,
          (c) => c.charCodeAt(0),
        );
        const doc = parse(bytes);
        const byUid = new Map<string, number[]>();
        doc.uidList().forEach((uid, index) => byUid.set(uid, [...(byUid.get(uid) ?? []), index]));
        const expected = [...byUid.values()].filter((group) => group.length > 1);
        const found = new Map<number, readonly number[]>();
        for (const d of doc.diagnostics)
          if (d.code === 'uid.duplicate') found.set(d.entry!, d.relatedEntries!);
        expect([...found.keys()].sort((a, b) => a - b)).toEqual(
          expected.flat().sort((a, b) => a - b),
        );
        for (const group of expected)
          for (const index of group) expect(found.get(index)).toEqual(group);
      }),
      { numRuns: 200 },
    );
  });

  it('a well-formed history written by encodeTag parses with no findings but duplicates', () => {
    fc.assert(
      fc.property(fc.array(tagFields, { maxLength: 20 }), (tags) => {
        let doc = parse(Uint8Array.of(3, 0, 0, 0));
        doc = applyEdits(
          doc,
          tags.map((fields) => ({ kind: 'insert', index: 0, fields })),
        );
        expect(doc.entries.map((e) => e.uid)).toEqual(tags.map((t) => t.uid));
        expect(doc.declaredCount.value).toBe(tags.length);
        const codes = new Set(doc.diagnostics.map((d) => d.code));
        codes.delete('uid.duplicate');
        codes.delete('uid.too-long');
        expect([...codes]).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

const uidText = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 70,
});
const tagFields: fc.Arbitrary<TagFields> = fc.record({
  op: fc.constantFrom('+', '-', '&'),
  content: fc.constantFrom(' ', 'h', 'b'),
  timestamp: fc
    .date({ min: new Date('1601-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().replace(/[-T:]/g, '').slice(0, 14)),
  uid: uidText,
});

describe('UID escaping', () => {
  it('decodeUid(encodeUid(uid)) is uid, with no problem, for every RFC 1939 UID', () => {
    fc.assert(
      fc.property(uidText, (uid) => {
        const decoded = decodeUid(encodeUid(uid));
        expect(decoded.uid).toBe(uid);
        expect(decoded.problems).toBeNull();
        expect(decoded.decodedLength).toBe(uid.length);
      }),
      RUNS,
    );
  });

  it('encodeUid(decodeUid(raw)) is raw for every raw UID Outlook writes', () => {
    const outlookRaw = fc
      .array(
        fc.oneof(
          fc.stringMatching(/^[A-Za-z0-9]$/),
          fc
            .integer({ min: 0, max: 255 })
            .filter((c) => !/[A-Za-z0-9]/.test(String.fromCharCode(c)))
            .map((c) => '$' + c.toString(16).padStart(2, '0')),
        ),
        { minLength: 1, maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(outlookRaw, (raw) => {
        expect(encodeUid(decodeUid(raw).uid)).toBe(raw);
      }),
      RUNS,
    );
  });

  it('encodeUid writes only letters, digits and lower-case escapes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) }),
        (uid) => {
          expect(encodeUid(uid)).toMatch(/^(?:[A-Za-z0-9]|\$[0-9a-f]{2})*$/);
          expect(decodeUid(encodeUid(uid)).uid).toBe(uid);
        },
      ),
      RUNS,
    );
  });

  it('a malformed UID cannot corrupt the decoding of the next one (shared scratch arrays)', () => {
    expect(decodeUid('a$').uid).toBe('a$');
    expect(decodeUid('$21').uid).toBe('!');
    expect(decodeUid('ab$zz$').uid).toBe('ab$zz$');
    expect(decodeUid('x$2d').uid).toBe('x-');
  });

  it('encodeUid refuses characters that do not fit an escape, naming the position', () => {
    expect(() => encodeUid('ab€')).toThrow(/'€' \(U\+20AC\) at position 3/);
  });
});

/** A random batch of edits that applyEdits accepts for `doc`. */
function editsFor(doc: UidlDocument): fc.Arbitrary<Edit[]> {
  const n = doc.entries.length;
  const lastOpen = n > 0 && !doc.entries[n - 1]!.terminated;
  const insertMax = lastOpen ? n - 1 : n;
  const perIndex = fc
    .array(fc.nat({ max: Math.max(0, n - 1) }), { maxLength: Math.min(n, 4) })
    .map((xs) => [...new Set(xs)]);
  return fc
    .tuple(
      n > 0 ? perIndex : fc.constant([] as number[]),
      fc.array(fc.tuple(fc.nat({ max: Math.max(0, insertMax) }), tagFields), { maxLength: 3 }),
      fc.array(fc.constantFrom('update', 'delete', 'uid-only'), { minLength: 4, maxLength: 4 }),
      tagFields,
    )
    .map(([indexes, inserts, kinds, fields]) => {
      const edits: Edit[] = [];
      indexes.forEach((index, k) => {
        const kind = kinds[k % kinds.length]!;
        if (kind === 'delete') edits.push({ kind: 'delete', index });
        else if (kind === 'uid-only' || doc.entries[index]!.length < 17)
          edits.push({ kind: 'update', index, fields });
        else edits.push({ kind: 'update', index, fields: { uid: fields.uid } });
      });
      // Inserting at the very end after an unterminated tag is refused; stay before it.
      for (const [index, f] of inserts)
        edits.push({ kind: 'insert', index: Math.min(index, insertMax), fields: f });
      return edits;
    });
}

describe('edits', () => {
  const editable = blobLike.filter((bytes) => bytes.length >= 4);

  it('change only the edited tags and Count; untouched tags keep their bytes; inverse restores', () => {
    fc.assert(
      fc.property(
        editable.chain((bytes) => {
          const doc = parse(bytes);
          return fc.tuple(fc.constant(doc), editsFor(doc));
        }),
        ([doc, edits]) => {
          const edited = applyEdits(doc, edits);
          const touched = new Set(
            edits.flatMap((e) => ('index' in e && e.kind !== 'insert' ? [e.index] : [])),
          );
          const deleted = new Set(edits.flatMap((e) => (e.kind === 'delete' ? [e.index] : [])));
          const inserts = edits.filter((e) => e.kind === 'insert').length;
          // Expected sequence of tags: original order, inserts before their index.
          const expected: (number | TagFields)[] = [];
          for (let i = 0; i <= doc.entries.length; i++) {
            for (const e of edits) {
              if (e.kind === 'insert' && e.index === i && 'fields' in e) expected.push(e.fields);
            }
            if (i < doc.entries.length && !deleted.has(i)) expected.push(i);
          }
          expect(edited.bytes.subarray(0, 2)).toEqual(doc.bytes.subarray(0, 2));
          if (inserts !== deleted.size) {
            expect(edited.declaredCount.value).toBe(
              doc.declaredCount.value! + inserts - deleted.size,
            );
          } else {
            expect(edited.bytes.subarray(0, 4)).toEqual(doc.bytes.subarray(0, 4));
          }
          // Count moved by the difference, so exactly the expected tags are counted.
          expect(edited.entryCount).toBe(expected.length);
          const updates = new Map(
            edits.flatMap((e) => (e.kind === 'update' ? [[e.index, e.fields] as const] : [])),
          );
          expected.forEach((source, newIndex) => {
            if (typeof source !== 'number') {
              // An inserted tag is written exactly as encodeTag writes it.
              expect(tagBytes(edited, newIndex)).toEqual(Array.from(encodeTag(source)));
            } else if (!touched.has(source)) {
              expect(tagBytes(edited, newIndex)).toEqual(tagBytes(doc, source));
            } else {
              // An updated tag shows its new UID, and keeps its old one where none was given.
              const uid = updates.get(source)?.uid ?? doc.entry(source).uid;
              expect(edited.entry(newIndex).uid).toBe(uid);
              expect(edited.entry(newIndex).terminated).toBe(true);
            }
          });
          // Trailing bytes are kept; Outlook's slack keeps its bytes in place and its Count + 4
          // length (zeros added, or bytes taken at its end, when Count changed).
          const before = Array.from(doc.bytes.subarray(doc.trailing.start));
          const after = Array.from(edited.bytes.subarray(edited.trailing.start));
          if (doc.slack && edited.declaredCount.value !== doc.declaredCount.value) {
            expect(after.length).toBe(edited.declaredCount.value! + 4);
            const shared = Math.min(after.length, before.length);
            expect(after.slice(0, shared)).toEqual(before.slice(0, shared));
            expect(after.slice(shared).every((byte) => byte === 0)).toBe(true);
          } else expect(after).toEqual(before);
          const restored = applyEdits(edited, invertEdits(doc, edits));
          expect(equalBytes(restored.bytes, doc.bytes)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
