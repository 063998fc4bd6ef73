// Tests of shared/summary.ts.
import { describe, expect, it } from 'vitest';
import { parse } from '../../shared/codec/parse.js';
import { contentName, operationName, summarize } from '../../shared/summary.js';
import { ascii, buildBlob, CLEAN_TAGS, problemBlob } from '../fixtures/blobs.js';

describe('summarize', () => {
  it('counts a clean history and orders its dates chronologically, not by position', () => {
    const summary = summarize(parse(buildBlob(CLEAN_TAGS)));
    expect(summary).toEqual({
      version: 3,
      declaredCount: 3,
      entryCount: 3,
      trailingBytes: 0,
      byOperation: { get: 1, delete: 1, 'get-and-delete': 1, unknown: 0 },
      byContent: { none: 1, header: 1, body: 1, unknown: 0 },
      firstTimestamp: '2011-01-02T03:04:05Z',
      lastTimestamp: '2013-01-01T00:00:00Z',
      diagnostics: { error: 0, warning: 0, info: 0 },
      duplicateUids: 0,
    });
  });

  it('skips invalid dates, counts distinct duplicated UIDs and the findings by severity', () => {
    const document = parse(problemBlob());
    const summary = summarize(document);
    expect(summary.firstTimestamp).toBe('2012-01-01T00:00:00Z');
    expect(summary.lastTimestamp).toBe('2014-01-01T12:00:00Z');
    expect(summary.duplicateUids).toBe(1);
    expect(summary.trailingBytes).toBe(3);
    expect(summary.byOperation).toEqual({ get: 2, delete: 1, 'get-and-delete': 1, unknown: 0 });
    const expected = { error: 0, warning: 0, info: 0 };
    for (const diagnostic of document.diagnostics) expected[diagnostic.severity]++;
    expect(summary.diagnostics).toEqual(expected);
    expect(summary.diagnostics.error).toBeGreaterThan(0);
    expect(summary.diagnostics.warning).toBeGreaterThan(0);
    expect(summary.diagnostics.info).toBeGreaterThan(0);
  });

  it('counts a UID used three times as one duplicated UID', () => {
    const tag = { op: '+', content: 'b', timestamp: '20120101000000', uid: 'same' } as const;
    const other = { ...tag, uid: 'other' };
    expect(summarize(parse(buildBlob([tag, tag, other, tag]))).duplicateUids).toBe(1);
  });

  it('reports unknown operation and content characters and a truncated header', () => {
    const odd = summarize(parse(buildBlob([ascii('xq20120101000000a\0')])));
    expect(odd.byOperation.unknown).toBe(1);
    expect(odd.byContent.unknown).toBe(1);
    const truncated = summarize(parse(Uint8Array.of(3)));
    expect(truncated.version).toBeNull();
    expect(truncated.declaredCount).toBeNull();
    expect(truncated.entryCount).toBe(0);
    expect(truncated.firstTimestamp).toBeNull();
    expect(truncated.diagnostics.error).toBe(1);
  });

  it('names operations and contents', () => {
    expect(['+', '-', '&', '', '\\x00'].map(operationName)).toEqual([
      'get',
      'delete',
      'get-and-delete',
      'unknown',
      'unknown',
    ]);
    expect([' ', 'h', 'b', 'H'].map(contentName)).toEqual(['none', 'header', 'body', 'unknown']);
  });

  it('summarizes 65,535 entries, with their duplicates and date range', () => {
    const tags = Array.from({ length: 0xffff }, (_, i) => ({
      op: '+' as const,
      content: 'b' as const,
      timestamp: `2012${String((i % 12) + 1).padStart(2, '0')}01000000`,
      uid: `uid${i % 60000}`,
    }));
    const document = parse(buildBlob(tags));
    const summary = summarize(document);
    expect(summary.entryCount).toBe(0xffff);
    expect(summary.duplicateUids).toBe(0xffff - 60000);
    expect(summary.firstTimestamp).toBe('2012-01-01T00:00:00Z');
    expect(summary.lastTimestamp).toBe('2012-12-01T00:00:00Z');
  });
});
