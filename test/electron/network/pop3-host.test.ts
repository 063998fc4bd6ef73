import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pop3CheckRequest, Pop3CheckResult } from '../../../shared/host/contract.js';
import type { TaskContext } from '../../../electron/services/host-services.js';
import type { SafeStorageLike } from '../../../electron/network/password-vault.js';
import { Pop3Error } from '../../../electron/network/pop3-client.js';
import { createPop3Host, type Pop3HostOptions } from '../../../electron/network/pop3-host.js';
import { startFakePop3, type FakePop3Server } from './fake-pop3-server.js';

const PASSWORD = 'correct-horse-battery';

/** A stand-in keychain: reversible, and never the clear text (nor its base64) on the way. */
function fakeSafeStorage(
  state: { available: boolean; backend?: string; failDecrypt?: boolean } = { available: true },
): SafeStorageLike {
  const mask = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0xa5));
  return {
    isEncryptionAvailable: () => state.available,
    encryptString: (text) => Buffer.concat([Buffer.from('v10'), mask(Buffer.from(text, 'utf8'))]),
    decryptString: (sealed) => {
      if (state.failDecrypt) throw new Error('Error while decrypting the ciphertext provided');
      return mask(sealed.subarray(3)).toString('utf8');
    },
    ...(state.backend !== undefined && { getSelectedStorageBackend: () => state.backend! }),
  };
}

interface RecordedTask extends TaskContext {
  readonly events: [phase: string, done: number, total: number | null][];
  readonly controller: AbortController;
}

function task(): RecordedTask {
  const controller = new AbortController();
  const events: RecordedTask['events'] = [];
  return {
    controller,
    events,
    signal: controller.signal,
    progress: (phase, done, total) => events.push([phase, done, total]),
  };
}

let folder: string;
let accountsFile: string;
let warnings: string[];
let server: FakePop3Server;

beforeEach(async () => {
  folder = await fs.mkdtemp(join(tmpdir(), 'uidl-pop3-host-'));
  accountsFile = join(folder, 'userData', 'pop3-accounts.json');
  warnings = [];
  server = await startFakePop3({
    password: PASSWORD,
    uidl: ['1 a-1', '2 a.2', '3 a$3'],
  });
});
afterEach(async () => {
  // Whatever happened, no warning (they go to the app's log) carries the password.
  expect(warnings.join('\n')).not.toContain(PASSWORD);
  await server.close();
  await fs.rm(folder, { recursive: true, force: true });
});

function host(options: Partial<Pop3HostOptions> = {}) {
  return createPop3Host({
    accountsFile,
    safeStorage: fakeSafeStorage(),
    onWarning: (message) => warnings.push(message),
    timeoutMs: 5000,
    ...options,
  });
}

function request(overrides: Partial<Pop3CheckRequest> = {}): Pop3CheckRequest {
  return {
    taskId: 'check-1',
    host: '127.0.0.1',
    port: server.port,
    security: 'plain',
    allowPlain: true,
    user: 'alice',
    password: PASSWORD,
    rememberPassword: false,
    insecure: false,
    ...overrides,
  };
}

async function accountsFileBytes(): Promise<Buffer> {
  return fs.readFile(accountsFile);
}

function expectNoClearPassword(bytes: Buffer): void {
  for (const form of [
    Buffer.from(PASSWORD, 'utf8'),
    Buffer.from(PASSWORD, 'utf16le'),
    Buffer.from(Buffer.from(PASSWORD).toString('base64')),
  ]) {
    expect(bytes.includes(form)).toBe(false);
  }
}

function failure(result: Pop3CheckResult) {
  if (result.status !== 'failed') throw new Error(`expected a failure, got ${result.status}`);
  return result;
}

