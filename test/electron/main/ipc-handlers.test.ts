import { beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  DocumentState,
  HostFailure,
  OpenedFile,
  Saved,
  Settings,
} from '../../../shared/host/contract.js';
import { INVOKE_CHANNELS, SEND_CHANNELS } from '../../../shared/host/ipc.js';
import { MAX_INPUT_BYTES } from '../../../shared/limits.js';
import {
  foreignSenderReason,
  registerIpcHandlers,
  type HostDialogs,
  type IpcListener,
  type IpcMainLike,
  type IpcSenderEvent,
} from '../../../electron/main/ipc-handlers.js';
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
  };
  const recentList = ['/data/recent.bin'];
  const recent = {
    list: vi.fn<RecentFiles['list']>(async () => [
      { path: '/data/recent.bin', name: 'recent.bin', openedMs: 5 },
    ]),
    add: vi.fn<RecentFiles['add']>(async () => []),
    clear: vi.fn<RecentFiles['clear']>(async () => {}),
    includes: vi.fn<RecentFiles['includes']>(async (path) => recentList.includes(path)),
  };
  const current: Settings = { theme: 'system', openReadOnly: false };
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
    ...Object.values(recent),
    ...Object.values(settings),
    ...Object.values(dialogs),
    clipboard.writeText,
  ];
  return {
    ipc,
    clipboard,
    files,
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
    ['overwriteChanged not a boolean', { fileId: FILE_ID, bytes, overwriteChanged: 'yes' }],
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
};

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
    await env.ipc.invoke(INVOKE_CHANNELS.openPath, trusted, { path: '/data/h.bin' });
    expect(env.files.open).toHaveBeenCalledWith('/data/h.bin', { readOnly: false });
  });

  it('does not remember a file that failed to open', async () => {
    const failure: HostFailure = { status: 'failed', code: 'too-large', message: 'big' };
    env.files.open.mockResolvedValueOnce(failure);
    expect(await env.ipc.invoke(INVOKE_CHANNELS.openPath, trusted, { path: '/data/h.bin' })).toBe(
      failure,
    );
    expect(env.recent.add).not.toHaveBeenCalled();
  });

  it('opens every file read-only in a --read-only session', async () => {
    const session = setup({ readOnlySession: true });
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
    const result = await env.ipc.invoke(INVOKE_CHANNELS.save, trusted, {
      fileId: FILE_ID,
      bytes,
      overwriteChanged: true, // this host asks the user itself, so this is ignored
    });
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
      openReadOnly: false,
    });
    const updated = await env.ipc.invoke(INVOKE_CHANNELS.updateSettings, trusted, {
      theme: 'dark',
    });
    expect(env.settings.update).toHaveBeenCalledWith({ theme: 'dark' });
    expect(updated).toEqual({ theme: 'dark', openReadOnly: false });
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
