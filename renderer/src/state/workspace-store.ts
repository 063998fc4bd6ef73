/**
 * The workspace store: the open document, its undo history, the selection, the filters and
 * the sort. Derived data (the visible rows, summaries, the timeline) is not stored: it is
 * computed from these by memoised functions (entry-view.ts and friends).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { EditError, invertEdits, type Edit } from '../../../shared/codec/edit.js';
import { editDocument, tagBytes, type HistoryDocument } from './document';
import { initialIds, transformIds, type IdTransform } from './entry-ids';
import { entryView, type EntryView } from './entry-view';
import { NO_FILTERS, type Filters } from './filters';
import {
  EMPTY_HISTORY,
  isDirty,
  markSaved,
  pushStep,
  type HistoryStep,
  type UndoHistory,
} from './history';
import {
  EMPTY_SELECTION,
  extendTo,
  keepVisible,
  moveActive,
  remapSelection,
  selectAll,
  selectMany,
  selectOnly,
  toggleEntry,
  type ByteFocus,
  type Movement,
  type Selection,
} from './selection';
import type { LoadedDocument, Session, SourceInfo } from './session';
import { DEFAULT_SORT, type SortColumn, type SortState } from './sort';
import type { TimeZonePreference } from './time-zone';

export type ChangeOutcome =
  { readonly ok: true } | { readonly ok: false; readonly message: string };

/** Which entries to select after a change. */
export type SelectAfter = 'inserted' | 'follow';

export interface RowClick {
  /** Shift: select the range from the anchor. */
  readonly range?: boolean;
  /** Ctrl or Cmd: add or remove this entry. */
  readonly toggle?: boolean;
}

export interface WorkspaceActions {
  open(loaded: LoadedDocument): void;
  close(): void;
  /** Applies one user change as an undoable step. Refused edits leave everything as it was. */
  change(label: string, edits: readonly Edit[], selectAfter?: SelectAfter): ChangeOutcome;
  /** Returns the label of the step undone, or null when there was none. */
  undo(): string | null;
  redo(): string | null;
  /**
   * The document was written to a file, which it is now attached to. `current` says whether
   * what was written is still the document (edits made while saving leave it dirty).
   */
  saved(file: Pick<SourceInfo, 'fileId' | 'name' | 'path' | 'readOnly'>, current: boolean): void;
  setFilters(changes: Partial<Filters>): void;
  /** The zone times are shown in; the date filter's days are days in this zone. */
  setTimeZone(zone: TimeZonePreference): void;
  clearFilters(): void;
  /** Header click: sorts by the column, or flips the direction when it already sorts by it. */
  sortBy(column: SortColumn): void;
  setSort(sort: SortState): void;
  clickRow(index: number, click?: RowClick): void;
  move(movement: Movement, extend: boolean): void;
  selectAllVisible(): void;
  /**
   * Selects one entry, optionally highlighting a byte range of it instead of its whole tag.
   * An entry the filters hide is shown by clearing the filters (the selection never holds
   * entries the table does not show); returns whether they were cleared.
   */
  selectEntry(index: number, bytes?: ByteFocus | null): boolean;
  selectEntries(indexes: readonly number[]): void;
  /** Highlights bytes that belong to no entry (a header field, trailing bytes). */
  selectBytes(bytes: ByteFocus): void;
  clearSelection(): void;
}

export interface WorkspaceState {
  readonly session: Session | null;
  /** Counts documents opened, so views can start afresh (scrolled to the top) for each. */
  readonly generation: number;
  readonly history: UndoHistory;
  readonly selection: Selection;
  readonly filters: Filters;
  readonly sort: SortState;
  /** The display setting: UTC (as written, the default) or the computer's zone. */
  readonly timeZone: TimeZonePreference;
  readonly actions: WorkspaceActions;
}

export type WorkspaceStore = StoreApi<WorkspaceState>;

/** The table rows for the state's document, filters and sort (memoised). */
export function viewOf(state: WorkspaceState): EntryView | null {
  return state.session
    ? entryView(state.session.document, state.filters, state.sort, state.timeZone)
    : null;
}

