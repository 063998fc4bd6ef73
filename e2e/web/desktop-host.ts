/**
 * A scripted stand-in for the desktop preload's `window.uidlHost`: the built page takes its
 * host from there when one is present, so the desktop app's own dialogs (container chooser,
 * live check) can be laid out and checked in Chromium without Electron.
 */
import type { Page } from '@playwright/test';
import type { ContainerChoice, OpenedContainer, Pop3Account } from '../../shared/host/contract.js';
import { buildBlob, CLEAN_TAGS } from '../../test/fixtures/blobs.js';

export const LONG_ACCOUNT =
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

export const CONTAINER: OpenedContainer = {
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
export async function installDesktopHost(page: Page): Promise<void> {
  await page.addInitScript(
    ({ container, accounts, blob }) => {
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
        pop3Check: () =>
          Promise.resolve({ status: 'failed', code: 'refused', message: 'Refused.' }),
        cancelTask: () => undefined,
        listPop3Accounts: () => Promise.resolve(accounts),
        forgetPop3Account: () => Promise.resolve(),
      };
      Object.assign(globalThis, { uidlHost: host });
    },
    { container: CONTAINER, accounts: ACCOUNTS, blob: [...buildBlob(CLEAN_TAGS)] },
  );
}
