import { describe, expect, it } from 'vitest';
import {
  columnTracks,
  COLUMN_LAYOUT_KEY,
  DEFAULT_COLUMN_LAYOUT,
  ENTRY_COLUMNS,
  loadColumnLayout,
  MAX_COLUMN_WIDTH,
  normalizeColumnLayout,
  resizeColumn,
  saveColumnLayout,
  toggleColumn,
  visibleColumns,
} from '../../../../renderer/src/state/table/columns';
import { createUiStore } from '../../../../renderer/src/state/stores/ui-store';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('entry column layout', () => {
  it('puts the findings right after the UID by default, raw UID, offset and length after', () => {
    expect(DEFAULT_COLUMN_LAYOUT.map((item) => item.id)).toEqual([
      'index',
      'operation',
      'content',
      'timestamp',
      'uid',
      'diagnostics',
      'rawUid',
      'offset',
      'length',
    ]);
    // The first six fit the grid's box at 1366 px (about 800 px beside the hex view).
    const firstSix = DEFAULT_COLUMN_LAYOUT.slice(0, 6).reduce((sum, item) => sum + item.width, 0);
    expect(firstSix).toBeLessThanOrEqual(800);
  });

  it('keeps known columns of a stored layout, clamps widths and appends missing columns', () => {
    const layout = normalizeColumnLayout([
      { id: 'uid', width: 5, visible: true },
      { id: 'bogus', width: 100 },
      { id: 'uid', width: 300 },
      { id: 'offset', width: 1e9, visible: false },
      'junk',
    ]);
    expect(layout.slice(0, 2)).toEqual([
      { id: 'uid', width: ENTRY_COLUMNS.find((c) => c.id === 'uid')!.minWidth, visible: true },
      { id: 'offset', width: MAX_COLUMN_WIDTH, visible: false },
    ]);
    expect(layout.map((item) => item.id).sort()).toEqual(ENTRY_COLUMNS.map((c) => c.id).sort());
    expect(normalizeColumnLayout('not a layout')).toBe(DEFAULT_COLUMN_LAYOUT);
  });

  it('never hides every column', () => {
    const allHidden = DEFAULT_COLUMN_LAYOUT.map((item) => ({ ...item, visible: false }));
    expect(visibleColumns(normalizeColumnLayout(allHidden)).map((item) => item.id)).toEqual([
      'index',
    ]);
    let layout = DEFAULT_COLUMN_LAYOUT;
    for (const { id } of ENTRY_COLUMNS) layout = toggleColumn(layout, id);
    expect(visibleColumns(layout).map((item) => item.id)).toEqual(['length']);
  });

  it('resizes within the limits and gives the grid tracks of the visible columns only', () => {
    let layout = resizeColumn(DEFAULT_COLUMN_LAYOUT, 'uid', 333.4);
    layout = toggleColumn(layout, 'content');
    expect(layout.find((item) => item.id === 'uid')!.width).toBe(333);
    expect(resizeColumn(layout, 'uid', -50).find((item) => item.id === 'uid')!.width).toBe(64);
    expect(columnTracks(layout)).toBe('56px 92px 168px 333px 170px 240px 80px 72px');
  });

  it('is remembered in the given storage, and an unreadable value gives the defaults', () => {
    const storage = memoryStorage();
    const ui = createUiStore(storage);
    expect(ui.getState().entryColumns).toBe(DEFAULT_COLUMN_LAYOUT);
    ui.getState().actions.setEntryColumns(toggleColumn(DEFAULT_COLUMN_LAYOUT, 'rawUid'));
    expect(JSON.parse(storage.items.get(COLUMN_LAYOUT_KEY)!)).toEqual(ui.getState().entryColumns);
    const again = createUiStore(storage);
    expect(again.getState().entryColumns.find((item) => item.id === 'rawUid')!.visible).toBe(false);
    expect(loadColumnLayout(memoryStorage({ [COLUMN_LAYOUT_KEY]: '{not json' }))).toBe(
      DEFAULT_COLUMN_LAYOUT,
    );
    const throwing = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(loadColumnLayout(throwing)).toBe(DEFAULT_COLUMN_LAYOUT);
    expect(() => saveColumnLayout(throwing, DEFAULT_COLUMN_LAYOUT)).not.toThrow();
  });
});
