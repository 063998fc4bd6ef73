/**
 * test/servers/dovecot/start.mjs itself, each case in a folder of its own
 * (UIDL_STUDIO_DOVECOT_DIR) so the shared instance the live-check tests use is left alone:
 * stale state from an earlier run, a restrictive umask, concurrent runs, a port taken at bind
 * time, and a Dovecot that fails to start. Every Dovecot started here is stopped by its pid.
 *
 * Skips without Dovecot, fails instead with UIDL_STUDIO_REQUIRE_DOVECOT=1 (CI), as
 * test/electron/network/dovecot.test.ts does.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchUidlListing } from '../../../electron/network/pop3-client.js';

const START_SCRIPT = fileURLToPath(new URL('./start.mjs', import.meta.url));

interface Fixture {
  readonly host: string;
  readonly ports: { readonly pop3: number; readonly pop3s: number };
  readonly users: readonly { user: string; password: string; messages: number }[];
  readonly pid: number;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function dovecotInstalled(): boolean {
  const folders = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin'];
  return folders.some((folder) => folder !== '' && existsSync(join(folder, 'dovecot')));
}

const installed = dovecotInstalled();
const required = process.env.UIDL_STUDIO_REQUIRE_DOVECOT === '1';

/** The Dovecot masters running on `folder`'s configuration, from /proc. */
function mastersOf(folder: string): number[] {
  const config = join(folder, 'dovecot.conf');
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(config);
      } catch {
        return false;
      }
    })
    .map(Number);
}

if (!installed && required) {
  describe('the Dovecot fixture script', () => {
    it('has Dovecot to start (UIDL_STUDIO_REQUIRE_DOVECOT=1)', () => {
      throw new Error('dovecot is not installed: apt-get install dovecot-pop3d (.ci/run does)');
    });
  });
} else if (!installed) {
  describe.skip('the Dovecot fixture script: dovecot is not installed', () => {
    it('skipped', () => {});
  });
} else {
  describe('the Dovecot fixture script', () => {
    let folder: string;
    let scratch: string;

    beforeEach(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'uidl-dovecot-start-'));
      // mkdtemp makes it 0700; Dovecot's unprivileged processes must pass through it.
      await chmod(scratch, 0o755);
      folder = join(scratch, 'dovecot');
    });
    afterEach(async () => {
      for (const pid of mastersOf(folder)) process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 100 && mastersOf(folder).length > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(mastersOf(folder)).toEqual([]);
      await rm(scratch, { recursive: true, force: true });
    });

    /** Runs start.mjs on this test's folder; `shell` runs first (a umask, say). */
    function start(options: { path?: string; shell?: string } = {}): Promise<Run> {
      const env = {
        ...process.env,
        UIDL_STUDIO_DOVECOT_DIR: folder,
        ...(options.path !== undefined && { PATH: options.path }),
      };
      const command = `${options.shell ?? ''} exec "${process.execPath}" "${START_SCRIPT}"`;
      return new Promise((resolve) => {
        execFile('/bin/sh', ['-c', command], { env, timeout: 90_000 }, (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
          resolve({ code, stdout, stderr });
        });
      });
    }

    function fixtureOf(run: Run): Fixture {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout) as Fixture;
    }

    async function listedMessages(fixture: Fixture): Promise<number> {
      const few = fixture.users[1]!;
      const listing = await fetchUidlListing({
        host: fixture.host,
        port: fixture.ports.pop3,
        security: 'plain',
        allowPlain: true,
        user: few.user,
        password: few.password,
        timeoutMs: 10_000,
      });
      return listing.messages.length;
    }

    /** A `dovecot` that runs `body` (sh), first on PATH. */
    async function fakeDovecot(body: string): Promise<string> {
      const bin = join(scratch, 'bin');
      await mkdir(bin);
      await writeFile(join(bin, 'dovecot'), `#!/bin/sh\n${body}\n`);
      await chmod(join(bin, 'dovecot'), 0o755);
      return `${bin}:${process.env.PATH ?? ''}`;
    }

    it('reuses its running server, and replaces one whose fixture.json was lost', async () => {
      const first = fixtureOf(await start());
      expect(fixtureOf(await start())).toEqual(first);
      expect(mastersOf(folder)).toEqual([first.pid]);

      await rm(join(folder, 'fixture.json'));
      const second = fixtureOf(await start());
      expect(second.pid).not.toBe(first.pid);
      // The old server was stopped, not left running beside the new one.
      expect(mastersOf(folder)).toEqual([second.pid]);
      expect(await listedMessages(second)).toBe(second.users[1]!.messages);
    });

    it('starts a server its users can log in to under a umask of 077', async () => {
      const fixture = fixtureOf(await start({ shell: 'umask 077;' }));
      expect(await listedMessages(fixture)).toBe(fixture.users[1]!.messages);
    });

    it('gives concurrent runs one server', async () => {
      const runs = await Promise.all([start(), start(), start()]);
      const fixtures = runs.map(fixtureOf);
      expect(new Set(fixtures.map(({ pid }) => pid)).size).toBe(1);
      expect(mastersOf(folder)).toEqual([fixtures[0]!.pid]);
      expect(await listedMessages(fixtures[0]!)).toBe(fixtures[0]!.users[1]!.messages);
    });

    it('chooses other ports when one is taken at bind time', async () => {
      // The first start fails as Dovecot does when a port was taken; the next one is real.
      const marker = join(scratch, 'failed-once');
      const path = await fakeDovecot(
        `if [ ! -e "${marker}" ]; then : > "${marker}"\n` +
          '  echo "Error: service(pop3-login): listen(127.0.0.1, 4711) failed: Address already in use" >&2\n' +
          '  echo "Fatal: Failed to start listeners" >&2; exit 89\n' +
          `fi\nexec /usr/sbin/dovecot "$@"`,
      );
      const fixture = fixtureOf(await start({ path }));
      expect(existsSync(marker)).toBe(true);
      expect(await listedMessages(fixture)).toBe(fixture.users[1]!.messages);
    });

    it('exits 1 with what Dovecot said when it cannot start, and describes no server', async () => {
      const path = await fakeDovecot(
        'echo "doveconf: Fatal: Error in configuration file: simulated" >&2; exit 89',
      );
      const run = await start({ path });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^dovecot fixture: dovecot -c .*dovecot\.conf failed \(attempt 1\): /,
      );
      expect(run.stderr).toContain('doveconf: Fatal: Error in configuration file: simulated');
      expect(run.stderr).toContain(`last lines of ${join(folder, 'start.log')}:`);
      expect(existsSync(join(folder, 'fixture.json'))).toBe(false);
      // The lock was released: the next run is not kept waiting.
      expect(existsSync(`${folder}.lock`)).toBe(false);
      await expect(readFile(join(folder, 'start.log'), 'utf8')).resolves.toContain('simulated');
    });
  });
}
