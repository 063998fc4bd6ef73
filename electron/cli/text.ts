/** Plain-text layout for the terminal: safe characters, byte ranges, aligned tables. */
import { plural } from '../../shared/wording.js';

function escapeCode(code: number): string {
  if (code <= 0xff) return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  return `\\u{${code.toString(16).toUpperCase()}}`;
}

/**
 * Text with control characters shown as `\xNN` (and bidirectional marks as `\u{...}`).
 * UIDs and messages quote bytes from the BLOB; a decoded `$1b` must not drive the terminal.
 */
export function printable(text: string): string {
  // One regular-expression pass: building the result a character at a time made a 64 MiB
  // UID take seconds of garbage collection.
  return text.replace(UNSAFE, (char) => escapeCode(char.charCodeAt(0)));
}

// C0 and C1 controls, DEL, and the invisible marks that reorder text (bidi overrides).
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// What UNSAFE matches, except the line breaks of a document (LF, and CR before LF).
const UNSAFE_IN_LINES =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/**
 * A whole document (CSV, JSON) made safe for a terminal: as printable(), but its line breaks
 * kept. Only for a terminal: a file or a pipe gets the exact bytes.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_IN_LINES, (char) => escapeCode(char.charCodeAt(0)));
}

// One plural for every message the project writes (grouped digits, locale-independent).
export { plural };

export function formatBytes(size: number): string {
  if (size < 1024) return plural(size, 'byte');
  const units = ['KiB', 'MiB', 'GiB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${plural(size, 'byte')} (${value.toFixed(1)} ${units[unit]})`;
}

/**
 * The longest of `texts`, at least `floor`: a loop, because `Math.max(...spread)` overflows the
 * stack past about 125,000 arguments and a listing or a findings list can be longer.
 */
export function widest(texts: Iterable<string>, floor = 0): number {
  let width = floor;
  for (const text of texts) if (text.length > width) width = text.length;
  return width;
}

export interface Column {
  readonly title: string;
  readonly align?: 'left' | 'right';
  /** Cells wider than this are not padded further (they overflow rather than widen all). */
  readonly maxWidth?: number;
}

/** Rows under a header, columns separated by two spaces, trailing spaces trimmed. */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const widths = columns.map((column, i) =>
    Math.min(
      column.maxWidth ?? Infinity,
      widest(
        rows.map((row) => row[i] ?? ''),
        column.title.length,
      ),
    ),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) =>
        columns[i]!.align === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.title)), ...rows.map(line)].join('\n') + '\n';
}
