import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import { formatUtcIso } from '../../../shared/time-display.js';
import type { Entry, UidlDocument } from '../../../shared/codec/types.js';
import {
  HISTORY_EXPORT_SCHEMA,
  toJson,
  type ExportedEntry,
  type HistoryExport,
} from '../../../shared/export/json.js';
import { sha256Hex } from '../../../shared/hash.js';
import { summarize } from '../../../shared/summary.js';
import { anyInput } from '../../fixtures/arbitraries.js';
import type { TagFields } from '../../../shared/codec/edit.js';
import { ascii, buildBlob, CLEAN_TAGS, EXAMPLE_TAG, problemBlob } from '../../fixtures/blobs.js';

const schema = JSON.parse(
  readFileSync(
    new URL('../../../shared/export/history-export.schema.json', import.meta.url),
    'utf8',
  ),
) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const INPUT_SHA = 'a'.repeat(64);

/** An entry's fields as version 2 wrote them, from the document. */
function fieldsOf(entry: Entry): Record<string, unknown> {
  const spans = entry.spans;
  return {
    index: entry.index,
    offset: entry.offset,
    length: entry.length,
    op: entry.op,
    content: entry.content,
    timestamp: entry.timestamp ? formatUtcIso(entry.timestamp) : null,
    timestampText: entry.timestampText,
    rawUid: entry.rawUid,
    uid: entry.uid,
    spans: {
      op: [spans.op.start, spans.op.end],
      content: [spans.content.start, spans.content.end],
      timestamp: [spans.timestamp.start, spans.timestamp.end],
      uid: [spans.uid.start, spans.uid.end],
      terminator: [spans.terminator.start, spans.terminator.end],
    },
  };
}

/** The same fields read back from an exported entry, as the schema says a consumer does. */
function readBack(out: ExportedEntry): Record<string, unknown> {
  const [op, content, timestamp, uid, terminator, end] = out.spans;
  return {
    index: out.index,
    offset: out.offset,
    length: out.length,
    op: out.op,
    content: out.content,
    timestamp: out.timestamp,
    timestampText: out.timestampText ?? out.timestamp!.replace(/[-T:Z]/g, ''),
    rawUid: out.rawUid ?? out.uid,
    uid: out.uid,
    spans: {
      op: [op, content],
      content: [content, timestamp],
      timestamp: [timestamp, uid],
      uid: [uid, terminator],
      terminator: [terminator, end],
    },
  };
}

function exportOf(document: UidlDocument, entries?: readonly number[]): HistoryExport {
  const text = toJson(document, {
    inputSha256: INPUT_SHA,
    inputFormat: 'hex',
    ...(entries ? { entries } : {}),
  });
  const value = JSON.parse(text) as HistoryExport;
  expect(validate(value), JSON.stringify(validate.errors, null, 2)).toBe(true);
  return value;
}

