/**
 * The desktop app end to end, through Playwright's `_electron`: launched from the project
 * folder as `electron . FILE` (package.json's `main`, after `npm run build`), with its own
 * userData folder so no real settings or recent list are touched. Runs only where the Electron
 * binary is installed; CI here installs the package without it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { readMsg } from '../../electron/containers/msg/msg-file.js';
import { applyEdits, parse, serialize } from '../../shared/codec.js';
import type { HostApi } from '../../shared/host/contract.js';
import { PST_WRITE_BACK_UNSUPPORTED } from '../../shared/input/container-signature.js';
import { buildMsg, sample } from '../../test/electron/containers/msg-fixtures.js';
import { buildBlob, CLEAN_TAGS, EXAMPLE_TAG } from '../../test/fixtures/blobs.js';
import { electronBinary } from './binary.js';

const electron = electronBinary();
test.skip(!electron.found, electron.found ? '' : electron.reason);

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const CLEAN = buildBlob(CLEAN_TAGS);
const EDITED_UID = 'UID_edited-desktop';
const EDITED = serialize(
  applyEdits(parse(CLEAN), [{ kind: 'update', index: 1, fields: { uid: EDITED_UID } }]),
);

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

let scratch: string;
let userData: string;
const running: ElectronApplication[] = [];

test.beforeEach(async () => {
  expect(
    existsSync(join(projectRoot, 'dist', 'electron', 'main', 'main.js')),
    'the desktop app is not built: run `npm run build` first',
  ).toBe(true);
  scratch = await mkdtemp(join(tmpdir(), 'uidl-electron-'));
  userData = join(scratch, 'user-data');
});

test.afterEach(async () => {
  // Close whatever a failed test left open; a dirty window would otherwise hold the process.
  for (const app of running.splice(0)) {
    await app.evaluate(({ app: electronApp }) => electronApp.exit(0)).catch(() => undefined);
  }
  await rm(scratch, { recursive: true, force: true });
});

async function launch(...args: string[]): Promise<{ app: ElectronApplication; window: Page }> {
  if (!electron.found) throw new Error(electron.reason);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined) env[key] = value;
  }
  env['UIDL_STUDIO_USER_DATA'] = userData;
  const app = await _electron.launch({
    executablePath: electron.executablePath,
    args: ['.', ...args],
    cwd: projectRoot,
    env,
  });
  running.push(app);
  const window = await app.firstWindow();
  await window.waitForLoadState('domcontentloaded');
  return { app, window };
}

async function close(app: ElectronApplication): Promise<void> {
  await app.close();
  running.splice(running.indexOf(app), 1);
}

/** The native window's title (what the user sees; the page's own title may differ). */
function windowTitle(app: ElectronApplication): Promise<string> {
  return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? '');
}

function grid(window: Page) {
  return window.getByRole('grid', { name: 'Entries' });
}
function row(window: Page, index: number) {
  return grid(window).locator(`[role="row"][data-entry-index="${index}"]`);
}

test('opens the file given on the command line, edits, saves, and the bytes on disk match', async () => {
  const file = join(scratch, 'history.bin');
  await writeFile(file, CLEAN);

  const { app, window } = await launch(file);
  // The preload exposes exactly the contract, and the page has no Node.
  expect(
    await window.evaluate(() => {
      const page = globalThis as {
        uidlHost?: HostApi;
        require?: unknown;
        process?: unknown;
      };
      return {
        kind: page.uidlHost?.capabilities.kind,
        saveInPlace: page.uidlHost?.capabilities.saveInPlace,
        require: typeof page.require,
        process: typeof page.process,
      };
    }),
  ).toEqual({ kind: 'desktop', saveInPlace: true, require: 'undefined', process: 'undefined' });

  await expect(grid(window).locator('[role="row"][data-entry-index]')).toHaveCount(3);
  await expect(row(window, 1)).toContainText('UID_two');
  await expect.poll(() => windowTitle(app)).toMatch(/^history\.bin — UIDL Studio$/);

  await row(window, 1).dblclick();
  const dialog = window.getByRole('dialog', { name: 'Edit entry' });
  await dialog.getByLabel('UID', { exact: true }).fill(EDITED_UID);
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(row(window, 1)).toContainText(EDITED_UID);
  await expect.poll(() => windowTitle(app)).toBe('• history.bin — UIDL Studio');
  await window.screenshot({ path: test.info().outputPath('desktop-edited.png') });

  await window.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => windowTitle(app)).toBe('history.bin — UIDL Studio');
  await expect.poll(async () => sha256(await readFile(file))).toBe(sha256(EDITED));
  // The replaced content is kept beside it.
  expect(sha256(await readFile(`${file}.bak`))).toBe(sha256(CLEAN));
  await close(app);

  // Re-open: the app reads back what it wrote.
  const again = await launch(file);
  await expect(row(again.window, 1)).toContainText(EDITED_UID);
  await expect(row(again.window, 0)).toContainText(CLEAN_TAGS[0]!.uid);
  await close(again.app);
  expect(Buffer.from(await readFile(file)).equals(Buffer.from(EDITED))).toBe(true);
});

