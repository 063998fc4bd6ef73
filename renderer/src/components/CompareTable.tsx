/**
 * The compared UIDs: an ARIA grid, virtualised like the entries table (a mailbox of 65,535
 * messages costs the DOM of the rows on screen). Long UIDs and near-miss explanations wrap, so
 * rows are measured rather than all 28 pixels tall. Focus stays on the grid; the active row is
 * named by aria-activedescendant. Enter, or a click on an entry number, selects the UID's
 * history entries in the Entries table and the hex view.
 */
import { measureElement, useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { ComparedUid, Comparison } from '@shared/compare/types.js';
import { useCommands, useComparison, useServices } from '../app-context';
import type { CompareFilter } from '../state/comparison/comparison-store';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;
/** Entry numbers shown as buttons in a row; the rest are counted. */
const ENTRIES_SHOWN = 4;

const COLUMNS = ['UID', 'Class', 'Message numbers', 'History entries', 'Near miss'] as const;

const CAUSE_LABELS: Record<NonNullable<ComparedUid['nearMiss']>['cause'], string> = {
  case: 'Case',
  escaping: 'Escaping',
  whitespace: 'Whitespace',
};

/** The grid's element id, for moving focus to it from the repairs. */
export const COMPARED_GRID_ID = 'compared-uids';

function rowId(position: number): string {
  return `compared-row-${position}`;
}

interface RowProps {
  readonly row: ComparedUid;
  readonly position: number;
  readonly top: number;
  readonly classLabel: string;
  readonly selected: boolean;
  readonly active: boolean;
  /** The virtualizer's measure: rows are as tall as their wrapped UID and near miss. */
  readonly measure: (element: HTMLDivElement | null) => void;
}

const Row = memo(function Row({
  row,
  position,
  top,
  classLabel,
  selected,
  active,
  measure,
}: RowProps) {
  const entries = row.historyEntries;
  const nearMiss = row.nearMiss;
  return (
    <div
      ref={measure}
      role="row"
      id={rowId(position)}
      aria-rowindex={position + 2}
      aria-selected={selected}
      data-index={position}
      data-position={position}
      className={`grid__row compare-row compare-row--${row.uidClass}${selected ? ' grid__row--selected' : ''}${active ? ' grid__row--active' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" className="cell cell--mono cell--uid" title={row.uid}>
        {row.uid}
      </div>
      <div role="gridcell" className="cell compare-row__class">
        {classLabel}
        {row.likelyNew && (
          <span
            className="compare-row__flag"
            title="Listed after the newest message the history has seen: likely new mail"
          >
            {' '}
            · new mail
          </span>
        )}
        {row.duplicateInHistory && (
          <span className="compare-row__flag"> ×{entries.length} in history</span>
        )}
      </div>
      <div role="gridcell" className="cell cell--number">
        {row.messageNumbers.join(', ')}
      </div>
      <div role="gridcell" className="cell compare-row__entries">
        {entries.slice(0, ENTRIES_SHOWN).map((index) => (
          <button
            key={index}
            type="button"
            tabIndex={-1}
            className="button--link"
            data-entry={index}
            aria-label={`Show entry #${index}`}
          >
            #{index}
          </button>
        ))}
        {entries.length > ENTRIES_SHOWN && (
          <span className="compare-row__more">+{entries.length - ENTRIES_SHOWN} more</span>
        )}
      </div>
      <div
        role="gridcell"
        className={`cell${nearMiss ? ' text-error' : ''}`}
        title={nearMiss?.explanation}
      >
        {nearMiss && `${CAUSE_LABELS[nearMiss.cause]}: ${nearMiss.explanation}`}
      </div>
    </div>
  );
});

export interface CompareTableProps {
  readonly comparison: Comparison;
  /** The rows the filter lets through, in order. */
  readonly rows: readonly ComparedUid[];
  readonly texts: Record<CompareFilter, { readonly label: string }>;
}

