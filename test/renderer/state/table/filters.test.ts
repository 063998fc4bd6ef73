import { describe, expect, it } from 'vitest';
import { ascii, buildBlob, CLEAN_TAGS, problemBlob } from '../../../fixtures/blobs.js';
import { parseDocument } from '../../../../renderer/src/state/document/document';
import {
  compileUidQuery,
  dayKey,
  filterEntries,
  filtersActive,
  NO_FILTERS,
  type Filters,
} from '../../../../renderer/src/state/table/filters';
import { storeWith, visibleRows } from '../../support/workspace';
import { viewOf } from '../../../../renderer/src/state/stores/workspace-store';

/** Entry indexes passing `filters` on `bytes`. */
function passing(bytes: Uint8Array, filters: Partial<Filters>): number[] {
  const { mask } = filterEntries(parseDocument(bytes), { ...NO_FILTERS, ...filters });
  return [...mask.keys()].filter((i) => mask[i] === 1);
}

const clean = buildBlob(CLEAN_TAGS);
// Entries: 0 "+b 2012-09-06 0BC535DB-EA63-...", 1 "-h 2011-01-02 UID_two", 2 "&  2013-01-01 1".

describe('UID filter', () => {
  it('matches a case-insensitive substring of the decoded UID', () => {
    expect(passing(clean, { uidQuery: 'uid_' })).toEqual([1]);
    expect(passing(clean, { uidQuery: '-ea63-' })).toEqual([0]);
    expect(passing(clean, { uidQuery: '1' })).toEqual([0, 2]);
    expect(passing(clean, { uidQuery: 'absent' })).toEqual([]);
  });

  it('reads regular-expression characters literally in text mode', () => {
    expect(passing(clean, { uidQuery: 'UID.two' })).toEqual([]);
    expect(passing(clean, { uidQuery: '$5f' })).toEqual([]);
  });

  it('matches a regular expression when asked', () => {
    expect(passing(clean, { uidQuery: '^\\d+$', uidRegex: true })).toEqual([2]);
    expect(passing(clean, { uidQuery: 'UID.two', uidRegex: true })).toEqual([1]);
    expect(passing(clean, { uidQuery: '^0bc5', uidRegex: true })).toEqual([0]);
  });

  it('matches letter case only when asked, for text and regular expressions alike', () => {
    expect(passing(clean, { uidQuery: 'uid_', uidMatchCase: true })).toEqual([]);
    expect(passing(clean, { uidQuery: 'UID_', uidMatchCase: true })).toEqual([1]);
    expect(passing(clean, { uidQuery: '-ea63-', uidMatchCase: true })).toEqual([]);
    expect(passing(clean, { uidQuery: '^0bc5', uidRegex: true, uidMatchCase: true })).toEqual([]);
    expect(passing(clean, { uidQuery: '^0BC5', uidRegex: true, uidMatchCase: true })).toEqual([0]);
    expect(passing(clean, { uidQuery: '^0bc5', uidRegex: true })).toEqual([0]);
  });

  it('reports an invalid regular expression and ignores the UID criterion', () => {
    const result = filterEntries(parseDocument(clean), {
      ...NO_FILTERS,
      uidQuery: '(unclosed',
      uidRegex: true,
    });
    // Said once, with the reason, not V8's "Invalid regular expression: /(unclosed/i: ..." again.
    expect(result.uidError).toBe('Invalid regular expression: Unterminated group');
    expect(result.count).toBe(3);
    expect(compileUidQuery('[', true).error).toBe(
      'Invalid regular expression: Unterminated character class',
    );
    expect(compileUidQuery('[', false)).toEqual({ matcher: expect.any(RegExp), error: null });
    expect(compileUidQuery('', true)).toEqual({ matcher: null, error: null });
  });
});

