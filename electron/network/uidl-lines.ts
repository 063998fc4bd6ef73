/**
 * One line of a live UIDL reply (RFC 1939: `<msg-number> SP <unique-id>`), already
 * dot-unstuffed, one character per byte. A line that is not `n uid` is a problem and is left
 * out. The UID itself is kept as sent: whether it follows RFC 1939 (1 to 70 characters from 0x21 to 0x7E) is the
 * listing's concern (shared/listing), which checks live and pasted listings alike.
 */

export interface UidlProblem {
  /** Line of the response, its `+OK` line being line 1. */
  readonly line: number;
  /** The line as received, shortened and with control characters shown as `?`. */
  readonly text: string;
  readonly message: string;
}

export interface ParsedUidlLine {
  readonly message: { readonly number: number; readonly uid: string } | null;
  readonly problem: UidlProblem | null;
}

const SHOWN_TEXT = 100;

/** Server text fit for a message: control characters as `?`, cut to `limit` characters. */
export function serverText(text: string, limit: number): string {
  let safe = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    safe += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? '?' : char;
  }
  return safe.length > limit ? `${safe.slice(0, limit)}…` : safe;
}

function shown(text: string): string {
  return serverText(text, SHOWN_TEXT);
}

/**
 * `secret` (the password, as the line's characters would spell it) is masked in a problem's
 * text and message, before they are shortened: a server that echoes it never shows it.
 */
export function parseUidlLine(text: string, line: number, secret?: string): ParsedUidlLine {
  const masked = (part: string): string =>
    shown(secret ? part.replaceAll(secret, '********') : part);
  const problem = (message: string): UidlProblem => ({
    line,
    text: masked(text),
    message: `line ${line}: ${message}`,
  });
  // Only spaces and tabs separate fields: trim() would also take a UID's last byte 0xA0 (NBSP).
  const fields = text.replace(/^[ \t]+|[ \t]+$/g, '').split(/[ \t]+/);
  if (fields[0] === '') return { message: null, problem: problem('empty line') };
  if (fields.length !== 2) {
    return {
      message: null,
      problem: problem(`expected "number UID", found ${fields.length} fields`),
    };
  }
  const [numberText, uid] = fields as [string, string];
  const number = Number(numberText);
  if (!/^\d+$/.test(numberText) || number < 1 || !Number.isSafeInteger(number)) {
    return {
      message: null,
      problem: problem(`message number "${masked(numberText)}" is not a whole number >= 1`),
    };
  }
  return { message: { number, uid }, problem: null };
}
