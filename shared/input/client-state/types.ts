/**
 * Other mail clients' POP3 state files (docs/FORMAT.md, "Other clients' formats"): what a
 * reader finds in one, before it becomes a history.
 */
import type { ClientStateFormat, InputDiagnostic } from '../types.js';

export type { ClientStateFormat };

export const CLIENT_STATE_FORMATS: readonly ClientStateFormat[] = [
  'popstate',
  'fetchids',
  'getmail',
];

/** What the client says of one message: Thunderbird's status letters; the others only `k`. */
export type ClientMessageStatus = 'k' | 'd' | 'b' | 'f';

export interface ClientStateMessage {
  readonly uid: string;
  readonly status: ClientMessageStatus;
  /** When the client received it, in Unix seconds (UTC); null where the format has no time. */
  readonly receivedAt: number | null;
  /** 1-based line of the file. */
  readonly line: number;
}

/** One POP3 account's section of a state file. */
export interface ClientStateAccount {
  /** Null where the file does not name it (getmail names it in the file's name only). */
  readonly host: string | null;
  readonly user: string | null;
  /** 1-based line where the section starts. */
  readonly line: number;
  readonly messages: readonly ClientStateMessage[];
}

export interface ClientStateFile {
  readonly format: ClientStateFormat;
  readonly accounts: readonly ClientStateAccount[];
  /** Lines that could not be read, and the caps reached, each with its line. */
  readonly diagnostics: readonly InputDiagnostic[];
  /** The line break the file uses ('\r\n' on Windows), so a rewrite can keep it. */
  readonly lineBreak: '\n' | '\r\n';
}

/** `user@host`, the name a selector (`popstate.dat#user@host`) uses for an account. */
export function accountLabel(account: Pick<ClientStateAccount, 'host' | 'user'>): string {
  if (account.user === null && account.host === null) return '(unnamed account)';
  return `${account.user ?? ''}@${account.host ?? ''}`;
}

export const FORMAT_TITLES: Record<ClientStateFormat, string> = {
  popstate: 'a Thunderbird/SeaMonkey popstate.dat',
  fetchids: 'a fetchmail .fetchids file',
  getmail: 'a getmail oldmail file',
};
