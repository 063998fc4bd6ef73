import { describe, expect, it } from 'vitest';
import {
  electronEnvironment,
  locateElectron,
  missingBinaryMessage,
} from '../../electron/launcher/locate-electron.js';

const exists = (path: string) => path === '/repo/node_modules/electron/dist/electron';

describe('locateElectron', () => {
  it('finds the binary the electron package names', () => {
    expect(
      locateElectron({
        loadElectronPath: () => '/repo/node_modules/electron/dist/electron',
        exists,
        env: {},
      }),
    ).toEqual({ status: 'found', path: '/repo/node_modules/electron/dist/electron' });
  });

  it('reports a package that throws because its install skipped the binary', () => {
    const result = locateElectron({
      loadElectronPath: () => {
        throw new Error(
          'Electron failed to install correctly, please delete node_modules/electron',
        );
      },
      exists,
      env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
    expect(result).toEqual({
      status: 'missing',
      message:
        'uidl-studio: the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD is set, ' +
        'so npm install skipped it). Install it with `node node_modules/electron/install.js` ' +
        '(ELECTRON_SKIP_BINARY_DOWNLOAD unset; it downloads from GitHub or ELECTRON_MIRROR), ' +
        'or run the browser edition with `npm run web`.',
    });
  });

  it('reports a path that names no file', () => {
    const result = locateElectron({
      loadElectronPath: () => '/repo/node_modules/electron/dist/gone',
      exists,
      env: {},
    });
    expect(result.status).toBe('missing');
    expect(result.status === 'missing' && result.message).toContain(
      '(npm install skipped or failed its download)',
    );
  });

  it('is one line', () => {
    expect(missingBinaryMessage({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).not.toContain('\n');
    expect(missingBinaryMessage({})).not.toContain('\n');
  });

  it('does not let ELECTRON_RUN_AS_NODE reach the app', () => {
    expect(electronEnvironment({ PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' })).toEqual({
      PATH: '/bin',
    });
  });
});
