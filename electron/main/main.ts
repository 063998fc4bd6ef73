/**
 * The desktop app's main process: glue between Electron and the plain modules beside it (which
 * hold the logic and its tests). One instance, one window; files from the command line, a
 * second instance or the OS open in it.
 */
import {
  app,
  BrowserWindow,
  clipboard,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  safeStorage,
  screen,
  session,
  dialog,
} from 'electron';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentState, HostCommand } from '../../shared/host/contract.js';
import { EVENT_CHANNELS } from '../../shared/host/ipc.js';
import { createContainerHost } from '../containers/container-host.js';
import { createPop3Host } from '../network/pop3-host.js';
import { createFileService } from '../services/file-service.js';
import { createRecentFiles } from '../services/recent-files.js';
import { createSettingsStore } from '../services/settings-store.js';
import {
  createWindowStateStore,
  MIN_WINDOW_SIZE,
  placeWindow,
  type WindowStateStore,
} from '../services/window-state.js';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  serveAppRequest,
} from './app-protocol.js';
import { parseCommandLine, USAGE } from './args.js';
import { closePromptOptions, decideClose, windowTitle } from './document-window.js';
import { instanceRequestData, secondInstanceRequest } from './instance-request.js';
import { createHostTasks } from './host-tasks.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { buildMenuTemplate } from './menu.js';
import { createNativeDialogs } from './native-dialogs.js';
import { openAndRemember } from './open-file.js';
import { blockRemoteRequests, denyPermissions, hardenWebContents } from './security.js';

const APP_NAME = 'UIDL Studio';
const here = dirname(fileURLToPath(import.meta.url)); // dist/electron/main
const RENDERER_ROOT = join(here, '..', '..', 'renderer');
const PRELOAD_PATH = join(here, '..', 'preload', 'preload.cjs');

function log(message: string): void {
  console.warn(`uidl-studio: ${message}`);
}

/**
 * End-to-end tests (and anyone who wants a separate profile) run with their own userData,
 * which also gives them their own single-instance lock: so it is set before the lock is asked
 * for (and before ready, as app.setPath requires). app.setPath throws for a folder that does
 * not exist, so it is created first. False when it cannot be used.
 */
function useUserDataOverride(): boolean {
  const override = process.env['UIDL_STUDIO_USER_DATA'];
  if (!override) return true;
  const folder = resolve(override);
  try {
    mkdirSync(folder, { recursive: true });
    app.setPath('userData', folder);
    return true;
  } catch (error) {
    log(`Cannot use UIDL_STUDIO_USER_DATA=${override}: ${String(error)}`);
    return false;
  }
}

const commandLine = parseCommandLine(process.argv, {
  cwd: process.cwd(),
  defaultApp: process.defaultApp === true,
});

if (commandLine.help || commandLine.version) {
  process.stdout.write(commandLine.help ? USAGE : `${app.getVersion()}\n`);
  app.exit(0);
} else if (!useUserDataOverride()) {
  app.exit(1);
} else if (!app.requestSingleInstanceLock(instanceRequestData(commandLine))) {
  // The running instance received our files in 'second-instance' and opens them.
  app.quit();
} else {
  start();
}

