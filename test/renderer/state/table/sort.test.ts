import { describe, expect, it } from 'vitest';
import { ascii, buildBlob } from '../../../fixtures/blobs.js';
import { storeWith, visibleRows } from '../../support/workspace';
import type { SortColumn } from '../../../../renderer/src/state/table/sort';

/**
 * Six entries with ties in every column but index/offset:
 *   0 "+b 2012-01-01 b-uid"    len 24
 *   1 "-h 2011-01-01 a-uid"    len 24
 *   2 "+b 2012-01-01 c"        len 18  (same op, content and time as 0)
 *   3 "&  2010-05-05 a-uid"    len 24  (same UID as 1: a duplicate)
 *   4 "xb 20121332000000 Zed"  len 20  (unknown op, invalid time; error)
 *   5 "-h 2011-01-01 a$2Duid"  len 24  (decodes like 1 and 3; upper-case escape)
 */
const blob = buildBlob([
  { op: '+', content: 'b', timestamp: '20120101000000', uid: 'b-uid' },
  { op: '-', content: 'h', timestamp: '20110101000000', uid: 'a-uid' },
  { op: '+', content: 'b', timestamp: '20120101000000', uid: 'c' },
  { op: '&', content: ' ', timestamp: '20100505000000', uid: 'a-uid' },
  ascii('xb20121332000000Zed\0'),
  ascii('-h20110101000000a$2Duid\0'),
]);

function sorted(column: SortColumn, direction: 'ascending' | 'descending'): number[] {
  const store = storeWith(blob);
  store.getState().actions.setSort({ column, direction });
  return visibleRows(store);
}

describe('sorting', () => {
  it.each<[SortColumn, number[], number[]]>([
    ['index', [0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0]],
    ['offset', [0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0]],
    // Byte order: ' '&' < '+' < '-' < 'x'; ties keep entry order in both directions.
    ['operation', [3, 0, 2, 1, 5, 4], [4, 1, 5, 0, 2, 3]],
    ['content', [3, 0, 2, 4, 1, 5], [1, 5, 0, 2, 4, 3]],
    // An invalid time sorts before every valid one.
    ['timestamp', [4, 3, 1, 5, 0, 2], [0, 2, 1, 5, 3, 4]],
    // Decoded UIDs: "Zed" < "a-uid" (x3) < "b-uid" < "c" in code-unit order.
    ['uid', [4, 1, 3, 5, 0, 2], [2, 0, 1, 3, 5, 4]],
    // Raw UIDs as bytes: "Zed" < "a$2Duid" < "a$2duid" (x2) < "b$2duid" < "c".
    ['rawUid', [4, 5, 1, 3, 0, 2], [2, 0, 1, 3, 5, 4]],
    ['length', [2, 4, 0, 1, 3, 5], [0, 1, 3, 5, 4, 2]],
    // Worst severity, then count: none < info (5: escape; also a duplicate warning) ...
    ['diagnostics', [0, 2, 1, 3, 5, 4], [4, 5, 1, 3, 0, 2]],
  ])(
    'sorts by %s ascending and descending, ties in entry order',
    (column, ascending, descending) => {
      expect(sorted(column, 'ascending')).toEqual(ascending);
      expect(sorted(column, 'descending')).toEqual(descending);
    },
  );

  it('toggles direction on the same column and starts ascending on a new one', () => {
    const store = storeWith(blob);
    const { actions } = store.getState();
    actions.sortBy('timestamp');
    expect(store.getState().sort).toEqual({ column: 'timestamp', direction: 'ascending' });
    actions.sortBy('timestamp');
    expect(store.getState().sort).toEqual({ column: 'timestamp', direction: 'descending' });
    actions.sortBy('uid');
    expect(store.getState().sort).toEqual({ column: 'uid', direction: 'ascending' });
  });

  it('sorts only the visible entries', () => {
    const store = storeWith(blob);
    const { actions } = store.getState();
    actions.setFilters({ uidQuery: 'uid' });
    actions.setSort({ column: 'timestamp', direction: 'descending' });
    expect(visibleRows(store)).toEqual([0, 1, 5, 3]);
  });
});