describe('toJson', () => {
  it('describes every entry with its fields, spans and findings', () => {
    const document = parse(problemBlob());
    const exported = exportOf(document);
    expect(exported.schema).toBe(HISTORY_EXPORT_SCHEMA);
    expect(exported.sha256).toBe(INPUT_SHA);
    expect(exported.blobSha256).toBe(sha256Hex(problemBlob()));
    expect(exported.inputFormat).toBe('hex');
    expect(exported.version).toBe(3);
    expect(exported.declaredCount).toBe(4);
    expect(exported.filtered).toBeUndefined();
    expect(exported.entries).toHaveLength(document.entries.length);
    for (const [i, entry] of document.entries.entries()) {
      const out = exported.entries[i]!;
      expect(readBack(out)).toEqual(fieldsOf(entry));
      expect(out.diagnostics.map((d) => [d.code, d.severity, d.start, d.end])).toEqual(
        entry.diagnostics.map((d) => [d.code, d.severity, d.start, d.end]),
      );
    }
    expect(exported.entries[0]!.uid).toBe('0BC535DB-EA63-11E1-A75C-00215AD7BB74');
    expect(exported.entries[0]!.rawUid).toBe('0BC535DB$2dEA63$2d11E1$2dA75C$2d00215AD7BB74');
    expect(exported.entries[0]!.timestamp).toBe('2012-09-06T13:11:38Z');
    expect(exported.entries[0]!).not.toHaveProperty('timestampText');
    expect(exported.entries[0]!.spans).toEqual([4, 5, 6, 20, 64, 65]);
    expect(exported.entries[1]!.timestamp).toBeNull();
    expect(exported.entries[1]!.timestampText).toBe('20121332000000');
    expect(exported.trailing).toEqual({
      offset: problemBlob().length - 3,
      length: 3,
      hex: '414243',
      outlookSlack: false,
    });
    // Every finding once: the header's and trailing bytes' at the top, the others in their entry.
    expect(exported.diagnostics.map((d) => d.code)).toEqual(['trailing.bytes']);
    const written = exported.entries.flatMap((e) => e.diagnostics).length;
    expect(written + exported.diagnostics.length).toBe(document.diagnostics.length);
    expect(exported.entries[0]!.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'uid.duplicate', severity: 'warning', duplicateGroup: 0 }),
    );
    expect(exported.entries[2]!.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'uid.duplicate', duplicateGroup: 0 }),
    );
    expect(exported.duplicateGroups).toEqual([
      { uid: '0BC535DB-EA63-11E1-A75C-00215AD7BB74', entries: [0, 2] },
    ]);
    expect(exported.summary).toEqual(JSON.parse(JSON.stringify(summarize(document))));
  });

  it('restricts a filtered export to the chosen entries, in view order, but summarises all', () => {
    const document = parse(problemBlob());
    const exported = exportOf(document, [3, 1]);
    expect(exported.entries.map((entry) => entry.index)).toEqual([3, 1]);
    expect(exported.filtered).toEqual({ entries: 2, of: 4 });
    expect(exported.summary.entryCount).toBe(4);
    // Header and trailing findings stay; entries 0 and 2 (the duplicate) and their group go.
    expect(exported.diagnostics.map((d) => d.code)).toEqual(['trailing.bytes']);
    expect(exported.entries.map((e) => e.diagnostics.map((d) => d.code))).toEqual(
      [3, 1].map((i) => document.entry(i).diagnostics.map((d) => d.code)),
    );
    expect(exported.duplicateGroups).toEqual([]);
    // A filtered export holding one duplicate lists its whole group.
    expect(exportOf(document, [2]).duplicateGroups).toEqual([
      { uid: '0BC535DB-EA63-11E1-A75C-00215AD7BB74', entries: [0, 2] },
    ]);
    expect(exportOf(document, []).filtered).toEqual({ entries: 0, of: 4 });
  });

  it('rejects entry indexes outside the document or given twice', () => {
    const document = parse(buildBlob(CLEAN_TAGS));
    const options = { inputSha256: INPUT_SHA, inputFormat: 'raw' } as const;
    expect(() => toJson(document, { ...options, entries: [3] })).toThrow(/index 3 is not/);
    expect(() => toJson(document, { ...options, entries: [-1] })).toThrow(RangeError);
    expect(() => toJson(document, { ...options, entries: [1, 1] })).toThrow(/twice/);
  });

  it('exports truncated and header-only BLOBs with null header fields', () => {
    const truncated = exportOf(parse(Uint8Array.of(3)));
    expect(truncated.version).toBeNull();
    expect(truncated.declaredCount).toBeNull();
    expect(truncated.entries).toEqual([]);
    expect(truncated.diagnostics.map((d) => d.code)).toEqual(['header.truncated']);
    const unterminated = exportOf(parse(buildBlob([ascii('+b2012')])));
    expect(unterminated.entries[0]!.spans).toEqual([4, 5, 6, 10, 10, 10]);
  });

  it('is indented by two spaces, each entry and duplicate group on a line of its own', () => {
    const document = parse(problemBlob());
    const text = toJson(document, { inputSha256: INPUT_SHA, inputFormat: 'raw' });
    const lines = text.split('\n');
    expect(lines[1]).toBe(`  "schema": "${HISTORY_EXPORT_SCHEMA}",`);
    const entriesAt = lines.indexOf('  "entries": [');
    const exported = JSON.parse(text) as HistoryExport;
    for (const [i, entry] of exported.entries.entries()) {
      expect(lines[entriesAt + 1 + i]).toBe(`    ${JSON.stringify(entry)}${i < 3 ? ',' : ''}`);
    }
    expect(lines[entriesAt + 5]).toBe('  ],');
    expect(text).toContain(
      '  "duplicateGroups": [\n    {"uid":"0BC535DB-EA63-11E1-A75C-00215AD7BB74","entries":[0,2]}\n  ],',
    );
    expect(
      toJson(parse(buildBlob(CLEAN_TAGS)), { inputSha256: INPUT_SHA, inputFormat: 'raw' }),
    ).toContain('  "duplicateGroups": [],');
  });

  it('grows linearly with duplicates: each copy of one UID adds a bounded number of bytes', () => {
    const sizeWith = (copies: number): number =>
      toJson(parse(buildBlob(Array.from({ length: copies }, () => EXAMPLE_TAG))), {
        inputSha256: INPUT_SHA,
        inputFormat: 'raw',
      }).length;
    const small = sizeWith(200);
    const large = sizeWith(6_000);
    // Version 1 listed every copy in every copy's finding, twice: 6,000 copies took 1.1 GB.
    const perCopy = (large - small) / 5_800;
    expect(perCopy).toBeLessThan(650);
    // The group's list is the only part that grows with the copies, by about 5 bytes each.
    expect(perCopy).toBeGreaterThan(400);
  });

  it('carries every field of every entry exactly, for any bytes (what it leaves out, another field says)', () => {
    fc.assert(
      fc.property(anyInput, (bytes) => {
        const document = parse(bytes);
        const exported = exportOf(document);
        expect(exported.entries.map(readBack)).toEqual(document.entries.map(fieldsOf));
      }),
      { numRuns: 500 },
    );
  });

  it('65,535 copies of one tag take under 30 MB', () => {
    const sizeOf = (tag: Uint8Array | TagFields): number =>
      toJson(parse(buildBlob(Array.from({ length: 65_535 }, () => tag))), {
        inputSha256: INPUT_SHA,
        inputFormat: 'raw',
      }).length;
    // Version 2 took 37,540,287 bytes for these: a 16-character UID, as in issue 14's count.
    expect(sizeOf(ascii('+b20240101120000ABCDEF0123456789'))).toBeLessThan(30_000_000);
    // A GUID with four escapes keeps its rawUid: version 2 took 42 MB.
    expect(sizeOf(EXAMPLE_TAG)).toBeLessThan(35_000_000);
  });

  it('validates against the schema for any bytes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.uint8Array({ maxLength: 40 }).map((b) => b.map((x) => x || 0x41)),
          {
            maxLength: 6,
          },
        ),
        fc.integer({ min: 0, max: 8 }),
        fc.uint8Array({ maxLength: 8 }),
        (tags, count, trailing) => {
          // NULs inside a generated tag would split it; the trailing bytes may hold any.
          const bytes = buildBlob(
            tags.map((tag) => Uint8Array.of(...tag, 0)),
            { count, trailing },
          );
          exportOf(parse(bytes));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('history-export.schema.json', () => {
  it('rejects documents that break the contract', () => {
    const good = JSON.parse(
      toJson(parse(buildBlob(CLEAN_TAGS)), { inputSha256: INPUT_SHA, inputFormat: 'raw' }),
    ) as Record<string, unknown>;
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, schema: 'uidl-studio/history-export@1' })).toBe(false);
    expect(validate({ ...good, sha256: 'ABC' })).toBe(false);
    const withoutSummary = { ...good };
    delete withoutSummary.summary;
    expect(validate(withoutSummary)).toBe(false);
    expect(validate({ ...good, surprise: 1 })).toBe(false);
  });

  it('describes every property it defines', () => {
    const missing: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (Array.isArray(node)) node.forEach((item, i) => visit(item, `${path}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      for (const key of ['properties', '$defs'] as const) {
        const children = record[key] as Record<string, Record<string, unknown>> | undefined;
        for (const [name, child] of Object.entries(children ?? {})) {
          if (typeof child.description !== 'string') missing.push(`${path}/${key}/${name}`);
        }
      }
      for (const [key, value] of Object.entries(record)) visit(value, `${path}/${key}`);
    };
    visit(schema, '#');
    expect(missing).toEqual([]);
  });
});
