/**
 * `npm run bench:state`: the workspace's state layer on a full 65,535-tag history, in Node.
 * The baseline is one pass over every decoded UID (what any filter must at least do), so the
 * ratios vitest prints are steadier than the milliseconds on a shared machine. Targets (issue
 * 4): a filter keystroke well under 50 ms.
 */
import { bench, describe } from 'vitest';
import { generateHistory } from '../../../bench/generate-history.js';
import { toHexDump } from '@shared/export/hex.js';
import { parseDocument } from '../../../renderer/src/state/document/document';
import { updateEdits } from '../../../renderer/src/state/editing/edits';
import { filterEntries, NO_FILTERS } from '../../../renderer/src/state/table/filters';
import { runDecode } from '../../../renderer/src/state/input/input-decoding';
import { sortedRows } from '../../../renderer/src/state/table/sort';
import { storeWith } from '../support/workspace';

const blob = generateHistory(65_535, 11);
const document = parseDocument(blob);
const uids = document.uidList();
const { mask, count } = filterEntries(document, { ...NO_FILTERS, uidQuery: 'a' });
const dump = new TextEncoder().encode(toHexDump(blob));
let query = 0;
/** Kept so the engine cannot drop the baseline's work as unused. */
export let baselineHits = 0;

describe('filter and sort 65,535 tags', () => {
  bench('baseline: one pass over every decoded UID', () => {
    let hits = 0;
    for (const uid of uids) if (uid.includes('a')) hits++;
    baselineHits = hits;
  });
  bench('UID text filter', () => {
    filterEntries(document, { ...NO_FILTERS, uidQuery: `a${query++ % 10}` });
  });
  bench('UID regular expression filter', () => {
    filterEntries(document, {
      ...NO_FILTERS,
      uidQuery: `^[0-9a-f]{8}${query++ % 10}`,
      uidRegex: true,
    });
  });
  bench('text, operation and date range combined', () => {
    filterEntries(document, {
      ...NO_FILTERS,
      uidQuery: `${query++ % 10}`,
      operation: '+',
      dateFrom: '2019-02-01',
      dateTo: '2019-12-31',
    });
  });
  bench('sorted view of the filtered rows, by time descending', () => {
    sortedRows(document, mask, count, { column: 'timestamp', direction: 'descending' });
  });
});

describe('open and edit 65,535 tags', () => {
  bench('parse the raw BLOB', () => {
    parseDocument(blob);
  });
  bench(
    `decode and hash its ${(dump.length / 1e6).toFixed(1)} MB hex dump (done in a worker)`,
    () => {
      runDecode({ input: dump, format: 'auto', hash: true });
    },
    { iterations: 3, time: 0 },
  );
  const store = storeWith(blob);
  let k = 0;
  bench('one-tag edit with its undo step', () => {
    store.getState().actions.change('Edit', updateEdits([100], { op: k++ % 2 ? '+' : '-' }));
  });
  const all = Array.from({ length: 65_535 }, (_, index) => index);
  bench(
    'bulk edit of every tag, then its undo',
    () => {
      store.getState().actions.change('Set operation', updateEdits(all, { op: '&' }));
      store.getState().actions.undo();
    },
    { iterations: 5, time: 0 },
  );
});