test('--read-only opens in evidence mode: Save is refused and the file is unchanged', async () => {
  const file = join(scratch, 'evidence.bin');
  await writeFile(file, CLEAN);

  const { app, window } = await launch('--read-only', file);
  await expect(grid(window).locator('[role="row"][data-entry-index]')).toHaveCount(3);
  const save = window.getByRole('button', { name: 'Save', exact: true });
  await expect(save).toBeDisabled();

  // The accelerator must not save either (Cmd+S on macOS).
  await window.keyboard.press('ControlOrMeta+s');
  await window.screenshot({ path: test.info().outputPath('desktop-read-only.png') });
  await close(app);
  expect(sha256(await readFile(file))).toBe(sha256(CLEAN));
  expect(existsSync(`${file}.bak`)).toBe(false);
});

test('opens a .msg through the chooser, read-only, and writes the edited history into a copy', async () => {
  const other = buildBlob([EXAMPLE_TAG]);
  const sourceBytes = buildMsg({
    messageClass: 'IPM.MessageManager',
    subject: 'Outlook Message Manager (General Key) (KEY: 47656E6572616C204B657900)',
    attachments: [
      { longFilename: 'BlobPOPalice@example.com', data: other },
      { longFilename: 'BlobPOPbob@example.com', data: CLEAN },
    ],
  });
  const source = join(scratch, 'manager.msg');
  await writeFile(source, sourceBytes);

  const { app, window } = await launch(source);
  const chooser = window.getByRole('dialog', { name: 'Histories in manager.msg' });
  await expect(chooser).toBeVisible();
  await expect(chooser.getByTestId('container-summary')).toHaveText('2 POP3 account histories.');
  const rows = chooser.getByRole('grid', { name: 'Attachments found' }).locator('tr[data-number]');
  await expect(rows).toHaveCount(2);
  await window.screenshot({ path: test.info().outputPath('desktop-chooser.png') });
  await chooser.getByRole('row', { name: /bob@example\.com/ }).dblclick();

  await expect(grid(window).locator('[role="row"][data-entry-index]')).toHaveCount(3);
  await expect(window.getByTestId('document-name')).toContainText(
    'bob@example.com — manager.msg #2.bin',
  );
  await expect
    .poll(() => windowTitle(app))
    .toBe('bob@example.com — manager.msg #2.bin — UIDL Studio');

  // Edited in memory (evidence: never saved over the store), then written into a copy.
  await row(window, 1).dblclick();
  const editor = window.getByRole('dialog', { name: 'Edit entry' });
  await editor.getByLabel('UID', { exact: true }).fill(EDITED_UID);
  await editor.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(row(window, 1)).toContainText(EDITED_UID);

  // A native save dialog cannot be driven from the test: answer it in the main process.
  const target = join(scratch, 'manager-repaired.msg');
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({
      canceled: false,
      filePath,
    })) as unknown as typeof dialog.showSaveDialog;
  }, target);
  await window.getByRole('button', { name: 'Write into a copy of the .msg…' }).click();
  await expect.poll(() => existsSync(target)).toBe(true);
  const copy = readMsg(new Uint8Array(await readFile(target)));
  expect(copy.attachments.map((attachment) => attachment.longFilename)).toEqual([
    'BlobPOPalice@example.com',
    'BlobPOPbob@example.com',
  ]);
  expect(sha256(copy.attachments[1]!.data!)).toBe(sha256(EDITED));
  expect(sha256(copy.attachments[0]!.data!)).toBe(sha256(other));
  await close(app);
  // The source .msg is never written.
  expect(sha256(await readFile(source))).toBe(sha256(sourceBytes));
});

test('a PST without a history shows the chooser saying so, and that PSTs are not written', async () => {
  const store = sample('aspose-net_source_msgmanager-no-blob.pst');
  const before = sha256(await readFile(store));
  const { app, window } = await launch(store);
  const chooser = window.getByRole('dialog', {
    name: 'Histories in aspose-net_source_msgmanager-no-blob.pst',
  });
  await expect(chooser).toBeVisible();
  await expect(chooser.getByTestId('container-summary')).toContainText(
    'Message manager present, no POP3 account history attached.',
  );
  await expect(chooser.getByText('No POP3 account history was found in this file.')).toBeVisible();
  await expect(chooser.getByTestId('container-write-back')).toContainText(
    PST_WRITE_BACK_UNSUPPORTED,
  );
  await expect(chooser.getByRole('button', { name: 'Open', exact: true })).toBeDisabled();
  await chooser.getByRole('button', { name: 'Cancel' }).click();
  await expect(chooser).toBeHidden();
  await close(app);
  expect(sha256(await readFile(store))).toBe(before);
});
