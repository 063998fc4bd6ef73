import { describe, expect, it, vi } from 'vitest';
import type {
  HostCommand,
  HostProgress,
  OpenedFile,
  PickedFile,
} from '../../../shared/host/contract.js';
import { EVENT_CHANNELS, INVOKE_CHANNELS, SEND_CHANNELS } from '../../../shared/host/ipc.js';
import {
  createHostApi,
  watchPickedFiles,
  type PickEvent,
  type PreloadIpc,
} from '../../../electron/preload/host-api.js';

function setup(getPathForFile: (file: PickedFile) => string = () => '/data/dropped.bin') {
  let commandListener: ((event: unknown, ...args: unknown[]) => void) | undefined;
  let progressListener: ((event: unknown, ...args: unknown[]) => void) | undefined;
  const ipc = {
    invoke: vi.fn<PreloadIpc['invoke']>(async () => ({ status: 'canceled' })),
    send: vi.fn<PreloadIpc['send']>(),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      if (channel === EVENT_CHANNELS.command) commandListener = listener;
      if (channel === EVENT_CHANNELS.progress) progressListener = listener;
    }),
  };
  const api = createHostApi(ipc, getPathForFile);
  // What main sends: an event object carrying the sender, which must not reach the page.
  const emit = (command: HostCommand) => commandListener?.({ sender: 'ipcRenderer' }, command);
  const emitProgress = (progress: HostProgress) =>
    progressListener?.({ sender: 'ipcRenderer' }, progress);
  return { ipc, api, emit, emitProgress };
}

