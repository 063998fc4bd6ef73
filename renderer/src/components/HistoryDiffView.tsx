/**
 * Compare with another history…: the open document against another history (a file, or a
 * version of the same store), as the diff of the two: UIDs added, removed and changed, with
 * their entries on both sides. A click on a row (or Enter) selects its entries in this
 * document's Entries grid and hex view, like the server comparison's grid.
 */
import { measureElement, useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useId, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { describeChange } from '@shared/diff/diff.js';
import type { DiffKind, DiffRow, HistoryDiff } from '@shared/diff/types.js';
import { useCommands, useHistoryDiff, useServices, useWorkspace } from '../app-context';
import { HISTORY_DIFF_ID } from '../hooks/keyboard';
import {
  entriesHere,
  entriesThere,
  historyDiffOf,
  visibleDiffRowsOf,
} from '../state/history-diff/history-diff-store';
import '../styles/history-diff.css';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;
const ENTRIES_SHOWN = 4;

const KIND_LABELS: Record<DiffKind, string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
};
const KINDS: readonly DiffKind[] = ['added', 'removed', 'changed'];

const rowId = (position: number): string => `diff-row-${position}`;

interface RowProps {
  readonly row: DiffRow;
  readonly position: number;
  readonly top: number;
  readonly here: readonly number[];
  readonly there: readonly number[];
  readonly active: boolean;
  readonly measure: (element: HTMLDivElement | null) => void;
}

const Row = memo(function Row({ row, position, top, here, there, active, measure }: RowProps) {
  const details = row.changes.map(describeChange).join('; ');
  return (
    <div
      ref={measure}
      role="row"
      id={rowId(position)}
      aria-rowindex={position + 2}
      aria-selected={active}
      data-index={position}
      data-position={position}
      className={`grid__row diff-row diff-row--${row.kind}${active ? ' grid__row--selected grid__row--active' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" className="cell diff-row__kind">
        {KIND_LABELS[row.kind]}
      </div>
      <div role="gridcell" className="cell cell--mono cell--uid" title={row.uid}>
        {row.uid}
      </div>
      <div role="gridcell" className="cell compare-row__entries">
        {here.slice(0, ENTRIES_SHOWN).map((index) => (
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
        {here.length > ENTRIES_SHOWN && (
          <span className="compare-row__more">+{here.length - ENTRIES_SHOWN} more</span>
        )}
      </div>
      <div role="gridcell" className="cell cell--number">
        {there.map((index) => `#${index}`).join(', ')}
      </div>
      <div role="gridcell" className="cell cell--mono" title={details}>
        {details}
      </div>
    </div>
  );
});

export function HistoryDiffView() {
  const session = useWorkspace((state) => state.session);
  const other = useHistoryDiff((state) => state.other);
  const otherIs = useHistoryDiff((state) => state.otherIs);
  const filter = useHistoryDiff((state) => state.filter);
  const services = useServices();
  const commands = useCommands();
  const titleId = useId();
  if (!session || !other) return null;
  const actions = () => services.historyDiff.getState().actions;
  const diff = historyDiffOf(session.document, other.document, otherIs);
  const rows = visibleDiffRowsOf(diff, filter);
  const [olderName, newerName] =
    otherIs === 'older' ? [other.label, 'this document'] : ['this document', other.label];

  return (
    <section aria-labelledby={titleId} className="compare history-diff" data-testid="history-diff">
      <div className="panel-heading compare__heading">
        <h2 id={titleId} className="panel-title">
          Comparison with <span className="compare__side-name">{other.label}</span>
        </h2>
        <span className="compare__facts" data-testid="history-diff-direction">
          Older: {olderName}; newer: {newerName}
        </span>
        <div role="group" aria-label="Other history" className="compare__sources">
          <button
            type="button"
            onClick={() => actions().swap()}
            title="Read the other history as the newer one (or the older)"
          >
            Swap older and newer
          </button>
          <button type="button" onClick={() => void commands.historyDiff.pickOtherHistory()}>
            Another file…
          </button>
          <button
            type="button"
            onClick={() => commands.historyDiff.close()}
            title="Back to the findings and the timeline"
          >
            Close comparison
          </button>
        </div>
      </div>
      <div role="group" aria-label="Kinds" className="compare__counts">
        <button
          type="button"
          className="count-button"
          aria-pressed={filter === null}
          onClick={() => actions().setFilter(null)}
        >
          All: {diff.rows.length.toLocaleString('en-US')}
        </button>
        {KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="count-button"
            aria-pressed={filter === kind}
            onClick={() => actions().setFilter(filter === kind ? null : kind)}
          >
            {KIND_LABELS[kind]}: {diff.counts[kind].toLocaleString('en-US')}
          </button>
        ))}
        <span className="compare__facts">
          Unchanged: {diff.counts.unchanged.toLocaleString('en-US')}
        </span>
      </div>
      <div className="compare__summary">
        <p role="status" className="compare__sentence" data-testid="history-diff-summary">
          {diff.summary}
        </p>
        <button
          type="button"
          onClick={() => void commands.copyText(diff.summary, 'Copied the summary.')}
        >
          Copy summary
        </button>
      </div>
      <DiffGrid diff={diff} rows={rows} otherIs={otherIs} otherLabel={other.label} />
    </section>
  );
}

