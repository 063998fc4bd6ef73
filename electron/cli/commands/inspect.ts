/** `uidl-studio inspect FILE`: summary, findings, then a table of the entries. */
import type { Entry, UidlDocument } from '../../../shared/codec/types.js';
import { parseTimestampText } from '../../../shared/codec/timestamp.js';
import { formatTimestampForDisplay } from '../../../shared/time-display.js';
import type { MiniUidCheck } from '../../containers/lookup.js';
import { contentName, summarize, type DocumentSummary } from '../../../shared/summary.js';
import { collectFindings, countFindings, describeCounts, formatFindings } from '../findings.js';
import type { CliIo } from '../io.js';
import { sha256HexNative, type LoadedInput } from '../load-input.js';
import { formatBytes, formatTable, plural, printable } from '../text.js';
import { formatByteOffset } from '../../../shared/byte-range.js';

export interface InspectOptions {
  readonly table: boolean;
  /** Most entry rows to print; undefined prints them all. */
  readonly limit?: number;
}

function countNuls(document: UidlDocument): number {
  let nuls = 0;
  const { bytes, trailing } = document;
  for (let i = trailing.start; i < trailing.end; i++) if (bytes[i] === 0) nuls++;
  return nuls;
}

function describeCountsByName(counts: Record<string, number>): string {
  const shown = Object.entries(counts).filter(([name, n]) => n > 0 || name !== 'unknown');
  return shown.map(([name, n]) => `${name} ${n.toLocaleString('en-US')}`).join(', ');
}

function summaryLines(loaded: LoadedInput, summary: DocumentSummary): [string, string][] {
  const { document, decoded } = loaded;
  const blob = decoded.bytes;
  const version =
    summary.version === null
      ? 'missing (BLOB shorter than 2 bytes)'
      : summary.version === 3
        ? '3'
        : `${summary.version} (Outlook writes 3)`;
  // Tags found: the counted ones plus NUL-terminated strings after them; Outlook's slack is
  // leftover memory, never tags, whatever NULs it holds.
  const uncounted = document.slack === null ? countNuls(document) : 0;
  const declared =
    summary.declaredCount === null ? 'no count' : `${summary.declaredCount} declared`;
  const found =
    `${summary.entryCount + uncounted} found` +
    (uncounted > 0 ? ` (${uncounted} after the counted ones)` : '');
  const dates =
    summary.firstTimestamp === null
      ? 'none valid'
      : `${utcText(summary.firstTimestamp)} to ${utcText(summary.lastTimestamp!)} (Outlook writes UTC)`;
  const trailing =
    summary.trailingBytes.toLocaleString('en-US') +
    (document.slack === null ? '' : ` (Outlook's slack: harmless, kept as written)`);
  const format = decoded.shape ? `${decoded.format} (${decoded.shape})` : decoded.format;
  return [
    ['Input', `${formatBytes(loaded.inputBytes.length)}, SHA-256 ${loaded.inputSha256}`],
    ['Input format', `${format}: ${decoded.reason}`],
    ['BLOB', `${formatBytes(blob.length)}, SHA-256 ${blobSha256(loaded, blob)}`],
    ['Version', version],
    ['Tags', `${declared}, ${found}`],
    ['Trailing bytes', trailing],
    ['Dates', dates],
    ['Operations', describeCountsByName(summary.byOperation)],
    ['Content', describeCountsByName(summary.byContent)],
    ['Duplicate UIDs', summary.duplicateUids.toLocaleString('en-US')],
    ...containerLines(loaded),
    ...versionLines(loaded),
  ];
}

/** UIDs longer than this are cut in the table (a UID is at most 70 characters in RFC 1939). */
export const MAX_UID_SHOWN = 1000;

function uidCell(uid: string): string {
  if (uid.length <= MAX_UID_SHOWN) return printable(uid);
  return (
    `${printable(uid.slice(0, MAX_UID_SHOWN))}... (${uid.length.toLocaleString('en-US')} ` +
    'characters; export to JSON or CSV for all of it)'
  );
}

/** The BLOB's hash; a raw input unedited is its own BLOB, already hashed. */
function blobSha256(loaded: LoadedInput, blob: Uint8Array): string {
  const input = loaded.inputBytes;
  const same =
    input.length === blob.length &&
    Buffer.from(input.buffer, input.byteOffset, input.length).equals(blob);
  return same ? loaded.inputSha256 : sha256HexNative(blob);
}

/** `2017-06-12T14:32:50Z` as `2017-06-12 14:32:50 UTC`. */
function utcText(iso: string): string {
  const time = parseTimestampText(iso);
  return time === null ? iso : formatTimestampForDisplay(time);
}

