/**
 * `npm start`: runs the desktop app in the Electron binary the `electron` package installed,
 * passing on the command line (`npm start -- --read-only history.bin`) and the exit code.
 * Where the binary is missing, says why in one line and exits 1.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { electronEnvironment, locateElectron } from './launcher/locate-electron.js';

const require = createRequire(import.meta.url);
// dist/electron/launch.js → the project folder, whose package.json names the main script.
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

const binary = locateElectron({
  loadElectronPath: () => require('electron') as unknown,
  exists: existsSync,
  env: process.env,
});
if (binary.status === 'missing') {
  console.error(binary.message);
  process.exit(1);
}

const child = spawn(binary.path, [projectRoot, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: electronEnvironment(process.env),
});
child.on('error', (error) => {
  console.error(`uidl-studio: cannot start Electron (${binary.path}): ${error.message}`);
  process.exit(1);
});
// Ctrl+C reaches both processes from the terminal; a signal sent to this one alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