interface GridProps {
  readonly diff: HistoryDiff;
  readonly rows: readonly DiffRow[];
  readonly otherIs: 'older' | 'newer';
  readonly otherLabel: string;
}

function DiffGrid({ diff, rows, otherIs, otherLabel }: GridProps) {
  const services = useServices();
  const commands = useCommands();
  const active = useHistoryDiff((state) => state.active);
  const actions = () => services.historyDiff.getState().actions;
  const scrollRef = useRef<HTMLDivElement>(null);
  const columns = ['Change', 'UID', 'Entries here', `Entries in ${otherLabel}`, 'Details'];

  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
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

  /** Selects the row's entries of this document in the Entries grid and the hex view. */
  const show = (row: DiffRow): void => {
    actions().setActive(row.uid);
    const here = entriesHere(row, otherIs);
    if (here.length === 0) {
      services.ui.getState().actions.notify('info', `${row.uid} is not in this document.`);
    } else if (here.length === 1) commands.showEntry(here[0]!);
    else commands.showEntries(here);
  };

  const moveTo = (position: number): void => {
    if (rows.length === 0) return;
    show(rows[Math.max(0, Math.min(rows.length - 1, position))]!);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const pageSize = Math.max(1, Math.floor(event.currentTarget.clientHeight / ROW_HEIGHT) - 2);
    const current = activePosition;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + pageSize,
      PageUp: current - pageSize,
      Home: 0,
      End: rows.length - 1,
    };
    if (event.key in moves) {
      moveTo(current < 0 ? 0 : moves[event.key]!);
      event.preventDefault();
    } else if (event.key === 'Enter' && current >= 0) {
      show(rows[current]!);
      event.preventDefault();
    }
  };

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement;
    const rowElement = target.closest<HTMLElement>('[data-position]');
    const row = rowElement ? rows[Number(rowElement.dataset.position)] : undefined;
    if (!row) return;
    const entryButton = target.closest<HTMLElement>('[data-entry]');
    if (entryButton) {
      actions().setActive(row.uid);
      commands.showEntry(Number(entryButton.dataset.entry));
    } else show(row);
    scrollRef.current?.focus({ preventScroll: true });
  };

  return (
    <div
      ref={scrollRef}
      id={HISTORY_DIFF_ID}
      role="grid"
      aria-label="Differences between the two histories"
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={activePosition >= 0 ? rowId(activePosition) : undefined}
      tabIndex={0}
      className="grid compare-grid history-diff-grid"
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      <div role="rowgroup" className="grid__head">
        <div role="row" aria-rowindex={1} className="grid__row grid__row--head compare-grid__head">
          {columns.map((label) => (
            <div key={label} role="columnheader" className="cell" title={label}>
              {label}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="grid__body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <Row
              key={item.index}
              measure={virtualizer.measureElement}
              row={row}
              position={item.index}
              top={item.start - HEADER_HEIGHT}
              here={entriesHere(row, otherIs)}
              there={entriesThere(row, otherIs)}
              active={row.uid === active}
            />
          );
        })}
      </div>
      {rows.length === 0 && (
        <p className="grid__empty">{diff.identical ? diff.summary : 'No UID of this kind.'}</p>
      )}
    </div>
  );
}
