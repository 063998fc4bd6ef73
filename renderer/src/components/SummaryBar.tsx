/**
 * The figures a person checks first: version, Count against tags found, the input and its
 * SHA-256, the date range, counts per operation, content and severity. Each count is a button
 * that filters the table to those entries.
 */
import type { ChangeEvent } from 'react';
import { plural } from '@shared/wording.js';
import { useCommands, useWorkspace } from '../app-context';
import type { Filters } from '../state/table/filters';
import type { RequestedFormat } from '../state/input/input-decoding';
import { summaryOf } from '../state/document/summary';
import { formatIsoWritten, zoneLabel } from '../state/time-zone';

interface CountButtonProps {
  readonly label: string;
  readonly count: number;
  readonly active: boolean;
  readonly onClick: () => void;
  readonly tone?: 'error' | 'warning' | 'info';
  /** What the count means, in the tooltip (docs/FORMAT.md's words). */
  readonly explanation?: string;
}

function CountButton({ label, count, active, onClick, tone, explanation }: CountButtonProps) {
  return (
    <button
      type="button"
      className={`count-button${tone && count > 0 ? ` count-button--${tone}` : ''}`}
      aria-pressed={active}
      onClick={onClick}
      title={
        (explanation ? `${explanation}. ` : '') +
        (active ? 'Click to remove this filter' : 'Show only these entries')
      }
    >
      {label}: {count}
    </button>
  );
}

const FORMAT_LABELS: Record<RequestedFormat, string> = {
  auto: 'Auto-detect',
  raw: 'Raw BLOB',
  hex: 'Hex',
  base64: 'Base64',
  popstate: 'Thunderbird popstate.dat',
  fetchids: 'fetchmail .fetchids',
  getmail: 'getmail oldmail',
};

function formatBytes(count: number): string {
  return plural(count, 'byte');
}