export function CompareTable({ comparison, rows, texts }: CompareTableProps) {
  const services = useServices();
  const commands = useCommands();
  const selected = useComparison((state) => state.selected);
  const active = useComparison((state) => state.active);
  const store = services.comparison.getState;
  const scrollRef = useRef<HTMLDivElement>(null);

  // Not compiled by the React Compiler; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // A row is at least ROW_HEIGHT tall; 0 means no layout (hidden, or a test's DOM), where
    // taking it would render every row in turn.
    measureElement: (element, entry, instance) =>
      measureElement(element, entry, instance) || ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const activePosition = active === null ? -1 : rows.findIndex((row) => row.uid === active);
  useEffect(() => {
    if (activePosition >= 0) virtualizer.scrollToIndex(activePosition, { align: 'auto' });
  }, [activePosition, virtualizer]);

  /** Selects the UID's entries in the Entries table and the hex view. */
  const showEntries = (row: ComparedUid): void => {
    const entries = row.historyEntries;
    const notify = services.ui.getState().actions.notify;
    if (entries.length === 0) {
      notify('info', `${row.uid} is not in the history.`);
    } else if (entries.length === 1) {
      commands.showEntry(entries[0]!);
    } else {
      commands.showEntries(entries);
    }
  };

  const moveTo = (position: number, extend: boolean): void => {
    if (rows.length === 0) return;
    const target = rows[Math.max(0, Math.min(rows.length - 1, position))]!;
    if (extend) store().actions.extendTo(target.uid, rows);
    else store().actions.selectOnly(target.uid);
  };

  const copySelected = (): void => {
    const uids = rows.filter((row) => selected.has(row.uid)).map((row) => row.uid);
    if (uids.length === 0) return;
    void services.commands.copyUids(uids);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const mod = event.ctrlKey || event.metaKey;
    const pageSize = Math.max(1, Math.floor(event.currentTarget.clientHeight / ROW_HEIGHT) - 2);
    const handled = (): void => event.preventDefault();
    const current = activePosition;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(current < 0 ? 0 : current + 1, event.shiftKey);
        return handled();
      case 'ArrowUp':
        moveTo(current < 0 ? 0 : current - 1, event.shiftKey);
        return handled();
      case 'PageDown':
        moveTo(current < 0 ? 0 : current + pageSize, event.shiftKey);
        return handled();
      case 'PageUp':
        moveTo(current < 0 ? 0 : current - pageSize, event.shiftKey);
        return handled();
      case 'Home':
        moveTo(0, event.shiftKey);
        return handled();
      case 'End':
        moveTo(rows.length - 1, event.shiftKey);
        return handled();
      case ' ':
        if (current >= 0) store().actions.toggleSelected(rows[current]!.uid);
        return handled();
      case 'Enter':
        if (current >= 0) showEntries(rows[current]!);
        return handled();
      case 'a':
      case 'A':
        if (mod) {
          store().actions.selectAll(rows);
          handled();
        }
        return;
      case 'c':
      case 'C':
        if (mod) {
          copySelected();
          handled();
        }
        return;
    }
  };

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement;
    const entryButton = target.closest<HTMLElement>('[data-entry]');
    const rowElement = target.closest<HTMLElement>('[data-position]');
    if (!rowElement) return;
    const row = rows[Number(rowElement.dataset.position)];
    if (!row) return;
    if (entryButton) {
      store().actions.selectOnly(row.uid);
      commands.showEntry(Number(entryButton.dataset.entry));
    } else if (event.shiftKey) {
      store().actions.extendTo(row.uid, rows);
    } else if (event.ctrlKey || event.metaKey) {
      store().actions.toggleSelected(row.uid);
    } else {
      store().actions.selectOnly(row.uid);
    }
    scrollRef.current?.focus({ preventScroll: true });
  };

  return (
    <div
      ref={scrollRef}
      id={COMPARED_GRID_ID}
      role="grid"
      aria-label="Compared UIDs"
      aria-rowcount={rows.length + 1}
      aria-colcount={COLUMNS.length}
      aria-multiselectable="true"
      aria-activedescendant={activePosition >= 0 ? rowId(activePosition) : undefined}
      tabIndex={0}
      className="grid compare-grid"
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      <div role="rowgroup" className="grid__head">
        <div role="row" aria-rowindex={1} className="grid__row grid__row--head compare-grid__head">
          {COLUMNS.map((label) => (
            <div key={label} role="columnheader" className="cell">
              {label}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="grid__body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            // Keyed by position, not recycled as the entries' rows are: a row's height is
            // measured when its element is attached, and a reused element keeps the old one.
            <Row
              key={item.index}
              measure={virtualizer.measureElement}
              row={row}
              position={item.index}
              top={item.start - HEADER_HEIGHT}
              classLabel={texts[row.uidClass].label}
              selected={selected.has(row.uid)}
              active={row.uid === active}
            />
          );
        })}
      </div>
      {rows.length === 0 && (
        <p className="grid__empty">
          {comparison.uids.length === 0
            ? 'Neither the listing nor the history holds a UID.'
            : 'No UID in this class.'}
        </p>
      )}
    </div>
  );
}
