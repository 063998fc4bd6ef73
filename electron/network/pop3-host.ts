/**
 * The desktop app's live check (the Pop3Host the IPC handlers call): takes the password typed
 * now or the one remembered, fetches the UIDL listing with progress and cancel through the
 * task context, remembers the account after a successful check, and answers every failure
 * as a Pop3Failure whose message the UI can show as it is.
 */
import type {
  Pop3Security,
  Pop3Account,
  Pop3CheckRequest,
  Pop3CheckResult,
  Pop3Failure,
  Pop3FailureCode,
} from '../../shared/host/contract.js';
import type { Pop3Host, TaskContext } from '../services/host-services.js';
import { createPasswordVault, type SafeStorageLike } from './password-vault.js';
import { createPop3Accounts, type PasswordChange, type PasswordSecurity } from './pop3-accounts.js';
import {
  checkCredentials,
  clientOptionsFor,
  fetchUidlListing,
  Pop3Error,
  type Pop3Phase,
} from './pop3-client.js';

export interface Pop3HostOptions {
  /** Where the accounts are remembered, e.g. `<userData>/pop3-accounts.json`. */
  readonly accountsFile: string;
  /** Electron's safeStorage (or a fake): the only way a password reaches the disk. */
  readonly safeStorage: SafeStorageLike;
  readonly onWarning?: (message: string) => void;
  /** The POP3 client; tests pass one that talks to a fake server or none at all. */
  readonly fetchListing?: typeof fetchUidlListing;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

const PHASES: Record<Pop3Phase, string> = {
  connecting: 'Connecting',
  'signing-in': 'Signing in',
  listing: 'Receiving UIDL',
};

function failed(code: Pop3FailureCode, message: string): Pop3Failure {
  return { status: 'failed', code, message };
}

/** Implicit TLS protects from the first byte; STLS after a plain CAPA; plain text never. */
const STRENGTH: Record<Pop3Security, number> = { tls: 2, stls: 1, plain: 0 };
const SECURITY_NAMES: Record<Pop3Security, string> = {
  tls: 'implicit TLS',
  stls: 'STLS',
  plain: 'plain text',
};

/** Why `request` is weaker than what the password was stored with, or null when it is not. */
export function weakerSetting(stored: PasswordSecurity, request: Pop3CheckRequest): string | null {
  if (STRENGTH[request.security] < STRENGTH[stored.security]) {
    const enough = stored.security === 'stls' ? 'STLS or implicit TLS' : SECURITY_NAMES.tls;
    return (
      `${SECURITY_NAMES[stored.security]}; this check would use ` +
      `${SECURITY_NAMES[request.security]}, which is weaker: choose ${enough}`
    );
  }
  if (stored.verifyCertificate && request.insecure && request.security !== 'plain') {
    return (
      'a verified server certificate; this check would not verify it, which is weaker: ' +
      'verify the certificate'
    );
  }
  return null;
}

export function createPop3Host(options: Pop3HostOptions): Pop3Host {
  const warn = options.onWarning ?? (() => {});
  const fetchListing = options.fetchListing ?? fetchUidlListing;
  const vault = createPasswordVault(options.safeStorage);
  const accounts = createPop3Accounts({
    file: options.accountsFile,
    onWarning: warn,
    ...(options.now && { now: options.now }),
  });

  /** The password to send: typed now, else the remembered one, else why there is none. */
  async function passwordFor(request: Pop3CheckRequest): Promise<string | Pop3Failure> {
    if (request.password !== null) return request.password;
    const account = `${request.user} at ${request.host}:${request.port}`;
    const stored = await accounts.find(request);
    if (stored?.sealedPassword == null) {
      return failed('no-password', `No password is remembered for ${account}: type it`);
    }
    const weaker = stored.passwordSecurity && weakerSetting(stored.passwordSecurity, request);
    if (weaker) {
      return failed(
        'no-password',
        `The password remembered for ${account} was stored for ${weaker}, or type the password`,
      );
    }
    const password = vault.open(stored.sealedPassword);
    if (password === null) {
      return failed(
        'no-password',
        `The password remembered for ${account} cannot be read (the system keychain is not ` +
          'available, or it was saved by another user): type it again',
      );
    }
    return password;
  }

  /** What to keep of the password once the server accepted it. */
  function passwordChange(request: Pop3CheckRequest): PasswordChange {
    if (request.password === null) return { kind: 'keep' };
    // A newly typed password replaces the remembered one, or ends it when not to be kept.
    if (!request.rememberPassword) return { kind: 'forget' };
    const sealed = vault.seal(request.password);
    if (sealed === null) {
      warn(
        `The password for ${request.user} at ${request.host}:${request.port} was not ` +
          'remembered: no system keychain is available to encrypt it',
      );
      return { kind: 'forget' };
    }
    return {
      kind: 'store',
      sealed,
      // Plain text has no certificate to verify.
      security: {
        security: request.security,
        verifyCertificate: request.security !== 'plain' && !request.insecure,
      },
    };
  }

  return {
    async check(request: Pop3CheckRequest, task: TaskContext): Promise<Pop3CheckResult> {
      const where = `${request.host}:${request.port}`;
      if (request.security === 'plain' && !request.allowPlain) {
        return failed(
          'plain-not-allowed',
          `A plain-text connection to ${where} would send the password unencrypted; choose ` +
            'TLS or STLS, or allow plain text explicitly',
        );
      }
      const password = await passwordFor(request);
      if (typeof password !== 'string') return password;
      // Whatever client runs the check: a line break would smuggle in a command of its own.
      try {
        checkCredentials(request.user, password);
      } catch (error) {
        if (error instanceof Pop3Error) return failed(error.code, error.message);
        throw error;
      }

      let listing;
      try {
        listing = await fetchListing(
          clientOptionsFor(request, password, {
            signal: task.signal,
            ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
            onPhase: (phase) => task.progress(PHASES[phase], 0, null),
            onProgress: (received) => task.progress(PHASES.listing, received, null),
          }),
        );
      } catch (error) {
        if (error instanceof Pop3Error) return failed(error.code, error.message);
        const reason = error instanceof Error ? error.message : String(error);
        return failed('protocol', `The check of ${where} failed unexpectedly: ${reason}`);
      }
      // The final count, sent whatever the throttle: a known total always goes out.
      task.progress(PHASES.listing, listing.messages.length, listing.messages.length);

      const change = passwordChange(request);
      await accounts.remember(request, change);
      return {
        status: 'listed',
        ...listing,
        passwordRemembered: change.kind !== 'forget',
      };
    },

    async listAccounts(): Promise<readonly Pop3Account[]> {
      return (await accounts.list()).map(({ host, port, security, user, sealedPassword }) => ({
        host,
        port,
        security,
        user,
        hasRememberedPassword: sealedPassword !== null,
      }));
    },

    async forgetAccount(host: string, port: number, user: string): Promise<void> {
      await accounts.forget({ host, port, user });
    },
  };
}
