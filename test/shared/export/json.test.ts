import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import { formatUtcIso } from '../../../shared/time-display.js';
import type { UidlDocument } from '../../../shared/codec/types.js';
import { HISTORY_EXPORT_SCHEMA, toJson, type HistoryExport } from '../../../shared/export/json.js';
import { sha256Hex } from '../../../shared/hash.js';
import { summarize } from '../../../shared/summary.js';
import { ascii, buildBlob, CLEAN_TAGS, problemBlob } from '../../fixtures/blobs.js';

const schema = JSON.parse(
  readFileSync(
    new URL('../../../shared/export/history-export.schema.json', import.meta.url),
    'utf8',
  ),
) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const INPUT_SHA = 'a'.repeat(64);

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
      expect(out).toMatchObject({
        index: entry.index,
        offset: entry.offset,
        length: entry.length,
        op: entry.op,
        content: entry.content,
        timestamp: entry.timestamp ? formatUtcIso(entry.timestamp) : null,
        timestampText: entry.timestampText,
        rawUid: entry.rawUid,
        uid: entry.uid,
      });
      const spans = entry.spans;
      expect(out.spans).toEqual({
        op: [spans.op.start, spans.op.end],
        content: [spans.content.start, spans.content.end],
        timestamp: [spans.timestamp.start, spans.timestamp.end],
        uid: [spans.uid.start, spans.uid.end],
        terminator: [spans.terminator.start, spans.terminator.end],
      });
      expect(out.diagnostics.map((d) => [d.code, d.severity, d.start, d.end])).toEqual(
        entry.diagnostics.map((d) => [d.code, d.severity, d.start, d.end]),
      );
    }
    expect(exported.entries[0]!.uid).toBe('0BC535DB-EA63-11E1-A75C-00215AD7BB74');
    expect(exported.entries[0]!.timestamp).toBe('2012-09-06T13:11:38Z');
    expect(exported.entries[1]!.timestamp).toBeNull();
    expect(exported.entries[1]!.timestampText).toBe('20121332000000');
    expect(exported.trailing).toEqual({
      offset: problemBlob().length - 3,
      length: 3,
      hex: '414243',
      outlookSlack: false,
    });
    expect(exported.diagnostics).toHaveLength(document.diagnostics.length);
    const duplicate = exported.diagnostics.find((d) => d.code === 'uid.duplicate');
    expect(duplicate).toMatchObject({ entry: 0, relatedEntries: [0, 2], severity: 'warning' });
    expect(exported.summary).toEqual(JSON.parse(JSON.stringify(summarize(document))));
  });

  it('restricts a filtered export to the chosen entries, in view order, but summarises all', () => {
    const document = parse(problemBlob());
    const exported = exportOf(document, [3, 1]);
    expect(exported.entries.map((entry) => entry.index)).toEqual([3, 1]);
    expect(exported.filtered).toEqual({ entries: 2, of: 4 });
    expect(exported.summary.entryCount).toBe(4);
    // Header and trailing findings stay; those of entries 0 and 2 (the duplicate) go.
    const kept = document.diagnostics.filter(
      (d) => d.entry === undefined || [1, 3].includes(d.entry),
    );
    expect(exported.diagnostics.map((d) => d.code)).toEqual(kept.map((d) => d.code));
    expect(exported.diagnostics.some((d) => d.code === 'uid.duplicate')).toBe(false);
    expect(exported.diagnostics.some((d) => d.code === 'trailing.bytes')).toBe(true);
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
    expect(unterminated.entries[0]!.spans.terminator).toEqual([10, 10]);
  });

  it('is indented by two spaces', () => {
    const text = toJson(parse(buildBlob(CLEAN_TAGS)), {
      inputSha256: INPUT_SHA,
      inputFormat: 'raw',
    });
    expect(text.split('\n')[1]).toBe(`  "schema": "${HISTORY_EXPORT_SCHEMA}",`);
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
    expect(validate({ ...good, schema: 'uidl-studio/history-export@2' })).toBe(false);
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
