/**
 * `uidl-studio repair --pop3` against the real Dovecot of test/servers/dovecot/start.mjs (in a
 * folder of this test's own, since test/electron/network/dovecot.test.ts stops the shared one
 * at its end; stopped by its pid afterwards): a partial history repaired by default keeps the new mail, `--mark-downloaded all`
 * leaves nothing to download, and a server migration (an empty history marked with the new
 * server's whole listing) downloads nothing again. Skips without Dovecot, fails without it
 * under UIDL_STUDIO_REQUIRE_DOVECOT=1, as the other Dovecot tests do.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ComparisonJson } from '../../../shared/compare/json.js';
import { buildBlob } from '../../fixtures/blobs.js';
import { runCli, useScratchFolder } from './helpers.js';

const START_SCRIPT = fileURLToPath(new URL('../../servers/dovecot/start.mjs', import.meta.url));
const INSTALL_HINT = 'apt-get install dovecot-pop3d';
const DOVECOT_DIR = join(tmpdir(), 'uidl-studio-dovecot-repair');

interface DovecotFixture {
  readonly host: string;
  readonly ports: { readonly pop3s: number };
  readonly users: readonly { user: string; password: string; messages: number }[];
  readonly certificate: string;
  readonly pid: number;
}

function dovecotInstalled(): boolean {
  const folders = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin'];
  return folders.some((folder) => folder !== '' && existsSync(join(folder, 'dovecot')));
}

const installed = dovecotInstalled();

if (!installed && process.env.UIDL_STUDIO_REQUIRE_DOVECOT === '1') {
  describe('uidl-studio repair --pop3', () => {
    it('has Dovecot (UIDL_STUDIO_REQUIRE_DOVECOT=1)', () => {
      throw new Error(`dovecot is not installed: ${INSTALL_HINT} (.ci/run does)`);
    });
  });
} else if (!installed) {
  describe.skip(`uidl-studio repair --pop3: dovecot is not installed (${INSTALL_HINT})`, () => {
    it('skipped', () => {});
  });
} else {
  describe('uidl-studio repair --pop3 against Dovecot', () => {
    const scratch = useScratchFolder();
    let fixture: DovecotFixture;
    beforeAll(() => {
      const printed = execFileSync(process.execPath, [START_SCRIPT], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, UIDL_STUDIO_DOVECOT_DIR: DOVECOT_DIR },
      });
      fixture = JSON.parse(printed) as DovecotFixture;
    }, 90_000);
    afterAll(async () => {
      if (fixture === undefined) return;
      process.kill(fixture.pid, 'SIGTERM');
      await vi.waitFor(() => expect(() => process.kill(fixture.pid, 0)).toThrow(/ESRCH/), {
        timeout: 15_000,
        interval: 100,
      });
    }, 30_000);
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    /** `--pop3` as `user` over implicit TLS, trusting the fixture's certificate. */
    const live = (user: string): string[] => [
      '--pop3',
      `${fixture.host}:${fixture.ports.pop3s}`,
      '--user',
      user,
      '--ca',
      fixture.certificate,
    ];
    const account = (name: string) => {
      const found = fixture.users.find((user) => user.user === name)!;
      vi.stubEnv('UIDL_STUDIO_PASSWORD', found.password);
      return found;
    };
    const historyOf = (uids: readonly string[]): Uint8Array =>
      buildBlob(uids.map((uid) => ({ op: '+', content: 'b', timestamp: '20240301120000', uid })));

    it('keeps the new mail by default, and with all leaves nothing to download', async () => {
      const few = account('few');
      const empty = await scratch.write('empty.bin', historyOf([]));
      const listed = await runCli(['compare', '--json', empty, ...live(few.user)]);
      const uids = (JSON.parse(listed.stdout) as ComparisonJson).uids.map((u) => u.uid);
      expect(uids).toHaveLength(few.messages);
      // The history has seen messages 2 and 4: 1 and 3 were downloaded before, 5 is new.
      const partial = await scratch.write('partial.bin', historyOf([uids[1]!, uids[3]!]));

      const older = scratch.path('older.bin');
      const byDefault = await runCli(['repair', partial, ...live(few.user), '-o', older]);
      expect(byDefault.stderr).toBe('');
      expect(byDefault.code).toBe(1);
      expect(byDefault.stdout).toContain(
        'Outlook will download 2 messages again and 1 new message',
      );
      expect(byDefault.stdout).toMatch(/\nMarked 2 UIDs as downloaded \(/);
      expect(byDefault.stdout).toContain('\nLeft out 1 new message (listed after');
      const afterDefault = await runCli(['compare', '--json', older, ...live(few.user)]);
      expect(afterDefault.code).toBe(1);
      const json = JSON.parse(afterDefault.stdout) as ComparisonJson;
      expect(json.counts).toMatchObject({ kept: 4, willDownload: 1, likelyNew: 1 });
      expect(json.uids.find((u) => u.class === 'will-download')).toMatchObject({
        uid: uids[4],
        messageNumbers: [5],
        likelyNew: true,
      });

      const all = scratch.path('all.bin');
      const everything = await runCli([
        'repair',
        partial,
        ...live(few.user),
        '-o',
        all,
        '--mark-downloaded',
        'all',
      ]);
      expect(everything.stderr).toBe('');
      expect(everything.code).toBe(0);
      expect(everything.stdout).toMatch(/\nMarked 3 UIDs as downloaded \(/);
      const afterAll = await runCli(['compare', all, ...live(few.user)]);
      expect(afterAll.stderr).toBe('');
      expect(afterAll.code).toBe(0);
      expect(afterAll.stdout).toContain('Outlook will download nothing again on the next check.');
    });

    it('moves a mailbox to another server: the new listing marked, nothing downloads again', async () => {
      const many = account('many');
      const old = await scratch.write('old-server.bin', historyOf(['from-the-old-server']));
      const out = scratch.path('migrated.bin');
      const migrated = await runCli([
        'repair',
        old,
        ...live(many.user),
        '-o',
        out,
        '--mark-downloaded',
        'all',
        '--remove-stale',
      ]);
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain(
        `Outlook will download ${many.messages.toLocaleString('en-US')} new messages`,
      );
      expect(migrated.stdout).toMatch(
        new RegExp(`\\nMarked ${many.messages.toLocaleString('en-US')} UIDs as downloaded \\(`),
      );
      expect(migrated.stdout).toContain('\nRemoved 1 stale entry (1 UID).\n');
      const compared = await runCli(['compare', out, ...live(many.user)]);
      expect(compared.code).toBe(0);
      expect(compared.stdout).toContain(
        `The server lists ${many.messages.toLocaleString('en-US')} messages; the history has ` +
          `${many.messages.toLocaleString('en-US')} entries. Outlook will download nothing again`,
      );
    });
  });
}
