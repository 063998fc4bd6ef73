/**
 * The Compare view's state: the server side the history is compared with, whether the view is
 * shown, the class filter and the selected UIDs. The comparison itself is never stored: it is
 * derived from the workspace's current document and this side by memoised functions, so it
 * follows every edit, undo and redo by itself.
 *
 * One store per app, beside the workspace and UI stores (AppServices.comparison); the container
 * chooser's "compare two histories" sets its side from outside React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { compareHistory } from '@shared/compare/compare.js';
import type { ComparedUid, Comparison, ParsedListing, UidClass } from '@shared/compare/types.js';
import type { HistoryDocument } from '../document/document';
import { memoizeRecent } from '../memo';

/** What the history is compared with: a pasted or loaded listing, a live check, another history. */
export interface ServerSide {
  readonly kind: 'listing' | 'live' | 'history';
  /** For the user: the listing file's name, `user@host`, the other history's name. */
  readonly name: string;
  readonly listing: ParsedListing;
}

/** The table's filter: one class, or one of the two flags a UID of any class may carry. */
export type CompareFilter = UidClass | 'duplicated' | 'near-miss';

export interface ComparisonActions {
  /** Compares with `side` from now on, and shows the view; the filter and selection restart. */
  setSide(side: ServerSide): void;
  /** Forgets the side (the view stays, offering to paste a listing or run a check). */
  clear(): void;
  show(): void;
  hide(): void;
  /** Sets the filter; the selection is cleared so that no action applies to hidden rows. */
  setFilter(filter: CompareFilter | null): void;
  /** Click: this row only. */
  selectOnly(uid: string): void;
  /** Ctrl/Cmd+click or Space: adds or removes one row. */
  toggleSelected(uid: string): void;
  /** Shift+click or Shift+arrows: the visible rows from the anchor to `uid`. */
  extendTo(uid: string, visible: readonly ComparedUid[]): void;
  /** Ctrl/Cmd+A: every visible row. */
  selectAll(visible: readonly ComparedUid[]): void;
  clearSelection(): void;
}

export interface ComparisonState {
  /** The Compare view is shown (in place of the findings and timeline). */
  readonly open: boolean;
  readonly side: ServerSide | null;
  readonly filter: CompareFilter | null;
  /** Selected rows, by UID: UIDs keep their identity across edits, row positions do not. */
  readonly selected: ReadonlySet<string>;
  /** The row the keyboard is on, and where a Shift range starts. */
  readonly active: string | null;
  readonly anchor: string | null;
  readonly actions: ComparisonActions;
}

const NO_SELECTION = {
  selected: new Set<string>() as ReadonlySet<string>,
  active: null,
  anchor: null,
} as const;

export type ComparisonStore = StoreApi<ComparisonState>;

export const createComparisonStore = (): ComparisonStore =>
  createStore<ComparisonState>()((set, get) => {
    const actions: ComparisonActions = {
      setSide: (side) => set({ side, open: true, filter: null, ...NO_SELECTION }),
      clear: () => set({ side: null, filter: null, ...NO_SELECTION }),
      show: () => set({ open: true }),
      hide: () => set({ open: false }),
      setFilter: (filter) => set({ filter, ...NO_SELECTION }),
      selectOnly: (uid) => set({ selected: new Set([uid]), active: uid, anchor: uid }),
      toggleSelected(uid) {
        const selected = new Set(get().selected);
        if (selected.has(uid)) selected.delete(uid);
        else selected.add(uid);
        set({ selected, active: uid, anchor: uid });
      },
      extendTo(uid, visible) {
        const { anchor } = get();
        const to = visible.findIndex((row) => row.uid === uid);
        const from = anchor === null ? -1 : visible.findIndex((row) => row.uid === anchor);
        if (to < 0) return;
        if (from < 0) {
          actions.selectOnly(uid);
          return;
        }
        const [low, high] = from <= to ? [from, to] : [to, from];
        const selected = new Set(visible.slice(low, high + 1).map((row) => row.uid));
        set({ selected, active: uid });
      },
      selectAll(visible) {
        const { active } = get();
        const selected = new Set(visible.map((row) => row.uid));
        const focus = active !== null && selected.has(active) ? active : (visible[0]?.uid ?? null);
        set({ selected, active: focus, anchor: focus });
      },
      clearSelection: () => set({ ...NO_SELECTION }),
    };
    return { open: false, side: null, filter: null, ...NO_SELECTION, actions };
  });

/**
 * The comparison of a document with a listing, computed once per (document, listing, name);
 * `name` is the document's, for the sentences that compare two histories.
 */
export const comparisonOf: (
  document: HistoryDocument,
  listing: ParsedListing,
  name: string,
) => Comparison = memoizeRecent((document: HistoryDocument, listing: ParsedListing, name: string) =>
  compareHistory(document, listing, { name }),
);

export function matchesFilter(row: ComparedUid, filter: CompareFilter | null): boolean {
  switch (filter) {
    case null:
      return true;
    case 'duplicated':
      return row.duplicateInHistory;
    case 'near-miss':
      return row.nearMiss !== null;
    default:
      return row.uidClass === filter;
  }
}

/** The table's rows: the comparison's UIDs the filter lets through, in the comparison's order. */
export const visibleRowsOf: (
  comparison: Comparison,
  filter: CompareFilter | null,
) => readonly ComparedUid[] = memoizeRecent(
  (comparison: Comparison, filter: CompareFilter | null) =>
    filter === null ? comparison.uids : comparison.uids.filter((row) => matchesFilter(row, filter)),
);

/**
 * The rows of `uidClass` an action applies to: the selected ones among the visible rows, or,
 * when none of that class is selected, every one of that class in the comparison.
 */
export function actionTargets(
  comparison: Comparison,
  visible: readonly ComparedUid[],
  selected: ReadonlySet<string>,
  uidClass: UidClass,
): { readonly rows: readonly ComparedUid[]; readonly scope: 'selected' | 'all' } {
  const chosen = visible.filter((row) => row.uidClass === uidClass && selected.has(row.uid));
  if (chosen.length > 0) return { rows: chosen, scope: 'selected' };
  return { rows: comparison.uids.filter((row) => row.uidClass === uidClass), scope: 'all' };
}