export function dirtyOf(state: WorkspaceState): boolean {
  return state.session !== null && isDirty(state.history);
}

export function createWorkspaceStore(): WorkspaceStore {
  return createStore<WorkspaceState>()((set, get) => {
    /** Applies `edits` to the session's document and entry ids. Throws EditError when refused. */
    const apply = (
      session: Session,
      edits: readonly Edit[],
      insertIds: readonly number[],
    ): { session: Session; transform: IdTransform } => {
      const document = editDocument(session.document, edits);
      let nextId = session.nextId;
      const transform = transformIds(session.ids, edits, insertIds, () => nextId++);
      return { session: { ...session, document, ids: transform.ids, nextId }, transform };
    };

    /**
     * `selection` without the entries the filters hide in `session`: after a change or an undo
     * an entry may no longer match (its operation set to one the filters exclude), and Delete
     * or a bulk edit must never act on rows the user cannot see.
     */
    const visibleOnly = (session: Session, selection: Selection): Selection =>
      keepVisible(
        selection,
        entryView(session.document, get().filters, get().sort, get().timeZone).filter.mask,
      );

    const withView = (update: (view: EntryView) => Partial<WorkspaceState>): void => {
      const view = viewOf(get());
      if (view) set(update(view));
    };

    const actions: WorkspaceActions = {
      open(loaded) {
        set({
          generation: get().generation + 1,
          session: {
            source: loaded.source,
            original: loaded.document,
            document: loaded.document,
            ids: initialIds(loaded.document.entryCount),
            nextId: loaded.document.entryCount,
          },
          history: EMPTY_HISTORY,
          selection: EMPTY_SELECTION,
          filters: NO_FILTERS,
          sort: DEFAULT_SORT,
        });
      },

      close() {
        set({
          session: null,
          history: EMPTY_HISTORY,
          selection: EMPTY_SELECTION,
          filters: NO_FILTERS,
        });
      },

      change(label, edits, selectAfter = 'follow') {
        const { session, selection, history } = get();
        if (!session) return { ok: false, message: 'No document is open.' };
        if (edits.length === 0) return { ok: true };
        let result: ReturnType<typeof apply>;
        let inverse: Edit[];
        try {
          result = apply(session, edits, []);
          inverse = inverseOf(session.document, edits);
        } catch (error) {
          if (error instanceof EditError || error instanceof RangeError) {
            return { ok: false, message: `${label}: ${error.message}` };
          }
          throw error;
        }
        const { transform } = result;
        const selectionAfter = visibleOnly(
          result.session,
          selectAfter === 'inserted'
            ? selectMany(indexesOfIds(result.session.ids, transform.inserted), null)
            : followSelection(selection, transform, result.session.document),
        );
        const step: HistoryStep = {
          label,
          edits,
          inverse,
          insertedIds: transform.inserted,
          removedIds: transform.removed,
          selectionBefore: selection,
          selectionAfter,
        };
        set({
          session: result.session,
          selection: selectionAfter,
          history: pushStep(history, step),
        });
        return { ok: true };
      },

      undo() {
        const { session, history } = get();
        const step = history.undo[history.undo.length - 1];
        if (!session || !step) return null;
        const { session: next } = apply(session, step.inverse, step.removedIds);
        set({
          session: next,
          selection: visibleOnly(next, step.selectionBefore),
          history: { ...history, undo: history.undo.slice(0, -1), redo: [...history.redo, step] },
        });
        return step.label;
      },

      redo() {
        const { session, history } = get();
        const step = history.redo[history.redo.length - 1];
        if (!session || !step) return null;
        const { session: next } = apply(session, step.edits, step.insertedIds);
        set({
          session: next,
          selection: visibleOnly(next, step.selectionAfter),
          history: { ...history, undo: [...history.undo, step], redo: history.redo.slice(0, -1) },
        });
        return step.label;
      },

      saved(file, current) {
        const { session, history } = get();
        if (!session) return;
        set({
          session: { ...session, source: { ...session.source, ...file } },
          history: current ? markSaved(history) : { ...history, savedDepth: null },
        });
      },

      setFilters(changes) {
        const filters = { ...get().filters, ...changes };
        set({ filters });
        withView((view) => ({ selection: keepVisible(get().selection, view.filter.mask) }));
      },

      setTimeZone(timeZone) {
        // The date filter keeps its days, now read in the new zone: it may match other entries.
        set({ timeZone });
        withView((view) => ({ selection: keepVisible(get().selection, view.filter.mask) }));
      },

      clearFilters() {
        set({ filters: NO_FILTERS });
      },

      sortBy(column) {
        const { sort } = get();
        set({
          sort:
            sort.column === column
              ? { column, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' }
              : { column, direction: 'ascending' },
        });
      },

      setSort(sort) {
        set({ sort });
      },

      clickRow(index, click = {}) {
        const { selection } = get();
        if (click.range) {
          withView((view) => ({ selection: extendTo(selection, view, index, click.toggle) }));
        } else if (click.toggle) {
          set({ selection: toggleEntry(selection, index) });
        } else {
          set({ selection: selectOnly(index) });
        }
      },

      move(movement, extend) {
        withView((view) => ({ selection: moveActive(get().selection, view, movement, extend) }));
      },

      selectAllVisible() {
        withView((view) => ({ selection: selectAll(view, get().selection.active) }));
      },

      selectEntry(index, bytes = null) {
        const session = get().session;
        if (!session || index < 0 || index >= session.document.entryCount) return false;
        const hidden = viewOf(get())?.positions[index] === -1;
        set({ selection: selectOnly(index, bytes), ...(hidden ? { filters: NO_FILTERS } : {}) });
        return hidden;
      },

      selectEntries(indexes) {
        set({ selection: selectMany(indexes, indexes[0] ?? null) });
      },

      selectBytes(bytes) {
        set({ selection: { ...EMPTY_SELECTION, bytes } });
      },

      clearSelection() {
        set({ selection: EMPTY_SELECTION });
      },
    };

    return {
      session: null,
      generation: 0,
      history: EMPTY_HISTORY,
      selection: EMPTY_SELECTION,
      filters: NO_FILTERS,
      sort: DEFAULT_SORT,
      timeZone: 'utc',
      actions,
    };
  });
}

/**
 * The edits that undo `edits`. Changes that only rewrite tags in place are undone by writing
 * back each tag's old bytes; invertEdits maps every index through the inserts and deletes
 * before it, which costs quadratic time for a bulk change of 65,535 tags.
 */
function inverseOf(document: HistoryDocument, edits: readonly Edit[]): Edit[] {
  if (!edits.every(rewritesInPlace)) return invertEdits(document, edits);
  return edits.map((edit) => ({
    kind: 'replace',
    index: edit.index,
    bytes: tagBytes(document, edit.index).slice(),
  }));
}

type InPlaceEdit = Extract<Edit, { kind: 'update' | 'replace' }>;

function rewritesInPlace(edit: Edit): edit is InPlaceEdit {
  return edit.kind === 'update' || edit.kind === 'replace';
}

function indexesOfIds(ids: Int32Array, wanted: readonly number[]): number[] {
  if (wanted.length === 0) return [];
  const set = new Set(wanted);
  const found: number[] = [];
  for (let i = 0; i < ids.length; i++) if (set.has(ids[i]!)) found.push(i);
  return found;
}

/**
 * The selection after a change: the same entries where they now are. When the change deleted
 * every selected entry, the entry that took the first one's place is selected, so the
 * keyboard stays where the user was working.
 */
function followSelection(
  selection: Selection,
  transform: IdTransform,
  document: HistoryDocument,
): Selection {
  const followed = remapSelection(selection, transform.newIndexOf);
  if (followed.entries.size > 0 || selection.entries.size === 0) return followed;
  let first = Number.POSITIVE_INFINITY;
  for (const entry of selection.entries) first = Math.min(first, entry);
  for (let old = first; old < transform.previousCount; old++) {
    const moved = transform.newIndexOf(old);
    if (moved >= 0) return selectOnly(moved);
  }
  return document.entryCount > 0 ? selectOnly(document.entryCount - 1) : followed;
}
