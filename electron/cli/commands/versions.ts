/**
 * `uidl-studio versions STORE [--json] [--timeline]`: the current histories of a PST, OST or
 * `.msg` and the earlier versions carved from the rest of the file, oldest first; with
 * `--timeline`, each UID's first and last version (the history of the history). Read-only.
 */
import { searchFile, type VersionsResult } from '../../containers/versions.js';
import { parseTimestampText } from '../../../shared/codec/timestamp.js';
import { formatTimestampForDisplay } from '../../../shared/time-display.js';
import type { AccountTimeline } from '../../../shared/versions/timeline.js';
import { versionTimelines } from '../../containers/version-timelines.js';
import type { VersionRecord, VersionsReport } from '../../../shared/versions/types.js';
import { describeStoreError } from '../errors.js';
import type { CliIo } from '../io.js';
import { formatTable, plural, printable } from '../text.js';

export interface VersionsCommandOptions {
  readonly json: boolean;
  readonly timeline: boolean;
}

/** `2017-06-12T14:32:50Z` as `2017-06-12 14:32:50 UTC`; `-` for none. */
function utcText(iso: string | null): string {
  if (iso === null) return '-';
  const time = parseTimestampText(iso);
  return time === null ? iso : formatTimestampForDisplay(time);
}

function roleText(version: VersionRecord): string {
  if (version.current) {
    return `current history of ${printable(version.current.account ?? 'an unnamed account')} (#${version.current.attachmentNumber})`;
  }
  if (version.precedes) {
    return (
      `carved; precedes ${printable(version.precedes.account ?? 'an unnamed account')}'s ` +
      `(${plural(version.precedes.sharedUids, 'shared UID')})`
    );
  }
  return 'carved';
}

export function formatVersions(report: VersionsReport): string {
  const lines = [
    `File: ${printable(report.input.path)} (${report.container.toUpperCase()}, ` +
      `${report.input.bytes.toLocaleString('en-US')} bytes, SHA-256 ${report.input.sha256})`,
  ];
  for (const finding of report.findings) lines.push(`Finding: ${finding}`);
  lines.push(`${plural(report.versions.length, 'version')}, oldest first:`, '');
  if (report.versions.length > 0) {
    const rows = report.versions.map((v) => [
      String(v.number),
      v.locations.length === 0 ? '-' : v.locations.map((l) => String(l.offset)).join(', '),
      v.locations[0]?.blockId ?? '-',
      v.truncated ? `${v.entryCount} of ${v.declaredCount ?? '?'}` : String(v.entryCount),
      utcText(v.firstTimestamp),
      utcText(v.lastTimestamp),
      v.sha256.slice(0, 16),
      roleText(v),
    ]);
    lines.push(
      formatTable(
        [
          { title: 'n', align: 'right' },
          { title: 'offset' },
          { title: 'block' },
          { title: 'entries', align: 'right' },
          { title: 'first (UTC)' },
          { title: 'last (UTC)' },
          { title: 'SHA-256' },
          { title: 'version' },
        ],
        rows,
      ).trimEnd(),
    );
  }
  for (const version of report.versions) {
    for (const finding of version.findings) {
      lines.push(`versions/${version.number}: ${finding}`);
    }
  }
  if (report.versions.length > 0) {
    lines.push('', `Open one as STORE#versions/<n> (inspect, export, validate, compare).`);
  }
  return lines.join('\n') + '\n';
}

export function formatTimeline(timelines: readonly AccountTimeline[]): string {
  const lines: string[] = [];
  for (const timeline of timelines) {
    lines.push(
      '',
      `Timeline of ${printable(timeline.account ?? 'an unnamed account')}, versions ` +
        `${timeline.versions.join(', ')} (times from the tags, UTC):`,
    );
    lines.push(
      formatTable(
        [
          { title: 'UID', maxWidth: 40 },
          { title: 'first version' },
          { title: 'first seen (UTC)' },
          { title: 'last version' },
          { title: 'last seen (UTC)' },
          { title: 'gone in' },
        ],
        timeline.rows.map((row) => [
          printable(row.uid),
          `versions/${row.firstVersion}`,
          utcText(row.firstTimestamp),
          `versions/${row.lastVersion}`,
          utcText(row.lastTimestamp),
          row.goneInVersion === null ? 'still held' : `versions/${row.goneInVersion}`,
        ]),
      ).trimEnd(),
    );
  }
  return lines.join('\n') + '\n';
}

export async function versionsCommand(
  store: string,
  options: VersionsCommandOptions,
  io: CliIo,
): Promise<number> {
  let result: VersionsResult;
  try {
    result = await searchFile(store);
  } catch (error) {
    throw describeStoreError(store, error);
  }
  const timeline = options.timeline ? versionTimelines(result) : null;
  if (options.json) {
    const report = timeline === null ? result.report : { ...result.report, timeline };
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    io.stdout.write(formatVersions(result.report) + (timeline ? formatTimeline(timeline) : ''));
  }
  return 0;
}
