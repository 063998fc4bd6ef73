/**
 * A history written as another client's state file (docs/FORMAT.md, "Other clients'
 * formats"): `+` and `&` tags as downloaded (`+h` as Thunderbird's headers-only `b`), `-` tags left
 * out and counted, so the caller can say so. Nothing is guessed: the account is given.
 */
import type { Timestamp, UidlDocument } from '../codec/types.js';
import type { ClientStateFormat } from '../input/client-state/types.js';

export interface ClientStateExportOptions {
  /** The POP3 server's host name, as the client names it (popstate, fetchids). */
  readonly host?: string;
  /** The POP3 user name (popstate, fetchids). */
  readonly user?: string;
  /** Thunderbird on Windows writes CRLF; LF elsewhere and in the other clients. */
  readonly lineBreak?: '\n' | '\r\n';
  /** Export only these entry indexes (a filtered view), in this order. */
  readonly entries?: readonly number[];
  /** Dates tags whose time is not a real date (popstate and getmail need one); default now. */
  readonly now?: Date;
}

/** What the export wrote and what it left out, for the note the caller prints. */
export interface ClientStateExport {
  readonly text: string;
  /** Messages written. */
  readonly written: number;
  /** `-` tags: messages Outlook was told to forget, which the other client never kept. */
  readonly deleted: number;
  /** Later tags of a UID already written (a client keeps one line a UID). */
  readonly duplicates: number;
  /** Tags with no real time, written with `now`. */
  readonly undated: number;
  /** UIDs the format cannot hold (a space, a line break, a control character), and tags of an unknown operation, by entry. */
  readonly unwritable: readonly { readonly index: number; readonly uid: string }[];
}

/** Which of host and user each format writes into the file. */
export const CLIENT_STATE_NEEDS: Record<ClientStateFormat, readonly ('host' | 'user')[]> = {
  popstate: ['host', 'user'],
  fetchids: ['host', 'user'],
  getmail: [],
};

/** Thrown when the account the format needs was not given, or cannot be written. */
export class ClientStateExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientStateExportError';
  }
}

/** Spaces, line breaks and control characters: they would split a line or a field. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it finds
const UNWRITABLE = /[\s\x00-\x1f\x7f]/;

function checkAccountPart(name: 'host' | 'user', value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new ClientStateExportError(`the POP3 ${name} is needed (nothing is guessed)`);
  }
  if (UNWRITABLE.test(value) || (name === 'host' && value.includes('@'))) {
    throw new ClientStateExportError(
      `the POP3 ${name} '${value}' cannot be written: it holds ` +
        (name === 'host' && value.includes('@') ? "'@'" : 'a space or a control character'),
    );
  }
  return value;
}

/**
 * Unix seconds of a written (UTC) time, by arithmetic (H. Hinnant's `days_from_civil`): a Date
 * per entry was most of the cost of writing 65,535 entries.
 */
export function unixSecondsOf(time: Timestamp): number {
  const year = time.month <= 2 ? time.year - 1 : time.year;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const monthFromMarch = time.month > 2 ? time.month - 3 : time.month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + time.day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146_097 + dayOfEra - 719_468;
  return days * 86_400 + time.hour * 3600 + time.minute * 60 + time.second;
}

export function toClientState(
  document: UidlDocument,
  format: ClientStateFormat,
  options: ClientStateExportOptions = {},
): ClientStateExport {
  const needs = CLIENT_STATE_NEEDS[format];
  const host = needs.includes('host') ? checkAccountPart('host', options.host) : '';
  const user = needs.includes('user') ? checkAccountPart('user', options.user) : '';
  const lineBreak = options.lineBreak ?? '\n';
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  // Appended to one string: an array of 65,535 lines joined at the end cost ten times more.
  let text = '';
  if (format === 'popstate') {
    text +=
      [
        '# POP3 State File',
        '# This is a generated file!  Do not edit.',
        '',
        `*${host} ${user}`,
      ].join(lineBreak) + lineBreak;
  }
  const seen = new Set<string>();
  let written = 0;
  let deleted = 0;
  let duplicates = 0;
  let undated = 0;
  const unwritable: { index: number; uid: string }[] = [];
  const indexes = options.entries ?? Array.from({ length: document.entryCount }, (_, i) => i);
  // Decoded together: much cheaper than one by one (see the README's "The library").
  const uids = document.uidList();
  const entries = document.entries;
  for (const index of indexes) {
    const entry = entries[index]!;
    if (entry.op === '-') {
      deleted++;
      continue;
    }
    const uid = uids[index]!;
    if (entry.op !== '+' && entry.op !== '&') {
      unwritable.push({ index, uid }); // a malformed operation: not known to be downloaded
      continue;
    }
    if (uid.length === 0 || UNWRITABLE.test(uid)) {
      unwritable.push({ index, uid });
      continue;
    }
    if (seen.has(uid)) {
      duplicates++;
      continue;
    }
    seen.add(uid);
    let seconds = nowSeconds;
    if (entry.timestamp) seconds = unixSecondsOf(entry.timestamp);
    else if (format !== 'fetchids') undated++;
    switch (format) {
      case 'popstate':
        text += `${entry.content === 'h' ? 'b' : 'k'} ${uid} ${seconds}${lineBreak}`;
        break;
      case 'fetchids':
        text += `${user}@${host} ${uid}${lineBreak}`;
        break;
      case 'getmail':
        text += `${uid}\0${seconds}${lineBreak}`;
        break;
    }
    written++;
  }
  return { text, written, deleted, duplicates, undated, unwritable };
}

/** One sentence for stderr or a notice: what was left out of the file, and why. */
export function describeLeftOut(result: ClientStateExport): string | null {
  const parts: string[] = [];
  if (result.deleted > 0) {
    parts.push(
      `${result.deleted} '-' (deleted) entr${result.deleted === 1 ? 'y' : 'ies'} left out: the other client keeps only messages it downloaded`,
    );
  }
  if (result.duplicates > 0) {
    parts.push(`${result.duplicates} repeated UID(s) written once`);
  }
  if (result.undated > 0) {
    parts.push(
      `${result.undated} entr${result.undated === 1 ? 'y' : 'ies'} with no real time dated now`,
    );
  }
  if (result.unwritable.length > 0) {
    const first = result.unwritable[0]!;
    parts.push(
      `${result.unwritable.length} UID(s) the format cannot hold (a space or a control character, or an unknown operation) left out, the first entry #${first.index}`,
    );
  }
  return parts.length === 0 ? null : `${parts.join('; ')}.`;
}
