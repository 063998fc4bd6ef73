/**
 * Finds the Electron binary for `npm start`. The `electron` package's main module returns the
 * binary's path, but throws when its install script never put the binary in place
 * (ELECTRON_SKIP_BINARY_DOWNLOAD, or a download that failed), and may name a missing file.
 */

export type ElectronBinary =
  | { readonly status: 'found'; readonly path: string }
  | { readonly status: 'missing'; readonly message: string };

export interface LocateDependencies {
  /** `require('electron')` run in Node: the binary's path, or a throw. */
  readonly loadElectronPath: () => unknown;
  readonly exists: (path: string) => boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The one line printed when there is no binary: why, how to get it, and what runs without. */
export function missingBinaryMessage(env: LocateDependencies['env']): string {
  const why = env['ELECTRON_SKIP_BINARY_DOWNLOAD']
    ? 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so npm install skipped it'
    : 'npm install skipped or failed its download';
  return (
    `uidl-studio: the Electron binary is not installed (${why}). ` +
    'Install it with `node node_modules/electron/install.js` ' +
    '(ELECTRON_SKIP_BINARY_DOWNLOAD unset; it downloads from GitHub or ELECTRON_MIRROR), ' +
    'or run the browser edition with `npm run web`.'
  );
}

export function locateElectron(deps: LocateDependencies): ElectronBinary {
  let path: unknown;
  try {
    path = deps.loadElectronPath();
  } catch {
    return { status: 'missing', message: missingBinaryMessage(deps.env) };
  }
  if (typeof path !== 'string' || path === '' || !deps.exists(path)) {
    return { status: 'missing', message: missingBinaryMessage(deps.env) };
  }
  return { status: 'found', path };
}

/**
 * The environment for the Electron child: ELECTRON_RUN_AS_NODE, inherited from a parent shell
 * or tool, would make the binary run as plain Node instead of the app.
 */
export function electronEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const childEnv = { ...env };
  delete childEnv['ELECTRON_RUN_AS_NODE'];
  return childEnv;
}