function start(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion() });

  let window: BrowserWindow | null = null;
  /** Start-up is done with everything but the window: a window may be opened. */
  let started = false;
  let documentState: DocumentState | null = null;
  let rendererLoaded = false;
  const pendingOpens: { path: string; readOnly: boolean }[] = commandLine.files.map((path) => ({
    path,
    readOnly: commandLine.readOnly,
  }));

  // Created when ready: the userData path is final by then.
  let services: ReturnType<typeof createServices> | undefined;

  function createServices() {
    const userData = app.getPath('userData');
    const warn = (message: string) => log(message);
    const files = createFileService();
    return {
      files,
      // Histories opened from a store are registered with the file service as read-only.
      containers: createContainerHost({ log, files }),
      pop3: createPop3Host({
        accountsFile: join(userData, 'pop3-accounts.json'),
        // The OS keychain through Electron; the host stores nothing when it is unavailable.
        safeStorage,
        onWarning: warn,
      }),
      tasks: createHostTasks((progress) => {
        if (window && !window.isDestroyed()) {
          window.webContents.send(EVENT_CHANNELS.progress, progress);
        }
      }),
      recent: createRecentFiles({ file: join(userData, 'recent-files.json'), onWarning: warn }),
      settings: createSettingsStore({ file: join(userData, 'settings.json'), onWarning: warn }),
      windowState: createWindowStateStore({
        file: join(userData, 'window-state.json'),
        onWarning: warn,
      }),
    };
  }

  function sendCommand(command: HostCommand): void {
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNELS.command, command);
  }

  async function openForRenderer(path: string, readOnly: boolean): Promise<void> {
    if (!services) return;
    const result = await openAndRemember(
      { ...services, onRecentChanged: () => void refreshMenu() },
      path,
      { readOnly },
    );
    sendCommand(
      result.status === 'failed'
        ? { type: 'open-failed', failure: result }
        : { type: 'opened', file: result },
    );
  }

  /** Opens what is pending, in order, once the page can receive it. */
  async function flushOpens(): Promise<void> {
    while (rendererLoaded && pendingOpens.length > 0) {
      const next = pendingOpens.shift()!;
      await openForRenderer(next.path, next.readOnly);
    }
  }

  function openLater(paths: readonly string[], readOnly: boolean): void {
    pendingOpens.push(...paths.map((path) => ({ path, readOnly })));
    void flushOpens();
  }

  /**
   * Brings the window to the front for a file from outside; on macOS, where the app outlives
   * its window, opens a new one first (the files wait for its page).
   */
  function focusWindow(): void {
    if (!window) {
      if (started) {
        openWindow().catch((error: unknown) => log(`Cannot open the window: ${String(error)}`));
      }
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  async function refreshMenu(): Promise<void> {
    if (!services) return;
    const { recent } = services;
    const template = buildMenuTemplate({
      platform: process.platform,
      production: app.isPackaged,
      appName: APP_NAME,
      recentFiles: await recent.list(),
      sendCommand,
      openRecent: (path) => void openForRenderer(path, commandLine.readOnly),
      clearRecent: () => void recent.clear().then(refreshMenu),
      showAbout: () => app.showAboutPanel(),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  function rememberWindowState(store: WindowStateStore, target: BrowserWindow): void {
    if (target.isDestroyed()) return;
    store
      .save({ bounds: target.getNormalBounds(), maximized: target.isMaximized() })
      .catch((error: unknown) => log(`Cannot save the window state: ${String(error)}`));
  }

  /** Creates the window unless there is one, or one on the way (its settings load first). */
  let windowOpening: Promise<void> | null = null;
  function openWindow(): Promise<void> {
    if (window) return Promise.resolve();
    windowOpening ??= createWindow().finally(() => {
      windowOpening = null;
    });
    return windowOpening;
  }

  async function createWindow(): Promise<void> {
    if (!services) return;
    const { windowState } = services;
    const primary = screen.getPrimaryDisplay();
    const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
    const placement = placeWindow(
      await windowState.load(),
      displays.map((display) => display.workArea),
    );

    const created = new BrowserWindow({
      ...(placement.x !== undefined && placement.y !== undefined
        ? { x: placement.x, y: placement.y }
        : {}),
      width: placement.width,
      height: placement.height,
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
      title: APP_NAME,
      show: false,
      // Written out here, not built by a function, so electronegativity's static checks see it.
      webPreferences: {
        preload: PRELOAD_PATH,
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
        // A middle click would ask for a new window (denied anyway): do not even ask.
        disableBlinkFeatures: 'Auxclick',
      },
    });
    window = created;
    if (placement.maximized) created.maximize();
    created.once('ready-to-show', () => created.show());

    // The title comes from the document state the renderer reports, not the page's <title>.
    created.on('page-title-updated', (event) => event.preventDefault());
    // A new page (a development reload) has no document and nothing unsaved. Only a committed
    // main-frame navigation says so: 'did-start-loading' also fires for a navigation that
    // will-navigate then cancels, which leaves the page, and its unsaved edits, as they were.
    created.webContents.on('did-navigate', () => {
      rendererLoaded = false;
      documentState = null;
      created.setTitle(APP_NAME);
    });
    created.webContents.on('did-finish-load', () => {
      rendererLoaded = true;
      void flushOpens();
    });
    // A crashed page lost its document: nothing is left to save or to send files to.
    created.webContents.on('render-process-gone', (_event, details) => {
      log(`The window's page is gone (${details.reason})`);
      rendererLoaded = false;
      documentState = null;
      created.setTitle(APP_NAME);
    });

    let saveTimer: NodeJS.Timeout | undefined;
    const rememberSoon = () => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => rememberWindowState(windowState, created), 500);
    };
    created.on('resize', rememberSoon);
    created.on('move', rememberSoon);
    created.on('maximize', rememberSoon);
    created.on('unmaximize', rememberSoon);

    created.on('close', (event) => {
      const decision = decideClose(documentState?.dirty === true, () =>
        dialog.showMessageBoxSync(created, closePromptOptions(documentState)),
      );
      if (decision !== 'close') {
        // Also cancels a quit in progress. "Save" saves and keeps the window: see
        // document-window.ts for why it does not close by itself afterwards.
        event.preventDefault();
        if (decision === 'save') sendCommand({ type: 'save' });
        return;
      }
      clearTimeout(saveTimer);
      rememberWindowState(windowState, created);
    });
    created.on('closed', () => {
      window = null;
      documentState = null;
      rendererLoaded = false;
    });

    await created.loadURL(APP_ENTRY_URL);
  }

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const second = secondInstanceRequest(
      argv,
      workingDirectory,
      additionalData,
      process.defaultApp === true,
    );
    openLater(second.files, second.readOnly || commandLine.readOnly);
    focusWindow();
  });

  // macOS: files opened from Finder or dropped on the Dock icon, also before we are ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openLater([path], commandLine.readOnly);
    focusWindow();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // macOS: the Dock icon clicked with no window open. Also emitted at launch, possibly while
  // start-up still awaits its settings: the window it creates then is the only one.
  app.on('activate', () => {
    if (!started || window) return;
    openWindow().catch((error: unknown) => log(`Cannot open the window: ${String(error)}`));
  });

  app
    .whenReady()
    .then(async () => {
      services = createServices();
      const { files, recent, settings, containers, pop3, tasks } = services;
      denyPermissions(session.defaultSession, log);
      blockRemoteRequests(session.defaultSession, log);
      protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, RENDERER_ROOT));
      nativeTheme.themeSource = (await settings.get()).theme;

      registerIpcHandlers(ipcMain, {
        files,
        containers,
        pop3,
        tasks,
        recent,
        settings,
        clipboard,
        dialogs: createNativeDialogs(
          () => window,
          () => app.getPath('documents'),
        ),
        isAppWebContents: (sender) => window !== null && sender === window.webContents,
        readOnlySession: commandLine.readOnly,
        onDocumentState: (state) => {
          documentState = state;
          if (!window) return;
          window.setTitle(windowTitle(state, APP_NAME));
          if (process.platform === 'darwin') window.setDocumentEdited(state.dirty);
        },
        onRecentChanged: () => void refreshMenu(),
        onSettingsChanged: (updated) => {
          nativeTheme.themeSource = updated.theme;
        },
        log,
      });

      await refreshMenu();
      started = true;
      await openWindow();
    })
    .catch((error: unknown) => {
      log(
        `Cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      app.exit(1);
    });
}
