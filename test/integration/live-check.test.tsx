// @vitest-environment happy-dom
/**
 * The live check across the layers, without Electron: the workspace (React, in happy-dom)
 * drives the Live check dialog; its host answers pop3Check, listPop3Accounts and
 * forgetPop3Account with the desktop app's own createPop3Host (under the main process's task
 * runner, with a stand-in keychain and a temporary accounts file), whose POP3 client talks to a
 * real Dovecot (test/servers/dovecot/start.mjs, in a folder of this test's own, so the server
 * test/electron/network/dovecot.test.ts stops at its end is not this one; stopped by its pid
 * afterwards).
 *
 * Without Dovecot installed the tests skip; with UIDL_STUDIO_REQUIRE_DOVECOT=1 (CI) they fail
 * instead, as the Dovecot tests do.
 */
import { render, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHostTasks } from '../../electron/main/host-tasks.js';
import type { SafeStorageLike } from '../../electron/network/password-vault.js';
import { fetchUidlListing, type Pop3UidlListing } from '../../electron/network/pop3-client.js';
import { createPop3Host } from '../../electron/network/pop3-host.js';
import { App } from '../../renderer/src/App';
import { createServices } from '../../renderer/src/app-context';
import { buildBlob } from '../fixtures/blobs.js';
import { plural } from '@shared/wording.js';
import { createFakeHost, type FakeHost } from '../renderer/support/fake-host';
import { installLayout, openFile, screen, within, type Rendered } from '../renderer/support/render';

// From a string: under happy-dom, `URL` is the page's, which Node's fileURLToPath refuses.
const START_SCRIPT = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'servers',
  'dovecot',
  'start.mjs',
);
/** This test's own server: dovecot.test.ts stops the shared one at its end. */
const DOVECOT_DIR = join(tmpdir(), 'uidl-studio-dovecot-integration');
const INSTALL_HINT = 'apt-get install dovecot-pop3d';
/** A real server listing thousands of UIDs over TLS: generous, and never a timing assertion. */
const NETWORK_WAIT = { timeout: 30_000 };

interface DovecotFixture {
  readonly host: string;
  readonly ports: { readonly pop3: number; readonly pop3s: number };
  readonly users: readonly { user: string; password: string; messages: number }[];
  readonly certificate: string;
  readonly pid: number;
}

function dovecotInstalled(): boolean {
  const folders = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin'];
  return folders.some((folder) => folder !== '' && existsSync(join(folder, 'dovecot')));
}

/** A stand-in for Electron's safeStorage: reversible, never the clear text. */
const fakeSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a)),
  decryptString: (sealed) => Buffer.from(sealed.map((byte) => byte ^ 0x5a)).toString('utf8'),
};

const installed = dovecotInstalled();
const required = process.env.UIDL_STUDIO_REQUIRE_DOVECOT === '1';

