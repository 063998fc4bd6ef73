/**
 * The entries table: an ARIA grid, virtualised so 65,535 rows cost the DOM of the forty on
 * screen. Focus stays on the grid element and the active row is named by
 * aria-activedescendant, so rows can come and go as the user scrolls.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useEffect,
  useMemo,
  useRef,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useCommands, useServices, useUi, useWorkspace } from '../app-context';
import { displayTimestamp, type HistoryDocument } from '../state/document/document';
import { CONTENT_LABELS, OPERATION_LABELS } from '@shared/summary.js';
import { selectedIndexes } from '../state/table/selection';
import {
  columnDefinition,
  columnTracks,
  visibleColumns,
  type ColumnLayoutItem,
  type EntryColumnId,
} from '../state/table/columns';
import { zoneLabel, type TimeZonePreference } from '../state/time-zone';
import { viewOf } from '../state/stores/workspace-store';
import { recycledKey } from './recycled-key';
import { ColumnResizer } from './ColumnResizer';
import { hexOffset } from '@shared/byte-range.js';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 34;

function rowId(index: number): string {
  return `entry-row-${index}`;
}

interface RowProps {
  readonly document: HistoryDocument;
  readonly index: number;
  /** 0-based position among the rows shown. */
  readonly position: number;
  readonly top: number;
  readonly selected: boolean;
  readonly active: boolean;
  readonly zone: TimeZonePreference;
  readonly columns: readonly ColumnLayoutItem[];
}

/** `timestamp.invalid-date ×2, uid.duplicate`: each code once, with how often it occurs. */
function summarizeCodes(findings: readonly { code: string }[]): string {
  const counts = new Map<string, number>();
  for (const { code } of findings) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].map(([code, count]) => (count > 1 ? `${code} ×${count}` : code)).join(', ');
}

function operationText(op: string): string {
  const name = OPERATION_LABELS[op];
  return name ? `${op} ${name}` : op === '' ? '(missing)' : `${op} unknown`;
}

function contentText(content: string): string {
  const name = CONTENT_LABELS[content];
  return name
    ? content === ' '
      ? name
      : `${content} ${name}`
    : content === ''
      ? '(missing)'
      : `${content} unknown`;
}

