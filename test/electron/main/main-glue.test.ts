/**
 * main.ts against a stand-in for the `electron` module (the binary is not installed here): the
 * start-up order, the window's hardening, files from the command line, the document state, the
 * close prompt and a second instance. The modules it wires are tested on their own; this checks
 * the wiring.
 */
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, SEND_CHANNELS } from '../../../shared/host/ipc.js';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

const fake = vi.hoisted(() => ({
  current: undefined as unknown as ReturnType<typeof makeElectron>,
}));

function makeElectron(userData: string) {
  const windows: FakeWindow[] = [];
  class FakeWebContents extends Emitter {
    send = vi.fn();
    setWindowOpenHandler = vi.fn();
  }
  class FakeWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    loadURL = vi.fn(async () => {});
    setTitle = vi.fn();
    setDocumentEdited = vi.fn();
    maximize = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isDestroyed = () => false;
    isMinimized = () => false;
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 10, y: 20, width: 900, height: 700 });
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
  }
  const app = Object.assign(new Emitter(), {
    setPath: vi.fn(),
    getPath: vi.fn(() => userData),
    getVersion: () => '0.1.0',
    exit: vi.fn(),
    quit: vi.fn(),
    isPackaged: false,
    isReady: () => true,
    requestSingleInstanceLock: vi.fn(() => true),
    setAboutPanelOptions: vi.fn(),
    showAboutPanel: vi.fn(),
    whenReady: () => Promise.resolve(),
  });
  const ipcMain = Object.assign(new Emitter(), {
    handlers: new Map<string, Listener>(),
    handle(channel: string, listener: Listener) {
      this.handlers.set(channel, listener);
    },
    removeHandler: vi.fn(),
    removeListener: vi.fn(),
  });
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    },
  };
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  return {
    windows,
    module: {
      app,
      BrowserWindow: FakeWindow,
      clipboard: { writeText: vi.fn() },
      ipcMain,
      Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (template: unknown) => template },
      nativeTheme: { themeSource: 'unset' },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
      session,
      // No keychain in the stand-in: the POP3 host then remembers no password.
      safeStorage: {
        isEncryptionAvailable: () => false,
        encryptString: vi.fn(),
        decryptString: vi.fn(),
      },
      dialog: {
        showMessageBoxSync: vi.fn(() => 2),
        showMessageBox: vi.fn(),
        showOpenDialog: vi.fn(),
        showSaveDialog: vi.fn(),
      },
    },
  };
}

// Getters: the mock registry keeps this module across tests, while each test has a new fake.
vi.mock('electron', () => {
  const names = Object.keys(makeElectron('').module) as (keyof typeof fake.current.module)[];
  return Object.defineProperties(
    {},
    Object.fromEntries(
      names.map((name) => [name, { enumerable: true, get: () => fake.current.module[name] }]),
    ),
  );
});

let folder: string;
const originalArgv = process.argv;

