/**
 * electron-builder configuration: `npm run dist` packages the desktop app for the platform it
 * runs on (Linux: AppImage and deb; Windows: NSIS installer and portable exe; macOS: dmg).
 * `npm run package:check` reuses it offline (electron/tools/package-check.ts) and
 * test/packaging/ checks both this file and the archive it produces.
 */
import type { Configuration, FileAssociation } from 'electron-builder';

/** Our own extension for a raw UIDL history BLOB: no other program claims it. */
const OWN_EXTENSION = 'uidl';

/**
 * Extensions that dumps of the BLOB often carry but that belong to nobody in particular (raw
 * bytes as .bin/.dat, hex text as .hex, base64 as .b64). Only macOS can register a handler
 * without making it the default (rank Alternate puts the app in "Open With" and nowhere else);
 * Windows' installer and Linux's MIME database would take them over, so there they are not
 * registered. .txt and .reg (registry exports, MFCMAPI text) are never claimed anywhere.
 */
const GENERIC_DUMP_EXTENSIONS = ['bin', 'dat', 'hex', 'b64'];

const macAssociations: FileAssociation[] = [
  { ext: OWN_EXTENSION, name: 'UIDL History', role: 'Editor', rank: 'Owner' },
  { ext: GENERIC_DUMP_EXTENSIONS, name: 'UIDL History Dump', role: 'Viewer', rank: 'Alternate' },
];

const windowsAssociations: FileAssociation[] = [
  // `name` is the ProgID on Windows: no spaces, vendor-prefixed.
  { ext: OWN_EXTENSION, name: 'UIDLStudio.History', description: 'UIDL history BLOB' },
];

const linuxAssociations: FileAssociation[] = [
  // One extension per entry: the deb's MIME XML writes `*.${ext}` as it is.
  { ext: OWN_EXTENSION, mimeType: 'application/x-uidl-history', description: 'UIDL history BLOB' },
];

const config: Configuration = {
  appId: 'io.github.uidlstudio.app',
  productName: 'UIDL Studio',
  copyright: 'Copyright © UIDL Studio contributors',
  directories: { output: 'release', buildResources: 'build' },

  // Only what the packaged app runs: the main process, the bundled preload, the Node modules
  // main uses (services, CLI, PST/.msg containers, the POP3 client), the shared codec, the renderer build; not
  // tools/, web/ (the browser edition's server) or launch.js. Production dependencies are added
  // by electron-builder itself, and these exclusions apply to them too: no TypeScript (sources
  // or declarations), source maps or tests ship.
  files: [
    'package.json',
    'dist/electron/main/**/*',
    'dist/electron/preload/*.cjs',
    'dist/electron/services/**/*',
    'dist/electron/cli/**/*',
    'dist/electron/containers/**/*',
    'dist/electron/network/**/*',
    'dist/shared/**/*',
    'dist/renderer/**/*',
    '!**/*.{ts,mts,cts,tsx}',
    '!**/*.map',
    '!**/*.{test,spec}.*',
  ],
  asar: true,
  // Pure-JavaScript dependencies: nothing to rebuild against Electron's headers.
  npmRebuild: false,

  // Flipped in the packaged Electron binary; see README "Packaging".
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // Enforced on macOS and Windows (electron-builder embeds the archive's hashes there);
    // Linux has no ASAR integrity support and ignores it.
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The renderer is served from the app's own protocol, never file://.
    grantFileProtocolExtraPrivileges: false,
  },

  // deb also needs package.json's `homepage` and `author.email` (its maintainer).
  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'uidl-studio',
    icon: 'build/icons',
    category: 'Utility',
    synopsis: "Inspect and repair Outlook's POP3 UIDL download history",
    fileAssociations: linuxAssociations,
    desktop: {
      entry: { Keywords: 'Outlook;POP3;UIDL;BlobPOP;mail;forensics;' },
    },
  },
  appImage: { artifactName: 'uidl-studio-${version}-${arch}.${ext}' },
  deb: { artifactName: 'uidl-studio_${version}_${arch}.${ext}' },

  win: {
    target: ['nsis', 'portable'],
    executableName: 'uidl-studio',
    icon: 'build/icon.ico',
    fileAssociations: windowsAssociations,
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: 'uidl-studio-${version}-setup-${arch}.${ext}',
  },
  portable: { artifactName: 'uidl-studio-${version}-portable-${arch}.${ext}' },

  mac: {
    target: ['dmg'],
    icon: 'build/icon.icns',
    category: 'public.app-category.developer-tools',
    fileAssociations: macAssociations,
  },
  dmg: { artifactName: 'uidl-studio-${version}-${arch}.${ext}' },
};

export default config;
