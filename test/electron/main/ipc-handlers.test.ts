import { beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  DocumentState,
  HostFailure,
  HostProgress,
  OpenedContainer,
  OpenedFile,
  Pop3Account,
  Pop3CheckRequest,
  Pop3CheckResult,
  HostApi,
  Saved,
  Settings,
} from '../../../shared/host/contract.js';
import {
  INVOKE_TABLE,
  PRELOAD_OWN_MEMBERS,
  type InvokeMethod,
} from '../../../shared/host/channels.js';
import { createHostApi } from '../../../electron/preload/host-api.js';
import { INVOKE_CHANNELS, SEND_CHANNELS } from '../../../shared/host/ipc.js';
import { MAX_INPUT_BYTES } from '../../../shared/limits.js';
import {
  foreignSenderReason,
  MAX_REMEMBERED_PICKS,
  registerIpcHandlers,
  type HostDialogs,
  type IpcListener,
  type IpcMainLike,
  type IpcSenderEvent,
} from '../../../electron/main/ipc-handlers.js';
import type { ContainerHost, Pop3Host } from '../../../electron/services/host-services.js';
import { createHostTasks } from '../../../electron/main/host-tasks.js';
import type { FileService } from '../../../electron/services/file-service.js';
import type { RecentFiles } from '../../../electron/services/recent-files.js';
import type { SettingsStore } from '../../../electron/services/settings-store.js';

/** ipcMain stand-in: remembers handlers and listeners, and calls them as Electron would. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcSenderEvent, ...args: unknown[]) => unknown>();
  readonly listeners = new Map<string, IpcListener[]>();
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: IpcListener) {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }
  removeListener(channel: string, listener: IpcListener) {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== listener),
    );
  }
  async invoke(channel: string, event: IpcSenderEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  }
  send(channel: string, event: IpcSenderEvent, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
}

const appContents = { id: 1 };
const trusted: IpcSenderEvent = {
  sender: appContents,
  senderFrame: { url: 'app://uidl-studio/index.html', parent: null },
};

/** What the preload sends when the user drops files on the window or picks them. */
function pick(env: { ipc: FakeIpcMain }, ...paths: string[]): void {
  env.ipc.send(SEND_CHANNELS.filesPicked, trusted, paths);
}

const FILE_ID = 'abcdefgh1234';
const bytes = new Uint8Array([3, 0, 1, 0]);
const opened: OpenedFile = {
  status: 'opened',
  fileId: FILE_ID,
  name: 'h.bin',
  path: '/data/h.bin',
  bytes,
  sha256: 'a'.repeat(64),
  modifiedMs: 1,
  readOnly: false,
};
const saved: Saved = {
  status: 'saved',
  fileId: 'newid12345',
  name: 'copy.bin',
  path: '/data/copy.bin',
  sha256: 'b'.repeat(64),
  backupPath: null,
};
const changed: HostFailure = { status: 'failed', code: 'changed-on-disk', message: 'changed' };
const CONTAINER_ID = 'container-1234';
const container: OpenedContainer = {
  status: 'container',
  containerId: CONTAINER_ID,
  name: 'store.msg',
  path: '/data/store.msg',
  kind: 'msg',
  summary: '1 POP3 account history.',
  messages: ['store.msg: 1 POP3 account history'],
  choices: [],
  writeBack: 'msg-copy',
};

function setup(options: { readOnlySession?: boolean } = {}) {
  const ipc = new FakeIpcMain();
  const files = {
    open: vi.fn<FileService['open']>(async () => opened),
    save: vi.fn<FileService['save']>(async () => saved),
    saveAs: vi.fn<FileService['saveAs']>(async () => saved),
    exportTo: vi.fn<FileService['exportTo']>(async () => saved),
    describe: vi.fn<FileService['describe']>((id) =>
      id === FILE_ID
        ? { path: '/data/h.bin', name: 'h.bin', size: 4, mtimeMs: 1, sha256: '', readOnly: false }
        : undefined,
    ),
    registerContained: vi.fn<FileService['registerContained']>(async () => 'contained-1'),
  };
  // Not a container unless a test says so: the file service opens it.
  const containers = {
    openIfContainer: vi.fn<ContainerHost['openIfContainer']>(async () => null),
    openChoice: vi.fn<ContainerHost['openChoice']>(async () => opened),
    writeBack: vi.fn<ContainerHost['writeBack']>(async () => saved),
    sourcePath: vi.fn<ContainerHost['sourcePath']>((id) =>
      id === CONTAINER_ID ? '/data/store.msg' : null,
    ),
    findVersions: vi.fn<ContainerHost['findVersions']>(async () => ({
      status: 'versions',
      versions: [],
      timeline: [],
      findings: [],
    })),
    openVersion: vi.fn<ContainerHost['openVersion']>(async () => opened),
  };
  const pop3 = {
    check: vi.fn<Pop3Host['check']>(async () => ({
      status: 'failed',
      code: 'refused',
      message: 'no server here',
    })),
    listAccounts: vi.fn<Pop3Host['listAccounts']>(async () => []),
    forgetAccount: vi.fn<Pop3Host['forgetAccount']>(async () => undefined),
  };
  const progress: HostProgress[] = [];
  const tasks = createHostTasks((event) => progress.push(event));
  const recentList = ['/data/recent.bin'];
  const recent = {
    list: vi.fn<RecentFiles['list']>(async () => [
      { path: '/data/recent.bin', name: 'recent.bin', openedMs: 5 },
    ]),
    add: vi.fn<RecentFiles['add']>(async () => []),
    clear: vi.fn<RecentFiles['clear']>(async () => {}),
    includes: vi.fn<RecentFiles['includes']>(async (path) => recentList.includes(path)),
  };
  const current: Settings = { theme: 'system', timeZone: 'utc', openReadOnly: false };
  const settings = {
    get: vi.fn<SettingsStore['get']>(async () => current),
    update: vi.fn<SettingsStore['update']>(
      async (changes) => ({ ...current, ...changes }) as Settings,
    ),
  };
  const dialogs = {
    chooseFileToOpen: vi.fn<HostDialogs['chooseFileToOpen']>(async () => '/data/chosen.bin'),
    chooseSaveTarget: vi.fn<HostDialogs['chooseSaveTarget']>(async () => '/data/copy.bin'),
    confirmOverwriteChanged: vi.fn<HostDialogs['confirmOverwriteChanged']>(async () => true),
  };
  const onDocumentState = vi.fn<(state: DocumentState) => void>();
  const onRecentChanged = vi.fn<() => void>();
  const onSettingsChanged = vi.fn<(settings: Settings) => void>();
  const log = vi.fn<(message: string) => void>();
  const clipboard = { writeText: vi.fn<(text: string) => void>() };
  const dispose = registerIpcHandlers(ipc, {
    clipboard,
    files,
    containers,
    pop3,
    tasks,
    recent,
    settings,
    dialogs,
    isAppWebContents: (sender) => sender === appContents,
    readOnlySession: options.readOnlySession ?? false,
    onDocumentState,
    onRecentChanged,
    onSettingsChanged,
    log,
  });
  const services = [
    ...Object.values(files),
    ...Object.values(containers),
    ...Object.values(pop3),
    ...Object.values(recent),
    ...Object.values(settings),
    ...Object.values(dialogs),
    clipboard.writeText,
  ];
  return {
    ipc,
    clipboard,
    files,
    containers,
    pop3,
    tasks,
    progress,
    recent,
    settings,
    dialogs,
    onDocumentState,
    onRecentChanged,
    onSettingsChanged,
    log,
    dispose,
    services,
  };
}