const Row = memo(function Row({
  document,
  index,
  position,
  top,
  selected,
  active,
  zone,
  columns,
}: RowProps) {
  const entry = document.entry(index);
  const findings = entry.diagnostics;
  const worst = findings.some((d) => d.severity === 'error')
    ? 'error'
    : findings.some((d) => d.severity === 'warning')
      ? 'warning'
      : findings.length > 0
        ? 'info'
        : null;
  const op = entry.op;
  const content = entry.content;
  const cell = (id: EntryColumnId) => {
    switch (id) {
      case 'index':
        return (
          <div key={id} role="gridcell" className="cell cell--number">
            {index}
          </div>
        );
      case 'operation':
        return (
          <div
            key={id}
            role="gridcell"
            className={`cell${OPERATION_LABELS[op] ? '' : ' text-error'}`}
          >
            {operationText(op)}
          </div>
        );
      case 'content':
        return (
          <div
            key={id}
            role="gridcell"
            className={`cell${CONTENT_LABELS[content] ? '' : ' text-error'}`}
          >
            {contentText(content)}
          </div>
        );
      case 'timestamp':
        return (
          <div
            key={id}
            role="gridcell"
            className={`cell cell--mono${document.timeKeyOf(index) >= 0 ? '' : ' text-error'}`}
          >
            {displayTimestamp(document, index, zone)}
          </div>
        );
      case 'uid':
        return (
          <div key={id} role="gridcell" className="cell cell--mono cell--uid" title={entry.uid}>
            {entry.uid}
          </div>
        );
      case 'rawUid':
        return (
          <div key={id} role="gridcell" className="cell cell--mono cell--uid" title={entry.rawUid}>
            {entry.rawUid}
          </div>
        );
      case 'offset':
        return (
          <div
            key={id}
            role="gridcell"
            className="cell cell--number"
            title={hexOffset(entry.offset)}
          >
            {entry.offset}
          </div>
        );
      case 'length':
        return (
          <div key={id} role="gridcell" className="cell cell--number">
            {entry.length}
          </div>
        );
      case 'diagnostics':
        return (
          <div
            key={id}
            role="gridcell"
            className={`cell${worst ? ` text-${worst}` : ''}`}
            title={findings.map((d) => d.message).join('\n')}
          >
            {summarizeCodes(findings)}
          </div>
        );
    }
  };
  return (
    <div
      role="row"
      id={rowId(index)}
      // The row's position in the grid as sorted and filtered (the header is row 1), so it
      // agrees with aria-rowcount whatever the order.
      aria-rowindex={position + 2}
      aria-selected={selected}
      data-entry-index={index}
      className={`grid__row${selected ? ' grid__row--selected' : ''}${active ? ' grid__row--active' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
    >
      {columns.map((column) => cell(column.id))}
    </div>
  );
});

export function EntriesGrid() {
  const { workspace } = useServices();
  const commands = useCommands();
  const session = useWorkspace((state) => state.session);
  const view = useWorkspace(viewOf);
  const selection = useWorkspace((state) => state.selection);
  const sort = useWorkspace((state) => state.sort);
  const zone = useWorkspace((state) => state.timeZone);
  const actions = useWorkspace((state) => state.actions);
  const openDialog = useUi((state) => state.actions.openDialog);
  const layout = useUi((state) => state.entryColumns);
  const setEntryColumns = useUi((state) => state.actions.setEntryColumns);
  const columns = useMemo(() => visibleColumns(layout), [layout]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = view?.rows;

  // Not compiled by the React Compiler; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows?.length ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  // Keep the active row on screen when it moves (keyboard, hex clicks, findings, undo).
  const activePosition =
    selection.active === null || !view ? -1 : (view.positions[selection.active] ?? -1);
  useEffect(() => {
    if (activePosition >= 0) virtualizer.scrollToIndex(activePosition, { align: 'auto' });
  }, [activePosition, virtualizer]);

  if (!session || !view || !rows) return null;
  const { document } = session;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // The header's sort buttons handle their own keys.
    if (event.target !== event.currentTarget) return;
    const mod = event.ctrlKey || event.metaKey;
    const extend = event.shiftKey;
    const pageSize = Math.max(1, Math.floor(event.currentTarget.clientHeight / ROW_HEIGHT) - 2);
    const handled = (): void => event.preventDefault();
    switch (event.key) {
      case 'ArrowDown':
        actions.move({ by: 1 }, extend);
        return handled();
      case 'ArrowUp':
        actions.move({ by: -1 }, extend);
        return handled();
      case 'PageDown':
        actions.move({ by: pageSize }, extend);
        return handled();
      case 'PageUp':
        actions.move({ by: -pageSize }, extend);
        return handled();
      case 'Home':
        actions.move({ to: 'first' }, extend);
        return handled();
      case 'End':
        actions.move({ to: 'last' }, extend);
        return handled();
      case 'Enter': {
        const active = workspace.getState().selection.active;
        if (active !== null) openDialog({ name: 'edit', index: active });
        return handled();
      }
      case 'Delete':
      case 'Backspace':
        commands.deleteSelected();
        return handled();
      case 'a':
      case 'A':
        if (mod) {
          actions.selectAllVisible();
          handled();
        }
        return;
      case 'c':
      case 'C':
        if (mod) {
          const indexes = selectedIndexes(workspace.getState().selection);
          void commands.copyUids(indexes.map((i) => document.uid(i)));
          handled();
        }
        return;
    }
  };

  const entryOf = (event: MouseEvent): number | null => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-entry-index]');
    return row ? Number(row.dataset.entryIndex) : null;
  };

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    const index = entryOf(event);
    if (index === null) return;
    actions.clickRow(index, { range: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
    scrollRef.current?.focus({ preventScroll: true });
  };

  const onDoubleClick = (event: MouseEvent<HTMLDivElement>): void => {
    const index = entryOf(event);
    if (index !== null) openDialog({ name: 'edit', index });
  };

  const activeRendered = selection.active !== null && activePosition >= 0;

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Entries"
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-multiselectable="true"
      aria-activedescendant={activeRendered ? rowId(selection.active!) : undefined}
      tabIndex={0}
      className="grid"
      style={{ '--columns': columnTracks(layout) } as CSSProperties}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
    >
      <div role="rowgroup" className="grid__head">
        <div role="row" aria-rowindex={1} className="grid__row grid__row--head">
          {columns.map((column) => {
            const sorted = sort.column === column.id;
            const label =
              column.id === 'timestamp'
                ? `Time (${zoneLabel(zone)})`
                : columnDefinition(column.id).label;
            return (
              <div
                key={column.id}
                role="columnheader"
                // Named by its label alone, not also by the resize handle inside it.
                aria-labelledby={`entries-column-${column.id}`}
                aria-sort={sorted ? sort.direction : 'none'}
                className="cell cell--head"
              >
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => actions.sortBy(column.id)}
                >
                  <span id={`entries-column-${column.id}`} className="sort-button__label">
                    {label}
                  </span>
                  <span aria-hidden="true" className="sort-button__arrow">
                    {sorted ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                  </span>
                </button>
                <ColumnResizer
                  label={label}
                  width={column.width}
                  minWidth={columnDefinition(column.id).minWidth}
                  onResize={(width) =>
                    setEntryColumns(
                      layout.map((item) => (item.id === column.id ? { ...item, width } : item)),
                    )
                  }
                />
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="grid__body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const index = rows[item.index]!;
          return (
            <Row
              key={recycledKey(item.index)}
              document={document}
              index={index}
              position={item.index}
              top={item.start - HEADER_HEIGHT}
              selected={selection.entries.has(index)}
              active={selection.active === index}
              zone={zone}
              columns={columns}
            />
          );
        })}
      </div>
      {rows.length === 0 && (
        <p className="grid__empty">
          {view.total === 0 ? 'The history holds no entries.' : 'No entry matches the filters.'}
        </p>
      )}
    </div>
  );
}
