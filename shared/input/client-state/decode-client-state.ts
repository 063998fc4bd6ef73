/**
 * A state file as an input: read it, choose the account (a file with several is a container,
 * like a store: `popstate.dat#user@host` or `#n`), and convert that account to a history.
 */
import type { Timestamp } from '../../codec/types.js';
import { decodeText } from '../text.js';
import { InputDecodeError, type DecodedInput, type InputDiagnostic } from '../types.js';
import { readFetchids } from './fetchids.js';
import { readGetmail } from './getmail.js';
import { readPopstate } from './popstate.js';
import { accountToHistory } from './to-history.js';
import {
  accountLabel,
  FORMAT_TITLES,
  type ClientStateAccount,
  type ClientStateFile,
  type ClientStateFormat,
} from './types.js';

const READERS: Record<ClientStateFormat, (text: string) => ClientStateFile> = {
  popstate: readPopstate,
  fetchids: readFetchids,
  getmail: readGetmail,
};

export function readClientState(input: Uint8Array, format: ClientStateFormat): ClientStateFile {
  return READERS[format](decodeText(input).text);
}

/** The file holds several accounts and none was named: the choices, for a chooser or a message. */
export class AccountChoiceError extends InputDecodeError {
  readonly format: ClientStateFormat;
  readonly accounts: readonly string[];

  constructor(format: ClientStateFormat, accounts: readonly string[], message: string) {
    super('choose-account', message);
    this.name = 'AccountChoiceError';
    this.format = format;
    this.accounts = accounts;
  }
}

export interface ClientStateOptions {
  /** `user@host` or a 1-based number; null or undefined when none was named. */
  readonly account?: string | null;
  /** Dates messages the file gives no time. */
  readonly undatedTime: Timestamp;
  /** The detection's explanation; undefined when the format was the caller's choice. */
  readonly reason?: string;
}

function describeChoices(accounts: readonly ClientStateAccount[]): string {
  return accounts
    .map((a, i) => `#${i + 1} ${accountLabel(a)} (${a.messages.length} messages)`)
    .join(', ');
}

function chooseAccount(
  file: ClientStateFile,
  selector: string | null | undefined,
): ClientStateAccount | null {
  const { accounts, format } = file;
  const choices = accounts.map(accountLabel);
  if (selector === null || selector === undefined || selector === '') {
    if (accounts.length <= 1) return accounts[0] ?? null;
    throw new AccountChoiceError(
      format,
      choices,
      `${FORMAT_TITLES[format]} holding ${accounts.length} accounts: ${describeChoices(accounts)}; ` +
        "name one as 'FILE#<user>@<host>' or 'FILE#<n>'",
    );
  }
  if (/^\d+$/.test(selector)) {
    const chosen = accounts[Number(selector) - 1];
    if (chosen) return chosen;
  } else {
    const exact = choices.indexOf(selector);
    const folded = choices.findIndex((c) => c.toLowerCase() === selector.toLowerCase());
    const index = exact >= 0 ? exact : folded;
    if (index >= 0) return accounts[index]!;
  }
  throw new AccountChoiceError(
    format,
    choices,
    `${FORMAT_TITLES[format]} with no account '${selector}' (accounts: ` +
      `${describeChoices(accounts) || 'none'})`,
  );
}

export function decodeClientState(
  input: Uint8Array,
  format: ClientStateFormat,
  options: ClientStateOptions,
): DecodedInput {
  const file = readClientState(input, format);
  const account = chooseAccount(file, options.account);
  const diagnostics: InputDiagnostic[] = [...file.diagnostics];
  const history = account
    ? accountToHistory(account, options.undatedTime)
    : { bytes: Uint8Array.of(3, 0, 0, 0), diagnostics: [], written: 0 };
  if (!account) {
    diagnostics.push({
      code: 'state.no-accounts',
      severity: 'warning',
      message: `The file holds no account${format === 'popstate' ? ' ("*<host> <user>" line)' : ''} and no message; the history is empty.`,
    });
  }
  diagnostics.push(...history.diagnostics);
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const label = account ? accountLabel(account) : null;
  const base = options.reason ?? `${FORMAT_TITLES[format].replace(/^a /, 'A ')} was requested.`;
  const reason =
    base +
    (label && format !== 'getmail' ? ` Account ${label}: ` : ' ') +
    `${history.written.toLocaleString('en-US')} message(s) became tags` +
    (file.accounts.length > 1 ? ` (one of ${file.accounts.length} accounts).` : '.');
  return {
    format,
    reason,
    bytes: history.bytes,
    diagnostics,
    clientState: {
      format,
      account: label,
      accounts: file.accounts.map(accountLabel),
      host: account?.host ?? null,
      user: account?.user ?? null,
      lineBreak: file.lineBreak,
    },
  };
}
