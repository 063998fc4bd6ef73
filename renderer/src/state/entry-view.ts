/** The table's rows: the document filtered, then sorted, computed once per (document, filters, sort). */
import type { HistoryDocument } from './document';
import { filterEntries, type FilterResult, type Filters } from './filters';
import { memoizeRecent } from './memo';
import type { RowView } from './selection';
import { sortedRows, type SortState } from './sort';
import type { TimeZonePreference } from './time-zone';

export interface EntryView extends RowView {
  readonly filter: FilterResult;
  /** Entries in the document. */
  readonly total: number;
}

const filtered = memoizeRecent(filterEntries);

export const entryView = memoizeRecent(
  (
    document: HistoryDocument,
    filters: Filters,
    sort: SortState,
    zone: TimeZonePreference = 'utc',
  ): EntryView => {
    const filter = filtered(document, filters, zone);
    const rows = sortedRows(document, filter.mask, filter.count, sort);
    const positions = new Int32Array(document.entryCount).fill(-1);
    for (let p = 0; p < rows.length; p++) positions[rows[p]!] = p;
    return { rows, positions, filter, total: document.entryCount };
  },
);
