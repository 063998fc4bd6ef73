import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { HostCommand, RecentFile } from '../../../shared/host/contract.js';
import { buildMenuTemplate, menuLabelText, type MenuOptions } from '../../../electron/main/menu.js';

type Item = MenuItemConstructorOptions;

function setup(overrides: Partial<MenuOptions> = {}) {
  const sendCommand = vi.fn<(command: HostCommand) => void>();
  const openRecent = vi.fn<(path: string) => void>();
  const clearRecent = vi.fn<() => void>();
  const showAbout = vi.fn<() => void>();
  const template = buildMenuTemplate({
    platform: 'linux',
    production: true,
    appName: 'UIDL Studio',
    recentFiles: [],
    sendCommand,
    openRecent,
    clearRecent,
    showAbout,
    ...overrides,
  });
  return { template, sendCommand, openRecent, clearRecent, showAbout };
}

const plain = (label: string | undefined) => label?.replace(/&(?!&)/g, '').replace(/&&/g, '&');

function submenu(item: Item | undefined): Item[] {
  return (item?.submenu ?? []) as Item[];
}

function menu(template: Item[], label: string): Item[] {
  const found = template.find((item) => plain(item.label) === label);
  if (!found) throw new Error(`no ${label} menu`);
  return submenu(found);
}

function item(items: Item[], label: string): Item {
  const found = items.find((entry) => plain(entry.label) === label);
  if (!found) throw new Error(`no ${label} item`);
  return found;
}

function click(entry: Item): void {
  (entry.click as () => void)();
}