describe('a live check', () => {
  it('lists the messages, reports each phase and the final count, remembers the account', async () => {
    const pop3 = host();
    const context = task();
    const result = await pop3.check(request(), context);

    expect(result).toEqual({
      status: 'listed',
      messages: [
        { number: 1, uid: 'a-1' },
        { number: 2, uid: 'a.2' },
        { number: 3, uid: 'a$3' },
      ],
      problems: [],
      greeting: 'Fake POP3 ready.',
      tlsProtocol: null,
      certificateVerified: false,
      passwordRemembered: false,
    });
    expect(context.events).toEqual([
      ['Connecting', 0, null],
      ['Signing in', 0, null],
      ['Receiving UIDL', 0, null],
      ['Receiving UIDL', 1, null],
      ['Receiving UIDL', 2, null],
      ['Receiving UIDL', 3, null],
      ['Receiving UIDL', 3, 3],
    ]);
    expect(server.verbs()).toEqual(['USER', 'PASS', 'UIDL', 'QUIT']);
    expect(await pop3.listAccounts()).toEqual([
      {
        host: '127.0.0.1',
        port: server.port,
        security: 'plain',
        user: 'alice',
        hasRememberedPassword: false,
      },
    ]);
    expectNoClearPassword(await accountsFileBytes());
  });

  it('remembers the password sealed by the keychain only, and uses it when none is typed', async () => {
    const pop3 = host();
    const first = await pop3.check(request({ rememberPassword: true }), task());
    expect(first.status === 'listed' && first.passwordRemembered).toBe(true);

    const bytes = await accountsFileBytes();
    expectNoClearPassword(bytes);
    const stored = JSON.parse(bytes.toString('utf8')) as {
      accounts: { sealedPassword: string }[];
    };
    expect(Buffer.from(stored.accounts[0]!.sealedPassword, 'base64').subarray(0, 3)).toEqual(
      Buffer.from('v10'),
    );

    // A new host object (the app restarted) reads the sealed password back.
    const again = await host().check(request({ password: null }), task());
    expect(again.status === 'listed' && again.passwordRemembered).toBe(true);
    expect(server.commands.filter(({ line }) => line.startsWith('PASS '))).toEqual([
      { line: `PASS ${PASSWORD}`, tls: false },
      { line: `PASS ${PASSWORD}`, tls: false },
    ]);
    expect((await pop3.listAccounts())[0]?.hasRememberedPassword).toBe(true);
  });

  it('never hands the app a password the server lists as a UID', async () => {
    await server.close();
    server = await startFakePop3({ password: PASSWORD, uidl: ['1 a-1', `2 ${PASSWORD}`] });
    const result = await host().check(request({ port: server.port }), task());
    expect(result.status === 'listed' && result.messages).toEqual([{ number: 1, uid: 'a-1' }]);
    expect(result.status === 'listed' && result.problems.map(({ text }) => text)).toEqual([
      '2 ********',
    ]);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });

  it('writes the accounts file for its owner only', async () => {
    if (process.platform === 'win32') return; // no POSIX modes
    await host().check(request({ rememberPassword: true }), task());
    expect((await fs.stat(accountsFile)).mode & 0o777).toBe(0o600);
  });

  it('keeps nothing of the password when no keychain is available, and says so', async () => {
    const pop3 = host({ safeStorage: fakeSafeStorage({ available: false }) });
    const result = await pop3.check(request({ rememberPassword: true }), task());
    expect(result.status === 'listed' && result.passwordRemembered).toBe(false);
    expect(warnings).toEqual([
      `The password for alice at 127.0.0.1:${server.port} was not remembered: no system ` +
        'keychain is available to encrypt it',
    ]);
    expectNoClearPassword(await accountsFileBytes());
    expect((await pop3.listAccounts())[0]?.hasRememberedPassword).toBe(false);
  });

  it("treats Linux's basic_text backend (a built-in key) as no keychain", async () => {
    const pop3 = host({
      safeStorage: fakeSafeStorage({ available: true, backend: 'basic_text' }),
    });
    const result = await pop3.check(request({ rememberPassword: true }), task());
    expect(result.status === 'listed' && result.passwordRemembered).toBe(false);
    expect(JSON.parse((await accountsFileBytes()).toString()).accounts[0].sealedPassword).toBe(
      null,
    );
  });

  it('forgets a remembered password when a new one is typed without "remember"', async () => {
    const pop3 = host();
    await pop3.check(request({ rememberPassword: true }), task());
    await pop3.check(request({ rememberPassword: false }), task());
    expect((await pop3.listAccounts())[0]?.hasRememberedPassword).toBe(false);
    const result = failure(await pop3.check(request({ password: null }), task()));
    expect(result.code).toBe('no-password');
  });

  it('asks for a password when none is remembered, without connecting', async () => {
    const result = failure(await host().check(request({ password: null }), task()));
    expect(result).toEqual({
      status: 'failed',
      code: 'no-password',
      message: `No password is remembered for alice at 127.0.0.1:${server.port}: type it`,
    });
    expect(server.connections).toBe(0);
  });

  it('asks again when the remembered password cannot be unsealed', async () => {
    const keychain = { available: true, failDecrypt: false };
    const pop3 = host({ safeStorage: fakeSafeStorage(keychain) });
    await pop3.check(request({ rememberPassword: true }), task());
    keychain.failDecrypt = true;
    const result = failure(await pop3.check(request({ password: null }), task()));
    expect(result.code).toBe('no-password');
    expect(result.message).toMatch(/cannot be read .*: type it again$/);
    expect(server.connections).toBe(1);
  });

  it('refuses plain text without explicit consent, before connecting', async () => {
    const result = failure(await host().check(request({ allowPlain: false }), task()));
    expect(result.code).toBe('plain-not-allowed');
    expect(result.message).toContain(`127.0.0.1:${server.port}`);
    expect(server.connections).toBe(0);
  });

  it("answers the server's refusal as an auth failure and remembers nothing", async () => {
    const pop3 = host();
    const result = failure(
      await pop3.check(request({ password: 'not-it', rememberPassword: true }), task()),
    );
    expect(result).toEqual({
      status: 'failed',
      code: 'auth',
      message: `127.0.0.1:${server.port} refused the user name or password for alice: "-ERR [AUTH] Failed."`,
    });
    expect(await pop3.listAccounts()).toEqual([]);
    await expect(fs.stat(accountsFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it("stops when the task's signal aborts, answering canceled", async () => {
    await server.close();
    const context = task();
    server = await startFakePop3({
      password: PASSWORD,
      handlers: {
        UIDL: () => {
          setImmediate(() => context.controller.abort());
          return { raw: '+OK\r\n1 a\r\n' };
        },
      },
    });
    const result = failure(await host().check(request({ port: server.port }), context));
    expect(result).toEqual({
      status: 'failed',
      code: 'canceled',
      message: `The check of 127.0.0.1:${server.port} was canceled`,
    });
    await server.firstClosed;
  });

  it('refuses a line break or NUL in the user name or password before any client runs', async () => {
    let clientRuns = 0;
    const pop3 = host({
      fetchListing: async () => {
        clientRuns += 1;
        throw new Pop3Error('protocol', 'the client ran');
      },
    });
    for (const [user, password, field] of [
      ['alice\r\nDELE 1', PASSWORD, 'user name'],
      ['alice', `${PASSWORD}\nDELE 1`, 'password'],
      ['alice', `${PASSWORD}\0`, 'password'],
    ] as const) {
      expect(failure(await pop3.check(request({ user, password }), task()))).toEqual({
        status: 'failed',
        code: 'auth',
        message: `The ${field} must be one line of text without control characters, and not empty`,
      });
    }
    expect(clientRuns).toBe(0);
    expect(server.connections).toBe(0);
    await expect(pop3.listAccounts()).resolves.toEqual([]);
  });

  it('maps an unexpected error to a failure rather than throwing', async () => {
    const pop3 = host({
      fetchListing: async () => {
        throw new TypeError('boom');
      },
    });
    expect(failure(await pop3.check(request(), task()))).toEqual({
      status: 'failed',
      code: 'protocol',
      message: `The check of 127.0.0.1:${server.port} failed unexpectedly: boom`,
    });
  });

  it('passes insecure and the security choice to the client', async () => {
    const seen: unknown[] = [];
    const pop3 = host({
      fetchListing: async (options) => {
        seen.push({
          security: options.security,
          insecure: options.insecure,
          allowPlain: options.allowPlain,
        });
        throw new Pop3Error('tls', 'handshake failed');
      },
    });
    const result = failure(
      await pop3.check(request({ security: 'tls', allowPlain: false, insecure: true }), task()),
    );
    expect(result.code).toBe('tls');
    expect(seen).toEqual([{ security: 'tls', insecure: true, allowPlain: false }]);
  });
});

describe('remembered accounts', () => {
  it('lists the most recent first, one entry per host (any case), port and user', async () => {
    let clock = 1000;
    const pop3 = host({ now: () => clock++ });
    await pop3.check(request({ user: 'alice' }), task());
    await pop3.check(request({ user: 'bob', password: 'x' }), task()); // refused: not remembered
    await pop3.check(request({ host: 'LOCALHOST', user: 'alice' }), task());
    await pop3.check(request({ host: 'localhost', user: 'alice', security: 'plain' }), task());
    expect((await pop3.listAccounts()).map(({ host: name, user }) => `${user}@${name}`)).toEqual([
      'alice@localhost',
      'alice@127.0.0.1',
    ]);
  });

  it('forgets an account and its password', async () => {
    const pop3 = host();
    await pop3.check(request({ rememberPassword: true }), task());
    await pop3.forgetAccount('127.0.0.1', server.port, 'alice');
    expect(await pop3.listAccounts()).toEqual([]);
    expect(JSON.parse((await accountsFileBytes()).toString())).toEqual({
      version: 1,
      accounts: [],
    });
  });

  it('renames a file it cannot understand aside, and starts empty', async () => {
    await fs.mkdir(join(folder, 'userData'), { recursive: true });
    await fs.writeFile(accountsFile, '{"version": 1, "accounts": [{"host": 5}]}');
    const pop3 = host();
    expect(await pop3.listAccounts()).toEqual([]);
    const names = await fs.readdir(join(folder, 'userData'));
    expect(names.filter((name) => name.startsWith('pop3-accounts.json.corrupt-'))).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/was not valid; it was renamed to .*\.corrupt-/);
  });
});

describe('a remembered password keeps the security it was stored with', () => {
  /** A host whose client records what it was asked to do and lists one message. */
  function recordingHost(
    seen: { security: string; insecure: boolean | undefined; password: string }[],
  ) {
    return host({
      fetchListing: async (options) => {
        seen.push({
          security: options.security,
          insecure: options.insecure,
          password: options.password,
        });
        return {
          messages: [{ number: 1, uid: 'a-1' }],
          problems: [],
          greeting: 'ready',
          tlsProtocol: options.security === 'plain' ? null : 'TLSv1.3',
          certificateVerified: options.security !== 'plain' && options.insecure !== true,
        };
      },
    });
  }
  const where = () => `alice at 127.0.0.1:${server.port}`;

  it.each([
    [
      'tls',
      false,
      { security: 'stls', allowPlain: false, insecure: false },
      'implicit TLS; this check would use STLS, which is weaker: choose implicit TLS, or type the password',
    ],
    [
      'tls',
      false,
      { security: 'plain', allowPlain: true, insecure: false },
      'implicit TLS; this check would use plain text, which is weaker: choose implicit TLS, or type the password',
    ],
    [
      'stls',
      false,
      { security: 'plain', allowPlain: true, insecure: false },
      'STLS; this check would use plain text, which is weaker: choose STLS or implicit TLS, or type the password',
    ],
    [
      'tls',
      false,
      { security: 'tls', allowPlain: false, insecure: true },
      'a verified server certificate; this check would not verify it, which is weaker: ' +
        'verify the certificate, or type the password',
    ],
  ] as const)(
    'refuses a password stored over %s (skip verification: %s) for %j, naming the weaker setting',
    async (security, insecure, weaker, why) => {
      const seen: { security: string; insecure: boolean | undefined; password: string }[] = [];
      const pop3 = recordingHost(seen);
      const stored = await pop3.check(
        request({ security, allowPlain: false, insecure, rememberPassword: true }),
        task(),
      );
      expect(stored.status).toBe('listed');
      const result = failure(await pop3.check(request({ ...weaker, password: null }), task()));
      expect(result).toEqual({
        status: 'failed',
        code: 'no-password',
        message: `The password remembered for ${where()} was stored for ${why}`,
      });
      // The client never ran with the weaker settings: the password went nowhere.
      expect(seen).toHaveLength(1);
    },
  );

  it('uses it with the same or stronger settings, and keeps the stronger ones it was stored with', async () => {
    const seen: { security: string; insecure: boolean | undefined; password: string }[] = [];
    const pop3 = recordingHost(seen);
    await pop3.check(
      request({ security: 'stls', allowPlain: false, insecure: true, rememberPassword: true }),
      task(),
    );
    // Stronger: implicit TLS, verified.
    const stronger = await pop3.check(
      request({ security: 'tls', allowPlain: false, insecure: false, password: null }),
      task(),
    );
    expect(stronger.status).toBe('listed');
    // Still what it was stored with (STLS, unverified) is the least it will be sent with.
    const same = await pop3.check(
      request({ security: 'stls', allowPlain: false, insecure: true, password: null }),
      task(),
    );
    expect(same.status).toBe('listed');
    expect(seen.map(({ security, insecure, password }) => [security, insecure, password])).toEqual([
      ['stls', true, PASSWORD],
      ['tls', false, PASSWORD],
      ['stls', true, PASSWORD],
    ]);
    const plain = failure(
      await pop3.check(request({ security: 'plain', allowPlain: true, password: null }), task()),
    );
    expect(plain.message).toMatch(/was stored for STLS; this check would use plain text/);
  });

  it('treats a password remembered before the security was recorded as stored verified, over its security', async () => {
    await fs.mkdir(join(folder, 'userData'), { recursive: true });
    const sealed = fakeSafeStorage().encryptString(PASSWORD).toString('base64');
    await fs.writeFile(
      accountsFile,
      JSON.stringify({
        version: 1,
        accounts: [
          {
            host: '127.0.0.1',
            port: server.port,
            security: 'stls',
            user: 'alice',
            sealedPassword: sealed,
            checkedMs: 1,
          },
        ],
      }),
    );
    const seen: { security: string; insecure: boolean | undefined; password: string }[] = [];
    const result = failure(
      await recordingHost(seen).check(
        request({ security: 'stls', allowPlain: false, insecure: true, password: null }),
        task(),
      ),
    );
    expect(result.message).toBe(
      `The password remembered for ${where()} was stored for a verified server certificate; ` +
        'this check would not verify it, which is weaker: verify the certificate, or type the password',
    );
    expect(seen).toEqual([]);
  });
});
