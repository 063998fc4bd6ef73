/**
 * The history diff view's state: the other history the open document is compared with, which
 * of the two is the older, the kind filter and the active row. The diff itself is derived
 * (historyDiffOf), so it follows every edit, undo and redo of the open document. One per app
 * (AppServices.historyDiff).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { diffHistories } from '@shared/diff/diff.js';
import type { DiffKind, DiffRow, HistoryDiff } from '@shared/diff/types.js';
import type { HistoryDocument } from '../document/document';
import { memoizeRecent } from '../memo';

export interface OtherHistory {
  /** For the user: the file's name, or a version's label ("version 2 of store.pst"). */
  readonly label: string;
  readonly document: HistoryDocument;
}

export interface HistoryDiffState {
  /** The view is shown (in place of the findings and timeline). */
  readonly open: boolean;
  readonly other: OtherHistory | null;
  /** Whether the other history is the older one (the default: "what changed since then?"). */
  readonly otherIs: 'older' | 'newer';
  readonly filter: DiffKind | null;
  /** The row the keyboard is on, by UID. */
  readonly active: string | null;
  readonly actions: HistoryDiffActions;
}

export interface HistoryDiffActions {
  /** Shows the diff with `other`, taken as the older history, unfiltered. */
  setOther(other: OtherHistory): void;
  /** Turns the direction round: the other history becomes the newer one, or the older. */
  swap(): void;
  setFilter(filter: DiffKind | null): void;
  setActive(uid: string | null): void;
  /** Hides the view and forgets the other history. */
  close(): void;
}

export type HistoryDiffStore = StoreApi<HistoryDiffState>;

export const createHistoryDiffStore = (): HistoryDiffStore =>
  createStore<HistoryDiffState>()((set, get) => ({
    open: false,
    other: null,
    otherIs: 'older',
    filter: null,
    active: null,
    actions: {
      setOther: (other) => set({ other, open: true, otherIs: 'older', filter: null, active: null }),
      swap: () => set({ otherIs: get().otherIs === 'older' ? 'newer' : 'older', active: null }),
      setFilter: (filter) => set({ filter, active: null }),
      setActive: (active) => set({ active }),
      close: () => set({ open: false, other: null, filter: null, active: null }),
    },
  }));

/** The diff of the open document with the other history, in the chosen direction. */
export const historyDiffOf: (
  document: HistoryDocument,
  other: HistoryDocument,
  otherIs: 'older' | 'newer',
) => HistoryDiff = memoizeRecent(
  (document: HistoryDocument, other: HistoryDocument, otherIs: 'older' | 'newer') =>
    otherIs === 'older' ? diffHistories(other, document) : diffHistories(document, other),
);

/** The rows the filter lets through, in the diff's order. */
export const visibleDiffRowsOf: (diff: HistoryDiff, filter: DiffKind | null) => readonly DiffRow[] =
  memoizeRecent((diff: HistoryDiff, filter: DiffKind | null) =>
    filter === null ? diff.rows : diff.rows.filter((row) => row.kind === filter),
  );

/** The open document's entries of a row: the newer side's when the other is the older. */
export function entriesHere(row: DiffRow, otherIs: 'older' | 'newer'): readonly number[] {
  return otherIs === 'older' ? row.newerEntries : row.olderEntries;
}

export function entriesThere(row: DiffRow, otherIs: 'older' | 'newer'): readonly number[] {
  return otherIs === 'older' ? row.olderEntries : row.newerEntries;
}
