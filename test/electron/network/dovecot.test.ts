/**
 * The live check against a real Dovecot POP3 server (test/servers/dovecot/start.mjs starts it,
 * or reuses the one `.ci/run` started): plain, STLS and implicit TLS, certificate checks,
 * wrong password, refused connection, a comparison with a history built from part of the
 * listing, the command line, and finally stopping the server by its pid.
 *
 * Without Dovecot installed the tests skip, saying how to install it; with
 * UIDL_STUDIO_REQUIRE_DOVECOT=1 (CI) they fail instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import { compareHistory } from '../../../shared/compare/compare.js';
import { listingFromMessages } from '../../../shared/listing/parse-listing.js';
import {
  fetchUidlListing,
  Pop3Error,
  type Pop3ClientOptions,
  type Pop3UidlListing,
} from '../../../electron/network/pop3-client.js';
import { buildBlob } from '../../fixtures/blobs.js';
import { expectOneErrorLine, runCli, useScratchFolder } from '../cli/helpers.js';
import { closedPort } from './fake-pop3-server.js';

const START_SCRIPT = fileURLToPath(new URL('../../servers/dovecot/start.mjs', import.meta.url));
const INSTALL_HINT = 'apt-get install dovecot-pop3d';

interface DovecotFixture {
  readonly host: string;
  readonly hostName: string;
  readonly ports: { readonly pop3: number; readonly pop3s: number };
  readonly users: readonly { user: string; password: string; messages: number }[];
  readonly certificate: string;
  readonly pid: number;
  readonly uidlFormat: string;
  readonly uidPattern: string;
  readonly logFile: string;
}

type Overrides = { [K in keyof Pop3ClientOptions]?: Pop3ClientOptions[K] | undefined };

function dovecotInstalled(): boolean {
  const folders = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin'];
  return folders.some((folder) => folder !== '' && existsSync(join(folder, 'dovecot')));
}

const installed = dovecotInstalled();
const required = process.env.UIDL_STUDIO_REQUIRE_DOVECOT === '1';

if (!installed && required) {
  describe('Dovecot', () => {
    it('is installed (UIDL_STUDIO_REQUIRE_DOVECOT=1)', () => {
      throw new Error(
        `dovecot is not installed, and UIDL_STUDIO_REQUIRE_DOVECOT=1 requires the live POP3 ` +
          `tests: ${INSTALL_HINT} (.ci/run does)`,
      );
    });
  });
} else if (!installed) {
  describe.skip(`Dovecot live-check tests: dovecot is not installed (${INSTALL_HINT})`, () => {
    it('skipped', () => {});
  });
} else {
  describe('the live check against Dovecot', () => {
    let fixture: DovecotFixture;
    let ca: string;
    let many: { user: string; password: string; messages: number };
    let few: { user: string; password: string; messages: number };

    beforeAll(() => {
      // Reuses a running instance, or starts a fresh one (after the last test stopped it).
      const printed = execFileSync(process.execPath, [START_SCRIPT], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      fixture = JSON.parse(printed) as DovecotFixture;
      ca = readFileSync(fixture.certificate, 'utf8');
      [many, few] = fixture.users as [typeof many, typeof few];
    }, 90_000);

    /** Implicit TLS as `many`, trusting the fixture's certificate; `undefined` drops an option. */
    const options = (overrides: Overrides): Pop3ClientOptions => {
      const merged = {
        host: fixture.host,
        port: fixture.ports.pop3s,
        security: 'tls',
        user: many.user,
        password: many.password,
        ca,
        ...overrides,
      };
      return Object.fromEntries(
        Object.entries(merged).filter(([, value]) => value !== undefined),
      ) as unknown as Pop3ClientOptions;
    };

    async function failure(overrides: Overrides): Promise<Pop3Error> {
      const error = await fetchUidlListing(options(overrides)).then(
        () => new Error('expected the check to fail'),
        (thrown: unknown) => thrown,
      );
      if (!(error instanceof Pop3Error)) throw error;
      return error;
    }

    /** The whole mailbox as the server numbers it: 1..n, each UID of the configured shape. */
    function expectWholeMailbox(listing: Pop3UidlListing, messages: number): void {
      expect(listing.problems).toEqual([]);
      expect(listing.messages).toHaveLength(messages);
      expect(listing.messages.map(({ number }) => number)).toEqual(
        Array.from({ length: messages }, (_, i) => i + 1),
      );
      const pattern = new RegExp(fixture.uidPattern);
      expect(listing.messages.filter(({ uid }) => !pattern.test(uid))).toEqual([]);
      expect(new Set(listing.messages.map(({ uid }) => uid)).size).toBe(messages);
      // `%08Xu-…`: the IMAP UID is the first half.
      expect(listing.messages[messages - 1]?.uid.slice(0, 8)).toBe(
        messages.toString(16).padStart(8, '0'),
      );
    }

    let plainListing: Pop3UidlListing;

    it('lists every message over plain text (with consent), with the progress count', async () => {
      const progress: number[] = [];
      plainListing = await fetchUidlListing(
        options({
          port: fixture.ports.pop3,
          security: 'plain',
          allowPlain: true,
          onProgress: (received) => progress.push(received),
        }),
      );
      expectWholeMailbox(plainListing, many.messages);
      expect(plainListing.tlsProtocol).toBeNull();
      expect(plainListing.greeting).toMatch(/^Dovecot .*ready\.$/);
      expect(progress.at(-1)).toBe(many.messages);
    });

    it('lists the same UIDs after an STLS upgrade, verified against the given certificate', async () => {
      const listing = await fetchUidlListing(
        options({ port: fixture.ports.pop3, security: 'stls' }),
      );
      expect(listing.messages).toEqual(plainListing.messages);
      expect(listing.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
      expect(listing.certificateVerified).toBe(true);
    });

    it('lists the same UIDs over implicit TLS, by IP address and by host name', async () => {
      const byAddress = await fetchUidlListing(options({}));
      expect(byAddress.messages).toEqual(plainListing.messages);
      expect(byAddress.certificateVerified).toBe(true);
      const byName = await fetchUidlListing(options({ host: fixture.hostName }));
      expect(byName.messages).toEqual(plainListing.messages);
    });

    it("lists the second user's own, smaller mailbox", async () => {
      const listing = await fetchUidlListing(options({ user: few.user, password: few.password }));
      expectWholeMailbox(listing, few.messages);
    });

    it('does not trust the self-signed certificate by default, and says how to override', async () => {
      for (const security of ['tls', 'stls'] as const) {
        const port = security === 'tls' ? fixture.ports.pop3s : fixture.ports.pop3;
        const error = await failure({ security, port, ca: undefined });
        expect(error.code).toBe('tls');
        expect(error.message).toBe(
          `The certificate of ${fixture.host}:${port} is self-signed, so it was not trusted. ` +
            'If this is a test server you trust, trust its certificate with --ca CERT.pem or ' +
            'skip verification with --insecure (in the app: "Do not verify the server certificate").',
        );
      }
    });

    it('checks the name even on a trusted certificate', async () => {
      const error = await failure({ servername: 'mail.example' });
      expect(error.code).toBe('tls');
      expect(error.message).toMatch(/is for another name \(.*mail\.example/);
    });

    it('connects with verification skipped, and says it was', async () => {
      const listing = await fetchUidlListing(options({ ca: undefined, insecure: true }));
      expect(listing.certificateVerified).toBe(false);
      expect(listing.messages).toHaveLength(many.messages);
    });

    it("quotes Dovecot's refusal of a wrong password", async () => {
      const error = await failure({ password: 'not-the-password' });
      expect(error.code).toBe('auth');
      expect(error.message).toBe(
        `${fixture.host}:${fixture.ports.pop3s} refused the user name or password for ` +
          `${many.user}: "-ERR [AUTH] Authentication failed."`,
      );
    });

    it('names host and port when nothing listens there', async () => {
      const port = await closedPort();
      const error = await failure({ port });
      expect(error.code).toBe('refused');
      expect(error.message).toMatch(
        new RegExp(`^Connection to ${fixture.host.replaceAll('.', '\\.')}:${port} was refused`),
      );
    });

    describe('compared with a history holding part of the listing', () => {
      const kept = 2000;
      const stale = ['deleted-on-server-1', 'deleted-on-server-2'];
      const historyBytes = () =>
        buildBlob(
          [...plainListing.messages.slice(0, kept).map(({ uid }) => uid), ...stale].map((uid) => ({
            op: '+',
            content: 'b',
            timestamp: '20240301120000',
            uid,
          })),
        );

      it('classifies every UID: kept, will be downloaded, stale', () => {
        const comparison = compareHistory(
          parse(historyBytes()),
          listingFromMessages(plainListing.messages),
        );
        expect(comparison.counts).toMatchObject({
          serverMessages: many.messages,
          historyEntries: kept + stale.length,
          kept,
          willDownload: many.messages - kept,
          stale: stale.length,
          duplicatedInHistory: 0,
        });
        const willDownload = comparison.uids.filter((uid) => uid.uidClass === 'will-download');
        expect(willDownload.map(({ messageNumbers }) => messageNumbers)).toEqual(
          plainListing.messages.slice(kept).map(({ number }) => [number]),
        );
        expect(
          comparison.uids.filter((uid) => uid.uidClass === 'stale').map(({ uid }) => uid),
        ).toEqual(stale);
      });

      describe('uidl-studio compare --pop3', () => {
        const scratch = useScratchFolder();
        afterEach(() => {
          vi.unstubAllEnvs();
        });

        it('exits 1 when something would be downloaded, 0 when the history holds every UID', async () => {
          vi.stubEnv('UIDL_STUDIO_PASSWORD', many.password);
          const partial = await scratch.write('partial.bin', historyBytes());
          const target = `${fixture.host}:${fixture.ports.pop3s}`;
          const some = await runCli([
            'compare',
            '--json',
            partial,
            '--pop3',
            target,
            '--user',
            many.user,
            '--ca',
            fixture.certificate,
          ]);
          expect(some.stderr).toBe('');
          expect(some.code).toBe(1);
          expect(JSON.parse(some.stdout).counts).toMatchObject({
            kept,
            willDownload: many.messages - kept,
            stale: stale.length,
          });

          const complete = await scratch.write(
            'complete.bin',
            buildBlob(
              plainListing.messages.map(({ uid }) => ({
                op: '+',
                content: 'b',
                timestamp: '20240301120000',
                uid,
              })),
            ),
          );
          const none = await runCli([
            'compare',
            complete,
            '--pop3',
            `${fixture.hostName}:${fixture.ports.pop3}`,
            '--stls',
            '--user',
            many.user,
            '--ca',
            fixture.certificate,
          ]);
          expect(none.stderr).toBe('');
          expect(none.code).toBe(0);
          expect(none.stdout).toContain(
            `live-check: UIDL from ${fixture.hostName}:${fixture.ports.pop3} as ${many.user}, over TLSv1.`,
          );
        });

        it('exits 2 with one line for a wrong password', async () => {
          vi.stubEnv('UIDL_STUDIO_PASSWORD', 'not-the-password');
          const partial = await scratch.write('partial.bin', historyBytes());
          const result = await runCli([
            'compare',
            partial,
            '--pop3',
            `${fixture.host}:${fixture.ports.pop3}`,
            '--user',
            many.user,
            '--plain',
          ]);
          expect(result.code).toBe(2);
          expect(expectOneErrorLine(result.stderr)).toBe(
            `uidl-studio: ${fixture.host}:${fixture.ports.pop3} refused the user name or ` +
              `password for ${many.user}: "-ERR [AUTH] Authentication failed."`,
          );
        });
      });
    });

    // Last: the next run of this file starts a fresh server.
    it('stops the server by its pid; the port then refuses connections', async () => {
      process.kill(fixture.pid, 'SIGTERM');
      await vi.waitFor(
        () => {
          expect(() => process.kill(fixture.pid, 0)).toThrow(
            expect.objectContaining({ code: 'ESRCH' }),
          );
        },
        { timeout: 15_000, interval: 100 },
      );
      const error = await failure({ port: fixture.ports.pop3s });
      expect(error.code).toBe('refused');
    });
  });
}
