/**
 * End-to-end tests (`npm run test:e2e`, after `npm run build`):
 * - `browser`: the browser edition (dist/renderer, served by electron/web/serve.ts on a free
 *   port per worker) in Chromium: a system Chromium where there is one, since Playwright cannot
 *   download its own offline.
 * - `electron`: the desktop app through Playwright's `_electron`, where the binary is installed.
 * Each project skips with one line saying how to get what it lacks.
 */
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, findChromium } from './bench/ui/chromium.js';
import { electronBinary } from './e2e/electron/binary.js';

const chromium = findChromium();
const electron = electronBinary();

// Once, in the runner process (workers load this file too and set TEST_WORKER_INDEX).
if (process.env['TEST_WORKER_INDEX'] === undefined) {
  if (!chromium.found) console.warn(`Skipping the browser end-to-end tests. ${chromium.reason}`);
  if (!electron.found) console.warn(`Skipping the desktop end-to-end tests. ${electron.reason}`);
}

export default defineConfig({
  outputDir: 'test-results',
  reporter: [['list']],
  retries: 0,
  // A shared 2-core machine: one browser at a time keeps timings and focus deterministic.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env['CI']),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testDir: 'e2e/web',
      use: {
        browserName: 'chromium',
        launchOptions: chromiumLaunchOptions(chromium),
        acceptDownloads: true,
        viewport: { width: 1440, height: 900 },
      },
    },
    {
      name: 'electron',
      testDir: 'e2e/electron',
    },
  ],
});
