/**
 * CSV (RFC 4180) for spreadsheets. UIDs and malformed fields are attacker-controlled text, so
 * cells that a spreadsheet would run as a formula are neutralised (OWASP "CSV injection").
 */
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
] as const;

export interface CsvExportOptions {
  /** Export only these entry indexes (a filtered view), in this order. */
  readonly entries?: readonly number[];
}

/** Characters that make a spreadsheet treat a cell as a formula (or hide one behind it). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell: prefixed with `'` when a spreadsheet would evaluate it, then quoted when it holds
 * a comma, quote, CR or LF, quotes doubled.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function entryRow(entry: Entry): string[] {
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
  ];
}

/** A header row and one row per entry, each line ended by CRLF. */
export function toCsv(document: UidlDocument, options: CsvExportOptions = {}): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of selectEntries(document, options.entries)) {
    lines.push(entryRow(entry).map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