export function SummaryBar() {
  const session = useWorkspace((state) => state.session);
  const filters = useWorkspace((state) => state.filters);
  const zone = useWorkspace((state) => state.timeZone);
  const { setFilters, clearFilters } = useWorkspace((state) => state.actions);
  const commands = useCommands();
  if (!session) return null;
  const { document, source } = session;
  const summary = summaryOf(document);
  const toggle =
    <K extends keyof Filters>(key: K, value: Filters[K], off: Filters[K]) =>
    () =>
      setFilters({ [key]: filters[key] === value ? off : value } as Partial<Filters>);
  const countMismatch =
    summary.declaredCount !== null && summary.declaredCount !== summary.entryCount;
  const onFormat = (event: ChangeEvent<HTMLSelectElement>) => {
    void commands.rereadAs(event.target.value as RequestedFormat);
  };
  const { byOperation, byContent, diagnostics } = summary;

  return (
    <section role="region" aria-label="Summary" className="summary">
      <div className="summary__group">
        <span className="summary__item" data-testid="summary-version">
          <span className="summary__label">Version</span>{' '}
          <span className={summary.version === 3 ? '' : 'text-error'}>
            {summary.version ?? 'missing'}
          </span>
        </span>
        <span className="summary__item" data-testid="summary-count">
          <span className="summary__label">Count</span>{' '}
          <span className={countMismatch ? 'text-error' : ''}>
            declared {summary.declaredCount ?? 'missing'}, {summary.entryCount} tags found
          </span>
        </span>
        <button
          type="button"
          className="count-button"
          onClick={clearFilters}

          title="Show every entry"
        >
          Entries: {summary.entryCount}
        </button>
        {document.slack !== null ? (
          <span className="summary__item" data-testid="summary-slack">
            <span
              className="text-info"
              title="Outlook leaves Count + 4 bytes after the tags; it reads only the counted tags, so they are harmless"
            >
              Outlook slack: {formatBytes(summary.trailingBytes)} (info)
            </span>{' '}
            <button type="button" onClick={() => commands.dropSlack()}>
              Drop Outlook&apos;s slack
            </button>
          </span>
        ) : (
          summary.trailingBytes > 0 && (
            <span className="summary__item text-warning">
              Trailing bytes: {summary.trailingBytes}
            </span>
          )
        )}
      </div>

      <div className="summary__group">
        <span className="summary__item">
          <span className="summary__label">Dates</span>{' '}
          {summary.firstTimestamp
            ? `${formatIsoWritten(summary.firstTimestamp, zone)} – ${formatIsoWritten(summary.lastTimestamp!, zone)}`
            : 'none valid'}{' '}
          <span className="summary__note" data-testid="summary-zone">
            {zoneLabel(zone)}
          </span>
        </span>
        <CountButton
          label="+ get"
          explanation="Operation +: the message was downloaded"
          count={byOperation.get}
          active={filters.operation === '+'}
          onClick={toggle('operation', '+', 'any')}
        />
        <CountButton
          label="- delete"
          explanation="Operation -: the message was deleted"
          count={byOperation.delete}
          active={filters.operation === '-'}
          onClick={toggle('operation', '-', 'any')}
        />
        <CountButton
          label="& get-and-delete"
          explanation="Operation &: the message was downloaded and deleted"
          count={byOperation['get-and-delete']}
          active={filters.operation === '&'}
          onClick={toggle('operation', '&', 'any')}
        />
        {byOperation.unknown > 0 && (
          <CountButton
            label="Unknown operation"
            count={byOperation.unknown}
            tone="error"
            active={filters.operation === 'unknown'}
            onClick={toggle('operation', 'unknown', 'any')}
          />
        )}
        <CountButton
          label="b body"
          explanation="Content b: the body"
          count={byContent.body}
          active={filters.content === 'b'}
          onClick={toggle('content', 'b', 'any')}
        />
        <CountButton
          label="h header"
          explanation="Content h: the headers"
          count={byContent.header}
          active={filters.content === 'h'}
          onClick={toggle('content', 'h', 'any')}
        />
        <CountButton
          label="none ( )"
          explanation="Content ' ' (a space): nothing, neither headers nor body"
          count={byContent.none}
          active={filters.content === ' '}
          onClick={toggle('content', ' ', 'any')}
        />
        {byContent.unknown > 0 && (
          <CountButton
            label="Unknown content"
            count={byContent.unknown}
            tone="error"
            active={filters.content === 'unknown'}
            onClick={toggle('content', 'unknown', 'any')}
          />
        )}
      </div>

      <div className="summary__group">
        <CountButton
          label="Errors"
          count={diagnostics.error}
          tone="error"
          active={filters.severity === 'error'}
          onClick={toggle('severity', 'error', 'any')}
        />
        <CountButton
          label="Warnings"
          count={diagnostics.warning}
          tone="warning"
          active={filters.severity === 'warning'}
          onClick={toggle('severity', 'warning', 'any')}
        />
        <CountButton
          label="Info"
          count={diagnostics.info}
          tone="info"
          active={filters.severity === 'info'}
          onClick={toggle('severity', 'info', 'any')}
        />
        <CountButton
          label="Duplicate UIDs"
          count={summary.duplicateUids}
          tone="warning"
          active={filters.duplicatesOnly}
          onClick={toggle('duplicatesOnly', true, false)}
        />
        {source.inputDiagnostics.length > 0 && (
          <span className="summary__item text-warning">
            Input notes: {source.inputDiagnostics.length}
          </span>
        )}
      </div>
      <div className="summary__group summary__group--input">
        <span className="summary__item">
          <span className="summary__label">Input</span> {formatBytes(source.inputBytes.length)}
          {source.format !== 'raw' && `, BLOB ${formatBytes(document.bytes.length)}`}
        </span>
        <label className="summary__item" title={source.reason}>
          <span className="summary__label">Read as</span>{' '}
          <select
            value={source.requestedFormat}
            onChange={onFormat}
            aria-describedby="input-reason"
          >
            {(Object.keys(FORMAT_LABELS) as RequestedFormat[]).map((format) => (
              <option key={format} value={format}>
                {format === 'auto'
                  ? `Auto-detect (${source.requestedFormat === 'auto' ? source.format : '…'})`
                  : FORMAT_LABELS[format]}
              </option>
            ))}
          </select>
        </label>
        <span id="input-reason" className="summary__reason" data-testid="summary-input-reason">
          {source.format}
          {source.shape ? ` (${source.shape})` : ''}: {source.reason}
        </span>
        <span className="summary__item summary__hash" data-testid="summary-input-sha256">
          <span className="summary__label">Input SHA-256</span> <code>{source.inputSha256}</code>
        </span>
        <span className="summary__item summary__hash" data-testid="summary-blob-sha256">
          <span className="summary__label">BLOB SHA-256</span> <code>{source.blobSha256}</code>
          {source.format === 'raw' && <span className="summary__note"> (the input itself)</span>}
          {source.format !== 'raw' && <span className="summary__note"> (decoded, as opened)</span>}
        </span>
      </div>
    </section>
  );
}
