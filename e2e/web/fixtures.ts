/**
 * Fixtures for the browser-edition specs: the built renderer served on a free port per worker,
 * a guard that fails any test whose page reaches outside its own origin, and the workspace's
 * parts found by the roles and names the UI promises (the accessibility contract).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Download, type Locator, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../../electron/web/serve.js';
import { findChromium } from '../../bench/ui/chromium.js';

export { expect };

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_BUILD = join(projectRoot, 'dist', 'renderer');
export const CHROMIUM = findChromium();

/** URLs that are not network requests to another origin. */
function isOwnOrigin(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('about:')) return true;
  try {
    // blob:http://127.0.0.1:PORT/uuid has the origin of the page that made it.
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

interface WorkerFixtures {
  server: RunningServer;
  /** A folder for this worker's input files. */
  fixtureDir: string;
}

interface TestFixtures {
  /** Every request the page made outside its own origin; must stay empty. */
  foreignRequests: string[];
  /** Uncaught exceptions and console errors (CSP violations among them); must stay empty. */
  pageErrors: string[];
  workspace: Workspace;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const server = await startServer({ root: RENDERER_BUILD, port: 0 });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  fixtureDir: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const dir = await mkdtemp(join(tmpdir(), 'uidl-e2e-'));
      await use(dir);
      await rm(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
  foreignRequests: [
    async ({ page, server }, use) => {
      const origin = new URL(server.url).origin;
      const foreign: string[] = [];
      page.on('request', (request) => {
        if (!isOwnOrigin(request.url(), origin)) foreign.push(request.url());
      });
      page.on('websocket', (socket) => foreign.push(socket.url()));
      // Keep the run hermetic even if something slips through: foreign requests never leave.
      await page.route(
        (url) => !isOwnOrigin(url.href, origin),
        (route) => route.abort('blockedbyclient'),
      );
      await use(foreign);
      expect(foreign, 'the browser edition must load nothing outside its own origin').toEqual([]);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
      });
      await use(errors);
      expect(errors, 'the page reported errors').toEqual([]);
    },
    { auto: true },
  ],
  workspace: async ({ page }, use) => {
    await use(new Workspace(page));
  },
});

/** Writes `bytes` as `name` in the worker's fixture folder and returns the path. */
export async function writeFixture(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** The workspace's parts, by role and accessible name. */
export class Workspace {
  constructor(readonly page: Page) {}

  get fileInput(): Locator {
    return this.page.getByLabel('Open file', { exact: true });
  }
  get grid(): Locator {
    return this.page.getByRole('grid', { name: 'Entries' });
  }
  get rows(): Locator {
    return this.grid.locator('[role="row"][data-entry-index]');
  }
  row(index: number): Locator {
    return this.grid.locator(`[role="row"][data-entry-index="${index}"]`);
  }
  get hex(): Locator {
    return this.page.getByRole('region', { name: 'Hex' });
  }
  get selectedBytes(): Locator {
    return this.hex.locator('[data-offset][data-selected="true"]');
  }
  get summary(): Locator {
    return this.page.getByRole('region', { name: 'Summary' });
  }
  get diagnostics(): Locator {
    return this.page.getByRole('list', { name: 'Diagnostics' });
  }
  /** The "N of M entries" status. */
  get count(): Locator {
    return this.page.getByRole('status').filter({ hasText: /\d[\d,]* of \d[\d,]* entries/ });
  }
  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async load(): Promise<void> {
    await this.page.goto('/');
    await expect(this.fileInput).toBeAttached();
  }

  async open(path: string): Promise<void> {
    await this.fileInput.setInputFiles(path);
  }

  /** Offsets (data-offset) of the highlighted bytes, ascending. */
  async selectedOffsets(): Promise<number[]> {
    const values = await this.selectedBytes.evaluateAll((nodes) =>
      nodes.map((node) => Number(node.getAttribute('data-offset'))),
    );
    return values.sort((a, b) => a - b);
  }

  /** Opens the Export dialog, picks the raw format and returns it. */
  async openRawExport(): Promise<Locator> {
    await this.button('Export').click();
    const dialog = this.page.getByRole('dialog', { name: 'Export' });
    await expect(dialog).toBeVisible();
    await chooseOption(dialog, /^raw/i);
    return dialog;
  }

  /** Clicks the dialog's export button and returns the download with its bytes. */
  async downloadFrom(dialog: Locator): Promise<{ download: Download; bytes: Uint8Array }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      dialog.getByRole('button', { name: /^export\b/i }).click(),
    ]);
    return { download, bytes: await downloadedBytes(download) };
  }
}

/**
 * Chooses an option in a dialog, whichever control offers it: a radio button, or a select
 * (combobox or listbox) whose option matches.
 */
export async function chooseOption(scope: Locator, name: RegExp): Promise<void> {
  const radio = scope.getByRole('radio', { name });
  if ((await radio.count()) > 0) {
    await radio.first().check();
    return;
  }
  const selects = scope.locator('select');
  for (let i = 0; i < (await selects.count()); i++) {
    const select = selects.nth(i);
    const labels = await select.locator('option').allTextContents();
    const label = labels.find((text) => name.test(text.trim()));
    if (label !== undefined) {
      await select.selectOption({ label });
      return;
    }
  }
  throw new Error(`no radio button or select option matching ${String(name)} in the dialog`);
}

export async function downloadedBytes(download: Download): Promise<Uint8Array> {
  const path = await download.path();
  return new Uint8Array(await readFile(path));
}

/** Saves a screenshot of a main state under test-results/screenshots/ and attaches it. */
export async function snapshot(page: Page, name: string): Promise<void> {
  const info = test.info();
  const path = join(info.project.outputDir, 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await info.attach(name, { path, contentType: 'image/png' });
}
