/**
 * The line reader the state-file readers share, with its caps: a file of more lines than any
 * client writes, or a line longer than any UID line, is reported where it happens instead of
 * being read on.
 */
import type { InputDiagnostic } from '../types.js';

/** Lines read from one state file; the rest are reported, never read. */
export const MAX_STATE_LINES = 1_000_000;

/** Characters of one line; a UID is at most 70 (RFC 1939), so 1,000 leaves room for any server. */
export const MAX_STATE_LINE_CHARS = 1_000;

export interface StateLine {
  /** 1-based. */
  readonly number: number;
  /** Without its line break (a CR before the LF is removed too). */
  readonly text: string;
}

export interface StateLines {
  readonly lines: StateLine[];
  readonly diagnostics: InputDiagnostic[];
  readonly lineBreak: '\n' | '\r\n';
}

/**
 * Splits `text` into lines, skipping empty ones. Lines over MAX_STATE_LINE_CHARS and lines past
 * MAX_STATE_LINES become findings with their line numbers.
 */
export function splitStateLines(text: string): StateLines {
  const lines: StateLine[] = [];
  const diagnostics: InputDiagnostic[] = [];
  const firstBreak = text.indexOf('\n');
  const lineBreak = firstBreak > 0 && text.charCodeAt(firstBreak - 1) === 0x0d ? '\r\n' : '\n';
  let start = 0;
  let number = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    number++;
    if (number > MAX_STATE_LINES) {
      diagnostics.push({
        code: 'state.too-many-lines',
        severity: 'error',
        message:
          `The file has more than ${MAX_STATE_LINES.toLocaleString('en-US')} lines; ` +
          `line ${number} and the rest were not read.`,
        line: number,
      });
      break;
    }
    const contentEnd = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    const length = contentEnd - start;
    if (length > MAX_STATE_LINE_CHARS) {
      diagnostics.push({
        code: 'state.line-too-long',
        severity: 'error',
        message:
          `Line ${number} is ${length.toLocaleString('en-US')} characters long; lines over ` +
          `${MAX_STATE_LINE_CHARS.toLocaleString('en-US')} are not read (no client writes one).`,
        line: number,
      });
    } else if (length > 0) {
      lines.push({ number, text: text.slice(start, contentEnd) });
    }
    start = end + 1;
  }
  return { lines, diagnostics, lineBreak };
}

/** A finding for a line that could not be read: what was expected, and the line's start. */
export function unreadableLine(line: StateLine, expected: string): InputDiagnostic {
  const cut = line.text.length > 60 ? `${line.text.slice(0, 60)}…` : line.text;
  // A NUL or an escape in a message would reach a terminal: show them as \xNN.
  const shown = cut.replace(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what it finds
    /[\x00-\x1f\x7f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return {
    code: 'state.unreadable-line',
    severity: 'error',
    message: `Line ${line.number} ("${shown}") is not ${expected}; it was not read.`,
    line: line.number,
  };
}

/** Unix seconds as written by the clients: digits only, in Date's range. */
export function parseUnixSeconds(text: string): number | null {
  if (!/^\d{1,15}$/.test(text)) return null;
  const seconds = Number(text);
  // 253402300799 is 9999-12-31 23:59:59 UTC, the last time a 14-digit tag can hold.
  return seconds <= 253_402_300_799 ? seconds : null;
}
