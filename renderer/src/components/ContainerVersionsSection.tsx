/**
 * The chooser's "Earlier versions (carved)": the host searches the whole file for earlier
 * copies of the histories (progress and Stop while it runs), each listed under the account whose
 * current history it most likely precedes and openable read-only like any history; and the
 * "Timeline of versions": when each UID first and last appears across the versions (UTC).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContainerVersions, HostProgress, OpenedContainer } from '@shared/host/contract.js';
import type { AccountTimeline } from '@shared/versions/timeline.js';
import type { VersionRecord } from '@shared/versions/types.js';
import { plural } from '@shared/wording.js';
import { useCommands, useServices, useWorkspace } from '../app-context';
import { formatIsoWritten, zoneLabel, type TimeZonePreference } from '../state/time-zone';
import { findingsText } from './findings-text';
import { formatByteOffset } from '@shared/byte-range.js';

type SearchState =
  | { readonly phase: 'searching'; readonly progress: HostProgress | null }
  | { readonly phase: 'done'; readonly result: ContainerVersions }
  | { readonly phase: 'stopped' }
  | { readonly phase: 'failed'; readonly message: string };

const accountName = (account: string | null): string => account ?? '(no current history to match)';

function mebibytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString('en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
}

function timeText(iso: string | null, zone: TimeZonePreference): string {
  return iso === null ? '—' : formatIsoWritten(iso, zone);
}

/** Carved versions by the account they precede, in the order found (oldest first). */
function carvedByAccount(versions: readonly VersionRecord[]): [string | null, VersionRecord[]][] {
  const groups = new Map<string | null, VersionRecord[]>();
  for (const version of versions) {
    if (version.current !== null) continue;
    const account = version.precedes?.account ?? null;
    groups.set(account, [...(groups.get(account) ?? []), version]);
  }
  return [...groups];
}

function VersionRow({
  version,
  zone,
  onOpen,
  onCompare,
  disabled,
}: {
  readonly version: VersionRecord;
  readonly zone: TimeZonePreference;
  readonly onOpen: () => void;
  /** Null when the version's account has no current history in the file to compare with. */
  readonly onCompare: (() => void) | null;
  readonly disabled: boolean;
}) {
  const where =
    version.locations.length === 0
      ? '—'
      : version.locations
          .map(
            (l) =>
              `${formatByteOffset(l.offset, { hex: true })}${l.blockId ? `, block ${l.blockId}` : ''}`,
          )
          .join(', ');
  const notes = [findingsText(version.diagnostics), ...version.findings].join('; ');
  return (
    <tr data-version={version.number}>
      <td className="cell--mono">versions/{version.number}</td>
      <td className="chooser__wraps">{where}</td>
      <td className="cell--number">
        {version.truncated
          ? `${version.entryCount} of ${version.declaredCount ?? '?'}`
          : version.entryCount.toLocaleString('en-US')}
      </td>
      <td className="cell--mono chooser__wraps">{timeText(version.lastTimestamp, zone)}</td>
      <td className="chooser__wraps">{notes}</td>
      <td>
        <button
          type="button"
          onClick={onOpen}
          disabled={disabled}
          aria-label={`Open versions/${version.number}`}
        >
          Open
        </button>{' '}
        {onCompare && (
          <button
            type="button"
            onClick={onCompare}
            disabled={disabled}
            aria-label={`Compare versions/${version.number} with the current history`}
            title="Open the account's current history and show what changed since this version"
          >
            Compare
          </button>
        )}
      </td>
    </tr>
  );
}