const recent: RecentFile[] = [
  { path: '/cases/a&b/history.bin', name: 'history.bin', openedMs: 2 },
  { path: '/cases/dump.txt', name: 'dump.txt', openedMs: 1 },
];

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help on Windows and Linux, with the app menu on macOS', () => {
    expect(setup().template.map((entry) => plain(entry.label))).toEqual([
      'File',
      'Edit',
      'View',
      'Help',
    ]);
    const mac = setup({ platform: 'darwin' }).template;
    expect(mac.map((entry) => entry.role ?? plain(entry.label))).toEqual([
      'UIDL Studio',
      'File',
      'Edit',
      'View',
      'windowMenu',
      'help',
    ]);
  });

  it.each<[string, string, HostCommand]>([
    ['Open…', 'CmdOrCtrl+O', { type: 'open' }],
    ['Save', 'CmdOrCtrl+S', { type: 'save' }],
    ['Save As…', 'CmdOrCtrl+Shift+S', { type: 'save-as' }],
    ['Export…', 'CmdOrCtrl+E', { type: 'export' }],
    ['Close', 'CmdOrCtrl+W', { type: 'close' }],
  ])('File › %s is %s and sends %j', (label, accelerator, command) => {
    const { template, sendCommand } = setup();
    const entry = item(menu(template, 'File'), label);
    expect(entry.accelerator).toBe(accelerator);
    click(entry);
    expect(sendCommand).toHaveBeenCalledWith(command);
  });

  it('File › Paste Dump… sends paste-dump', () => {
    const { template, sendCommand } = setup();
    click(item(menu(template, 'File'), 'Paste Dump…'));
    expect(sendCommand).toHaveBeenCalledWith({ type: 'paste-dump' });
  });

  it('File › Compare with Server Listing is CmdOrCtrl+Shift+L, as in the page, and sends compare', () => {
    const { template, sendCommand } = setup();
    const entry = item(menu(template, 'File'), 'Compare with Server Listing');
    expect(entry.accelerator).toBe('CmdOrCtrl+Shift+L');
    click(entry);
    expect(sendCommand.mock.calls).toEqual([[{ type: 'compare' }]]);
  });

  it('File › Live POP3 Check… sends live-check, with no shortcut', () => {
    const { template, sendCommand } = setup();
    const entry = item(menu(template, 'File'), 'Live POP3 Check…');
    expect(entry.accelerator).toBeUndefined();
    click(entry);
    expect(sendCommand.mock.calls).toEqual([[{ type: 'live-check' }]]);
  });

  it('quits from File on Linux (Ctrl+Q) and Windows (Exit), from the app menu on macOS', () => {
    expect(item(menu(setup().template, 'File'), 'Quit')).toMatchObject({
      role: 'quit',
      accelerator: 'Ctrl+Q',
    });
    expect(item(menu(setup({ platform: 'win32' }).template, 'File'), 'Exit').role).toBe('quit');
    const mac = setup({ platform: 'darwin' }).template;
    expect(menu(mac, 'File').some((entry) => entry.role === 'quit')).toBe(false);
    expect(menu(mac, 'UIDL Studio').some((entry) => entry.role === 'quit')).toBe(true);
  });

  it('lists recent files by path, opens them in main, and clears them', () => {
    const { template, openRecent, clearRecent } = setup({ recentFiles: recent });
    const items = submenu(item(menu(template, 'File'), 'Open Recent'));
    expect(items.map((entry) => entry.label ?? entry.type)).toEqual([
      '/cases/a&&b/history.bin',
      '/cases/dump.txt',
      'separator',
      'Clear Recently Opened',
    ]);
    click(items[1]!);
    expect(openRecent).toHaveBeenCalledWith('/cases/dump.txt');
    click(item(items, 'Clear Recently Opened'));
    expect(clearRecent).toHaveBeenCalledTimes(1);
  });

  it('shows an empty recent list as such, with Clear disabled', () => {
    const items = submenu(item(menu(setup().template, 'File'), 'Open Recent'));
    expect(items[0]).toEqual({ label: 'No Recent Files', enabled: false });
    expect(item(items, 'Clear Recently Opened').enabled).toBe(false);
  });

  it('undoes and redoes the document, Redo on Ctrl+Y for Windows and Shift+Z elsewhere', () => {
    const { template, sendCommand } = setup();
    const edit = menu(template, 'Edit');
    expect(item(edit, 'Undo').accelerator).toBe('CmdOrCtrl+Z');
    const redos = edit.filter((entry) => plain(entry.label) === 'Redo');
    expect(redos.map((entry) => [entry.accelerator, entry.visible ?? true])).toEqual([
      ['CmdOrCtrl+Shift+Z', true],
      ['Ctrl+Y', false],
    ]);
    click(item(edit, 'Undo'));
    click(redos[1]!);
    expect(sendCommand.mock.calls).toEqual([[{ type: 'undo' }], [{ type: 'redo' }]]);

    const windows = menu(setup({ platform: 'win32' }).template, 'Edit');
    expect(
      windows.filter((entry) => plain(entry.label) === 'Redo').map((entry) => entry.accelerator),
    ).toEqual(['Ctrl+Y', 'Ctrl+Shift+Z']);
    const mac = menu(setup({ platform: 'darwin' }).template, 'Edit');
    expect(mac.filter((entry) => plain(entry.label) === 'Redo')).toHaveLength(1);
  });

  it('keeps cut, copy, paste and select all native, and sends Find on Ctrl+F', () => {
    const { template, sendCommand } = setup();
    const edit = menu(template, 'Edit');
    expect(edit.map((entry) => entry.role).filter(Boolean)).toEqual([
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    const find = item(edit, 'Find…');
    expect(find.accelerator).toBe('CmdOrCtrl+F');
    click(find);
    expect(sendCommand).toHaveBeenCalledWith({ type: 'find' });
  });

  it('offers Reload and the developer tools only outside production', () => {
    const roles = (production: boolean) =>
      menu(setup({ production }).template, 'View').map((entry) => entry.role ?? entry.type);
    expect(roles(true)).toEqual([
      'resetZoom',
      'zoomIn',
      'zoomIn',
      'zoomOut',
      'separator',
      'togglefullscreen',
    ]);
    expect(roles(false)).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      'separator',
      'resetZoom',
      'zoomIn',
      'zoomIn',
      'zoomOut',
      'separator',
      'togglefullscreen',
    ]);
  });

  it('zooms in with Ctrl/Cmd+= too, from a hidden item', () => {
    const view = menu(setup().template, 'View');
    expect(view.filter((entry) => entry.role === 'zoomIn' && entry.visible === false)).toEqual([
      {
        role: 'zoomIn',
        accelerator: 'CmdOrCtrl+=',
        visible: false,
        acceleratorWorksWhenHidden: true,
      },
    ]);
  });

  // Electron's accelerator grammar (docs/api/accelerator.md): modifiers, then one key code.
  const MODIFIERS = new Set(
    'Command Cmd Control Ctrl CommandOrControl CmdOrCtrl Alt Option AltGr Shift Super Meta'.split(
      ' ',
    ),
  );
  const KEY =
    /^(?:[0-9A-Z]|F(?:[1-9]|1[0-9]|2[0-4])|[)!@#$%^&*(:;+=<,_\-.>?/~`{\]}[|\\'"]|Plus|Space|Tab|Capslock|Numlock|Scrolllock|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc)$/;
  function* entries(items: Item[]): Generator<Item> {
    for (const entry of items) {
      yield entry;
      if (Array.isArray(entry.submenu)) yield* entries(entry.submenu);
    }
  }

  it.each(['darwin', 'win32', 'linux'] as const)(
    'has only valid accelerators on %s',
    (platform) => {
      for (const production of [true, false]) {
        for (const entry of entries(setup({ platform, production }).template)) {
          if (entry.accelerator === undefined) continue;
          const parts = String(entry.accelerator).split('+');
          // `+` itself is written Plus, so splitting on + leaves the key last.
          const key = parts.pop()!;
          expect(parts.length, String(entry.accelerator)).toBeGreaterThan(0);
          expect(
            parts.every((part) => MODIFIERS.has(part)),
            String(entry.accelerator),
          ).toBe(true);
          expect(key, String(entry.accelerator)).toMatch(KEY);
        }
      }
    },
  );

  it.each(['darwin', 'win32', 'linux'] as const)(
    'gives no two items the same accelerator on %s',
    (platform) => {
      const seen = new Map<string, string>();
      for (const entry of entries(setup({ platform, production: false }).template)) {
        if (entry.accelerator === undefined) continue;
        // CmdOrCtrl is Ctrl off macOS and Cmd on it: compare what the key press is.
        const key = String(entry.accelerator)
          .replace('CmdOrCtrl', platform === 'darwin' ? 'Cmd' : 'Ctrl')
          .toLowerCase();
        const label = entry.label ?? entry.role ?? '';
        const twin = seen.get(key);
        expect(twin, `${key} on ${label} and ${twin}`).toBeUndefined();
        seen.set(key, label);
      }
      expect(seen.get(platform === 'darwin' ? 'cmd+shift+l' : 'ctrl+shift+l')).toBe(
        'Compare with Server &Listing',
      );
    },
  );

  it('shows About from Help', () => {
    const { template, showAbout } = setup();
    click(item(menu(template, 'Help'), 'About UIDL Studio'));
    expect(showAbout).toHaveBeenCalledTimes(1);
  });
});

describe('menuLabelText', () => {
  it('doubles ampersands so they show instead of marking a mnemonic', () => {
    expect(menuLabelText('C:\\R&D\\a&&b.bin')).toBe('C:\\R&&D\\a&&&&b.bin');
  });
});
