/**
 * The desktop app's own dialogs (the container chooser, the live check) laid out in Chromium.
 * The built page takes its host from `window.uidlHost` when one is there, as the desktop
 * preload provides it; here a scripted stand-in answers instead, so that layouts that only
 * a real browser computes (long account names, narrow windows) are checked without Electron.
 */
import type { Locator, Page } from '@playwright/test';
import type {
  ContainerChoice,
  ContainerVersions,
  OpenedContainer,
  Pop3Account,
} from '../../shared/host/contract.js';
import { buildBlob, CLEAN_TAGS } from '../../test/fixtures/blobs.js';
import { CHROMIUM, expect, snapshot, test } from './fixtures.js';

test.skip(!CHROMIUM.found, CHROMIUM.found ? '' : CHROMIUM.reason);

const LONG_ACCOUNT =
  'shared.mailbox.of.the.accounts.payable.team@subsidiary.example-corporation.com';
const PATH = 'Top of Personal Folders/Inbox › Outlook Message Manager';

function choice(number: number, account: string | null, overrides: Partial<ContainerChoice> = {}) {
  return {
    number,
    account,
    storePath: PATH,
    attachmentName: account === null ? 'notes.txt' : `BlobPOP${account}`,
    rule: account === null ? null : 'long-filename',
    bytes: 61,
    entryCount: account === null ? null : 3,
    lastActivity: account === null ? null : '2013-01-01T00:00:00',
    diagnostics: account === null ? null : { error: 1, warning: 2, info: 1 },
    ...overrides,
  } satisfies ContainerChoice;
}

const CONTAINER: OpenedContainer = {
  status: 'container',
  containerId: 'container-1',
  name: 'Outlook.pst',
  path: '/evidence/Outlook.pst',
  kind: 'pst',
  summary: '2 POP3 account histories in 1 IPM.MessageManager message(s).',
  messages: [`${PATH}: 2 POP3 account histories`],
  choices: [choice(1, 'joe@example.com'), choice(2, LONG_ACCOUNT), choice(3, null)],
  writeBack: 'unsupported',
};

/** What the scripted host's versions search finds: one carved copy of joe's history, one current. */
const VERSIONS: ContainerVersions = {
  status: 'versions',
  versions: [
    {
      number: 1,
      locations: [{ offset: 37650, blockId: '0xeb4', encoding: 'compressible' }],
      offset: 37650,
      bytes: 61,
      sha256: 'a'.repeat(64),
      entryCount: 2,
      declaredCount: 3,
      firstTimestamp: '2012-09-06T13:11:38Z',
      lastTimestamp: '2012-09-06T13:11:38Z',
      current: null,
      precedes: { account: 'joe@example.com', sharedUids: 2 },
      truncated: true,
      diagnostics: { error: 1, warning: 0, info: 0 },
      findings: ['cut off: overwritten at byte 37,690; 2 of 3 counted tags could be read'],
    },
    {
      number: 2,
      locations: [{ offset: 43410, blockId: '0x169c', encoding: 'compressible' }],
      offset: 43410,
      bytes: 61,
      sha256: 'b'.repeat(64),
      entryCount: 3,
      declaredCount: 3,
      firstTimestamp: '2012-09-06T13:11:38Z',
      lastTimestamp: '2013-01-01T00:00:00Z',
      current: { account: 'joe@example.com', attachmentNumber: 1 },
      precedes: null,
      truncated: false,
      diagnostics: { error: 0, warning: 0, info: 0 },
      findings: [],
    },
  ],
  timeline: [
    {
      account: 'joe@example.com',
      versions: [2],
      rows: [
        {
          uid: LONG_ACCOUNT,
          firstVersion: 2,
          firstTimestamp: '2012-09-06T13:11:38Z',
          lastVersion: 2,
          lastTimestamp: '2012-09-06T13:11:38Z',
          goneInVersion: null,
        },
      ],
    },
  ],
  findings: [],
};

const ACCOUNTS: Pop3Account[] = [
  {
    host: 'pop.subsidiary.example-corporation.com',
    port: 995,
    security: 'tls',
    user: LONG_ACCOUNT,
    hasRememberedPassword: true,
  },
];

