/**
 * Every finding with its severity, code, message and byte range; clicking one selects its
 * entry and highlights its bytes. Virtualised: a history of 65,535 copies of one UID has as
 * many findings.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { Diagnostic } from '@shared/codec/types.js';
import { formatByteRange } from '@shared/byte-range.js';
import { useCommands, useWorkspace } from '../app-context';

const ESTIMATED_ITEM_HEIGHT = 48;

export function DiagnosticsPanel() {
  const session = useWorkspace((state) => state.session);
  const actions = useWorkspace((state) => state.actions);
  const commands = useCommands();
  const scrollRef = useRef<HTMLDivElement>(null);
  const diagnostics = session?.document.diagnostics ?? [];
  const inputNotes = session?.source.inputDiagnostics ?? [];

  // Not compiled by the React Compiler; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: diagnostics.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ITEM_HEIGHT,
    // Generous: a malformed file's few dozen findings are all in the page (and its accessibility tree).
    overscan: 50,
  });

  if (!session) return null;

  const choose = (diagnostic: Diagnostic): void => {
    const bytes = { start: diagnostic.start, end: diagnostic.end, label: diagnostic.code };
    if (diagnostic.entry !== undefined) commands.showEntry(diagnostic.entry, bytes);
    else actions.selectBytes(bytes);
  };

  return (
    <section className="diagnostics" aria-labelledby="diagnostics-title">
      <div className="panel-heading">
        <h2 id="diagnostics-title" className="panel-title">
          Diagnostics <span className="panel-count">({diagnostics.length})</span>
        </h2>
      </div>
      {inputNotes.length > 0 && (
        <ul className="input-notes" aria-label="Input notes">
          {inputNotes.map((note, k) => (
            <li key={k} className={`diagnostic diagnostic--${note.severity}`}>
              <span className={`severity severity--${note.severity}`}>{note.severity}</span>{' '}
              <span className="diagnostic__code">input.{note.code}</span>{' '}
              {note.line !== undefined && (
                <span className="diagnostic__range">
                  line {note.line}
                  {note.column !== undefined ? `, column ${note.column}` : ''}
                </span>
              )}
              <span className="diagnostic__message">{note.message}</span>
            </li>
          ))}
        </ul>
      )}
      <div ref={scrollRef} className="diagnostics__scroll">
        {diagnostics.length === 0 ? (
          <p className="panel-empty">No findings: the BLOB is written as Outlook writes it.</p>
        ) : null}
        <ul
          role="list"
          aria-label="Diagnostics"
          className="diagnostics__list"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const diagnostic = diagnostics[item.index]!;
            return (
              <li
                key={item.index}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-setsize={diagnostics.length}
                aria-posinset={item.index + 1}
                className="diagnostics__item"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <button
                  type="button"
                  className={`diagnostic diagnostic--${diagnostic.severity}`}
                  onClick={() => choose(diagnostic)}
                  data-testid="diagnostic"
                >
                  <span className={`severity severity--${diagnostic.severity}`}>
                    {diagnostic.severity}
                  </span>{' '}
                  <span className="diagnostic__code">{diagnostic.code}</span>{' '}
                  <span
                    className="diagnostic__range"
                    title={formatByteRange(diagnostic.start, diagnostic.end, { hex: true })}
                  >
                    {formatByteRange(diagnostic.start, diagnostic.end)}
                  </span>
                  {diagnostic.entry !== undefined && (
                    <span className="diagnostic__entry"> entry #{diagnostic.entry}</span>
                  )}
                  <span className="diagnostic__message">{diagnostic.message}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
