/**
 * POP3 accounts checked before (host, port, security, user), most recent first, kept as JSON
 * in the userData folder for the live-check form. A password is kept only sealed by the OS
 * keychain (see password-vault.ts), never in clear text. The file is written atomically and
 * readable by its owner only; one that cannot be understood is renamed aside, not deleted.
 */
import * as nodeFs from 'node:fs/promises';
import { z } from 'zod';
import type { Pop3Security } from '../../shared/host/contract.js';
import { readJsonFile, writeJsonFile, type JsonFileFs } from '../services/json-file.js';
import { serialQueue } from '../services/serial-queue.js';

export const POP3_ACCOUNTS_LIMIT = 20;

/**
 * The protection a password was remembered with: it is released only to a check at least as
 * strong, so a page (or a slip of the mouse) cannot send it in plain text or to an unverified
 * server where the user once chose TLS and verification.
 */
export interface PasswordSecurity {
  readonly security: Pop3Security;
  readonly verifyCertificate: boolean;
}

export interface StoredPop3Account {
  readonly host: string;
  readonly port: number;
  readonly security: Pop3Security;
  readonly user: string;
  /** The password sealed by the OS keychain, base64; null when none is remembered. */
  readonly sealedPassword: string | null;
  /** What the password was stored with; null when none is remembered. */
  readonly passwordSecurity: PasswordSecurity | null;
  /** When it was last checked, ms since the epoch. */
  readonly checkedMs: number;
}

export interface AccountKey {
  readonly host: string;
  readonly port: number;
  readonly user: string;
}

/** What happens to a remembered password when an account is remembered again. */
export type PasswordChange =
  | { readonly kind: 'keep' }
  | { readonly kind: 'forget' }
  | { readonly kind: 'store'; readonly sealed: string; readonly security: PasswordSecurity };

export interface Pop3Accounts {
  list(): Promise<readonly StoredPop3Account[]>;
  find(key: AccountKey): Promise<StoredPop3Account | null>;
  /** Puts the account first (checked now). */
  remember(
    account: AccountKey & { readonly security: Pop3Security },
    password: PasswordChange,
  ): Promise<void>;
  forget(key: AccountKey): Promise<void>;
}

export interface Pop3AccountsOptions {
  /** The JSON file, e.g. `<userData>/pop3-accounts.json`. */
  readonly file: string;
  readonly limit?: number;
  readonly fs?: JsonFileFs & Pick<typeof nodeFs, 'chmod'>;
  readonly now?: () => number;
  readonly onWarning?: (message: string) => void;
}

const storedSchema = z.object({
  version: z.literal(1),
  accounts: z.array(
    z.object({
      host: z.string().min(1).max(253),
      port: z.number().int().min(1).max(65_535),
      security: z.enum(['tls', 'stls', 'plain']),
      user: z.string().min(1).max(255),
      sealedPassword: z.string().min(1).nullable(),
      // Absent in files written before it was recorded.
      passwordSecurity: z
        .object({ security: z.enum(['tls', 'stls', 'plain']), verifyCertificate: z.boolean() })
        .nullable()
        .optional(),
      checkedMs: z.number().finite(),
    }),
  ),
});

/**
 * A password remembered before its security was recorded is taken as stored with the
 * account's security and a verified certificate: the strictest reading, so it is never sent
 * more weakly than it might have been; a check it refuses asks for the password once more.
 */
function withPasswordSecurity(
  account: z.infer<typeof storedSchema>['accounts'][number],
): StoredPop3Account {
  const { passwordSecurity, ...rest } = account;
  return {
    ...rest,
    passwordSecurity:
      account.sealedPassword === null
        ? null
        : (passwordSecurity ?? { security: account.security, verifyCertificate: true }),
  };
}

/** Host names compare without case (DNS does); user names exactly (servers differ). */
function sameAccount(a: AccountKey, b: AccountKey): boolean {
  return a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port && a.user === b.user;
}

export function createPop3Accounts(options: Pop3AccountsOptions): Pop3Accounts {
  const fs = options.fs ?? nodeFs;
  const limit = options.limit ?? POP3_ACCOUNTS_LIMIT;
  const now = options.now ?? Date.now;
  const warn = options.onWarning ?? (() => {});
  let accounts: StoredPop3Account[] | undefined;
  const serialized = serialQueue();

  async function load(): Promise<StoredPop3Account[]> {
    if (accounts) return accounts;
    const stored = await readJsonFile(
      options.file,
      (value) => {
        const parsed = storedSchema.safeParse(value);
        return parsed.success ? parsed.data.accounts.map(withPasswordSecurity) : null;
      },
      { fs, now, onWarning: warn },
    );
    accounts = (stored ?? []).slice(0, limit);
    return accounts;
  }

  async function store(next: StoredPop3Account[]): Promise<void> {
    accounts = next;
    try {
      await writeJsonFile(options.file, { version: 1, accounts: next }, { fs });
      // Sealed passwords are useless elsewhere, but the list is nobody else's business.
      await fs.chmod(options.file, 0o600);
    } catch (error) {
      warn(
        `Cannot save the POP3 accounts to ${options.file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  return {
    list: () => serialized(async () => [...(await load())]),
    find: (key) =>
      serialized(async () => (await load()).find((account) => sameAccount(account, key)) ?? null),
    remember: (account, password) =>
      serialized(async () => {
        const current = await load();
        const previous = current.find((stored) => sameAccount(stored, account));
        const [sealedPassword, passwordSecurity] =
          password.kind === 'store'
            ? [password.sealed, password.security]
            : password.kind === 'keep' && previous?.sealedPassword != null
              ? [previous.sealedPassword, previous.passwordSecurity]
              : [null, null];
        const entry: StoredPop3Account = {
          host: account.host,
          port: account.port,
          security: account.security,
          user: account.user,
          sealedPassword,
          passwordSecurity,
          checkedMs: now(),
        };
        const others = current.filter((stored) => !sameAccount(stored, account));
        await store([entry, ...others].slice(0, limit));
      }),
    forget: (key) =>
      serialized(async () => {
        const current = await load();
        const next = current.filter((stored) => !sameAccount(stored, key));
        if (next.length !== current.length) await store(next);
      }),
  };
}