function TimelineTable({
  timeline,
  zone,
}: {
  readonly timeline: AccountTimeline;
  readonly zone: TimeZonePreference;
}) {
  return (
    <table
      className="chooser__table versions__table"
      aria-label={`Timeline of ${accountName(timeline.account)}`}
    >
      <caption>
        {`Timeline of ${accountName(timeline.account)}: versions ${timeline.versions.join(', ')} (times from the tags)`}
      </caption>
      <thead>
        <tr>
          <th scope="col">UID</th>
          <th scope="col">First version</th>
          <th scope="col">{`First seen (${zoneLabel(zone)})`}</th>
          <th scope="col">Last version</th>
          <th scope="col">{`Last seen (${zoneLabel(zone)})`}</th>
          <th scope="col">Gone in</th>
        </tr>
      </thead>
      <tbody>
        {timeline.rows.map((row) => (
          <tr key={row.uid}>
            <td className="versions__uid">{row.uid}</td>
            <td className="cell--mono">versions/{row.firstVersion}</td>
            <td className="cell--mono">{timeText(row.firstTimestamp, zone)}</td>
            <td className="cell--mono">versions/{row.lastVersion}</td>
            <td className="cell--mono">{timeText(row.lastTimestamp, zone)}</td>
            <td>{row.goneInVersion === null ? 'still held' : `versions/${row.goneInVersion}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ContainerVersionsSection({ container }: { readonly container: OpenedContainer }) {
  const { versions } = useCommands();
  const { host } = useServices();
  const zone = useWorkspace((state) => state.timeZone);
  const [search, setSearch] = useState<SearchState | null>(() =>
    host.capabilities.containers ? { phase: 'searching', progress: null } : null,
  );
  const [showTimeline, setShowTimeline] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<string | null>(null);

  /** Starts a search; its progress and answer update the state as they come. */
  const launch = useCallback(() => {
    const { taskId, result } = versions.findVersions(container, (progress) => {
      if (running.current === progress.taskId) setSearch({ phase: 'searching', progress });
    });
    running.current = taskId;
    void result.then((answer) => {
      if (running.current !== taskId) return; // stopped, or replaced by a newer search
      running.current = null;
      setSearch(
        answer.status === 'versions'
          ? { phase: 'done', result: answer }
          : answer.status === 'failed'
            ? { phase: 'failed', message: answer.message }
            : { phase: 'stopped' },
      );
    });
  }, [container, versions]);

  const searchAgain = (): void => {
    setSearch({ phase: 'searching', progress: null });
    launch();
  };

  const stop = (): void => {
    const taskId = running.current;
    if (taskId === null) return;
    running.current = null;
    versions.cancelVersions(taskId);
    setSearch({ phase: 'stopped' });
  };

  useEffect(() => {
    if (!host.capabilities.containers) return undefined;
    launch();
    return () => {
      // Closing the chooser stops a search still running: nobody would see its result.
      if (running.current !== null) versions.cancelVersions(running.current);
      running.current = null;
    };
  }, [host, launch, versions]);

  if (search === null) return null;
  const accountsWithHistory = new Set(
    container.choices.flatMap((choice) => (choice.account === null ? [] : [choice.account])),
  );

  const open = async (number: number): Promise<void> => {
    setWorking(true);
    setError(null);
    try {
      setError(await versions.openVersion(container, number));
    } finally {
      setWorking(false);
    }
  };

  const compare = async (version: VersionRecord): Promise<void> => {
    setWorking(true);
    setError(null);
    try {
      setError(await versions.compareVersion(container, version));
    } finally {
      setWorking(false);
    }
  };

  const progress = search.phase === 'searching' ? search.progress : null;
  return (
    <section className="versions" aria-labelledby="versions-heading">
      <h3 id="versions-heading" className="versions__heading">
        Earlier versions (carved)
      </h3>
      {search.phase === 'searching' && (
        <div className="versions__progress">
          <p role="status">
            {progress === null || progress.total === null
              ? `Searching ${container.name} for earlier versions…`
              : `Searching ${container.name} for earlier versions: ${mebibytes(progress.done)} of ${mebibytes(progress.total)} MiB`}
          </p>
          <progress
            aria-label="Search for earlier versions"
            {...(progress !== null && progress.total !== null
              ? { value: progress.done, max: progress.total }
              : {})}
          />
          <button type="button" onClick={stop}>
            Stop searching
          </button>
        </div>
      )}
      {search.phase === 'stopped' && (
        <p role="status">
          The search for earlier versions was stopped.{' '}
          <button type="button" onClick={searchAgain}>
            Search again
          </button>
        </p>
      )}
      {search.phase === 'failed' && (
        <p role="alert" className="field-error">
          {search.message}{' '}
          <button type="button" onClick={searchAgain}>
            Search again
          </button>
        </p>
      )}
      {search.phase === 'done' && (
        <DoneView
          result={search.result}
          zone={zone}
          working={working}
          showTimeline={showTimeline}
          onToggleTimeline={() => setShowTimeline((shown) => !shown)}
          onOpen={(number) => void open(number)}
          onCompare={(version) => void compare(version)}
          accounts={accountsWithHistory}
        />
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </section>
  );
}

function DoneView({
  result,
  zone,
  working,
  showTimeline,
  onToggleTimeline,
  onOpen,
  onCompare,
  accounts,
}: {
  readonly result: ContainerVersions;
  readonly zone: TimeZonePreference;
  readonly working: boolean;
  readonly showTimeline: boolean;
  readonly onToggleTimeline: () => void;
  readonly onOpen: (number: number) => void;
  readonly onCompare: (version: VersionRecord) => void;
  /** The accounts the file holds a current history of (a carved version compares with it). */
  readonly accounts: ReadonlySet<string>;
}) {
  const groups = carvedByAccount(result.versions);
  return (
    <>
      {result.findings.map((finding, index) => (
        <p key={index} className="field-hint">
          {finding}
        </p>
      ))}
      {groups.length === 0 ? (
        <p data-testid="versions-none">
          No earlier version of a history was found in the file (
          {plural(result.versions.length, 'current history', 'current histories')}).
        </p>
      ) : (
        groups.map(([account, carved]) => (
          <table
            key={account ?? ''}
            className="chooser__table versions__table"
            aria-label={`Earlier versions of ${accountName(account)}`}
          >
            <caption>{`Earlier versions (carved) of ${accountName(account)} (${carved.length})`}</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Found at</th>
                <th scope="col">Entries</th>
                <th scope="col">{`Latest (${zoneLabel(zone)})`}</th>
                <th scope="col">Findings</th>
                <th scope="col">
                  <span className="visually-hidden">Open or compare</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {carved.map((version) => (
                <VersionRow
                  key={version.number}
                  version={version}
                  zone={zone}
                  disabled={working}
                  onOpen={() => onOpen(version.number)}
                  onCompare={
                    account !== null && accounts.has(account) ? () => onCompare(version) : null
                  }
                />
              ))}
            </tbody>
          </table>
        ))
      )}
      {result.timeline.length > 0 && (
        <button
          type="button"
          className="versions__toggle"
          aria-expanded={showTimeline}
          onClick={onToggleTimeline}
        >
          Timeline of versions
        </button>
      )}
      {showTimeline &&
        result.timeline.map((timeline) => (
          <TimelineTable key={timeline.account ?? ''} timeline={timeline} zone={zone} />
        ))}
    </>
  );
}