/** One valid payload per channel (undefined: the channel takes none). */
const VALID: Record<string, unknown> = {
  [INVOKE_CHANNELS.openDialog]: { readOnly: true },
  [INVOKE_CHANNELS.openPath]: { path: '/data/h.bin' },
  [INVOKE_CHANNELS.openRecent]: { path: '/data/recent.bin', readOnly: false },
  [INVOKE_CHANNELS.listRecent]: undefined,
  [INVOKE_CHANNELS.clearRecent]: undefined,
  [INVOKE_CHANNELS.save]: { fileId: FILE_ID, bytes },
  [INVOKE_CHANNELS.saveAs]: { suggestedName: 'copy.bin', bytes, sourceFileId: FILE_ID },
  [INVOKE_CHANNELS.exportFile]: {
    suggestedName: 'h.json',
    bytes,
    mimeType: 'application/json',
    sourceFileId: FILE_ID,
  },
  [INVOKE_CHANNELS.getSettings]: undefined,
  [INVOKE_CHANNELS.updateSettings]: { theme: 'dark' },
  [INVOKE_CHANNELS.copyText]: 'uid-1\nuid-2',
  [INVOKE_CHANNELS.openContainerChoice]: { containerId: CONTAINER_ID, number: 2 },
  [INVOKE_CHANNELS.findContainerVersions]: { containerId: CONTAINER_ID, taskId: 'versions-1' },
  [INVOKE_CHANNELS.openContainerVersion]: { containerId: CONTAINER_ID, number: 1 },
  [INVOKE_CHANNELS.writeBackMsg]: {
    containerId: CONTAINER_ID,
    number: 2,
    bytes,
    suggestedName: 'store-repaired.msg',
  },
  [INVOKE_CHANNELS.pop3Check]: {
    taskId: 'check-1',
    host: 'mail.example.com',
    port: 995,
    security: 'tls',
    allowPlain: false,
    user: 'alice@example.com',
    password: 'correct horse',
    rememberPassword: false,
    insecure: false,
  },
  [INVOKE_CHANNELS.listPop3Accounts]: undefined,
  [INVOKE_CHANNELS.forgetPop3Account]: {
    host: 'mail.example.com',
    port: 995,
    user: 'alice@example.com',
  },
};

// One oversize buffer, shared (allocating it per case would cost 64 MiB each).
const oversize = new Uint8Array(MAX_INPUT_BYTES + 1);

