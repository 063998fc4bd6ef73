/**
 * A history written as another client's state file (docs/FORMAT.md, "Other clients'
 * formats"): `+` and `&` tags as downloaded (`+h` as Thunderbird's headers-only `b`), `-` tags left
 * out and counted, so the caller can say so. Nothing is guessed: the account is given.
 */
import type { UidlDocument } from '../codec/types.js';
import type { ClientStateFormat } from '../input/client-state/types.js';
import { timestampToUtcMillis } from '../time-display.js';

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
  const lines: string[] = [];
  if (format === 'popstate') {
    lines.push(
      '# POP3 State File',
      '# This is a generated file!  Do not edit.',
      '',
      `*${host} ${user}`,
    );
  }
  const seen = new Set<string>();
  let written = 0;
  let deleted = 0;
  let duplicates = 0;
  let undated = 0;
  const unwritable: { index: number; uid: string }[] = [];
  const indexes = options.entries ?? Array.from({ length: document.entryCount }, (_, i) => i);
  for (const index of indexes) {
    const entry = document.entry(index);
    if (entry.op === '-') {
      deleted++;
      continue;
    }
    const uid = entry.uid;
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
    if (entry.timestamp) seconds = Math.floor(timestampToUtcMillis(entry.timestamp) / 1000);
    else if (format !== 'fetchids') undated++;
    switch (format) {
      case 'popstate':
        lines.push(`${entry.content === 'h' ? 'b' : 'k'} ${uid} ${seconds}`);
        break;
      case 'fetchids':
        lines.push(`${user}@${host} ${uid}`);
        break;
      case 'getmail':
        lines.push(`${uid}\0${seconds}`);
        break;
    }
    written++;
  }
  const text = lines.length === 0 ? '' : lines.join(lineBreak) + lineBreak;
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