/** A desktop host in the page: containers and the live check, answered from the script. */
async function installDesktopHost(page: Page): Promise<void> {
  await page.addInitScript(
    ({ container, accounts, blob, versions }) => {
      const commandListeners = new Set<(command: unknown) => void>();
      const progressListeners = new Set<(progress: unknown) => void>();
      const canceled = { status: 'canceled' } as const;
      const host = {
        capabilities: {
          kind: 'desktop',
          saveInPlace: true,
          recentFiles: false,
          nativeMenus: false,
          network: true,
          containers: true,
        },
        openDialog: () => Promise.resolve(container),
        openPicked: () => Promise.resolve(canceled),
        openRecent: () => Promise.resolve(canceled),
        listRecent: () => Promise.resolve([]),
        clearRecent: () => Promise.resolve(),
        save: () => Promise.resolve(canceled),
        saveAs: () => Promise.resolve(canceled),
        exportFile: () => Promise.resolve(canceled),
        getSettings: () =>
          Promise.resolve({ theme: 'system', timeZone: 'utc', openReadOnly: false }),
        updateSettings: (changes: object) =>
          Promise.resolve({ theme: 'system', openReadOnly: false, ...changes }),
        copyText: () => Promise.resolve(true),
        setDocumentState: () => undefined,
        onCommand: (listener: (command: unknown) => void) => {
          commandListeners.add(listener);
          return () => commandListeners.delete(listener);
        },
        onProgress: (listener: (progress: unknown) => void) => {
          progressListeners.add(listener);
          return () => progressListeners.delete(listener);
        },
        openContainerChoice: (_id: string, number: number) =>
          Promise.resolve({
            status: 'opened',
            fileId: `contained-${number}`,
            name: `history #${number}.bin`,
            path: container.path,
            bytes: new Uint8Array(blob),
            sha256: '0'.repeat(64),
            modifiedMs: 0,
            readOnly: true,
          }),
        writeBackMsg: () => Promise.resolve(canceled),
        findContainerVersions: () => Promise.resolve(versions),
        openContainerVersion: (_id: string, number: number) =>
          Promise.resolve({
            status: 'opened',
            fileId: `version-${number}`,
            name: `versions-${number}.bin`,
            path: container.path,
            bytes: new Uint8Array(blob),
            sha256: '0'.repeat(64),
            modifiedMs: 0,
            readOnly: true,
          }),
        pop3Check: () =>
          Promise.resolve({ status: 'failed', code: 'refused', message: 'Refused.' }),
        cancelTask: () => undefined,
        listPop3Accounts: () => Promise.resolve(accounts),
        forgetPop3Account: () => Promise.resolve(),
      };
      Object.assign(globalThis, { uidlHost: host });
    },
    {
      container: CONTAINER,
      accounts: ACCOUNTS,
      blob: [...buildBlob(CLEAN_TAGS)],
      versions: VERSIONS,
    },
  );
}

/** How far `inner` reaches past the right edge of `outer`, in CSS pixels (0 when inside). */
async function overflowRight(inner: Locator, outer: Locator): Promise<number> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  expect(a && b, 'both are laid out').toBeTruthy();
  return Math.max(0, Math.round(a!.x + a!.width - (b!.x + b!.width)));
}

for (const width of [1440, 900]) {
  test(`the container chooser keeps every column in view at ${width} pixels, long names wrapped`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await installDesktopHost(page);
    await page.goto('/');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const chooser = page.getByRole('dialog', { name: 'Histories in Outlook.pst' });
    const grid = chooser.getByRole('grid', { name: 'Attachments found' });
    await expect(grid).toBeFocused();
    const frame = grid.locator('xpath=..');
    for (const header of await grid.getByRole('columnheader').all()) {
      expect(await overflowRight(header, frame), await header.innerText()).toBe(0);
    }
    const account = grid.getByRole('gridcell', { name: LONG_ACCOUNT, exact: true });
    const lineHeight = await account.evaluate((cell) =>
      parseFloat(
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { lineHeight: string } }
        ).getComputedStyle(cell).lineHeight,
      ),
    );
    expect((await account.boundingBox())!.height).toBeGreaterThan(1.5 * lineHeight);
    await snapshot(page, `15-container-chooser-${width}`);
  });
}

test('the chooser lists earlier versions under their account, with the timeline, and opens one', async ({
  page,
}) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await installDesktopHost(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const chooser = page.getByRole('dialog', { name: 'Histories in Outlook.pst' });
  const versions = chooser.getByRole('region', { name: 'Earlier versions (carved)' });
  const table = versions.getByRole('table', { name: 'Earlier versions of joe@example.com' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('versions/1');
  await expect(table.getByRole('row').nth(1)).toContainText('2 of 3');
  await expect(table.getByRole('row').nth(1)).toContainText('cut off: overwritten at byte 37,690');
  // Only carved copies are listed here: the current one is the history above.
  await expect(versions.getByText('versions/2', { exact: true })).toHaveCount(0);
  for (const cell of await table.getByRole('columnheader').all()) {
    expect(await overflowRight(cell, chooser)).toBe(0);
  }
  await versions.getByRole('button', { name: 'Timeline of versions' }).click();
  const timeline = versions.getByRole('table', { name: 'Timeline of joe@example.com' });
  await expect(timeline.getByRole('row').nth(1)).toContainText('still held');
  await snapshot(page, '17-container-versions');
  await table.getByRole('button', { name: 'Open versions/1' }).click();
  await expect(page.getByRole('grid', { name: 'Entries' })).toBeVisible();
  await expect(chooser).toHaveCount(0);
});

test('the live check keeps a long remembered account inside the dialog', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await installDesktopHost(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Histories in Outlook.pst' })
    .getByRole('grid', { name: 'Attachments found' })
    .press('Enter');
  await expect(page.getByRole('grid', { name: 'Entries' })).toBeVisible();
  await page.keyboard.press('Control+Shift+L');
  await page
    .getByRole('region', { name: 'Comparison' })
    .getByRole('button', { name: 'Live check…' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Live check' });
  const account = dialog.getByLabel('Remembered account');
  await account.selectOption({ index: 1 });
  await expect(dialog.getByLabel('User')).toHaveValue(LONG_ACCOUNT);
  expect(await overflowRight(account, dialog)).toBe(0);
  expect(await overflowRight(dialog.getByRole('button', { name: 'Forget account' }), dialog)).toBe(
    0,
  );
  await snapshot(page, '16-live-check');
});