if (!installed && required) {
  describe('the live check against Dovecot, across the layers', () => {
    it('has Dovecot (UIDL_STUDIO_REQUIRE_DOVECOT=1)', () => {
      throw new Error(
        `dovecot is not installed, and UIDL_STUDIO_REQUIRE_DOVECOT=1 requires the live POP3 ` +
          `tests: ${INSTALL_HINT} (.ci/run does)`,
      );
    });
  });
} else if (!installed) {
  describe.skip(`Live check integration: dovecot is not installed (${INSTALL_HINT})`, () => {
    it('skipped', () => {});
  });
} else {
  describe('the live check against Dovecot, across the layers', () => {
    installLayout();

    let fixture: DovecotFixture;
    let many: DovecotFixture['users'][number];
    /** The server's listing, fetched directly: what the workspace must end up comparing. */
    let serverListing: Pop3UidlListing;
    let folder: string;

    beforeAll(async () => {
      const printed = execFileSync(process.execPath, [START_SCRIPT], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, UIDL_STUDIO_DOVECOT_DIR: DOVECOT_DIR },
      });
      fixture = JSON.parse(printed) as DovecotFixture;
      many = fixture.users[0]!;
      serverListing = await fetchUidlListing({
        host: fixture.host,
        port: fixture.ports.pop3s,
        security: 'tls',
        user: many.user,
        password: many.password,
        ca: readFileSync(fixture.certificate, 'utf8'),
      });
      folder = await mkdtemp(join(tmpdir(), 'uidl-live-check-'));
    }, 90_000);

    afterAll(async () => {
      await rm(folder, { recursive: true, force: true });
      if (fixture === undefined) return;
      process.kill(fixture.pid, 'SIGTERM');
      await vi.waitFor(() => expect(() => process.kill(fixture.pid, 0)).toThrow(/ESRCH/), {
        timeout: 15_000,
        interval: 100,
      });
    }, 30_000);

    /** The workspace, with a host whose POP3 side is the desktop app's real one. */
    function renderWithPop3Host(): Rendered & { readonly accountsFile: string } {
      const accountsFile = join(folder, 'pop3-accounts.json');
      const pop3 = createPop3Host({ accountsFile, safeStorage: fakeSafeStorage });
      const host: FakeHost = createFakeHost({ network: true });
      // As electron/main/ipc-handlers.ts runs it: under a task, progress sent to the page.
      const tasks = createHostTasks((progress) => host.progress(progress));
      host.pop3Check = vi.fn((request) =>
        tasks.run('pop3', request.taskId, (context) => pop3.check(request, context)),
      );
      host.cancelTask = vi.fn((taskId: string) => void tasks.cancel(taskId));
      host.listPop3Accounts = vi.fn(() => pop3.listAccounts());
      host.forgetPop3Account = vi.fn((name: string, port: number, user: string) =>
        pop3.forgetAccount(name, port, user),
      );
      const services = createServices(host);
      const user = userEvent.setup();
      render(<App host={host} services={services} />);
      return { host, services, user, accountsFile };
    }

    async function openLiveCheck(rendered: Rendered): Promise<HTMLElement> {
      const region = screen.getByRole('region', { name: 'Comparison' });
      await rendered.user.click(within(region).getByRole('button', { name: 'Live check…' }));
      return screen.getByRole('dialog', { name: 'Live check' });
    }

    /** STLS on the plain port, certificate not verified (the fixture's is self-signed). */
    async function fillStls(rendered: Rendered, dialog: HTMLElement, password: string) {
      const { user } = rendered;
      const field = (label: string) => within(dialog).getByLabelText(label);
      await user.type(field('Host'), fixture.host);
      await user.click(within(dialog).getByRole('radio', { name: /^STLS/ }));
      await user.clear(field('Port'));
      await user.type(field('Port'), String(fixture.ports.pop3));
      await user.click(
        within(dialog).getByRole('checkbox', {
          name: 'Do not verify the server certificate (self-signed test servers)',
        }),
      );
      await user.type(field('User'), many.user);
      await user.type(field('Password'), password);
    }

    const countButton = (region: HTMLElement, label: string) =>
      within(region).getByRole('button', { name: new RegExp(`^${label}:`) }).textContent;

    it('compares a history holding part of the listing with the live server, then shows a refused password', async () => {
      const kept = 2000;
      const stale = ['deleted-on-server-1', 'deleted-on-server-2'];
      const blob = buildBlob(
        [...serverListing.messages.slice(0, kept).map(({ uid }) => uid), ...stale].map((uid) => ({
          op: '+',
          content: 'b',
          timestamp: '20240301120000',
          uid,
        })),
      );
      expect(serverListing.messages).toHaveLength(many.messages);

      const rendered = renderWithPop3Host();
      const { user, host, accountsFile } = rendered;
      await openFile(rendered, blob);
      await user.click(screen.getByRole('button', { name: 'Compare' }));
      const dialog = await openLiveCheck(rendered);
      await fillStls(rendered, dialog, many.password);
      await user.click(within(dialog).getByRole('button', { name: 'Check' }));

      await screen.findByText(
        new RegExp(
          `^${many.user}@${fixture.host}: ${plural(many.messages, 'message')} listed over TLSv1\\.[23] ` +
            '\\(certificate not verified\\)\\.$',
        ),
        {},
        NETWORK_WAIT,
      );
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(host.pop3Check).toHaveBeenCalledTimes(1);
      expect(vi.mocked(host.pop3Check).mock.calls[0]![0]).toMatchObject({
        security: 'stls',
        port: fixture.ports.pop3,
        insecure: true,
        allowPlain: false,
      });

      // The comparison is of exactly what the server lists.
      const side = rendered.services.comparison.getState().side!;
      expect(side.kind).toBe('live');
      expect(side.listing.messages.map(({ uid }) => uid)).toEqual(
        serverListing.messages.map(({ uid }) => uid),
      );
      const willDownload = many.messages - kept;
      const region = screen.getByRole('region', { name: 'Comparison' });
      expect(countButton(region, 'Will be downloaded')).toBe(
        `Will be downloaded: ${willDownload.toLocaleString('en-US')}`,
      );
      expect(countButton(region, 'Kept')).toBe(`Kept: ${kept.toLocaleString('en-US')}`);
      expect(countButton(region, 'Stale')).toBe(`Stale: ${stale.length}`);
      expect(screen.getByTestId('comparison-summary').textContent).toBe(
        `The server lists ${many.messages.toLocaleString('en-US')} messages; the history has ` +
          `${(kept + stale.length).toLocaleString('en-US')} entries. Outlook will download ` +
          `${willDownload.toLocaleString('en-US')} new messages on the next check (listed ` +
          'after the newest message the history has seen); 2 history entries are stale ' +
          '(deleted on the server).',
      );

      // The account was remembered, without its password, in the accounts file.
      expect(JSON.parse(readFileSync(accountsFile, 'utf8'))).toMatchObject({
        accounts: [
          {
            host: fixture.host,
            port: fixture.ports.pop3,
            security: 'stls',
            user: many.user,
            sealedPassword: null,
          },
        ],
      });
      expect(readFileSync(accountsFile, 'utf8')).not.toContain(many.password);

      // A wrong password: the server's refusal, in the dialog, which stays open.
      const again = await openLiveCheck(rendered);
      await fillStls(rendered, again, 'not-the-password');
      await user.click(within(again).getByRole('button', { name: 'Check' }));
      const alert = await within(again).findByRole('alert', {}, NETWORK_WAIT);
      expect(alert.textContent).toBe(
        `${fixture.host}:${fixture.ports.pop3} refused the user name or password for ` +
          `${many.user}: "-ERR [AUTH] Authentication failed."`,
      );
      expect(screen.getByRole('dialog', { name: 'Live check' })).toBe(again);
      // The comparison with the good listing is still the one shown.
      expect(rendered.services.comparison.getState().side).toBe(side);

      // The remembered account is offered, and forgetting it empties the accounts file.
      const account = await within(again).findByLabelText('Remembered account');
      await user.selectOptions(account, `${many.user}@${fixture.host}:${fixture.ports.pop3}`);
      await user.click(within(again).getByRole('button', { name: 'Forget account' }));
      // The real host writes the file before answering: wait for the dialog to hear back.
      await waitFor(() => expect(within(again).queryByLabelText('Remembered account')).toBeNull());
      expect(host.forgetPop3Account).toHaveBeenCalledWith(
        fixture.host,
        fixture.ports.pop3,
        many.user,
      );
      expect(JSON.parse(readFileSync(accountsFile, 'utf8'))).toMatchObject({ accounts: [] });
    });
  });
}
