/** The electron-builder configuration `npm run dist` uses: the values that matter to users. */
import { existsSync, readFileSync } from 'node:fs';
import type { FileAssociation } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import config from '../../build/electron-builder.config.js';
import { BUILDER_CONFIG, REQUIRED_BUILD_OUTPUTS } from '../../electron/tools/package-check.js';

const root = new URL('../../', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  main: string;
  homepage?: string;
  author?: { name?: string; email?: string } | string;
  scripts: Record<string, string>;
};

function associations(list: FileAssociation[] | FileAssociation | undefined): FileAssociation[] {
  return list === undefined ? [] : Array.isArray(list) ? list : [list];
}
const extensions = (list: FileAssociation[]): string[] =>
  list.flatMap((a) => (Array.isArray(a.ext) ? a.ext : [a.ext]));

describe('electron-builder configuration', () => {
  it('is the file `npm run dist` passes', () => {
    expect(packageJson.scripts.dist).toBe(
      `npm run build && electron-builder --config ${BUILDER_CONFIG}`,
    );
  });

  it('names the app', () => {
    expect(config.appId).toBe('io.github.uidlstudio.app');
    expect(config.productName).toBe('UIDL Studio');
    expect(config.linux?.executableName).toBe('uidl-studio');
    expect(config.win?.executableName).toBe('uidl-studio');
    // macOS keeps "UIDL Studio.app": a top-level executableName would rename the bundle.
    expect(config.executableName).toBeUndefined();
  });

  it('targets AppImage and deb, nsis and portable, dmg', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis', 'portable']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('flips every hardening fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('packages the built app only, with every file the app needs to start', () => {
    const files = config.files as string[];
    expect(files).toContain('package.json');
    expect(files.filter((f) => f.startsWith('!'))).toEqual([
      '!**/*.{ts,mts,cts,tsx}',
      '!**/*.map',
      '!**/*.{test,spec}.*',
    ]);
    for (const pattern of files.filter((f) => !f.startsWith('!') && f !== 'package.json')) {
      expect(pattern, 'only build output ships').toMatch(/^dist\//);
      expect(pattern).not.toMatch(/^dist\/(bench|electron\/(tools|web))/);
    }
    expect(REQUIRED_BUILD_OUTPUTS).toContain(packageJson.main);
  });

  it('points at icons that exist', () => {
    for (const icon of [config.linux?.icon, config.win?.icon, config.mac?.icon]) {
      expect(icon, 'icon configured').toBeDefined();
      expect(existsSync(new URL(icon!, root)), `${icon} exists`).toBe(true);
    }
  });

  it('never claims .txt or .reg, and claims generic dump extensions only as a macOS alternate', () => {
    const mac = associations(config.mac?.fileAssociations);
    const win = associations(config.win?.fileAssociations);
    const linux = associations(config.linux?.fileAssociations);
    expect(associations(config.fileAssociations)).toEqual([]);
    for (const list of [mac, win, linux]) {
      expect(extensions(list)).not.toContain('txt');
      expect(extensions(list)).not.toContain('reg');
      expect(extensions(list)).toContain('uidl');
    }
    // Windows' installer and Linux's MIME database make an association the default handler.
    expect(extensions(win)).toEqual(['uidl']);
    expect(extensions(linux)).toEqual(['uidl']);
    const generic = mac.filter((a) => extensions([a]).includes('bin'));
    expect(generic).toEqual([
      {
        ext: ['bin', 'dat', 'hex', 'b64'],
        name: 'UIDL History Dump',
        role: 'Viewer',
        rank: 'Alternate',
      },
    ]);
  });

  it('gives Linux a MIME type per single extension and Windows a ProgID without spaces', () => {
    for (const a of associations(config.linux?.fileAssociations)) {
      expect(typeof a.ext, 'one extension: the MIME XML writes *.${ext} verbatim').toBe('string');
      expect(a.mimeType).toMatch(/^application\/x-[a-z-]+$/);
    }
    for (const a of associations(config.win?.fileAssociations)) {
      expect(a.name).toMatch(/^[A-Za-z]+\.[A-Za-z]+$/);
    }
  });

  it('has the metadata deb packages require (homepage, maintainer email)', () => {
    expect(packageJson.homepage, 'package.json "homepage"').toEqual(
      expect.stringMatching(/^https:\/\//),
    );
    const author = packageJson.author;
    const email = typeof author === 'string' ? /<([^>]+)>/.exec(author)?.[1] : author?.email;
    expect(email, 'package.json "author" with an email (the deb maintainer)').toEqual(
      expect.stringMatching(/^[^@\s]+@[^@\s]+$/),
    );
  });
});
