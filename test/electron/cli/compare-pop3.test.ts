/**
 * `uidl-studio compare BLOB --pop3 ...` against a scripted fake server (the real Dovecot runs in
 * test/electron/network/dovecot.test.ts): options, the password's sources, the warnings.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TagFields } from '../../../shared/codec/edit.js';
import type { ComparisonJson } from '../../../shared/compare/json.js';
import type { CliIo } from '../../../electron/cli/io.js';
import { run } from '../../../electron/cli/run.js';
import { buildBlob } from '../../fixtures/blobs.js';
import { startFakePop3, type FakePop3Server } from '../network/fake-pop3-server.js';
import { TEST_CERTIFICATE } from '../network/test-certificate.js';
import { expectOneErrorLine, runCli, useScratchFolder } from './helpers.js';

const PASSWORD = 'env-pa55word';
const tag = (uid: string): TagFields => ({
  op: '+',
  content: 'b',
  timestamp: '20240102030405',
  uid,
});

let server: FakePop3Server;
afterEach(async () => {
  await server?.close();
  vi.unstubAllEnvs();
});

describe('uidl-studio compare --pop3', () => {
  const scratch = useScratchFolder();
  let history: string;
  beforeEach(async () => {
    vi.stubEnv('UIDL_STUDIO_PASSWORD', PASSWORD);
    history = await scratch.write('history.bin', buildBlob([tag('uid-one')]));
  });

  it('fetches UIDL then QUIT in plain text with --plain, and exits 1 when a UID is new', async () => {
    server = await startFakePop3({ password: PASSWORD });
    const result = await runCli([
      'compare',
      history,
      '--pop3',
      `127.0.0.1:${server.port}`,
      '--user',
      'alice',
      '--plain',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(server.commands).toEqual([
      { line: 'USER alice', tls: false },
      { line: `PASS ${PASSWORD}`, tls: false },
      { line: 'UIDL', tls: false },
      { line: 'QUIT', tls: false },
    ]);
    const lines = result.stdout.split('\n');
    expect(lines[1]).toBe(
      `Listing: alice@127.0.0.1:${server.port}, live-check: UIDL from 127.0.0.1:${server.port} ` +
        'as alice, in plain text, fetched live: 2 messages.',
    );
    expect(result.stdout).toContain('Will be downloaded (1):');
    expect(result.stdout).toMatch(/\n {6}2 {2}uid-two {2}new mail\n/);
  });

  it('verifies the certificate against --ca, and exits 0 when the history holds every UID', async () => {
    server = await startFakePop3({ password: PASSWORD, implicitTls: true, uidl: ['1 uid-one'] });
    const ca = await scratch.write('server.pem', TEST_CERTIFICATE);
    const result = await runCli([
      'compare',
      '--json',
      history,
      '--pop3',
      `localhost:${server.port}`,
      '--user',
      'alice',
      '--ca',
      ca,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as ComparisonJson;
    expect(json.listing).toMatchObject({ name: `alice@localhost:${server.port}`, messages: 1 });
    expect(json.counts).toMatchObject({ serverMessages: 1, kept: 1, willDownload: 0 });
    expect(server.commands.every(({ tls }) => tls)).toBe(true);
  });

  it('warns on stderr with --insecure, and refuses a self-signed certificate without it', async () => {
    server = await startFakePop3({ password: PASSWORD, implicitTls: true, uidl: ['1 uid-one'] });
    const target = `127.0.0.1:${server.port}`;
    const insecure = await runCli([
      'compare',
      history,
      '--pop3',
      target,
      '--user',
      'alice',
      '--tls',
      '--insecure',
    ]);
    expect(insecure.code).toBe(0);
    expect(insecure.stderr).toBe(
      `uidl-studio: warning: --insecure: the certificate of ${target} is not verified; anyone ` +
        'on the way could pose as the server and read the password\n',
    );
    expect(insecure.stdout).toContain('over TLSv1.3 (certificate not verified)');

    const verified = await runCli(['compare', history, '--pop3', target, '--user', 'alice']);
    expect(verified.code).toBe(2);
    expect(expectOneErrorLine(verified.stderr)).toMatch(
      new RegExp(
        `^uidl-studio: The certificate of ${target} is self-signed, so it was not trusted\\. .*--ca CERT\\.pem.*--insecure`,
      ),
    );
  });

  it('exits 2 with the server refusal for a wrong password, never showing it', async () => {
    server = await startFakePop3({ password: 'the-real-one' });
    const result = await runCli([
      'compare',
      history,
      '--pop3',
      `127.0.0.1:${server.port}`,
      '--user',
      'alice',
      '--plain',
    ]);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toBe(
      `uidl-studio: 127.0.0.1:${server.port} refused the user name or password for alice: ` +
        '"-ERR [AUTH] Failed."',
    );
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });

  it('never prints a password the server lists as a UID, in text or JSON', async () => {
    for (const json of [false, true]) {
      server = await startFakePop3({ password: PASSWORD, uidl: ['1 uid-one', `2 ${PASSWORD}`] });
      const result = await runCli([
        'compare',
        ...(json ? ['--json'] : []),
        history,
        '--pop3',
        `127.0.0.1:${server.port}`,
        '--user',
        'alice',
        '--plain',
      ]);
      await server.close();
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(
        "line 3: the UID holds alice's password; the line is left out so it is not shown",
      );
      expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    }
  });

  it('refuses a line break in the password or user before connecting', async () => {
    server = await startFakePop3({ password: PASSWORD });
    const target = `127.0.0.1:${server.port}`;
    vi.stubEnv('UIDL_STUDIO_PASSWORD', `${PASSWORD}\r\nDELE 1`);
    const password = await runCli(['compare', history, '--pop3', target, '--user', 'a', '--plain']);
    expect(password.code).toBe(2);
    expect(expectOneErrorLine(password.stderr)).toBe(
      'uidl-studio: The password must be one line of text without control characters, and not empty',
    );
    vi.stubEnv('UIDL_STUDIO_PASSWORD', PASSWORD);
    const user = await runCli(['compare', history, '--pop3', target, '--user', 'a\nDELE 1']);
    expect(user.code).toBe(2);
    expect(expectOneErrorLine(user.stderr)).toBe('uidl-studio: --user must be one line of text');
    expect(server.connections).toBe(0);
  });

  it('asks on the terminal when UIDL_STUDIO_PASSWORD is not set', async () => {
    vi.stubEnv('UIDL_STUDIO_PASSWORD', undefined);
    server = await startFakePop3({ password: 'typed-secret', uidl: ['1 uid-one'] });
    const prompts: string[] = [];
    const output: string[] = [];
    const io: CliIo = {
      readStdin: async () => new Uint8Array(),
      readSecret: async (prompt) => {
        prompts.push(prompt);
        return 'typed-secret';
      },
      stdout: { write: (chunk) => void output.push(String(chunk)) },
      stderr: { write: (chunk) => void output.push(String(chunk)) },
    };
    const code = await run(
      ['compare', history, '--pop3', `127.0.0.1:${server.port}`, '--user', 'bob', '--plain'],
      io,
    );
    expect(code).toBe(0);
    expect(prompts).toEqual([`Password for bob at 127.0.0.1:${server.port}: `]);
    expect(server.commands[1]).toEqual({ line: 'PASS typed-secret', tls: false });
  });

  it('warns of --insecure before asking for the password', async () => {
    vi.stubEnv('UIDL_STUDIO_PASSWORD', undefined);
    server = await startFakePop3({ password: 'typed', implicitTls: true, uidl: ['1 uid-one'] });
    const events: string[] = [];
    const io: CliIo = {
      readStdin: async () => new Uint8Array(),
      readSecret: async (prompt) => {
        events.push(`prompt: ${prompt}`);
        return 'typed';
      },
      stdout: { write: () => undefined },
      stderr: { write: (chunk) => void events.push(`stderr: ${String(chunk)}`) },
    };
    const target = `127.0.0.1:${server.port}`;
    const code = await run(
      ['compare', history, '--pop3', target, '--user', 'bob', '--insecure'],
      io,
    );
    expect(code).toBe(0);
    expect(events).toEqual([
      `stderr: uidl-studio: warning: --insecure: the certificate of ${target} is not verified; ` +
        'anyone on the way could pose as the server and read the password\n',
      `prompt: Password for bob at ${target}: `,
    ]);
  });

  it('says how to give the password when there is neither the variable nor a terminal', async () => {
    vi.stubEnv('UIDL_STUDIO_PASSWORD', undefined);
    server = await startFakePop3();
    const result = await runCli(['compare', history, '--pop3', 'localhost', '--user', 'bob']);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toBe(
      'uidl-studio: no password for bob: set UIDL_STUDIO_PASSWORD, or run on a terminal to be ' +
        'asked (it is never taken as an argument)',
    );
    expect(server.connections).toBe(0);
  });

  it('asks for UIDL_STUDIO_PASSWORD when the BLOB is read from stdin, which the prompt would need', async () => {
    vi.stubEnv('UIDL_STUDIO_PASSWORD', undefined);
    server = await startFakePop3();
    let stdinRead = false;
    const prompts: string[] = [];
    const errors: string[] = [];
    const io: CliIo = {
      readStdin: async () => {
        stdinRead = true;
        return new Uint8Array();
      },
      readSecret: async (prompt) => {
        prompts.push(prompt);
        return 'typed';
      },
      stdout: { write: () => undefined },
      stderr: { write: (chunk) => void errors.push(String(chunk)) },
    };
    const code = await run(
      ['compare', '-', '--pop3', `127.0.0.1:${server.port}`, '--user', 'bob', '--plain'],
      io,
    );
    expect(code).toBe(2);
    expect(expectOneErrorLine(errors.join(''))).toBe(
      'uidl-studio: the BLOB is read from stdin (-), so the password cannot be typed there: ' +
        'set UIDL_STUDIO_PASSWORD',
    );
    expect({ stdinRead, prompts, connections: server.connections }).toEqual({
      stdinRead: false,
      prompts: [],
      connections: 0,
    });
  });

  describe('exits 2 with one line for options that do not fit', () => {
    const cases: [string, string[], string][] = [
      ['--pop3 without --user', ['--pop3', 'mail.example'], '--pop3 needs --user USER'],
      [
        '--user without --pop3',
        ['--user', 'bob'],
        '--user is only for a live check: add --pop3 HOST[:PORT]',
      ],
      [
        '--insecure without --pop3',
        ['x.txt', '--insecure'],
        '--insecure is only for a live check: add --pop3 HOST[:PORT]',
      ],
      [
        'two securities',
        ['--pop3', 'h', '--user', 'u', '--tls', '--stls'],
        'give one of --tls, --stls and --plain, not tls and stls',
      ],
      [
        'a port out of range',
        ['--pop3', 'h:70000', '--user', 'u'],
        "--pop3 'h:70000': the port must be a number from 1 to 65535",
      ],
      [
        'a URL for a host',
        ['--pop3', 'pop3://h', '--user', 'u'],
        "--pop3 'pop3://h': expected host or host:port",
      ],
      [
        '--plain with --insecure',
        ['--pop3', 'h', '--user', 'u', '--plain', '--insecure'],
        '--ca and --insecure are about TLS certificates; --plain uses none',
      ],
      [
        'a listing as well',
        ['x.txt', '--pop3', 'h', '--user', 'u'],
        'give a LISTING or --pop3, not both',
      ],
      [
        'a password argument',
        ['--pop3', 'h', '--user', 'u', '--password', 'p'],
        "unknown option '--password'",
      ],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const result = await runCli(['compare', history, ...args]);
        expect(result.code).toBe(2);
        expect(expectOneErrorLine(result.stderr)).toBe(`uidl-studio: ${message}`);
      });
    }
  });
});
