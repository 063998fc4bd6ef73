/**
 * A scripted stand-in for the desktop preload's `window.uidlHost`: the built page takes its
 * host from there when one is present, so the desktop app's own dialogs (container chooser,
 * live check, earlier versions) can be laid out and checked in Chromium without Electron.
 */
import type { Page } from '@playwright/test';
import type {
  ContainerChoice,
  ContainerVersions,
  OpenedContainer,
  Pop3Account,
} from '../../shared/host/contract.js';
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

/** What the scripted host's versions search finds: one carved copy of joe's history, one current. */
export const VERSIONS: ContainerVersions = {
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
      findings: ['cut off: overwritten at byte 37690 (0x933A); 2 of 3 counted tags could be read'],
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

export interface DesktopHostOptions {
  /**
   * Open… starts a container scan that never ends by itself: it reports progress (3 of 10
   * folders) until the scan is canceled, then answers "canceled". For the scan-progress dialog.
   */
  readonly pendingScan?: boolean;
}

/** The phase the pending scan reports, as the desktop host's scanner would. */
export const PENDING_SCAN_PHASE = 'Reading folders';

/** A desktop host in the page: containers and the live check, answered from the script. */
export async function installDesktopHost(
  page: Page,
  options: DesktopHostOptions = {},
): Promise<void> {
  await page.addInitScript(
    ({ container, accounts, blob, versionBlob, versions, pendingScan, phase }) => {
      const commandListeners = new Set<(command: unknown) => void>();
      const progressListeners = new Set<(progress: unknown) => void>();
      const canceled = { status: 'canceled' } as const;
      const scans = new Map<string, () => void>();
      /** A scan that reports progress every 100 ms until cancelTask(taskId) stops it. */
      const pendingOpen = (taskId: string) =>
        new Promise((resolve) => {
          const report = () => {
            for (const listener of [...progressListeners]) {
              listener({ taskId, task: 'scan', phase, done: 3, total: 10 });
            }
          };
          report();
          const timer = setInterval(report, 100);
          scans.set(taskId, () => {
            clearInterval(timer);
            scans.delete(taskId);
            resolve(canceled);
          });
        });
      const host = {
        capabilities: {
          kind: 'desktop',
          saveInPlace: true,
          recentFiles: false,
          nativeMenus: false,
          network: true,
          containers: true,
        },
        openDialog: (open?: { taskId?: string }) =>
          pendingScan && open?.taskId ? pendingOpen(open.taskId) : Promise.resolve(container),
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
            bytes: new Uint8Array(versionBlob),
            sha256: '0'.repeat(64),
            modifiedMs: 0,
            readOnly: true,
          }),
        pop3Check: () =>
          Promise.resolve({ status: 'failed', code: 'refused', message: 'Refused.' }),
        cancelTask: (taskId: string) => scans.get(taskId)?.(),
        listPop3Accounts: () => Promise.resolve(accounts),
        forgetPop3Account: () => Promise.resolve(),
      };
      Object.assign(globalThis, { uidlHost: host });
    },
    {
      container: CONTAINER,
      accounts: ACCOUNTS,
      blob: [...buildBlob(CLEAN_TAGS)],
      // An earlier version: the current history without its last tag.
      versionBlob: [...buildBlob(CLEAN_TAGS.slice(0, 2))],
      versions: VERSIONS,
      pendingScan: options.pendingScan ?? false,
      phase: PENDING_SCAN_PHASE,
    },
  );
}