const path = (value: unknown) => ({ path: value });
/** Malformed payloads per channel: wrong types, extra keys, oversize bytes, bad paths and names. */
const MALFORMED: Record<string, [string, unknown][]> = {
  [INVOKE_CHANNELS.openDialog]: [
    ['a string', 'x'],
    ['readOnly not a boolean', { readOnly: 'yes' }],
    ['an extra key', { readOnly: true, path: '/etc/passwd' }],
  ],
  [INVOKE_CHANNELS.openPath]: [
    ['no payload', undefined],
    ['a relative path', path('data/h.bin')],
    ['a .. path', path('../h.bin')],
    ['an empty path', path('')],
    ['a NUL in the path', path('/data/h.bin\0.txt')],
    ['a number', path(3)],
    ['an extra key', { path: '/data/h.bin', bytes }],
  ],
  [INVOKE_CHANNELS.openRecent]: [
    ['a relative path', path('recent.bin')],
    ['readOnly not a boolean', { path: '/data/recent.bin', readOnly: 1 }],
    ['an extra key', { path: '/data/recent.bin', force: true }],
  ],
  [INVOKE_CHANNELS.listRecent]: [
    ['an object', {}],
    ['a string', 'all'],
  ],
  [INVOKE_CHANNELS.clearRecent]: [['an object', { path: '/data/recent.bin' }]],
  [INVOKE_CHANNELS.save]: [
    ['a path as the file id', { fileId: '/data/h.bin', bytes }],
    ['a short file id', { fileId: 'abc', bytes }],
    ['a .. file id', { fileId: '../../etc/passwd', bytes }],
    ['bytes as an array', { fileId: FILE_ID, bytes: [3, 0, 0, 0] }],
    ['bytes as a string', { fileId: FILE_ID, bytes: 'AwAAAA==' }],
    ['oversize bytes', { fileId: FILE_ID, bytes: oversize }],
    [
      'overwriteChanged (this host asks itself)',
      { fileId: FILE_ID, bytes, overwriteChanged: true },
    ],
    ['an extra key', { fileId: FILE_ID, bytes, path: '/etc/passwd' }],
  ],
  [INVOKE_CHANNELS.saveAs]: [
    ['a .. name', { suggestedName: '..', bytes }],
    ['a name with a folder', { suggestedName: '../copy.bin', bytes }],
    ['a name with a backslash', { suggestedName: '..\\copy.bin', bytes }],
    ['an absolute name', { suggestedName: '/etc/passwd', bytes }],
    ['an empty name', { suggestedName: '', bytes }],
    ['oversize bytes', { suggestedName: 'copy.bin', bytes: oversize }],
    [
      'a bad filter',
      { suggestedName: 'copy.bin', bytes, filters: [{ name: 'x', extensions: ['.bin'] }] },
    ],
    ['a bad source id', { suggestedName: 'copy.bin', bytes, sourceFileId: 'x' }],
    ['an extra key', { suggestedName: 'copy.bin', bytes, path: '/etc/passwd' }],
  ],
  [INVOKE_CHANNELS.exportFile]: [
    ['no MIME type', { suggestedName: 'h.json', bytes }],
    ['a bad MIME type', { suggestedName: 'h.json', bytes, mimeType: 'text/html<script>' }],
    ['a .. name', { suggestedName: '..', bytes, mimeType: 'application/json' }],
    ['oversize bytes', { suggestedName: 'h.json', bytes: oversize, mimeType: 'application/json' }],
    [
      'an extra key',
      { suggestedName: 'h.json', bytes, mimeType: 'application/json', overwrite: true },
    ],
  ],
  [INVOKE_CHANNELS.getSettings]: [['an object', { theme: 'dark' }]],
  [INVOKE_CHANNELS.updateSettings]: [
    ['an unknown theme', { theme: 'neon' }],
    ['openReadOnly not a boolean', { openReadOnly: 'no' }],
    ['an extra key', { theme: 'dark', userData: '/tmp' }],
    ['no payload', undefined],
  ],
  [INVOKE_CHANNELS.copyText]: [
    ['no payload', undefined],
    ['a number', 42],
    ['an object', { text: 'uid' }],
    ['text over 8 million characters', 'x'.repeat(8_000_001)],
  ],
  [INVOKE_CHANNELS.openContainerChoice]: [
    ['no payload', undefined],
    ['a path as the container id', { containerId: '/data/store.pst', number: 1 }],
    ['attachment number 0', { containerId: CONTAINER_ID, number: 0 }],
    ['a fractional number', { containerId: CONTAINER_ID, number: 1.5 }],
    ['the number as a string', { containerId: CONTAINER_ID, number: '1' }],
    ['an extra key', { containerId: CONTAINER_ID, number: 1, path: '/data/store.pst' }],
  ],
  [INVOKE_CHANNELS.findContainerVersions]: [
    ['no payload', undefined],
    ['no task id', { containerId: CONTAINER_ID }],
    ['a path as the container id', { containerId: '/data/store.pst', taskId: 'v-1' }],
    ['a task id with spaces', { containerId: CONTAINER_ID, taskId: 'v 1' }],
    ['an extra key', { containerId: CONTAINER_ID, taskId: 'v-1', path: '/data/store.pst' }],
  ],
  [INVOKE_CHANNELS.openContainerVersion]: [
    ['no payload', undefined],
    ['version 0', { containerId: CONTAINER_ID, number: 0 }],
    ['a fractional number', { containerId: CONTAINER_ID, number: 2.5 }],
    ['the number as a string', { containerId: CONTAINER_ID, number: '1' }],
    ['an extra key', { containerId: CONTAINER_ID, number: 1, offset: 37650 }],
  ],
  [INVOKE_CHANNELS.writeBackMsg]: [
    ['no number', { containerId: CONTAINER_ID, bytes, suggestedName: 'copy.msg' }],
    ['a short container id', { containerId: 'abc', number: 1, bytes, suggestedName: 'copy.msg' }],
    [
      'a name with a folder',
      { containerId: CONTAINER_ID, number: 1, bytes, suggestedName: '../copy.msg' },
    ],
    [
      'oversize bytes',
      { containerId: CONTAINER_ID, number: 1, bytes: oversize, suggestedName: 'copy.msg' },
    ],
    [
      'a target path',
      {
        containerId: CONTAINER_ID,
        number: 1,
        bytes,
        suggestedName: 'copy.msg',
        targetPath: '/data/store.msg',
      },
    ],
  ],
  [INVOKE_CHANNELS.pop3Check]: pop3CheckMalformed(),
  [INVOKE_CHANNELS.listPop3Accounts]: [
    ['an object', {}],
    ['a host', 'mail.example.com'],
  ],
  [INVOKE_CHANNELS.forgetPop3Account]: [
    ['no payload', undefined],
    ['no user', { host: 'mail.example.com', port: 995 }],
    ['a host with a space', { host: 'mail example', port: 995, user: 'alice' }],
    ['the port as a string', { host: 'mail.example.com', port: '995', user: 'alice' }],
    ['an extra key', { host: 'mail.example.com', port: 995, user: 'alice', password: 'x' }],
  ],
};

/** A check request with one field broken (or one too many). */
function pop3CheckMalformed(): [string, unknown][] {
  const valid = VALID[INVOKE_CHANNELS.pop3Check] as Record<string, unknown>;
  const broken = (changes: Record<string, unknown>) => ({ ...valid, ...changes });
  const withoutPassword = { ...valid };
  delete withoutPassword.password;
  return [
    ['no payload', undefined],
    ['a task id with spaces', broken({ taskId: 'check 1; rm -rf /' })],
    ['a URL as the host', broken({ host: 'pop3://mail.example.com' })],
    ['port 0', broken({ port: 0 })],
    ['port 65536', broken({ port: 65_536 })],
    ['an unknown security', broken({ security: 'ssl' })],
    ['allowPlain as a string', broken({ allowPlain: 'yes' })],
    ['a user with a line break', broken({ user: 'alice\r\nDELE 1' })],
    ['a password with a line break', broken({ password: 'pw\r\nDELE 1' })],
    ['an empty password', broken({ password: '' })],
    ['no password field (null asks for the remembered one)', withoutPassword],
    ['a CA path', broken({ ca: '/etc/ssl/private/key.pem' })],
  ];
}

