/**
 * The native application menu, as a pure function of the platform, the build and the recent
 * files. Document commands (Save, Undo, Find...) go to the renderer as HostCommands; the
 * editing roles (cut, copy, paste) stay native so they work in every text field.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { HostCommand, RecentFile } from '../../shared/host/contract.js';

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /** A packaged build: no Reload, no developer tools. */
  readonly production: boolean;
  readonly appName: string;
  readonly recentFiles: readonly RecentFile[];
  readonly sendCommand: (command: HostCommand) => void;
  /** Opens a recent file in main, which then sends `opened` or `open-failed`. */
  readonly openRecent: (path: string) => void;
  readonly clearRecent: () => void;
  readonly showAbout: () => void;
}

/** Menu labels treat `&` as a mnemonic marker on Windows and Linux; a path shows it as is. */
export function menuLabelText(text: string): string {
  return text.replace(/&/g, '&&');
}

function recentSubmenu(options: MenuOptions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] =
    options.recentFiles.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : options.recentFiles.map((file) => ({
          label: menuLabelText(file.path),
          click: () => options.openRecent(file.path),
        }));
  return [
    ...items,
    { type: 'separator' },
    {
      label: 'Clear Recently Opened',
      enabled: options.recentFiles.length > 0,
      click: () => options.clearRecent(),
    },
  ];
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const windows = options.platform === 'win32';
  const send = (command: HostCommand) => () => options.sendCommand(command);

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { label: `About ${options.appName}`, click: () => options.showAbout() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: '&Open…', accelerator: 'CmdOrCtrl+O', click: send({ type: 'open' }) },
      { label: 'Open &Recent', submenu: recentSubmenu(options) },
      { label: '&Paste Dump…', click: send({ type: 'paste-dump' }) },
      { type: 'separator' },
      // The same key the page binds in the browser edition (where there is no menu). It shows
      // or hides the Compare view, asking nothing more: no ellipsis.
      {
        label: 'Compare with Server &Listing',
        accelerator: 'CmdOrCtrl+Shift+L',
        click: send({ type: 'compare' }),
      },
      { label: 'Live POP3 Chec&k…', click: send({ type: 'live-check' }) },
      {
        label: 'Compare with Another &History…',
        accelerator: 'CmdOrCtrl+Shift+H',
        click: send({ type: 'compare-history' }),
      },
      { type: 'separator' },
      { label: '&Save', accelerator: 'CmdOrCtrl+S', click: send({ type: 'save' }) },
      { label: 'Save &As…', accelerator: 'CmdOrCtrl+Shift+S', click: send({ type: 'save-as' }) },
      { label: '&Export…', accelerator: 'CmdOrCtrl+E', click: send({ type: 'export' }) },
      { label: 'Export Re&port…', click: send({ type: 'export-report' }) },
      { type: 'separator' },
      { label: '&Close', accelerator: 'CmdOrCtrl+W', click: send({ type: 'close' }) },
      ...(mac
        ? []
        : [
            { type: 'separator' } as const,
            // Windows' own Alt+F4 closes the window (and so quits); Linux uses Ctrl+Q.
            windows
              ? ({ role: 'quit', label: 'E&xit' } as const)
              : ({ role: 'quit', label: '&Quit', accelerator: 'Ctrl+Q' } as const),
          ]),
    ],
  };

  // Undo and Redo act on the document (the renderer undoes text in a focused field itself).
  // Windows' Redo is Ctrl+Y, elsewhere Shift+Cmd/Ctrl+Z; the other one works too, unlisted.
  const [redoShown, redoHidden] = windows
    ? ['Ctrl+Y', 'Ctrl+Shift+Z']
    : ['CmdOrCtrl+Shift+Z', mac ? null : 'Ctrl+Y'];
  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { label: '&Undo', accelerator: 'CmdOrCtrl+Z', click: send({ type: 'undo' }) },
      { label: '&Redo', accelerator: redoShown, click: send({ type: 'redo' }) },
      ...(redoHidden
        ? [
            {
              label: 'Redo',
              accelerator: redoHidden,
              visible: false,
              acceleratorWorksWhenHidden: true,
              click: send({ type: 'redo' }),
            },
          ]
        : []),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: '&Find…', accelerator: 'CmdOrCtrl+F', click: send({ type: 'find' }) },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(options.production
        ? []
        : [
            { role: 'reload' } as const,
            { role: 'forceReload' } as const,
            { role: 'toggleDevTools' } as const,
            { type: 'separator' } as const,
          ]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      // The role's own accelerator, CmdOrCtrl+Plus, needs Shift on most layouts (+ is Shift+=);
      // Ctrl+= is what people press, as in browsers.
      {
        role: 'zoomIn',
        accelerator: 'CmdOrCtrl+=',
        visible: false,
        acceleratorWorksWhenHidden: true,
      },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [{ label: `&About ${options.appName}`, click: () => options.showAbout() }],
  };

  return [
    ...(mac ? [appMenu] : []),
    fileMenu,
    editMenu,
    viewMenu,
    ...(mac ? [{ role: 'windowMenu' } as const] : []),
    helpMenu,
  ];
}
