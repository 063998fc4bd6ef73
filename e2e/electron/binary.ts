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

export function electronBinary(): ElectronBinary {
  try {
    // The electron package's main export is the binary's path (a string), when installed.
    const path: unknown = createRequire(import.meta.url)('electron');
    if (typeof path === 'string' && existsSync(path)) return { found: true, executablePath: path };
  } catch {
    // "Electron failed to install correctly": no path.txt, i.e. no binary.
  }
  return { found: false, reason: HOW_TO_GET_ELECTRON };
}