const bytes = new Uint8Array([3, 0, 0, 0]);
const picked: PickedFile = {
  name: 'dropped.bin',
  size: 4,
  lastModified: 0,
  arrayBuffer: async () => new ArrayBuffer(4),
};
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('createHostApi', () => {
  it('declares the desktop capabilities', () => {
    expect(setup().api.capabilities).toEqual({
      kind: 'desktop',
      saveInPlace: true,
      recentFiles: true,
      nativeMenus: true,
      network: true,
      containers: true,
    });
  });

  it('exposes exactly the contract’s members', () => {
    expect(Object.keys(setup().api).sort()).toEqual([
      'cancelTask',
      'capabilities',
      'clearRecent',
      'copyText',
      'exportFile',
      'findContainerVersions',
      'forgetPop3Account',
      'getSettings',
      'listPop3Accounts',
      'listRecent',
      'onCommand',
      'onProgress',
      'openContainerChoice',
      'openContainerVersion',
      'openDialog',
      'openPicked',
      'openRecent',
      'pop3Check',
      'save',
      'saveAs',
      'setDocumentState',
      'updateSettings',
      'writeBackMsg',
    ]);
  });

  it('invokes each channel with exactly the contract’s fields', async () => {
    const { ipc, api } = setup();
    const extra = { unexpected: true } as object;
    await api.openDialog();
    await api.openDialog({ readOnly: true });
    await api.openRecent('/data/h.bin', { readOnly: false });
    await api.listRecent();
    await api.clearRecent();
    await api.save({ fileId: 'abcdefgh', bytes, ...extra });
    await api.saveAs({ suggestedName: 'h.bin', bytes, sourceFileId: 'abcdefgh', ...extra });
    await api.exportFile({
      suggestedName: 'h.json',
      bytes,
      mimeType: 'application/json',
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
    await api.getSettings();
    await api.updateSettings({ theme: 'dark', ...extra });
    await api.copyText('uid-1\nuid-2');
    await api.openDialog({ readOnly: false, taskId: 'scan-1', ...extra });
    await api.openContainerChoice('abcdefgh', 3);
    await api.findContainerVersions('abcdefgh', 'versions-1');
    await api.openContainerVersion('abcdefgh', 2);
    await api.writeBackMsg({
      containerId: 'abcdefgh',
      number: 2,
      bytes,
      suggestedName: 'a.msg',
      ...extra,
    });
    await api.pop3Check({
      taskId: 'pop3-1',
      host: 'mail.example.com',
      port: 995,
      security: 'tls',
      allowPlain: false,
      user: 'alice',
      password: 'secret',
      rememberPassword: true,
      insecure: false,
      ...extra,
    });
    await api.listPop3Accounts();
    await api.forgetPop3Account('mail.example.com', 995, 'alice');
    expect(ipc.invoke.mock.calls).toEqual([
      [INVOKE_CHANNELS.openDialog, {}],
      [INVOKE_CHANNELS.openDialog, { readOnly: true }],
      [INVOKE_CHANNELS.openRecent, { path: '/data/h.bin', readOnly: false }],
      [INVOKE_CHANNELS.listRecent],
      [INVOKE_CHANNELS.clearRecent],
      [INVOKE_CHANNELS.save, { fileId: 'abcdefgh', bytes }],
      [INVOKE_CHANNELS.saveAs, { suggestedName: 'h.bin', bytes, sourceFileId: 'abcdefgh' }],
      [
        INVOKE_CHANNELS.exportFile,
        {
          suggestedName: 'h.json',
          bytes,
          mimeType: 'application/json',
          filters: [{ name: 'JSON', extensions: ['json'] }],
        },
      ],
      [INVOKE_CHANNELS.getSettings],
      [INVOKE_CHANNELS.updateSettings, { theme: 'dark' }],
      [INVOKE_CHANNELS.copyText, 'uid-1\nuid-2'],
      [INVOKE_CHANNELS.openDialog, { readOnly: false, taskId: 'scan-1' }],
      [INVOKE_CHANNELS.openContainerChoice, { containerId: 'abcdefgh', number: 3 }],
      [INVOKE_CHANNELS.findContainerVersions, { containerId: 'abcdefgh', taskId: 'versions-1' }],
      [INVOKE_CHANNELS.openContainerVersion, { containerId: 'abcdefgh', number: 2 }],
      [
        INVOKE_CHANNELS.writeBackMsg,
        { containerId: 'abcdefgh', number: 2, bytes, suggestedName: 'a.msg' },
      ],
      [
        INVOKE_CHANNELS.pop3Check,
        {
          taskId: 'pop3-1',
          host: 'mail.example.com',
          port: 995,
          security: 'tls',
          allowPlain: false,
          user: 'alice',
          password: 'secret',
          rememberPassword: true,
          insecure: false,
        },
      ],
      [INVOKE_CHANNELS.listPop3Accounts],
      [INVOKE_CHANNELS.forgetPop3Account, { host: 'mail.example.com', port: 995, user: 'alice' }],
    ]);
  });

  it('sends cancelTask as a plain string', () => {
    const { ipc, api } = setup();
    api.cancelTask('scan-1');
    expect(ipc.send).toHaveBeenCalledWith(SEND_CHANNELS.cancelTask, 'scan-1');
  });

  it('delivers progress without the event object, only while subscribed', () => {
    const { api, emitProgress } = setup();
    const seen: unknown[][] = [];
    const unsubscribe = api.onProgress((...args) => seen.push(args));
    const progress: HostProgress = {
      taskId: 'scan-1',
      task: 'scan',
      phase: 'Reading folders',
      done: 2,
      total: 9,
    };
    emitProgress(progress);
    unsubscribe();
    emitProgress({ ...progress, done: 3 });
    expect(seen).toEqual([[progress]]);
  });

  it('returns what main answers', async () => {
    const { ipc, api } = setup();
    const opened = { status: 'opened', fileId: 'abcdefgh' } as OpenedFile;
    ipc.invoke.mockResolvedValueOnce(opened);
    expect(await api.openDialog()).toBe(opened);
  });

  it('opens a dropped file by its path on disk', async () => {
    const { ipc, api } = setup();
    await api.openPicked(picked, { readOnly: true });
    expect(ipc.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.openPath, {
      path: '/data/dropped.bin',
      readOnly: true,
    });
  });

  it.each([
    ['has no path (made in the page)', () => ''],
    [
      'is not a File at all',
      () => {
        throw new TypeError('not a File');
      },
    ],
  ])('refuses a picked file that %s, without asking main', async (_, getPath) => {
    const { ipc, api } = setup(getPath);
    expect(await api.openPicked(picked)).toEqual({
      status: 'failed',
      code: 'unsupported',
      message:
        "'dropped.bin' is not a file on disk (it may come from another program or a web page); " +
        'save it to a file first, or paste it with Paste Dump.',
    });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('sends the document state with only its two fields', () => {
    const { ipc, api } = setup();
    api.setDocumentState({ title: 'h.bin', dirty: true, extra: 1 } as never);
    expect(ipc.send).toHaveBeenCalledWith(SEND_CHANNELS.documentState, {
      title: 'h.bin',
      dirty: true,
    });
  });

  describe('onCommand', () => {
    it('delivers commands without the IPC event, and unsubscribes exactly one listener', () => {
      const { api, emit } = setup();
      const first = vi.fn();
      const second = vi.fn();
      const stopFirst = api.onCommand(first);
      api.onCommand(second);
      emit({ type: 'save' });
      stopFirst();
      emit({ type: 'undo' });
      expect(first.mock.calls).toEqual([[{ type: 'save' }]]);
      expect(second.mock.calls).toEqual([[{ type: 'save' }], [{ type: 'undo' }]]);
    });

    it('keeps one function subscribed twice until both are unsubscribed', () => {
      const { api, emit } = setup();
      const listener = vi.fn();
      const stop = api.onCommand(listener);
      api.onCommand(listener);
      stop();
      emit({ type: 'find' });
      expect(listener).toHaveBeenCalledTimes(1);
    });

    it('holds commands sent before anyone listens for the first subscriber', async () => {
      const { api, emit } = setup();
      emit({ type: 'open' });
      emit({ type: 'find' });
      const listener = vi.fn();
      api.onCommand(listener);
      expect(listener).not.toHaveBeenCalled(); // not during onCommand itself
      await flush();
      expect(listener.mock.calls).toEqual([[{ type: 'open' }], [{ type: 'find' }]]);
      const later = vi.fn();
      api.onCommand(later);
      await flush();
      expect(later).not.toHaveBeenCalled();
    });

    it('hands held commands to whoever listens after a subscribe-unsubscribe-subscribe', async () => {
      const { api, emit } = setup();
      emit({ type: 'open' });
      const first = vi.fn();
      const second = vi.fn();
      api.onCommand(first)();
      api.onCommand(second);
      await flush();
      expect(first).not.toHaveBeenCalled();
      expect(second.mock.calls).toEqual([[{ type: 'open' }]]);
    });

    it('holds at most 32 early commands', async () => {
      const { api, emit } = setup();
      for (let i = 0; i < 40; i++) emit({ type: 'save' });
      const listener = vi.fn();
      api.onCommand(listener);
      await flush();
      expect(listener).toHaveBeenCalledTimes(32);
    });
  });
});

describe('watchPickedFiles', () => {
  function watch() {
    const listeners = new Map<string, (event: PickEvent) => void>();
    const captures: boolean[] = [];
    const send = vi.fn<PreloadIpc['send']>();
    const paths = new Map<PickedFile, string>();
    watchPickedFiles(
      {
        addEventListener: (type, listener, capture) => {
          listeners.set(type, listener);
          captures.push(capture);
        },
      },
      { send },
      (file) => paths.get(file) ?? '',
    );
    const file = (name: string, path: string): PickedFile => {
      const made = { ...picked, name };
      paths.set(made, path);
      return made;
    };
    return { listeners, captures, send, file };
  }

  it('tells main the paths of files dropped or chosen by the user, in the capture phase', () => {
    const { listeners, captures, send, file } = watch();
    expect([...listeners.keys()]).toEqual(['drop', 'change']);
    expect(captures).toEqual([true, true]);
    listeners.get('drop')!({
      isTrusted: true,
      dataTransfer: { files: [file('a.bin', '/data/a.bin'), file('page.bin', '')] },
    });
    listeners.get('change')!({ isTrusted: true, target: { files: [file('b', '/data/b.txt')] } });
    expect(send.mock.calls).toEqual([
      [SEND_CHANNELS.filesPicked, ['/data/a.bin']],
      [SEND_CHANNELS.filesPicked, ['/data/b.txt']],
    ]);
  });

  it('ignores events the page made up, and events without files on disk', () => {
    const { listeners, send, file } = watch();
    listeners.get('drop')!({
      isTrusted: false,
      dataTransfer: { files: [file('a.bin', '/etc/passwd')] },
    });
    listeners.get('change')!({ isTrusted: true, target: { files: [file('x', '')] } });
    listeners.get('change')!({ isTrusted: true, target: {} });
    expect(send).not.toHaveBeenCalled();
  });
});
