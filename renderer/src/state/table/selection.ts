/**
 * Which entries are selected, and which bytes the hex view highlights. Pure transitions: the
 * store calls them with the current view (the visible entries in display order), since shift
 * ranges and arrow keys follow what the user sees, not entry order.
 */
import type { ByteSpan } from '@shared/codec/types.js';

/** An explicit byte range to highlight instead of the selected entries' tags. */
export interface ByteFocus extends ByteSpan {
  /** What the range is, for the hex view's caption: "Count (header)", a finding's code... */
  readonly label: string;
}

export interface Selection {
  readonly entries: ReadonlySet<number>;
  /** Where a shift range starts (an entry index). */
  readonly anchor: number | null;
  /** The entry the keyboard is on (an entry index). */
  readonly active: number | null;
  readonly bytes: ByteFocus | null;
}

export const EMPTY_SELECTION: Selection = Object.freeze({
  entries: new Set<number>(),
  anchor: null,
  active: null,
  bytes: null,
});

/** The visible entries in display order, and each entry's position in it (-1 when hidden). */
export interface RowView {
  readonly rows: Int32Array;
  readonly positions: Int32Array;
}

export function selectOnly(index: number, bytes: ByteFocus | null = null): Selection {
  return { entries: new Set([index]), anchor: index, active: index, bytes };
}

export function selectMany(indexes: Iterable<number>, active: number | null): Selection {
  const entries = new Set(indexes);
  let first: number | null = null;
  for (const index of entries) if (first === null || index < first) first = index;
  const focus = active ?? first;
  return { entries, anchor: focus, active: focus, bytes: null };
}

/** Ctrl/Cmd+click: adds or removes one entry and moves the anchor there. */
export function toggleEntry(selection: Selection, index: number): Selection {
  const entries = new Set(selection.entries);
  if (entries.has(index)) entries.delete(index);
  else entries.add(index);
  return { entries, anchor: index, active: index, bytes: null };
}

/** The rows between two positions, inclusive, as entry indexes. */
function rowRange(view: RowView, from: number, to: number): Set<number> {
  const [low, high] = from <= to ? [from, to] : [to, from];
  const entries = new Set<number>();
  for (let p = low; p <= high; p++) entries.add(view.rows[p]!);
  return entries;
}

/**
 * Shift+click or shift+arrow: the visible rows from the anchor to `index`. `additive`
 * (ctrl+shift) keeps what was selected before.
 */
export function extendTo(
  selection: Selection,
  view: RowView,
  index: number,
  additive = false,
): Selection {
  const anchor = selection.anchor;
  const anchorPosition = anchor === null ? -1 : (view.positions[anchor] ?? -1);
  const target = view.positions[index] ?? -1;
  if (target < 0) return selection;
  if (anchorPosition < 0) return selectOnly(index);
  const range = rowRange(view, anchorPosition, target);
  if (additive) for (const entry of selection.entries) range.add(entry);
  return { entries: range, anchor, active: index, bytes: null };
}

export type Movement = { readonly by: number } | { readonly to: 'first' } | { readonly to: 'last' };

/**
 * Arrow keys, Page Up/Down, Home/End: moves the active row; with `extend`, selects from the
 * anchor to it; else selects only it. From nothing, any movement lands on the first row.
 */
export function moveActive(
  selection: Selection,
  view: RowView,
  movement: Movement,
  extend: boolean,
): Selection {
  const last = view.rows.length - 1;
  if (last < 0) return selection;
  const current = selection.active === null ? -1 : (view.positions[selection.active] ?? -1);
  let target: number;
  if ('to' in movement) target = movement.to === 'first' ? 0 : last;
  else if (current < 0) target = 0;
  else target = Math.max(0, Math.min(last, current + movement.by));
  const index = view.rows[target]!;
  if (extend && selection.anchor !== null) return extendTo(selection, view, index);
  return selectOnly(index);
}

export function selectAll(view: RowView, active: number | null): Selection {
  const entries = new Set<number>(view.rows);
  const focus = active !== null && entries.has(active) ? active : (view.rows[0] ?? null);
  return { entries, anchor: focus, active: focus, bytes: null };
}

/** Keeps only the entries still visible (after a filter change). */
export function keepVisible(selection: Selection, mask: Uint8Array): Selection {
  let changed = false;
  const entries = new Set<number>();
  for (const entry of selection.entries) {
    if (mask[entry]) entries.add(entry);
    else changed = true;
  }
  const visible = (index: number | null): number | null =>
    index !== null && mask[index] ? index : null;
  const anchor = visible(selection.anchor);
  const active = visible(selection.active);
  if (!changed && anchor === selection.anchor && active === selection.active) return selection;
  return { entries, anchor, active, bytes: selection.bytes };
}

/** Follows the entries through an edit: `newIndexOf` maps old indexes to new ones (or -1). */
export function remapSelection(
  selection: Selection,
  newIndexOf: (oldIndex: number) => number,
): Selection {
  const entries = new Set<number>();
  for (const entry of selection.entries) {
    const moved = newIndexOf(entry);
    if (moved >= 0) entries.add(moved);
  }
  const map = (index: number | null): number | null => {
    if (index === null) return null;
    const moved = newIndexOf(index);
    return moved >= 0 ? moved : null;
  };
  return { entries, anchor: map(selection.anchor), active: map(selection.active), bytes: null };
}

/** The selected entries in entry order. */
export function selectedIndexes(selection: Selection): number[] {
  return [...selection.entries].sort((a, b) => a - b);
}