beforeEach(async () => {
  folder = await fs.mkdtemp(join(tmpdir(), 'uidl-main-'));
  fake.current = makeElectron(join(folder, 'user-data'));
  vi.resetModules();
  // Electron sets it when run as `electron APP`; Node has no such property.
  Object.defineProperty(process, 'defaultApp', { value: true, configurable: true });
});
afterEach(async () => {
  process.argv = originalArgv;
  Reflect.deleteProperty(process, 'defaultApp');
  // Retried: a settings or window-state write of the closing window may still be landing.
  await fs.rm(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

async function startMain(...args: string[]) {
  process.argv = ['/x/electron', '.', ...args];
  await import('../../../electron/main/main.js');
  const electron = fake.current;
  await vi.waitFor(() => expect(electron.windows[0]?.loadURL).toHaveBeenCalled());
  const window = electron.windows[0]!;
  const trusted = {
    sender: window.webContents,
    senderFrame: { url: 'app://uidl-studio/index.html', parent: null },
  };
  return { electron, window, trusted, app: electron.module.app };
}

describe('main process', () => {
  it('starts hardened: privileged scheme, protocol, permissions, IPC, then the window', async () => {
    const { electron, window } = await startMain();
    const { protocol, session, ipcMain, app } = electron.module;
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(session.defaultSession.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    expect(ipcMain.listeners.get(SEND_CHANNELS.documentState)).toHaveLength(1);
    expect(app.listeners.get('web-contents-created')).toHaveLength(1);
    // The files go to a running instance as additionalData (argv may arrive reordered).
    expect(app.requestSingleInstanceLock).toHaveBeenCalledWith({
      kind: 'uidl-studio/open',
      files: [],
      readOnly: false,
    });

    expect(window.options).toMatchObject({ width: 1280, height: 800, show: false });
    expect(window.options['webPreferences']).toEqual({
      preload: expect.stringMatching(/[\\/]preload[\\/]preload\.cjs$/),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://uidl-studio/index.html');
    expect(electron.module.nativeTheme.themeSource).toBe('system');
  });

  it('uses UIDL_STUDIO_USER_DATA as the userData folder, created first, before the lock', async () => {
    const isolated = join(folder, 'new', 'isolated');
    process.env['UIDL_STUDIO_USER_DATA'] = isolated;
    try {
      const { app } = await startMain();
      expect(app.setPath).toHaveBeenCalledWith('userData', isolated);
      // Electron's app.setPath throws for a folder that does not exist.
      expect((await fs.stat(isolated)).isDirectory()).toBe(true);
      expect(app.setPath.mock.invocationCallOrder[0]).toBeLessThan(
        app.requestSingleInstanceLock.mock.invocationCallOrder[0]!,
      );
    } finally {
      delete process.env['UIDL_STUDIO_USER_DATA'];
    }
  });

  it('exits when the UIDL_STUDIO_USER_DATA folder cannot be made', async () => {
    const file = join(folder, 'a-file');
    await fs.writeFile(file, '');
    process.env['UIDL_STUDIO_USER_DATA'] = join(file, 'profile');
    try {
      process.argv = ['/x/electron', '.'];
      await import('../../../electron/main/main.js');
      const { app, protocol } = fake.current.module;
      expect(app.exit).toHaveBeenCalledWith(1);
      expect(app.setPath).not.toHaveBeenCalled();
      expect(app.requestSingleInstanceLock).not.toHaveBeenCalled();
      expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    } finally {
      delete process.env['UIDL_STUDIO_USER_DATA'];
    }
  });

  it('opens command-line files read-only with --read-only, once the page has loaded', async () => {
    const file = join(folder, 'evidence.bin');
    await fs.writeFile(file, new Uint8Array([3, 0, 0, 0]));
    const { window } = await startMain('--read-only', file);
    expect(window.webContents.send).not.toHaveBeenCalled();
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(window.webContents.send).toHaveBeenCalled());
    expect(window.webContents.send).toHaveBeenCalledWith(EVENT_CHANNELS.command, {
      type: 'opened',
      file: expect.objectContaining({ path: file, name: 'evidence.bin', readOnly: true }),
    });
  });

  it('reports a command-line file that cannot be opened', async () => {
    const { window } = await startMain(join(folder, 'missing.bin'));
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(window.webContents.send).toHaveBeenCalled());
    expect(window.webContents.send).toHaveBeenCalledWith(EVENT_CHANNELS.command, {
      type: 'open-failed',
      failure: expect.objectContaining({ code: 'not-found' }),
    });
  });

  it('titles the window from the document state and guards an unsaved close', async () => {
    const { electron, window, trusted } = await startMain();
    const closeEvent = () => ({ preventDefault: vi.fn() });

    let event = closeEvent();
    window.emit('close', event);
    expect(event.preventDefault).not.toHaveBeenCalled(); // nothing unsaved: no question

    electron.module.ipcMain.emit(SEND_CHANNELS.documentState, trusted, {
      title: 'h.bin',
      dirty: true,
    });
    expect(window.setTitle).toHaveBeenCalledWith('• h.bin — UIDL Studio');

    const ask = electron.module.dialog.showMessageBoxSync;
    ask.mockReturnValueOnce(2); // Cancel
    event = closeEvent();
    window.emit('close', event);
    expect(event.preventDefault).toHaveBeenCalled();

    ask.mockReturnValueOnce(0); // Save
    event = closeEvent();
    window.emit('close', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenCalledWith(EVENT_CHANNELS.command, { type: 'save' });

    ask.mockReturnValueOnce(1); // Don't Save
    event = closeEvent();
    window.emit('close', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(ask).toHaveBeenCalledTimes(3);

    // Closing remembers the window's normal bounds for the next start.
    const stateFile = join(folder, 'user-data', 'window-state.json');
    await vi.waitFor(async () =>
      expect(JSON.parse(await fs.readFile(stateFile, 'utf8'))).toEqual({
        bounds: { x: 10, y: 20, width: 900, height: 700 },
        maximized: false,
      }),
    );
  });

  it('keeps the unsaved-changes guard when a navigation is blocked; a new page drops it', async () => {
    const { electron, window, trusted } = await startMain();
    window.webContents.emit('did-finish-load');
    electron.module.ipcMain.emit(SEND_CHANNELS.documentState, trusted, {
      title: 'h.bin',
      dirty: true,
    });
    const ask = electron.module.dialog.showMessageBoxSync;

    // A navigation starts loading, then will-navigate cancels it: the page is unchanged.
    window.webContents.emit('did-start-loading');
    window.webContents.emit('did-stop-loading');
    ask.mockReturnValueOnce(2);
    const kept = { preventDefault: vi.fn() };
    window.emit('close', kept);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(kept.preventDefault).toHaveBeenCalled();

    // A committed navigation (a development reload) is a new page with no document.
    window.webContents.emit('did-navigate', {}, 'app://uidl-studio/index.html', 200, 'OK');
    const closing = { preventDefault: vi.fn() };
    window.emit('close', closing);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(closing.preventDefault).not.toHaveBeenCalled();
    expect(window.setTitle).toHaveBeenLastCalledWith('UIDL Studio');
  });

  it('creates one window when macOS activates the app during start-up', async () => {
    const { app, Menu } = fake.current.module;
    // 'activate' comes at launch too, here while start-up is between its menu and its window.
    Menu.setApplicationMenu.mockImplementationOnce(() => {
      app.emit('activate');
      app.emit('activate');
    });
    const { electron, window } = await startMain();
    await new Promise((done) => setTimeout(done, 50));
    expect(electron.windows).toHaveLength(1);

    // Closed (macOS keeps the app running), then the Dock icon: one new window.
    window.emit('closed');
    app.emit('activate');
    app.emit('activate');
    await vi.waitFor(() => expect(electron.windows[1]?.loadURL).toHaveBeenCalled());
    await new Promise((done) => setTimeout(done, 50));
    expect(electron.windows).toHaveLength(2);
  });

  it('opens a new window for a file from Finder once the last one closed (macOS)', async () => {
    const file = join(folder, 'finder.bin');
    await fs.writeFile(file, new Uint8Array([3, 0, 0, 0]));
    const { electron, app, window } = await startMain();
    window.emit('closed');
    app.emit('open-file', { preventDefault: vi.fn() }, file);
    await vi.waitFor(() => expect(electron.windows[1]?.loadURL).toHaveBeenCalled());
    const reopened = electron.windows[1]!;
    reopened.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(reopened.webContents.send).toHaveBeenCalled());
    expect(reopened.webContents.send).toHaveBeenCalledWith(EVENT_CHANNELS.command, {
      type: 'opened',
      file: expect.objectContaining({ path: file }),
    });
  });

  it('opens the files a second instance sends as additionalData', async () => {
    const file = join(folder, 'sent.bin');
    await fs.writeFile(file, new Uint8Array([3, 0, 0, 0]));
    const { app, window } = await startMain();
    window.webContents.emit('did-finish-load');
    app.emit('second-instance', {}, ['/x/electron', '--read-only', '.', 'other.bin'], '/nowhere', {
      kind: 'uidl-studio/open',
      files: [file],
      readOnly: false,
    });
    await vi.waitFor(() => expect(window.webContents.send).toHaveBeenCalled());
    expect(window.webContents.send).toHaveBeenCalledTimes(1);
    expect(window.webContents.send).toHaveBeenCalledWith(EVENT_CHANNELS.command, {
      type: 'opened',
      file: expect.objectContaining({ path: file, readOnly: false }),
    });
  });

  it('opens a second instance’s files in this window, relative to its folder', async () => {
    const other = join(folder, 'other');
    await fs.mkdir(other);
    await fs.writeFile(join(other, 'h.bin'), new Uint8Array([3, 0, 0, 0]));
    const { app, window } = await startMain();
    window.webContents.emit('did-finish-load');
    app.emit('second-instance', {}, ['/x/electron', '.', '--no-sandbox', 'h.bin'], other);
    await vi.waitFor(() => expect(window.webContents.send).toHaveBeenCalled());
    expect(window.webContents.send).toHaveBeenCalledWith(EVENT_CHANNELS.command, {
      type: 'opened',
      file: expect.objectContaining({ path: join(other, 'h.bin'), readOnly: false }),
    });
    expect(window.focus).toHaveBeenCalled();
  });

  it('answers IPC only from its own window', async () => {
    const { electron, trusted } = await startMain();
    const handler = electron.module.ipcMain.handlers.get(INVOKE_CHANNELS.getSettings)!;
    expect(await handler(trusted)).toEqual({
      theme: 'system',
      timeZone: 'utc',
      openReadOnly: false,
    });
    await expect(
      handler({ ...trusted, sender: { other: true } }) as Promise<unknown>,
    ).rejects.toThrow('Refused settings:get: it does not come from the UIDL Studio window');
  });

  it('quits at once when another instance holds the lock', async () => {
    fake.current.module.app.requestSingleInstanceLock.mockReturnValue(false);
    process.argv = ['/x/electron', '.', 'h.bin'];
    await import('../../../electron/main/main.js');
    expect(fake.current.module.app.quit).toHaveBeenCalled();
    expect(fake.current.module.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });
});