describe('field filters', () => {
  it('filters by operation and content, including unknown characters', () => {
    const odd = buildBlob([...CLEAN_TAGS, ascii('xq20120101000000odd\0')]);
    expect(passing(odd, { operation: '-' })).toEqual([1]);
    expect(passing(odd, { operation: '&' })).toEqual([2]);
    expect(passing(odd, { operation: 'unknown' })).toEqual([3]);
    expect(passing(odd, { content: 'b' })).toEqual([0]);
    expect(passing(odd, { content: ' ' })).toEqual([2]);
    expect(passing(odd, { content: 'unknown' })).toEqual([3]);
  });

  it('filters by an inclusive day range of the written time', () => {
    expect(passing(clean, { dateFrom: '2012-01-01' })).toEqual([0, 2]);
    expect(passing(clean, { dateTo: '2012-12-31' })).toEqual([0, 1]);
    expect(passing(clean, { dateFrom: '2012-09-06', dateTo: '2012-09-06' })).toEqual([0]);
    // 2013-01-01 00:00:00 is inside a range ending that day, and 2011-01-02 03:04:05 inside one starting it.
    expect(passing(clean, { dateFrom: '2011-01-02', dateTo: '2013-01-01' })).toEqual([0, 1, 2]);
    expect(passing(clean, { dateFrom: '2013-01-02' })).toEqual([]);
  });

  it('leaves out entries without a valid time when a date bound is set', () => {
    // problemBlob's entry 1 is dated month 13.
    expect(passing(problemBlob(), { dateFrom: '2000-01-01' })).toEqual([0, 2, 3]);
    expect(passing(problemBlob(), {})).toEqual([0, 1, 2, 3]);
  });

  it('ignores a date bound that is not a date', () => {
    expect(passing(clean, { dateFrom: '2012-13' })).toEqual([0, 1, 2]);
    expect(dayKey('2012-09-06')).toBe(20120906);
    expect(dayKey('06/09/2012')).toBeNull();
  });

  it('filters by findings: any, by severity, duplicate UIDs', () => {
    // problemBlob: 0 and 2 share a UID (warning), 1 has an invalid date (error), 3 an upper-case escape (info).
    const blob = problemBlob();
    expect(passing(blob, { hasDiagnostics: true })).toEqual([0, 1, 2, 3]);
    expect(passing(clean, { hasDiagnostics: true })).toEqual([]);
    expect(passing(blob, { severity: 'error' })).toEqual([1]);
    expect(passing(blob, { severity: 'warning' })).toEqual([0, 2]);
    expect(passing(blob, { severity: 'info' })).toEqual([3]);
    expect(passing(blob, { duplicatesOnly: true })).toEqual([0, 2]);
  });

  it('combines every criterion with AND', () => {
    const blob = problemBlob();
    expect(passing(blob, { duplicatesOnly: true, operation: '&' })).toEqual([2]);
    expect(passing(blob, { duplicatesOnly: true, dateTo: '2012-06-30' })).toEqual([2]);
    expect(passing(blob, { uidQuery: 'e', content: 'b', severity: 'error' })).toEqual([1]);
    expect(passing(blob, { uidQuery: '0bc5', operation: '-' })).toEqual([]);
  });
});

describe('filters in the store', () => {
  it('updates the view, counts visible and total, and clears', () => {
    const store = storeWith(problemBlob());
    const { actions } = store.getState();
    actions.setFilters({ operation: '+' });
    actions.setFilters({ content: 'b' });
    expect(visibleRows(store)).toEqual([0, 1]);
    expect(viewOf(store.getState())!.filter.count).toBe(2);
    expect(viewOf(store.getState())!.total).toBe(4);
    expect(filtersActive(store.getState().filters)).toBe(true);
    actions.clearFilters();
    expect(store.getState().filters).toEqual(NO_FILTERS);
    expect(filtersActive(store.getState().filters)).toBe(false);
    expect(visibleRows(store)).toEqual([0, 1, 2, 3]);
  });

  it('returns the same rows for the same document, filters and sort (memoised)', () => {
    const store = storeWith(clean);
    store.getState().actions.setFilters({ uidQuery: 'u' });
    expect(viewOf(store.getState())).toBe(viewOf(store.getState()));
  });

  it('drops selected entries that a filter hides', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.selectEntries([0, 1, 2]);
    actions.setFilters({ operation: '-' });
    expect([...store.getState().selection.entries]).toEqual([1]);
    expect(store.getState().selection.active).toBeNull();
  });
});
