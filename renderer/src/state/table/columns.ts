/**
 * The Entries grid's columns: which are shown, in what order, and how wide. The defaults fit
 * the columns an analyst reads first (findings included) in the grid's box at 1366 px; raw
 * UID, offset and length follow, one horizontal scroll away. The user's choice is kept in the
 * page's local storage (both editions have one), apart from the host's settings: it is a view
 * preference of this page, and an unreadable or outdated value falls back to the defaults.
 */
import type { SortColumn } from './sort';

export type EntryColumnId = SortColumn;

export interface ColumnDefinition {
  readonly id: EntryColumnId;
  readonly label: string;
  /** Default width in CSS pixels. */
  readonly width: number;
  readonly minWidth: number;
}

export interface ColumnLayoutItem {
  readonly id: EntryColumnId;
  readonly width: number;
  readonly visible: boolean;
}

export type ColumnLayout = readonly ColumnLayoutItem[];

/** In their default order. */
export const ENTRY_COLUMNS: readonly ColumnDefinition[] = [
  { id: 'index', label: '#', width: 56, minWidth: 40 },
  { id: 'operation', label: 'Operation', width: 92, minWidth: 56 },
  { id: 'content', label: 'Content', width: 84, minWidth: 56 },
  { id: 'timestamp', label: 'Time', width: 168, minWidth: 96 },
  { id: 'uid', label: 'UID', width: 210, minWidth: 64 },
  { id: 'diagnostics', label: 'Findings', width: 170, minWidth: 64 },
  { id: 'rawUid', label: 'Raw UID', width: 240, minWidth: 64 },
  { id: 'offset', label: 'Offset', width: 80, minWidth: 48 },
  { id: 'length', label: 'Length', width: 72, minWidth: 48 },
];

export const MAX_COLUMN_WIDTH = 1200;

const DEFINITIONS = new Map(ENTRY_COLUMNS.map((column) => [column.id, column]));

export function columnDefinition(id: EntryColumnId): ColumnDefinition {
  return DEFINITIONS.get(id)!;
}

export const DEFAULT_COLUMN_LAYOUT: ColumnLayout = Object.freeze(
  ENTRY_COLUMNS.map(({ id, width }) => Object.freeze({ id, width, visible: true })),
);

function clampWidth(id: EntryColumnId, width: number): number {
  const { minWidth } = columnDefinition(id);
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(minWidth, width)));
}

/**
 * A stored layout made safe: unknown ids and repeats dropped, widths clamped, columns missing
 * from it (added by a later version) appended, and at least one column visible.
 */
export function normalizeColumnLayout(value: unknown): ColumnLayout {
  if (!Array.isArray(value)) return DEFAULT_COLUMN_LAYOUT;
  const seen = new Set<EntryColumnId>();
  const items: ColumnLayoutItem[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { id, width, visible } = item as Record<string, unknown>;
    if (typeof id !== 'string' || !DEFINITIONS.has(id as EntryColumnId)) continue;
    const known = id as EntryColumnId;
    if (seen.has(known)) continue;
    seen.add(known);
    items.push({
      id: known,
      width:
        typeof width === 'number' && Number.isFinite(width)
          ? clampWidth(known, width)
          : columnDefinition(known).width,
      visible: visible !== false,
    });
  }
  for (const column of DEFAULT_COLUMN_LAYOUT) if (!seen.has(column.id)) items.push(column);
  if (!items.some((item) => item.visible)) items[0] = { ...items[0]!, visible: true };
  return items;
}

export function visibleColumns(layout: ColumnLayout): readonly ColumnLayoutItem[] {
  return layout.filter((item) => item.visible);
}

/** Shows or hides a column; the last visible column stays. */
export function toggleColumn(layout: ColumnLayout, id: EntryColumnId): ColumnLayout {
  const target = layout.find((item) => item.id === id);
  if (!target) return layout;
  if (target.visible && visibleColumns(layout).length === 1) return layout;
  return layout.map((item) => (item.id === id ? { ...item, visible: !item.visible } : item));
}

export function resizeColumn(layout: ColumnLayout, id: EntryColumnId, width: number): ColumnLayout {
  return layout.map((item) => (item.id === id ? { ...item, width: clampWidth(id, width) } : item));
}

/** The CSS grid tracks of the visible columns. */
export function columnTracks(layout: ColumnLayout): string {
  return visibleColumns(layout)
    .map((item) => `${item.width}px`)
    .join(' ');
}

export const COLUMN_LAYOUT_KEY = 'uidl-studio.entry-columns';

/** The layout remembered in `storage`, or the defaults. */
export function loadColumnLayout(storage: Pick<Storage, 'getItem'> | undefined): ColumnLayout {
  try {
    const text = storage?.getItem(COLUMN_LAYOUT_KEY);
    return text ? normalizeColumnLayout(JSON.parse(text)) : DEFAULT_COLUMN_LAYOUT;
  } catch {
    return DEFAULT_COLUMN_LAYOUT;
  }
}

export function saveColumnLayout(
  storage: Pick<Storage, 'setItem'> | undefined,
  layout: ColumnLayout,
): void {
  try {
    storage?.setItem(COLUMN_LAYOUT_KEY, JSON.stringify(layout));
  } catch {
    // Storage full or blocked: the layout still holds for this session.
  }
}
