/**
 * Sorting the table. Each column's full order is computed once per document (n log n) and
 * cached; a filtered view is then that order with the hidden entries skipped, which is linear,
 * so typing in the filter never re-sorts. Ties keep entry order in both directions (stable).
 */
import { documentFacts, SEVERITY_BIT } from '../document/document-facts';
import { bodyEnd, UID_OFFSET } from '@shared/codec/layout.js';
import type { HistoryDocument } from '../document/document';

export type SortColumn =
  | 'index'
  | 'operation'
  | 'content'
  | 'timestamp'
  | 'uid'
  | 'rawUid'
  | 'offset'
  | 'length'
  | 'diagnostics';

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  readonly column: SortColumn;
  readonly direction: SortDirection;
}

export const DEFAULT_SORT: SortState = Object.freeze({ column: 'index', direction: 'ascending' });

/** Entry indexes in ascending column order (ties by index), and the key each entry sorts by. */
export interface ColumnOrder {
  readonly order: Int32Array;
  /** Equal keys mean a tie; only compared for equality and order. */
  readonly keys: ArrayLike<number>;
}

const cache = new WeakMap<HistoryDocument, Map<SortColumn, ColumnOrder>>();

function columnOrder(document: HistoryDocument, column: SortColumn): ColumnOrder {
  let byColumn = cache.get(document);
  if (!byColumn) {
    byColumn = new Map();
    cache.set(document, byColumn);
  }
  let result = byColumn.get(column);
  if (!result) {
    result = computeOrder(document, column);
    byColumn.set(column, result);
  }
  return result;
}

function identity(count: number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order;
}

function orderByKeys(keys: ArrayLike<number>, count: number): ColumnOrder {
  const order = identity(count);
  order.sort((a, b) => keys[a]! - keys[b]! || a - b);
  return { order, keys };
}

/** Dense ranks from a comparator, so string columns sort like numeric ones afterwards. */
function orderByComparator(count: number, compare: (a: number, b: number) => number): ColumnOrder {
  const order = identity(count);
  order.sort((a, b) => compare(a, b) || a - b);
  const keys = new Int32Array(count);
  let rank = 0;
  for (let k = 0; k < count; k++) {
    if (k > 0 && compare(order[k - 1]!, order[k]!) !== 0) rank++;
    keys[order[k]!] = rank;
  }
  return { order, keys };
}

/** The byte at `relative` in entry `index`'s body, or -1 when the tag is too short. */
function byteKeys(document: HistoryDocument, relative: number): Int32Array {
  const count = document.entryCount;
  const keys = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const field = document.byteFieldOf(i, relative);
    // Printable fields are one character; others are `\xNN` (see HistoryDocument.byteFieldOf).
    keys[i] =
      field === ''
        ? -1
        : field.length === 1
          ? field.charCodeAt(0)
          : 0x100 + parseInt(field.slice(2), 16);
  }
  return keys;
}

function computeOrder(document: HistoryDocument, column: SortColumn): ColumnOrder {
  const count = document.entryCount;
  switch (column) {
    case 'index':
    case 'offset': {
      // Tags are stored in order, so offsets grow with the index.
      const order = identity(count);
      return { order, keys: order };
    }
    case 'operation':
      return orderByKeys(byteKeys(document, 0), count);
    case 'content':
      return orderByKeys(byteKeys(document, 1), count);
    case 'timestamp': {
      const keys = new Float64Array(count);
      for (let i = 0; i < count; i++) keys[i] = document.timeKeyOf(i);
      return orderByKeys(keys, count);
    }
    case 'length': {
      const keys = new Int32Array(count);
      for (let i = 0; i < count; i++) keys[i] = document.lengthOf(i);
      return orderByKeys(keys, count);
    }
    case 'diagnostics': {
      // Worst severity first matters most, then how many findings.
      const { severityMask, findingCount } = documentFacts(document);
      const keys = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const mask = severityMask[i]!;
        const worst =
          mask & SEVERITY_BIT.error
            ? 3
            : mask & SEVERITY_BIT.warning
              ? 2
              : mask & SEVERITY_BIT.info
                ? 1
                : 0;
        keys[i] = worst * 0x10000 + findingCount[i]!;
      }
      return orderByKeys(keys, count);
    }
    case 'uid': {
      const uids = document.uidList();
      return orderByComparator(count, (a, b) => {
        const x = uids[a]!;
        const y = uids[b]!;
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
    case 'rawUid': {
      // Compared as bytes: the encoded UID as written, without decoding 65,535 strings.
      const { bytes } = document;
      const start = (i: number): number =>
        Math.min(document.offsetOf(i) + UID_OFFSET, uidEnd(document, i));
      return orderByComparator(count, (a, b) => {
        let i = start(a);
        let j = start(b);
        const endA = uidEnd(document, a);
        const endB = uidEnd(document, b);
        for (; i < endA && j < endB; i++, j++) {
          if (bytes[i] !== bytes[j]) return bytes[i]! - bytes[j]!;
        }
        return endA - i - (endB - j);
      });
    }
  }
}

function uidEnd(document: HistoryDocument, index: number): number {
  return bodyEnd(document.bytes, document.offsetOf(index), document.lengthOf(index));
}

/**
 * The visible entries (mask) in `sort` order. Descending reverses the order of distinct keys
 * but keeps tied entries in ascending index order, so both directions are stable.
 */
export function sortedRows(
  document: HistoryDocument,
  mask: Uint8Array,
  visibleCount: number,
  sort: SortState,
): Int32Array {
  const { order, keys } = columnOrder(document, sort.column);
  const rows = new Int32Array(visibleCount);
  let at = 0;
  if (sort.direction === 'ascending') {
    for (let k = 0; k < order.length; k++) {
      const index = order[k]!;
      if (mask[index]) rows[at++] = index;
    }
    return rows;
  }
  // Walk groups of equal keys from the end, emitting each group front to back.
  let groupEnd = order.length;
  while (groupEnd > 0) {
    const key = keys[order[groupEnd - 1]!];
    let groupStart = groupEnd - 1;
    while (groupStart > 0 && keys[order[groupStart - 1]!] === key) groupStart--;
    for (let k = groupStart; k < groupEnd; k++) {
      const index = order[k]!;
      if (mask[index]) rows[at++] = index;
    }
    groupEnd = groupStart;
  }
  return rows;
}
