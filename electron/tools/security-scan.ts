/**
 * `security-scan [--input PATH] [--output report.sarif]`: runs @doyensec/electronegativity over
 * the packaged app and writes its SARIF report; check-sarif.ts then gates on it.
 *
 * Why not its command line: electronegativity 1.10.3's CLI requires `commander` without
 * declaring it, so it loads this project's commander 14, whose API it predates, and crashes
 * (`version is not a function`). Its documented programmatic entry point runs the same scan.
 *
 * What it scans: by default the archive `npm run package:check` makes, i.e. exactly the files
 * that ship (built main process, renderer page and bundle; electronegativity skips
 * node_modules). Its global checks (CSP, navigation limits, permission handler) need main and
 * renderer in one scan, which the archive gives. It does not read `.cjs`, so the preload bundle
 * is not scanned; the checks are about the main process's windows and the page.
 *
 * Offline: AvailableSecurityFixesGlobalCheck is excluded (it fetches Electron's release list),
 * and the Electron version, which several checks depend on, is the installed one rather than
 * one guessed from a lock file. electronegativity also asks an S3 bucket for translations with
 * a 1 s timeout and carries on in English when that fails.
 *
 * Exit 1 when a file could not be parsed: electronegativity leaves such files out of the SARIF
 * report, so an unparsed file would pass the gate unchecked.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHECK_ARCHIVE } from './package-check.js';

/** Checks left out, as electronegativity names them (class names, lower-cased). */
export const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'] as const;

/** The subset of electronegativity's programmatic options this scan uses. */
interface ElectronegativityOptions {
  input: string;
  output: string;
  isSarif: boolean;
  isRelative: boolean;
  customScan: string[];
  excludeFromScan: string[];
  electronVersionOverride: string;
  parserPlugins: string[];
}

interface ElectronegativityResult {
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: unknown[];
}

type Electronegativity = (options: ElectronegativityOptions) => Promise<ElectronegativityResult>;

const require = createRequire(import.meta.url);

async function installedElectronVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(require.resolve('electron/package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

export interface ScanResult {
  readonly issues: number;
  readonly unparsed: readonly { file: string; message: string }[];
  readonly tolerated: readonly { file: string; message: string }[];
}

/**
 * electronegativity starts writing its report without waiting for the write to finish: wait
 * until `file` holds complete JSON, so the caller (and the next CI step) reads the whole report.
 */
async function waitForReport(file: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const content = await readFile(file, 'utf8').catch(() => null);
    if (content !== null) {
      try {
        JSON.parse(content);
        return;
      } catch {
        // still being written
      }
    }
    if (performance.now() > deadline)
      throw new Error(`electronegativity wrote no report to ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Scans `input` (a folder, file or .asar) and writes its SARIF report to `output`. */
export async function securityScan(input: string, output: string): Promise<ScanResult> {
  const info = await stat(input).catch(() => null);
  if (info === null) {
    throw new Error(`${input} does not exist: run \`npm run build\` and \`npm run package:check\``);
  }
  // A stale report must never be mistaken for this run's.
  await rm(output, { force: true });
  const run = require('@doyensec/electronegativity') as Electronegativity;
  const result = await run({
    input,
    output,
    isSarif: true,
    // Inside an archive paths are already relative to it; in a folder they would be absolute.
    isRelative: info.isDirectory(),
    customScan: [],
    excludeFromScan: [...EXCLUDED_CHECKS],
    electronVersionOverride: await installedElectronVersion(),
    parserPlugins: [],
  });
  await waitForReport(output);
  return {
    issues: result.issues.length,
    unparsed: result.errors.filter((error) => !error.tolerable),
    tolerated: result.errors.filter((error) => error.tolerable),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      input: { type: 'string', default: CHECK_ARCHIVE },
      output: { type: 'string', default: 'report.sarif' },
    },
  });
  const input = path.resolve(values.input);
  try {
    const result = await securityScan(input, values.output);
    for (const { file, message } of result.tolerated) {
      console.log(`security-scan: parsed with recoverable errors: ${file}: ${message}`);
    }
    for (const { file, message } of result.unparsed) {
      console.error(`security-scan: could not parse, so not checked: ${file}: ${message}`);
    }
    console.log(
      `security-scan: ${path.relative(process.cwd(), input)}: ${result.issues} result(s) written to ${values.output}`,
    );
    if (result.unparsed.length > 0) process.exitCode = 1;
  } catch (error) {
    console.error(`security-scan: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