type Env = ReturnType<typeof setup>;
/** The service each channel's valid payload must reach. */
const REACHES: Record<string, (env: Env) => unknown> = {
  [INVOKE_CHANNELS.openDialog]: (env) => env.files.open,
  [INVOKE_CHANNELS.openPath]: (env) => env.files.open,
  [INVOKE_CHANNELS.openRecent]: (env) => env.files.open,
  [INVOKE_CHANNELS.listRecent]: (env) => env.recent.list,
  [INVOKE_CHANNELS.clearRecent]: (env) => env.recent.clear,
  [INVOKE_CHANNELS.save]: (env) => env.files.save,
  [INVOKE_CHANNELS.saveAs]: (env) => env.files.saveAs,
  [INVOKE_CHANNELS.exportFile]: (env) => env.files.exportTo,
  [INVOKE_CHANNELS.getSettings]: (env) => env.settings.get,
  [INVOKE_CHANNELS.updateSettings]: (env) => env.settings.update,
  [INVOKE_CHANNELS.copyText]: (env) => env.clipboard.writeText,
  [INVOKE_CHANNELS.openContainerChoice]: (env) => env.containers.openChoice,
  [INVOKE_CHANNELS.writeBackMsg]: (env) => env.containers.writeBack,
  [INVOKE_CHANNELS.findContainerVersions]: (env) => env.containers.findVersions,
  [INVOKE_CHANNELS.openContainerVersion]: (env) => env.containers.openVersion,
  [INVOKE_CHANNELS.pop3Check]: (env) => env.pop3.check,
  [INVOKE_CHANNELS.listPop3Accounts]: (env) => env.pop3.listAccounts,
  [INVOKE_CHANNELS.forgetPop3Account]: (env) => env.pop3.forgetAccount,
};

const FOREIGN: [string, IpcSenderEvent][] = [
  ['another window', { ...trusted, sender: { id: 2 } }],
  ['a destroyed frame', { sender: appContents, senderFrame: null }],
  [
    'a sub-frame',
    { sender: appContents, senderFrame: { url: 'app://uidl-studio/x.html', parent: {} } },
  ],
  [
    'a web page',
    { sender: appContents, senderFrame: { url: 'https://evil.example/', parent: null } },
  ],
  [
    'a look-alike host',
    { sender: appContents, senderFrame: { url: 'app://uidl-studio.evil/', parent: null } },
  ],
  [
    'a local file',
    { sender: appContents, senderFrame: { url: 'file:///tmp/x.html', parent: null } },
  ],
];

const CHANNELS = Object.values(INVOKE_CHANNELS);

