/**
 * Whether the Electron binary is installed. `npm install` with ELECTRON_SKIP_BINARY_DOWNLOAD
 * (CI here, air-gapped sites) leaves the package without it, and the package's entry then
 * throws instead of returning a path.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export const HOW_TO_GET_ELECTRON =
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); run `node node_modules/electron/install.js` ' +
  'to run the desktop end-to-end tests';

export type ElectronBinary =
  | { readonly found: true; readonly executablePath: string }
  | { readonly found: false; readonly reason: string };

export const NO_DISPLAY =
  'No display for the desktop app (neither DISPLAY nor WAYLAND_DISPLAY is set); run the ' +
  'desktop end-to-end tests under `xvfb-run npm run test:e2e`';

/** The installed Electron binary's path, or null when the package has none. */
function installedBinary(): string | null {
  try {
    // The electron package's main export is the binary's path (a string), when installed.
    const path: unknown = createRequire(import.meta.url)('electron');
    if (typeof path === 'string' && existsSync(path)) return path;
  } catch {
    // "Electron failed to install correctly": no path.txt, i.e. no binary.
  }
  return null;
}

/**
 * Whether the desktop tests can run: the binary is installed and, on Linux, there is a
 * display to open a window on.
 */
export function electronAvailability(
  executablePath: string | null,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): ElectronBinary {
  if (executablePath === null) return { found: false, reason: HOW_TO_GET_ELECTRON };
  if (platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
    return { found: false, reason: NO_DISPLAY };
  }
  return { found: true, executablePath };
}

export function electronBinary(): ElectronBinary {
  return electronAvailability(installedBinary(), process.env, process.platform);
}
