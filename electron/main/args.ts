/**
 * The desktop app's command line: `uidl-studio [--read-only] [FILE...]`. Parses argv as
 * Electron gives it, at start and from a second instance: the executable first, then (when run
 * as `electron APP`) the app path, with Chromium's and Electron's own switches mixed in
 * (`--no-sandbox`, `--allow-file-access-from-files`, `--inspect=0`...), which are ignored.
 */
import { posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CommandLine {
  /** Files to open, as absolute paths, in the order given. */
  readonly files: readonly string[];
  /** `--read-only`: evidence mode for every file opened in this session. */
  readonly readOnly: boolean;
  readonly help: boolean;
  readonly version: boolean;
  /** Switches that are not ours (left to Chromium and Electron). */
  readonly ignored: readonly string[];
}

export interface ParseOptions {
  /** The folder relative paths are relative to (the second instance's own, for its argv). */
  readonly cwd: string;
  /** `process.defaultApp`: run as `electron APP`, so the first plain argument is the app. */
  readonly defaultApp: boolean;
  readonly platform?: NodeJS.Platform;
}

export const USAGE = `Usage: uidl-studio [--read-only] [FILE...]

Opens each FILE (a UIDL history BLOB, or a hex, base64, .reg or MFCMAPI dump of one).

  --read-only   evidence mode: files opened in this session are never saved over
  --help        show this help
  --version     show the version
`;

/** The absolute path an argument names, or null for a file URL that names no local file. */
function toPath(argument: string, options: ParseOptions): string | null {
  const paths = (options.platform ?? process.platform) === 'win32' ? win32 : posix;
  // Desktop launchers may pass files as URLs (the freedesktop %U field code).
  if (/^file:\/\//i.test(argument)) {
    try {
      return fileURLToPath(argument, { windows: paths === win32 });
    } catch {
      return null; // a remote host on POSIX, or a malformed URL
    }
  }
  return paths.resolve(options.cwd, argument);
}

export function parseCommandLine(argv: readonly string[], options: ParseOptions): CommandLine {
  const files: string[] = [];
  const ignored: string[] = [];
  let readOnly = false;
  let help = false;
  let version = false;
  let skipAppPath = options.defaultApp;
  let optionsEnded = false;

  for (const argument of argv.slice(1)) {
    if (!optionsEnded && argument === '--') {
      optionsEnded = true;
    } else if (!optionsEnded && argument.startsWith('-') && argument !== '-') {
      if (argument === '--read-only') readOnly = true;
      else if (argument === '--help' || argument === '-h') help = true;
      else if (argument === '--version') version = true;
      else ignored.push(argument);
    } else if (skipAppPath) {
      skipAppPath = false; // `electron APP ...`: the app's folder or main script, not a file
    } else if (argument !== '' && argument !== '-') {
      const path = toPath(argument, options);
      if (path === null) ignored.push(argument);
      else files.push(path);
    }
  }
  return { files, readOnly, help, version, ignored };
}
