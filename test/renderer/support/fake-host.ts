/** A HostApi that records every call and answers as each test tells it to. */
import { vi } from 'vitest';
import { sha256Hex } from '@shared/hash.js';
import {
  DEFAULT_SETTINGS,
  type ContainerVersionsResult,
  type HostApi,
  type HostCapabilities,
  type HostCommand,
  type HostProgress,
  type OpenedFile,
  type Pop3CheckResult,
  type OpenResult,
  type SaveResult,
  type Settings,
} from '@shared/host/contract.js';

export interface FakeHost extends HostApi {
  /** Sends a menu command to the page, as the desktop app's menus do. */
  send(command: HostCommand): void;
  readonly documentStates: { title: string; dirty: boolean }[];
  /** Every text put on the clipboard through copyText. */
  readonly copied: string[];
  openResult: OpenResult;
  saveResults: SaveResult[];
  /** Sends a progress event, as the desktop app does during a scan or live check. */
  progress(progress: HostProgress): void;
  /** What openContainerChoice answers, by attachment number. */
  containerChoices: Map<number, OpenResult>;
  /** What findContainerVersions answers (no versions unless a test says so). */
  versionsResult: ContainerVersionsResult;
  /** What openContainerVersion answers, by version number. */
  containerVersions: Map<number, OpenResult>;
  /** What pop3Check answers next. */
  pop3Result: Pop3CheckResult;
}

export function openedFile(bytes: Uint8Array, overrides: Partial<OpenedFile> = {}): OpenedFile {
  return {
    status: 'opened',
    fileId: 'file-1',
    name: 'history.bin',
    path: '/evidence/history.bin',
    bytes,
    sha256: sha256Hex(bytes),
    modifiedMs: 0,
    readOnly: false,
    ...overrides,
  };
}

export function savedResult(name = 'history.bin', fileId = 'file-1'): SaveResult {
  return {
    status: 'saved',
    fileId,
    name,
    path: `/evidence/${name}`,
    sha256: '0'.repeat(64),
    backupPath: null,
  };
}

export function createFakeHost(capabilities: Partial<HostCapabilities> = {}): FakeHost {
  const listeners = new Set<(command: HostCommand) => void>();
  const progressListeners = new Set<(progress: HostProgress) => void>();
  let settings: Settings = DEFAULT_SETTINGS;
  const host: FakeHost = {
    capabilities: {
      kind: 'desktop',
      saveInPlace: true,
      recentFiles: false,
      nativeMenus: false,
      network: false,
      containers: false,
      ...capabilities,
    },
    containerChoices: new Map(),
    versionsResult: { status: 'versions', versions: [], timeline: [], findings: [] },
    containerVersions: new Map(),
    pop3Result: { status: 'failed', code: 'refused', message: 'No server in this test.' },
    progress(progress) {
      for (const listener of progressListeners) listener(progress);
    },
    documentStates: [],
    copied: [],
    openResult: { status: 'canceled' },
    saveResults: [],
    send(command) {
      for (const listener of listeners) listener(command);
    },
    openDialog: vi.fn(async () => host.openResult),
    openPicked: vi.fn(async (file, options) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return openedFile(bytes, { name: file.name, readOnly: options?.readOnly ?? false });
    }),
    openRecent: vi.fn(async () => ({ status: 'canceled' }) as const),
    listRecent: vi.fn(async () => []),
    clearRecent: vi.fn(async () => undefined),
    save: vi.fn(async () => host.saveResults.shift() ?? savedResult()),
    saveAs: vi.fn(
      async (request) => host.saveResults.shift() ?? savedResult(request.suggestedName, 'file-2'),
    ),
    exportFile: vi.fn(
      async (request) => host.saveResults.shift() ?? savedResult(request.suggestedName, 'file-3'),
    ),
    getSettings: vi.fn(async () => settings),
    updateSettings: vi.fn(async (changes: Partial<Settings>) => {
      settings = { ...settings, ...changes };
      return settings;
    }),
    copyText: vi.fn(async (text: string) => {
      host.copied.push(text);
      return true;
    }),
    setDocumentState: vi.fn((state) => {
      host.documentStates.push({ ...state });
    }),
    onCommand: vi.fn((listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    onProgress: vi.fn((listener) => {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    }),
    openContainerChoice: vi.fn(
      async (_containerId: string, number: number) =>
        host.containerChoices.get(number) ?? ({ status: 'canceled' } as const),
    ),
    findContainerVersions: vi.fn(async () => host.versionsResult),
    openContainerVersion: vi.fn(
      async (_containerId: string, number: number) =>
        host.containerVersions.get(number) ?? ({ status: 'canceled' } as const),
    ),
    writeBackMsg: vi.fn(
      async (request) => host.saveResults.shift() ?? savedResult(request.suggestedName, 'file-4'),
    ),
    pop3Check: vi.fn(async () => host.pop3Result),
    cancelTask: vi.fn(),
    listPop3Accounts: vi.fn(async () => []),
    forgetPop3Account: vi.fn(async () => undefined),
  };
  return host;
}

/** A File-like object for openPicked and file inputs. */
export function pickedFile(bytes: Uint8Array, name = 'history.bin'): File {
  return new File([new Uint8Array(bytes)], name, { type: 'application/octet-stream' });
}
