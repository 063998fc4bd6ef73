/** `uidl-studio inspect FILE`: summary, findings, then a table of the entries. */
import type { Entry, UidlDocument } from '../../../shared/codec/types.js';
import { contentName, summarize, type DocumentSummary } from '../../../shared/summary.js';
import { collectFindings, countFindings, describeCounts, formatFindings } from '../findings.js';
import type { CliIo } from '../io.js';
import { sha256HexNative, type LoadedInput } from '../load-input.js';
import { formatBytes, formatTable, plural, printable } from '../text.js';

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
  // Tags found: the counted ones plus NUL-terminated strings after them.
  const uncounted = countNuls(document);
  const declared =
    summary.declaredCount === null ? 'no count' : `${summary.declaredCount} declared`;
  const found =
    `${summary.entryCount + uncounted} found` +
    (uncounted > 0 ? ` (${uncounted} after the counted ones)` : '');
  const dates =
    summary.firstTimestamp === null
      ? 'none valid'
      : `${summary.firstTimestamp} to ${summary.lastTimestamp} (as written, no time zone)`;
  const format = decoded.shape ? `${decoded.format} (${decoded.shape})` : decoded.format;
  return [
    ['Input', `${formatBytes(loaded.inputBytes.length)}, SHA-256 ${loaded.inputSha256}`],
    ['Input format', `${format}: ${decoded.reason}`],
    ['BLOB', `${formatBytes(blob.length)}, SHA-256 ${blobSha256(loaded, blob)}`],
    ['Version', version],
    ['Tags', `${declared}, ${found}`],
    ['Trailing bytes', summary.trailingBytes.toLocaleString('en-US')],
    ['Dates', dates],
    ['Operations', describeCountsByName(summary.byOperation)],
    ['Content', describeCountsByName(summary.byContent)],
    ['Duplicate UIDs', summary.duplicateUids.toLocaleString('en-US')],
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

function entryRow(entry: Entry): string[] {
  const content = contentName(entry.content);
  return [
    String(entry.index),
    printable(entry.op),
    content === 'unknown' ? printable(entry.content) : content,
    printable(entry.timestampText),
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
            { title: 'TIMESTAMP' },
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
