/**
 * renderReport(input): the forensic report as one self-contained HTML page. Nothing external
 * (no images, fonts or links to load), no script, a CSP that allows only its own style sheet,
 * and every string from the input escaped as text (never placed in an attribute). Linear in
 * the number of entries: parts are collected and joined once.
 */
import { describeChange } from '../diff/diff.js';
import type { DiffRow, HistoryDiff } from '../diff/types.js';
import type { VersionRecord, VersionsReport } from '../versions/types.js';
import { groupDigits, plural } from '../wording.js';
import { escapeHtml as e } from './html-text.js';
import { REPORT_CSP, REPORT_STYLE } from './report-style.js';
import type { ReportFinding, ReportHistory, ReportInput, ReportVersionDiff } from './types.js';
import { formatByteRange } from '../byte-range.js';

const n = (value: number | null): string => (value === null ? '–' : groupDigits(value));

function facts(rows: readonly (readonly [string, string])[]): string {
  // Values are already HTML: callers escape what came from the input.
  return `<dl class="facts">${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

/** `id` is fixed by the renderer (never input text), so tests and readers can find each hash. */
const hash = (value: string, id: string): string =>
  `<span class="hash" id="${id}">${e(value)}</span>`;
const dates = (first: string | null, last: string | null): string =>
  first === null ? 'no valid times' : `${e(first)} to ${e(last ?? first)}`;

function table(head: readonly string[], rows: readonly string[], numeric: ReadonlySet<number>) {
  const th = head
    .map((title, i) => `<th${numeric.has(i) ? ' class="num"' : ''}>${title}</th>`)
    .join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function findingsTable(findings: readonly ReportFinding[]): string {
  if (findings.length === 0) return '<p class="note">No findings.</p>';
  return table(
    ['Severity', 'Code', 'Bytes', 'Message'],
    findings.map(
      (finding) =>
        `<tr><td class="${finding.severity}">${finding.severity}</td><td class="mono">${e(finding.code)}</td>` +
        `<td class="mono">${finding.span ? formatByteRange(finding.span.start, finding.span.end, { hex: true }) : '–'}</td>` +
        `<td>${e(finding.message)}</td></tr>`,
    ),
    new Set(),
  );
}

function entriesTable(history: ReportHistory): string {
  if (history.entries.length === 0) return '<p class="note">No entries.</p>';
  return table(
    ['#', 'Op', 'Content', 'Time (UTC)', 'UID', 'Raw UID', 'Offset', 'Length', 'Findings'],
    history.entries.map((entry) => {
      const findings =
        entry.errors + entry.warnings === 0
          ? ''
          : [
              entry.errors ? `<span class="error">${plural(entry.errors, 'error')}</span>` : '',
              entry.warnings
                ? `<span class="warning">${plural(entry.warnings, 'warning')}</span>`
                : '',
            ]
              .filter(Boolean)
              .join(', ');
      return (
        `<tr><td class="num">${entry.index}</td><td class="mono">${e(entry.op)}</td>` +
        `<td class="mono">${e(entry.content === ' ' ? '␠' : entry.content)}</td><td class="mono">${e(entry.time)}</td>` +
        `<td class="uid">${e(entry.uid)}</td><td class="uid">${entry.rawUid === entry.uid ? '' : e(entry.rawUid)}</td>` +
        `<td class="num">${entry.offset}</td><td class="num">${entry.length}</td><td>${findings}</td></tr>`
      );
    }),
    new Set([0, 6, 7]),
  );
}

function historySection(history: ReportHistory, position: number): string {
  const title =
    history.account !== null
      ? e(history.account)
      : history.attachment !== null
        ? e(history.attachment)
        : 'History';
  const severities = (['error', 'warning', 'info'] as const)
    .map((severity) =>
      plural(
        history.findings.filter((f) => f.severity === severity).length,
        severity,
        severity === 'info' ? 'info' : `${severity}s`,
      ),
    )
    .join(', ');
  return (
    `<section class="history"><h2>History ${position}: ${title}</h2>` +
    facts([
      ['Account', history.account === null ? 'unknown' : e(history.account)],
      ['Attachment', history.attachment === null ? '– (a BLOB file)' : e(history.attachment)],
      ...(history.location === null
        ? []
        : ([['Location', e(history.location)]] as [string, string][])),
      ['Size', `${n(history.bytes)} bytes`],
      ['SHA-256 of the BLOB', hash(history.sha256, `history-${position}-sha256`)],
      ['Version', n(history.version)],
      ['Entries', `${n(history.entryCount)} (Count declares ${n(history.declaredCount)})`],
      ['Date range (UTC)', dates(history.firstTimestamp, history.lastTimestamp)],
      ['Findings', severities],
    ]) +
    `<h3>Findings</h3>${findingsTable(history.findings)}` +
    `<h3>Entries (${n(history.entries.length)})</h3>${entriesTable(history)}</section>`
  );
}

function versionRow(version: VersionRecord): string {
  const current = version.current
    ? `current history of ${e(version.current.account ?? 'an unknown account')} (#${version.current.attachmentNumber})`
    : version.precedes
      ? `carved; precedes ${e(version.precedes.account ?? 'an unknown account')} (${plural(version.precedes.sharedUids, 'shared UID')})`
      : 'carved';
  return (
    `<tr><td class="num">${version.number}</td><td class="num">${version.locations.map((l) => l.offset).join(', ')}</td>` +
    `<td class="num">${n(version.bytes)}</td><td class="num">${n(version.entryCount)}</td>` +
    `<td class="mono">${dates(version.firstTimestamp, version.lastTimestamp)}</td><td>${current}</td>` +
    `<td class="hash">${e(version.sha256)}</td>` +
    `<td>${[version.truncated ? 'cut off' : '', ...version.findings.map(e)].filter(Boolean).join('; ')}</td></tr>`
  );
}

function diffTable(diff: HistoryDiff): string {
  if (diff.rows.length === 0) return '';
  const list = (entries: readonly number[]) => entries.join(', ');
  return table(
    ['Change', 'UID', 'Older entries', 'Newer entries', 'Details'],
    diff.rows.map(
      (row: DiffRow) =>
        `<tr class="${row.kind}"><td>${row.kind}</td><td class="uid">${e(row.uid)}</td>` +
        `<td class="num">${list(row.olderEntries)}</td><td class="num">${list(row.newerEntries)}</td>` +
        `<td class="mono">${e(row.changes.map(describeChange).join('; '))}</td></tr>`,
    ),
    new Set([2, 3]),
  );
}

function versionsSection(versions: VersionsReport | null, diffs: readonly ReportVersionDiff[]) {
  if (versions === null) {
    return (
      '<section><h2>Versions</h2><p class="note">Earlier versions were not searched for in this ' +
      'examination.</p></section>'
    );
  }
  const rows = versions.versions.map(versionRow);
  return (
    `<section><h2>Versions (${n(versions.versions.length)})</h2>` +
    '<p class="note">Current histories and earlier copies carved from the input, oldest first.</p>' +
    (rows.length === 0
      ? '<p class="note">No versions found.</p>'
      : table(
          [
            '#',
            'Offsets',
            'Bytes',
            'Entries',
            'Date range (UTC)',
            'What it is',
            'SHA-256',
            'Findings',
          ],
          rows,
          new Set([0, 1, 2, 3]),
        )) +
    diffs
      .map(
        (step) =>
          `<h3>Version ${step.older} → version ${step.newer}${step.account ? ` (${e(step.account)})` : ''}</h3>` +
          `<p>${e(step.diff.summary)}</p>${diffTable(step.diff)}`,
      )
      .join('') +
    '</section>'
  );
}

export function renderReport(input: ReportInput): string {
  const kind = input.container.kind === 'blob' ? 'BLOB file' : input.container.kind.toUpperCase();
  const body =
    `<header><h1>Forensic report: POP3 UIDL history</h1>` +
    `<p class="note">${e(input.tool.name)} ${e(input.tool.version)}</p></header>` +
    '<section><h2>Examination</h2>' +
    facts([
      ['Tool', `${e(input.tool.name)} ${e(input.tool.version)}`],
      ['Examined (UTC)', e(input.examinedAt)],
      ['Input path (as given)', `<span class="uid">${e(input.input.path)}</span>`],
      ['Input size', `${n(input.input.bytes)} bytes`],
      ['SHA-256 of the input', hash(input.input.sha256, 'input-sha256')],
      ['Container', `${kind}: ${e(input.container.summary)}`],
      ['Histories found', n(input.histories.length)],
    ]) +
    '</section>' +
    input.histories.map((history, i) => historySection(history, i + 1)).join('') +
    versionsSection(input.versions, input.versionDiffs);
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<title>UIDL history report: ${e(input.input.path)}</title>` +
    `<style>${REPORT_STYLE}</style></head><body>${body}</body></html>\n`
  );
}
