/**
 * The BLOB's bytes, 16 a line with offsets and ASCII, virtualised (a 4 MB BLOB is 262,144
 * lines). Bytes are coloured by the field they belong to; the selection's bytes are
 * highlighted and marked data-selected (the caption says in words what is selected: a byte
 * span is no ARIA widget, so aria-selected is not allowed on it); clicking a byte selects the entry or header field
 * that owns it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { useCommands, useWorkspace } from '../app-context';
import { ownerOf, ownersOf, type ByteOwner } from '../state/document/byte-owner';
import type { HistoryDocument } from '../state/document/document';
import { highlightOf, type Highlight } from '../state/table/highlight';
import { recycledKey } from './recycled-key';

const BYTES_PER_LINE = 16;
const LINE_HEIGHT = 20;

const HEX = Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).padStart(2, '0').toUpperCase(),
);

function fieldClass(owner: ByteOwner): string {
  switch (owner.kind) {
    case 'entry':
      return `byte--${owner.field}`;
    case 'version':
    case 'count':
      return 'byte--header';
    case 'trailing':
      return 'byte--trailing';
    case 'slack':
      return 'byte--slack';
    case 'none':
      return '';
  }
}

interface LineProps {
  readonly document: HistoryDocument;
  readonly line: number;
  readonly top: number;
  readonly highlight: Highlight;
}

const Line = memo(function Line({ document, line, top, highlight }: LineProps) {
  const { bytes } = document;
  const start = line * BYTES_PER_LINE;
  const end = Math.min(bytes.length, start + BYTES_PER_LINE);
  const hex = [];
  // The ASCII column is drawn in runs of bytes that look alike: half the elements per line,
  // which keeps fast scrolling of a 4 MB BLOB within a frame.
  const ascii = [];
  let run = '';
  let runStart = start;
  let runClasses = '';
  const owners = ownersOf(document, start, end);
  for (let offset = start; offset < end; offset++) {
    const byte = bytes[offset]!;
    const owner = owners[offset - start]!;
    const selected = highlight.has(offset, owner.kind === 'entry' ? owner.index : -1);
    const classes = `byte ${fieldClass(owner)}${selected ? ' byte--selected' : ''}`;
    hex.push(
      <span
        key={offset - start}
        data-offset={offset}
        className={classes}
        data-selected={selected ? true : undefined}
      >
        {HEX[byte]}
      </span>,
    );
    if (classes !== runClasses && run !== '') {
      ascii.push(
        <span key={runStart - start} data-ascii-start={runStart} className={runClasses}>
          {run}
        </span>,
      );
      run = '';
    }
    if (run === '') {
      runStart = offset;
      runClasses = classes;
    }
    run += byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '.';
  }
  if (run !== '') {
    ascii.push(
      <span key={runStart - start} data-ascii-start={runStart} className={runClasses}>
        {run}
      </span>,
    );
  }
  return (
    <div className="hex__line" style={{ transform: `translateY(${top}px)` }}>
      <span className="hex__offset">{start.toString(16).padStart(8, '0').toUpperCase()}</span>
      <span className="hex__bytes">{hex}</span>
      <span className="hex__ascii" aria-hidden="true">
        {ascii}
      </span>
    </div>
  );
});

/** The byte under a click: a hex byte's own offset, or the character of an ASCII run. */
function offsetAt(event: MouseEvent): number | null {
  const target = event.target as HTMLElement;
  const byte = target.closest<HTMLElement>('[data-offset]');
  if (byte) return Number(byte.dataset.offset);
  const run = target.closest<HTMLElement>('[data-ascii-start]');
  if (!run) return null;
  const length = run.textContent?.length ?? 1;
  const box = run.getBoundingClientRect();
  // Monospace: each character is an equal share of the run's width.
  const character =
    box.width > 0 ? Math.floor(((event.clientX - box.left) / box.width) * length) : 0;
  return Number(run.dataset.asciiStart) + Math.max(0, Math.min(length - 1, character));
}

const LEGEND: readonly [string, string][] = [
  ['byte--header', 'header'],
  ['byte--op', 'operation'],
  ['byte--content', 'content'],
  ['byte--timestamp', 'timestamp'],
  ['byte--uid', 'UID'],
  ['byte--nul', 'NUL'],
  ['byte--trailing', 'trailing'],
];
/** Shown only for a document that has slack; stray trailing bytes keep their own colour. */
const SLACK_LEGEND: readonly [string, string] = [
  'byte--slack',
  'Outlook slack (Count+4, harmless)',
];

export function HexView() {
  const session = useWorkspace((state) => state.session);
  const selection = useWorkspace((state) => state.selection);
  const actions = useWorkspace((state) => state.actions);
  const commands = useCommands();
  const scrollRef = useRef<HTMLDivElement>(null);
  const document = session?.document ?? null;
  const lineCount = document ? Math.ceil(document.bytes.length / BYTES_PER_LINE) : 0;
  const highlight = useMemo(
    () => (document ? highlightOf(document, selection) : null),
    [document, selection],
  );

  // Not compiled by the React Compiler; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lineCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 8,
  });

  // Bring the highlighted bytes on screen unless some of them already are.
  const first = highlight?.first ?? null;
  useEffect(() => {
    const element = scrollRef.current;
    if (!first || !element) return;
    const firstLine = Math.floor(first.start / BYTES_PER_LINE);
    const lastLine = Math.floor(Math.max(first.start, first.end - 1) / BYTES_PER_LINE);
    const top = Math.floor(element.scrollTop / LINE_HEIGHT);
    const bottom = top + Math.max(1, Math.floor(element.clientHeight / LINE_HEIGHT)) - 1;
    if (lastLine < top || firstLine > bottom)
      virtualizer.scrollToIndex(firstLine, { align: 'start' });
  }, [first, virtualizer]);

  if (!document || !highlight) return null;

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    const offset = offsetAt(event);
    if (offset === null) return;
    const owner = ownerOf(document, offset);
    switch (owner.kind) {
      case 'entry':
        commands.showEntry(owner.index);
        break;
      case 'version':
        actions.selectBytes({ ...document.version.span, label: 'Version (header)' });
        break;
      case 'count':
        actions.selectBytes({ ...document.declaredCount.span, label: 'Count (header)' });
        break;
      case 'trailing':
        actions.selectBytes({ ...document.trailing, label: 'Trailing bytes' });
        break;
      case 'slack':
        actions.selectBytes({ ...document.trailing, label: "Outlook's slack" });
        break;
      case 'none':
        break;
    }
  };

  return (
    <section role="region" aria-label="Hex" className="hex">
      <div className="panel-heading">
        <h2 className="panel-title">Hex</h2>
        <span className="hex__caption" data-testid="hex-caption">
          {highlight.caption}
        </span>
        <div className="hex__legend">
          {(document.slack !== null ? [...LEGEND, SLACK_LEGEND] : LEGEND).map(
            ([className, label]) => (
              <span key={className} className={`legend-swatch ${className}`}>
                {label}
              </span>
            ),
          )}
        </div>
      </div>
      <div
        ref={scrollRef}
        role="group"
        aria-label="BLOB bytes"
        className="hex__scroll"
        tabIndex={0}
        onClick={onClick}
      >
        <div className="hex__body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <Line
              key={recycledKey(item.index)}
              document={document}
              line={item.index}
              top={item.start}
              highlight={highlight}
            />
          ))}
        </div>
        {lineCount === 0 && <p className="grid__empty">The BLOB is empty.</p>}
      </div>
    </section>
  );
}