describe('registerIpcHandlers', () => {
  let env: Env;
  beforeEach(() => {
    env = setup();
  });

  it('handles every invoke channel and the document-state channel', () => {
    expect([...env.ipc.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(env.ipc.listeners.get(SEND_CHANNELS.documentState)).toHaveLength(1);
    expect(Object.keys(MALFORMED).sort()).toEqual([...CHANNELS].sort());
  });

  describe.each(CHANNELS)('%s', (channel) => {
    it.each(FOREIGN)('refuses a message from %s before reading it', async (_, event) => {
      await expect(env.ipc.invoke(channel, event, VALID[channel])).rejects.toThrow(
        `Refused ${channel}: `,
      );
      for (const service of env.services) expect(service).not.toHaveBeenCalled();
      expect(env.log).toHaveBeenCalledWith(expect.stringMatching(`^Refused ${channel}: `));
    });

    it.each(MALFORMED[channel]!)('rejects %s', async (_, payload) => {
      await expect(env.ipc.invoke(channel, trusted, payload)).rejects.toThrow(
        `Refused ${channel}: `,
      );
      for (const service of env.services) expect(service).not.toHaveBeenCalled();
    });

    it('rejects a second argument', async () => {
      await expect(env.ipc.invoke(channel, trusted, VALID[channel], 'extra')).rejects.toThrow(
        'expected at most one argument, got 2',
      );
    });

    it('passes its valid payload to the service', async () => {
      pick(env, '/data/h.bin');
      await env.ipc.invoke(channel, trusted, VALID[channel]);
      expect(REACHES[channel]!(env)).toHaveBeenCalledTimes(1);
      expect(env.log).not.toHaveBeenCalled();
    });
  });

  it('says which field broke which rule', async () => {
    await expect(
      env.ipc.invoke(INVOKE_CHANNELS.openPath, trusted, { path: 'h.bin' }),
    ).rejects.toThrow('Refused file:open-path: path: must be an absolute path');
  });

  it('opens the file chosen in the dialog, read-only when asked, and remembers it', async () => {
    const result = await env.ipc.invoke(INVOKE_CHANNELS.openDialog, trusted, { readOnly: true });
    expect(result).toBe(opened);
    expect(env.files.open).toHaveBeenCalledWith('/data/chosen.bin', { readOnly: true });
    expect(env.recent.add).toHaveBeenCalledWith('/data/h.bin');
    expect(env.onRecentChanged).toHaveBeenCalledTimes(1);
  });

  it('answers a canceled open dialog without opening anything', async () => {
    env.dialogs.chooseFileToOpen.mockResolvedValueOnce(null);
    expect(await env.ipc.invoke(INVOKE_CHANNELS.openDialog, trusted)).toEqual({
      status: 'canceled',
    });
    expect(env.files.open).not.toHaveBeenCalled();
  });

  it('opens a dropped file by its path, writable by default', async () => {
    pick(env, '/data/h.bin');
    await env.ipc.invoke(INVOKE_CHANNELS.openPath, trusted, { path: '/data/h.bin' });
    expect(env.files.open).toHaveBeenCalledWith('/data/h.bin', { readOnly: false });
  });

  it('refuses a path that was not dropped or picked, without opening it', async () => {
    for (const path of ['/home/user/.ssh/id_rsa', '/data/h.bin']) {
      expect(await env.ipc.invoke(INVOKE_CHANNELS.openPath, trusted, { path })).toEqual({
        status: 'failed',
        code: 'permission',
        message:
          `'${path}' was not dropped on the window or chosen in its file box, so the page ` +
          'may not open it; open it with Open… instead.',
      });
    }
    expect(env.files.open).not.toHaveBeenCalled();
    expect(env.containers.openIfContainer).not.toHaveBeenCalled();
    expect(env.log).toHaveBeenCalledWith(
      'Refused to open /home/user/.ssh/id_rsa: it was not dropped on the window or picked',
    );
  });

  it('ignores picked paths from a foreign sender or malformed, so they stay unopenable', async () => {
    env.ipc.send(SEND_CHANNELS.filesPicked, FOREIGN[3]![1], ['/etc/shadow']);
    env.ipc.send(SEND_CHANNELS.filesPicked, trusted, ['relative.bin', '/etc/passwd']);
    env.ipc.send(SEND_CHANNELS.filesPicked, trusted, '/etc/passwd');
    env.ipc.send(SEND_CHANNELS.filesPicked, trusted, ['/etc/group'], 'extra');
    for (const path of ['/etc/shadow', '/etc/passwd', '/etc/group']) {
      const result = await env.ipc.invoke(INVOKE_CHANNELS.openPath, trusted, { path });
      expect(result).toMatchObject({ status: 'failed', code: 'permission' });
    }
    expect(env.files.open).not.toHaveBeenCalled();
    expect(env.log).toHaveBeenCalledWith(
      expect.stringMatching(/^Ignored file:picked: it comes from /),
    );
    expect(env.log).toHaveBeenCalledWith('Ignored a malformed file:picked message');
  });

  it('forgets the oldest picked paths past its limit', async () => {
    pick(env, '/data/first.bin');
    for (let i = 0; i < MAX_REMEMBERED_PICKS; i++) pick(env, `/data/f${i}.bin`);
    expect(
      await env.ipc.invoke(INVOKE_CHANNELS.openPath, trusted, { path: '/data/first.bin' }),
    ).toMatchObject({ status: 'failed', code: 'permission' });
    await env.ipc.invoke(INVOKE_CHANNELS.openPath, trusted, { path: '/data/f0.bin' });
    expect(env.files.open).toHaveBeenCalledWith('/data/f0.bin', { readOnly: false });
  });

  it('reads a server listing as it is: no container scan, not on the recent list', async () => {
    pick(env, '/data/uidl.txt');
    await env.ipc.invoke(INVOKE_CHANNELS.openPath, trusted, {
      path: '/data/uidl.txt',
      purpose: 'listing',
    });
    expect(env.files.open).toHaveBeenCalledWith('/data/uidl.txt', { readOnly: true });
    expect(env.containers.openIfContainer).not.toHaveBeenCalled();
    expect(env.recent.add).not.toHaveBeenCalled();
  });

  it('does not remember a file that failed to open', async () => {
    const failure: HostFailure = { status: 'failed', code: 'too-large', message: 'big' };
    env.files.open.mockResolvedValueOnce(failure);
    pick(env, '/data/h.bin');
    expect(await env.ipc.invoke(INVOKE_CHANNELS.openPath, trusted, { path: '/data/h.bin' })).toBe(
      failure,
    );
    expect(env.recent.add).not.toHaveBeenCalled();
  });

  it('opens every file read-only in a --read-only session', async () => {
    const session = setup({ readOnlySession: true });
    pick(session, '/data/h.bin');
    await session.ipc.invoke(INVOKE_CHANNELS.openPath, trusted, {
      path: '/data/h.bin',
      readOnly: false,
    });
    await session.ipc.invoke(INVOKE_CHANNELS.openDialog, trusted);
    await session.ipc.invoke(INVOKE_CHANNELS.openRecent, trusted, { path: '/data/recent.bin' });
    expect(session.files.open.mock.calls.map(([, options]) => options)).toEqual([
      { readOnly: true },
      { readOnly: true },
      { readOnly: true },
    ]);
  });

  it('opens from the recent list only what the list holds', async () => {
    const refused = await env.ipc.invoke(INVOKE_CHANNELS.openRecent, trusted, {
      path: '/etc/passwd',
    });
    expect(refused).toEqual({
      status: 'failed',
      code: 'not-found',
      message: "'/etc/passwd' is no longer on the recent files list; open it with Open… instead.",
    });
    expect(env.files.open).not.toHaveBeenCalled();
    expect(env.log).toHaveBeenCalledWith(
      'Refused to open /etc/passwd from the recent list: it is not on it',
    );
    await env.ipc.invoke(INVOKE_CHANNELS.openRecent, trusted, { path: '/data/recent.bin' });
    expect(env.files.open).toHaveBeenCalledWith('/data/recent.bin', { readOnly: false });
  });

  it('lists and clears the recent files', async () => {
    expect(await env.ipc.invoke(INVOKE_CHANNELS.listRecent, trusted)).toEqual([
      { path: '/data/recent.bin', name: 'recent.bin', openedMs: 5 },
    ]);
    await env.ipc.invoke(INVOKE_CHANNELS.clearRecent, trusted);
    expect(env.recent.clear).toHaveBeenCalledTimes(1);
    expect(env.onRecentChanged).toHaveBeenCalledTimes(1);
  });

  it('saves the bytes to the file, never overwriting a change on disk unasked', async () => {
    const result = await env.ipc.invoke(INVOKE_CHANNELS.save, trusted, { fileId: FILE_ID, bytes });
    expect(result).toBe(saved);
    expect(env.files.save).toHaveBeenCalledWith(FILE_ID, bytes, false);
    expect(env.dialogs.confirmOverwriteChanged).not.toHaveBeenCalled();
  });

  it('asks before overwriting a change on disk, and retries only when the user agrees', async () => {
    env.files.save.mockResolvedValueOnce(changed);
    expect(await env.ipc.invoke(INVOKE_CHANNELS.save, trusted, { fileId: FILE_ID, bytes })).toBe(
      saved,
    );
    expect(env.dialogs.confirmOverwriteChanged).toHaveBeenCalledWith({
      name: 'h.bin',
      path: '/data/h.bin',
    });
    expect(env.files.save.mock.calls).toEqual([
      [FILE_ID, bytes, false],
      [FILE_ID, bytes, true],
    ]);

    env.files.save.mockClear();
    env.files.save.mockResolvedValueOnce(changed);
    env.dialogs.confirmOverwriteChanged.mockResolvedValueOnce(false);
    expect(await env.ipc.invoke(INVOKE_CHANNELS.save, trusted, { fileId: FILE_ID, bytes })).toEqual(
      {
        status: 'canceled',
      },
    );
    expect(env.files.save).toHaveBeenCalledTimes(1);
  });

  it('passes other save failures through unchanged', async () => {
    const readOnly: HostFailure = { status: 'failed', code: 'read-only', message: 'evidence' };
    env.files.save.mockResolvedValueOnce(readOnly);
    expect(await env.ipc.invoke(INVOKE_CHANNELS.save, trusted, { fileId: FILE_ID, bytes })).toBe(
      readOnly,
    );
    expect(env.dialogs.confirmOverwriteChanged).not.toHaveBeenCalled();
  });

  it('saves as the path chosen in the dialog, next to the source, and remembers it', async () => {
    await env.ipc.invoke(INVOKE_CHANNELS.saveAs, trusted, VALID[INVOKE_CHANNELS.saveAs]);
    expect(env.dialogs.chooseSaveTarget).toHaveBeenCalledWith({
      purpose: 'save-as',
      defaultPath: '/data/copy.bin',
      filters: [
        { name: 'BIN file', extensions: ['bin'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    expect(env.files.saveAs).toHaveBeenCalledWith('/data/copy.bin', bytes, FILE_ID);
    expect(env.recent.add).toHaveBeenCalledWith('/data/copy.bin');
  });

  it('writes nothing when the save dialog is canceled', async () => {
    env.dialogs.chooseSaveTarget.mockResolvedValue(null);
    for (const channel of [INVOKE_CHANNELS.saveAs, INVOKE_CHANNELS.exportFile]) {
      expect(await env.ipc.invoke(channel, trusted, VALID[channel])).toEqual({
        status: 'canceled',
      });
    }
    expect(env.files.saveAs).not.toHaveBeenCalled();
    expect(env.files.exportTo).not.toHaveBeenCalled();
  });

  it('exports with the renderer’s filters, without touching the recent list', async () => {
    const filters = [{ name: 'JSON', extensions: ['json'] }];
    await env.ipc.invoke(INVOKE_CHANNELS.exportFile, trusted, {
      suggestedName: 'h.json',
      bytes,
      mimeType: 'application/json',
      filters,
    });
    expect(env.dialogs.chooseSaveTarget).toHaveBeenCalledWith({
      purpose: 'export',
      defaultPath: 'h.json',
      filters: [...filters, { name: 'All files', extensions: ['*'] }],
    });
    expect(env.files.exportTo).toHaveBeenCalledWith('/data/copy.bin', bytes, undefined);
    expect(env.recent.add).not.toHaveBeenCalled();
  });

  it('reads and updates the settings, and reports the change', async () => {
    expect(await env.ipc.invoke(INVOKE_CHANNELS.getSettings, trusted)).toEqual({
      theme: 'system',
      timeZone: 'utc',
      openReadOnly: false,
    });
    const updated = await env.ipc.invoke(INVOKE_CHANNELS.updateSettings, trusted, {
      theme: 'dark',
    });
    expect(env.settings.update).toHaveBeenCalledWith({ theme: 'dark' });
    expect(updated).toEqual({ theme: 'dark', timeZone: 'utc', openReadOnly: false });
    expect(env.onSettingsChanged).toHaveBeenCalledWith(updated);
  });

  it('logs and rethrows a service that fails unexpectedly', async () => {
    env.recent.list.mockRejectedValueOnce(new Error('disk on fire'));
    await expect(env.ipc.invoke(INVOKE_CHANNELS.listRecent, trusted)).rejects.toThrow(
      'disk on fire',
    );
    expect(env.log).toHaveBeenCalledWith(
      expect.stringMatching(/^recent:list failed: Error: disk on fire/),
    );
  });

  describe('document state', () => {
    it('passes a valid state on', () => {
      env.ipc.send(SEND_CHANNELS.documentState, trusted, { title: 'h.bin', dirty: true });
      expect(env.onDocumentState).toHaveBeenCalledWith({ title: 'h.bin', dirty: true });
    });

    it.each([
      ['no payload', []],
      ['dirty not a boolean', [{ title: 'h.bin', dirty: 'yes' }]],
      ['an extra key', [{ title: 'h.bin', dirty: false, path: '/x' }]],
      ['an overlong title', [{ title: 'x'.repeat(1025), dirty: false }]],
      ['two arguments', [{ title: 'h.bin', dirty: false }, 'extra']],
    ])('ignores %s', (_, args) => {
      env.ipc.send(SEND_CHANNELS.documentState, trusted, ...args);
      expect(env.onDocumentState).not.toHaveBeenCalled();
      expect(env.log).toHaveBeenCalledWith('Ignored a malformed document:state message');
    });

    it.each(FOREIGN)('ignores a state from %s', (_, event) => {
      env.ipc.send(SEND_CHANNELS.documentState, event, { title: 'x', dirty: false });
      expect(env.onDocumentState).not.toHaveBeenCalled();
      expect(env.log).toHaveBeenCalledWith(expect.stringMatching(/^Ignored document:state: /));
    });
  });

  it('removes everything it registered', () => {
    env.dispose();
    expect(env.ipc.handlers.size).toBe(0);
    expect(env.ipc.listeners.get(SEND_CHANNELS.documentState)).toEqual([]);
  });
});

describe('containers', () => {
  let env: Env;
  beforeEach(() => {
    env = setup();
  });

  it('opens a PST, OST or .msg through the scan, with progress under the task id', async () => {
    env.containers.openIfContainer.mockImplementationOnce(async (_path, task) => {
      task.progress('Searching folders', 1, 1);
      return container;
    });
    pick(env, '/data/store.msg');
    const result = await env.ipc.invoke(INVOKE_CHANNELS.openPath, trusted, {
      path: '/data/store.msg',
      taskId: 'scan-1',
    });
    expect(result).toBe(container);
    expect(env.containers.openIfContainer).toHaveBeenCalledWith(
      '/data/store.msg',
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
    expect(env.files.open).not.toHaveBeenCalled();
    expect(env.progress).toEqual([
      { taskId: 'scan-1', task: 'scan', phase: 'Searching folders', done: 1, total: 1 },
    ]);
    expect(env.recent.add).toHaveBeenCalledWith('/data/store.msg');
  });

  it('stops a scan when the window cancels its task, and only then', async () => {
    let aborted = false;
    env.containers.openIfContainer.mockImplementationOnce(
      (_path, task) =>
        new Promise((resolve) => {
          task.signal.addEventListener('abort', () => {
            aborted = true;
            resolve({ status: 'failed', code: 'io', message: 'Canceled: stopped.' });
          });
        }),
    );
    const opening = env.ipc.invoke(INVOKE_CHANNELS.openDialog, trusted, { taskId: 'scan-2' });
    await vi.waitFor(() => expect(env.containers.openIfContainer).toHaveBeenCalled());
    // A foreign frame, a malformed id and another task's id stop nothing.
    env.ipc.send(SEND_CHANNELS.cancelTask, FOREIGN[3]![1], 'scan-2');
    env.ipc.send(SEND_CHANNELS.cancelTask, trusted, 'scan 2; rm -rf /');
    env.ipc.send(SEND_CHANNELS.cancelTask, trusted, 'scan-3');
    expect(aborted).toBe(false);
    env.ipc.send(SEND_CHANNELS.cancelTask, trusted, 'scan-2');
    expect(await opening).toEqual({ status: 'failed', code: 'io', message: 'Canceled: stopped.' });
    expect(aborted).toBe(true);
    expect(env.recent.add).not.toHaveBeenCalled();
    expect(env.log).toHaveBeenCalledWith(expect.stringMatching(/^Ignored task:cancel: /));
    expect(env.log).toHaveBeenCalledWith('Ignored a malformed task:cancel message');
  });

  it('opens a chosen attachment through the container host', async () => {
    const result = await env.ipc.invoke(INVOKE_CHANNELS.openContainerChoice, trusted, {
      containerId: CONTAINER_ID,
      number: 3,
    });
    expect(result).toBe(opened);
    expect(env.containers.openChoice).toHaveBeenCalledWith(CONTAINER_ID, 3);
  });

  it('writes back into the copy chosen in a save dialog beside the .msg', async () => {
    const request = VALID[INVOKE_CHANNELS.writeBackMsg];
    env.dialogs.chooseSaveTarget.mockResolvedValueOnce('/data/store-repaired.msg');
    expect(await env.ipc.invoke(INVOKE_CHANNELS.writeBackMsg, trusted, request)).toBe(saved);
    expect(env.dialogs.chooseSaveTarget).toHaveBeenCalledWith({
      purpose: 'export',
      defaultPath: '/data/store-repaired.msg',
      filters: [
        { name: 'Outlook message', extensions: ['msg'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    expect(env.containers.writeBack).toHaveBeenCalledWith(request, '/data/store-repaired.msg');
    expect(env.files.exportTo).not.toHaveBeenCalled();
  });

  it('writes nothing back when the save dialog is canceled', async () => {
    env.dialogs.chooseSaveTarget.mockResolvedValueOnce(null);
    expect(
      await env.ipc.invoke(
        INVOKE_CHANNELS.writeBackMsg,
        trusted,
        VALID[INVOKE_CHANNELS.writeBackMsg],
      ),
    ).toEqual({ status: 'canceled' });
    expect(env.containers.writeBack).not.toHaveBeenCalled();
  });

  it('passes the container host’s refusal through (PST write-back)', async () => {
    const refusal: HostFailure = {
      status: 'failed',
      code: 'unsupported',
      message: 'Writing back into a PST or OST is not supported.',
    };
    env.containers.writeBack.mockResolvedValueOnce(refusal);
    env.containers.sourcePath.mockReturnValueOnce(null);
    const request = { containerId: 'unknown-container', number: 1, bytes, suggestedName: 'x.msg' };
    expect(await env.ipc.invoke(INVOKE_CHANNELS.writeBackMsg, trusted, request)).toBe(refusal);
    // No known source folder: the dialog starts from the suggested name alone.
    expect(env.dialogs.chooseSaveTarget).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: 'x.msg' }),
    );
  });
});

describe('live POP3 checks', () => {
  let env: Env;
  beforeEach(() => {
    env = setup();
  });
  const request = VALID[INVOKE_CHANNELS.pop3Check] as Pop3CheckRequest;
  const listed: Pop3CheckResult = {
    status: 'listed',
    messages: [{ number: 1, uid: 'a-1' }],
    problems: [],
    greeting: 'Dovecot ready.',
    tlsProtocol: 'TLSv1.3',
    certificateVerified: true,
    passwordRemembered: false,
  };

  it('runs the check under its task id, with progress tagged as a POP3 task', async () => {
    env.pop3.check.mockImplementationOnce(async (_request, task) => {
      task.progress('Receiving UIDL', 1, 1);
      return listed;
    });
    expect(await env.ipc.invoke(INVOKE_CHANNELS.pop3Check, trusted, request)).toBe(listed);
    expect(env.pop3.check).toHaveBeenCalledWith(
      request,
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
    expect(env.progress).toEqual([
      { taskId: 'check-1', task: 'pop3', phase: 'Receiving UIDL', done: 1, total: 1 },
    ]);
    expect(env.tasks.running).toBe(0);
  });

  it('cancels the running check when the window asks, by its task id', async () => {
    env.pop3.check.mockImplementationOnce(
      (_request, task) =>
        new Promise((resolve) => {
          task.signal.addEventListener('abort', () =>
            resolve({ status: 'failed', code: 'canceled', message: 'The check was canceled' }),
          );
        }),
    );
    const checking = env.ipc.invoke(INVOKE_CHANNELS.pop3Check, trusted, request);
    await vi.waitFor(() => expect(env.pop3.check).toHaveBeenCalled());
    env.ipc.send(SEND_CHANNELS.cancelTask, FOREIGN[0]![1], 'check-1');
    env.ipc.send(SEND_CHANNELS.cancelTask, trusted, 'check-2');
    expect(env.tasks.running).toBe(1);
    env.ipc.send(SEND_CHANNELS.cancelTask, trusted, 'check-1');
    expect(await checking).toEqual({
      status: 'failed',
      code: 'canceled',
      message: 'The check was canceled',
    });
    expect(env.tasks.running).toBe(0);
  });

  it('lists and forgets remembered accounts', async () => {
    const account: Pop3Account = {
      host: 'mail.example.com',
      port: 995,
      security: 'tls',
      user: 'alice@example.com',
      hasRememberedPassword: true,
    };
    env.pop3.listAccounts.mockResolvedValueOnce([account]);
    expect(await env.ipc.invoke(INVOKE_CHANNELS.listPop3Accounts, trusted)).toEqual([account]);
    await env.ipc.invoke(
      INVOKE_CHANNELS.forgetPop3Account,
      trusted,
      VALID[INVOKE_CHANNELS.forgetPop3Account],
    );
    expect(env.pop3.forgetAccount).toHaveBeenCalledWith(
      'mail.example.com',
      995,
      'alice@example.com',
    );
  });

  it('never repeats a refused password in its error or the log', async () => {
    const password = 'Sup3r-Secret\nDELE 1';
    const refusal = env.ipc.invoke(INVOKE_CHANNELS.pop3Check, trusted, { ...request, password });
    await expect(refusal).rejects.toThrow('Refused pop3:check: password: ');
    const error = await refusal.catch((thrown: unknown) => String(thrown));
    expect(error).not.toContain('Sup3r');
    expect(JSON.stringify(env.log.mock.calls)).not.toContain('Sup3r');
    expect(env.pop3.check).not.toHaveBeenCalled();
  });
});

describe('foreignSenderReason', () => {
  const isApp = (sender: unknown) => sender === appContents;
  it('accepts the main frame of our window on the app origin, at any page', () => {
    expect(foreignSenderReason(trusted, isApp)).toBeNull();
    const other = { sender: appContents, senderFrame: { url: 'app://uidl-studio/', parent: null } };
    expect(foreignSenderReason(other, isApp)).toBeNull();
  });

  it('names what is wrong', () => {
    expect(FOREIGN.map(([, event]) => foreignSenderReason(event, isApp))).toEqual([
      'it does not come from the UIDL Studio window',
      'its frame navigated away or was closed',
      'it comes from a sub-frame',
      'it comes from https://evil.example/',
      'it comes from app://uidl-studio.evil/',
      'it comes from file:///tmp/x.html',
    ]);
  });
});

describe('the preload and the handlers, built from one table', () => {
  /** The desktop HostApi wired straight into main's handlers, as Electron's IPC would. */
  function connected(env: Env) {
    const sent: [string, unknown[]][] = [];
    const api = createHostApi(
      {
        invoke: (channel, ...args) => {
          sent.push([channel, args]);
          return Promise.resolve(env.ipc.invoke(channel, trusted, ...args));
        },
        send: (channel, ...args) => env.ipc.send(channel, trusted, ...args),
        on: () => undefined,
      },
      () => '/data/h.bin',
    );
    return { api, sent };
  }

  /** Each table method called as the page calls it, with the arguments behind VALID. */
  const CALLS: Record<InvokeMethod, (api: HostApi) => Promise<unknown>> = {
    openDialog: (api) => api.openDialog({ readOnly: true }),
    openPath: (api) => api.openPicked(picked),
    openRecent: (api) => api.openRecent('/data/recent.bin', { readOnly: false }),
    listRecent: (api) => api.listRecent(),
    clearRecent: (api) => api.clearRecent(),
    save: (api) => api.save({ fileId: FILE_ID, bytes }),
    saveAs: (api) => api.saveAs({ suggestedName: 'copy.bin', bytes, sourceFileId: FILE_ID }),
    exportFile: (api) =>
      api.exportFile({
        suggestedName: 'h.json',
        bytes,
        mimeType: 'application/json',
        sourceFileId: FILE_ID,
      }),
    getSettings: (api) => api.getSettings(),
    updateSettings: (api) => api.updateSettings({ theme: 'dark' }),
    copyText: (api) => api.copyText('uid-1\nuid-2'),
    openContainerChoice: (api) => api.openContainerChoice(CONTAINER_ID, 2),
    writeBackMsg: (api) =>
      api.writeBackMsg({
        containerId: CONTAINER_ID,
        number: 2,
        bytes,
        suggestedName: 'store-repaired.msg',
      }),
    findContainerVersions: (api) => api.findContainerVersions(CONTAINER_ID, 'versions-1'),
    openContainerVersion: (api) => api.openContainerVersion(CONTAINER_ID, 1),
    pop3Check: (api) => api.pop3Check(VALID[INVOKE_CHANNELS.pop3Check] as Pop3CheckRequest),
    listPop3Accounts: (api) => api.listPop3Accounts(),
    forgetPop3Account: (api) => api.forgetPop3Account('mail.example.com', 995, 'alice@example.com'),
  };
  const picked = { name: 'h.bin', size: 4, lastModified: 0, arrayBuffer: async () => bytes.buffer };

  it('exposes exactly the table’s methods and the preload’s own members', () => {
    const { api } = connected(setup());
    const served = Object.keys(INVOKE_TABLE).filter((method) => method !== 'openPath');
    expect(Object.keys(api).sort()).toEqual([...served, ...PRELOAD_OWN_MEMBERS].sort());
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(INVOKE_TABLE).sort());
  });

  it.each(Object.keys(INVOKE_TABLE) as InvokeMethod[])(
    '%s: what the preload sends passes main’s validation and reaches its service',
    async (method) => {
      const env = setup();
      pick(env, '/data/h.bin');
      const { api, sent } = connected(env);
      await CALLS[method](api);
      const channel = INVOKE_TABLE[method].channel;
      expect(sent).toEqual([[channel, VALID[channel] === undefined ? [] : [VALID[channel]]]]);
      expect(REACHES[channel]!(env)).toHaveBeenCalledTimes(1);
      expect(env.log).not.toHaveBeenCalled();
    },
  );

  it('refuses in main what the page passes malformed through the preload', async () => {
    const env = setup();
    const { api } = connected(env);
    await expect(api.save({ fileId: '../../etc/passwd', bytes })).rejects.toThrow(
      'Refused file:save: fileId: must be a file id the host issued',
    );
    await expect(api.forgetPop3Account('pop3://mail', 0, 'a\r\nDELE 1')).rejects.toThrow(
      /^Refused pop3:forget-account: host: .*; port: .*; user: /,
    );
    await expect(api.openContainerChoice(CONTAINER_ID, 0)).rejects.toThrow(
      'Refused container:open-choice: number:',
    );
    for (const service of env.services) expect(service).not.toHaveBeenCalled();
    expect(env.log).toHaveBeenCalledTimes(3);
  });
});
