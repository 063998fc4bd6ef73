/**
 * CSV (RFC 4180) for spreadsheets. UIDs and malformed fields are attacker-controlled text, so
 * by default cells that a spreadsheet would run as a formula are neutralised (OWASP "CSV
 * injection"). The raw variant keeps every value exactly as decoded (only RFC 4180 quoting),
 * for grep and diff against the server's UIDs; it is not safe to open in a spreadsheet.
 * Every row carries the SHA-256 of the exported BLOB, as the JSON export's `blobSha256` does.
 */
import { serialize } from '../codec/serialize.js';
import { sha256Hex } from '../hash.js';
import { formatUtcIso } from '../time-display.js';
import type { Entry, UidlDocument } from '../codec/types.js';
import { contentName, operationName } from '../summary.js';
import { selectEntries } from './selection.js';

export const CSV_COLUMNS = [
  'index',
  'offset',
  'length',
  'op',
  'operation',
  'content',
  'content_name',
  'timestamp',
  'timestamp_text',
  'raw_uid',
  'uid',
  'diagnostics',
  'blob_sha256',
] as const;

export interface CsvExportOptions {
  /** Export only these entry indexes (a filtered view), in this order. */
  readonly entries?: readonly number[];
  /**
   * Values exactly as decoded: no `'` before `= + - @`, tab or CR. For grep and diff; a
   * spreadsheet may run such a cell as a formula.
   */
  readonly raw?: boolean;
}

/** Characters that make a spreadsheet treat a cell as a formula (or hide one behind it). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell: prefixed with `'` when a spreadsheet would evaluate it, then quoted when it holds
 * a comma, quote, CR or LF, quotes doubled.
 */
export function csvCell(value: string): string {
  return quoted(FORMULA_START.test(value) ? `'${value}` : value);
}

/** One cell of the raw variant: the value as it is, quoted only where RFC 4180 needs it. */
export function rawCsvCell(value: string): string {
  return quoted(value);
}

function quoted(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function entryRow(entry: Entry, blobSha256: string): string[] {
  return [
    String(entry.index),
    String(entry.offset),
    String(entry.length),
    entry.op,
    operationName(entry.op),
    entry.content,
    contentName(entry.content),
    entry.timestamp ? formatUtcIso(entry.timestamp) : '',
    entry.timestampText,
    entry.rawUid,
    entry.uid,
    entry.diagnostics.map((diagnostic) => diagnostic.code).join(';'),
    blobSha256,
  ];
}

/** A header row and one row per entry, each line ended by CRLF. */
export function toCsv(document: UidlDocument, options: CsvExportOptions = {}): string {
  const lines = [CSV_COLUMNS.join(',')];
  const cell = options.raw ? rawCsvCell : csvCell;
  const blobSha256 = sha256Hex(serialize(document));
  for (const entry of selectEntries(document, options.entries)) {
    lines.push(entryRow(entry, blobSha256).map(cell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
