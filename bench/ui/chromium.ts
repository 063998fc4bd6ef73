/**
 * Which Chromium the browser end-to-end tests and the UI benchmark drive, and how. Playwright
 * cannot download its own browser on an offline machine, so a system Chromium comes first:
 * `CHROMIUM_PATH`, then Debian's /usr/bin/chromium, then Playwright's own if it was installed.
 */
import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

/** Flags for a quiet, hermetic headless run in a container (no sandbox there, no GPU). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const HOW_TO_GET_CHROMIUM =
  'install one (Debian/Ubuntu: `apt-get install chromium`; elsewhere `npx playwright install chromium`) ' +
  'or set CHROMIUM_PATH to a Chrome or Chromium binary';

export type ChromiumChoice =
  | {
      readonly found: true;
      /** undefined: Playwright's own browser. */
      readonly executablePath: string | undefined;
      readonly source: 'CHROMIUM_PATH' | 'system' | 'playwright';
    }
  | { readonly found: false; readonly reason: string };

function playwrightChromium(): string | null {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumChoice {
  const configured = env['CHROMIUM_PATH']?.trim();
  if (configured) {
    return existsSync(configured)
      ? { found: true, executablePath: configured, source: 'CHROMIUM_PATH' }
      : {
          found: false,
          reason: `CHROMIUM_PATH=${configured} does not exist; ${HOW_TO_GET_CHROMIUM}`,
        };
  }
  if (existsSync(SYSTEM_CHROMIUM)) {
    return { found: true, executablePath: SYSTEM_CHROMIUM, source: 'system' };
  }
  if (playwrightChromium()) return { found: true, executablePath: undefined, source: 'playwright' };
  return {
    found: false,
    reason: `No Chromium found for the browser tests: ${HOW_TO_GET_CHROMIUM}`,
  };
}

/** Launch options for the chosen browser: its path (when not Playwright's own) and the flags. */
export function chromiumLaunchOptions(choice: ChromiumChoice): LaunchOptions {
  const options: LaunchOptions = { args: [...CHROMIUM_ARGS] };
  if (choice.found && choice.executablePath !== undefined) {
    options.executablePath = choice.executablePath;
  }
  return options;
}