function miniUidText(check: MiniUidCheck | null): string | null {
  if (check === null || check.matches === null) return null;
  return (
    `filename ${check.filename}, PR_ATTACH_ADDITIONAL_INFO ${check.additionalInfo}: ` +
    (check.matches ? 'match' : 'MISMATCH (not the same 32-bit value)')
  );
}

/** For `STORE#versions/<n>`: which version, where it was found, whose history it is. */
function versionLines(loaded: LoadedInput): [string, string][] {
  const version = loaded.version;
  if (!version) return [];
  const { record } = version;
  const where =
    record.locations.length === 0
      ? 'listed from the scan'
      : `at ${record.locations.map((l) => formatByteOffset(l.offset, { hex: true })).join(', ')}` +
        (record.locations[0]!.blockId === null ? '' : `, block ${record.locations[0]!.blockId}`);
  const role = record.current
    ? `the current history of ${printable(record.current.account ?? 'an unnamed account')}`
    : record.precedes
      ? `carved, an earlier history of ${printable(record.precedes.account ?? 'an unnamed account')} (${record.precedes.sharedUids} shared UIDs)`
      : 'carved';
  const lines: [string, string][] = [
    ['Found as', `versions/${record.number} of ${version.count}: ${role}, ${where}`],
  ];
  for (const finding of record.findings) lines.push(['Finding', finding]);
  return lines;
}

/** For `STORE#...`: what the attachment is, its Restags companions and the mini-UID check. */
function containerLines(loaded: LoadedInput): [string, string][] {
  const container = loaded.container;
  if (!container) return [];
  const lines: [string, string][] = [];
  const companionOf = container.companionOf;
  if (companionOf) {
    const of =
      companionOf.historyNumber === null
        ? printable(companionOf.account ?? 'an account')
        : `${printable(companionOf.account ?? 'the account')}'s history #${companionOf.historyNumber}`;
    lines.push([
      'Attachment',
      `#${container.attachment}: the Restags companion of ${of}, not a history; read as bytes on request`,
    ]);
  }
  for (const companion of container.companions) {
    const name = companion.longFilename ?? companion.filename ?? companion.displayName ?? '';
    lines.push([
      'Companion',
      `#${companion.number} ${printable(name)}, ${formatBytes(companion.dataBytes ?? 0)}`,
    ]);
  }
  const miniUid = miniUidText(container.miniUid);
  if (miniUid !== null) lines.push(['Mini UID', miniUid]);
  return lines;
}

function entryRow(entry: Entry): string[] {
  const content = contentName(entry.content);
  return [
    String(entry.index),
    printable(entry.op),
    content === 'unknown' ? printable(entry.content) : content,
    entry.timestamp === null
      ? printable(entry.timestampText)
      : formatTimestampForDisplay(entry.timestamp).slice(0, -' UTC'.length),
    uidCell(entry.uid),
    String(entry.offset),
    String(entry.length),
    entry.diagnostics.map((diagnostic) => diagnostic.code).join(' '),
  ];
}

export function inspect(loaded: LoadedInput, options: InspectOptions, io: CliIo): number {
  const { document } = loaded;
  const summary = summarize(document);
  const findings = collectFindings(loaded);
  const counts = countFindings(findings);

  const lines: [string, string][] = [
    ...summaryLines(loaded, summary),
    ['Findings', describeCounts(counts)],
  ];
  const labelWidth = Math.max(...lines.map(([label]) => label.length));
  let out = `${printable(loaded.label)}\n`;
  for (const [label, value] of lines) out += `  ${label.padEnd(labelWidth)}  ${value}\n`;

  out += '\nFindings\n';
  out += findings.length === 0 ? '  no findings\n' : indent(formatFindings(findings));

  if (options.table) {
    const total = document.entries.length;
    const shown =
      options.limit === undefined ? document.entries : document.entries.slice(0, options.limit);
    const heading =
      shown.length < total
        ? `Entries (first ${shown.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})`
        : `Entries (${plural(total, 'entry', 'entries')})`;
    out += `\n${heading}\n`;
    if (shown.length > 0) {
      out += indent(
        formatTable(
          [
            { title: 'INDEX', align: 'right' },
            { title: 'OP' },
            { title: 'CONTENT' },
            { title: 'TIME (UTC)' },
            { title: 'UID', maxWidth: 40 },
            { title: 'OFFSET', align: 'right' },
            { title: 'LENGTH', align: 'right' },
            { title: 'DIAGNOSTICS' },
          ],
          shown.map(entryRow),
        ),
      );
    }
  }
  io.stdout.write(out);
  return 0;
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '  ');
}
