/**
 * `npm run package:check`: packages the built app offline, to prove the electron-builder
 * configuration works and to produce the `app.asar` that test/packaging/ inspects.
 *
 * electron-builder normally downloads Electron's release zip. Its `electronDist` option takes
 * a local folder instead; here that folder holds only an empty placeholder named `electron`.
 * For Linux, electron-builder copies the folder into the output and renames `electron` to the
 * executable name (`uidl-studio`); with a truly empty folder that rename fails (ENOENT), so the
 * placeholder is the least it needs. Nothing else about the app depends on the binary: the
 * archive, package.json and dependencies come out exactly as `npm run dist` makes them.
 *
 * Fuses are flipped inside the Electron binary and cannot be flipped in an empty file, so this
 * check alone overrides `electronFuses` with null. The real configuration is loaded unchanged
 * (its fuses are asserted by test/packaging/builder-config.test.ts) and `npm run dist` never
 * goes through this file.
 */
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Arch, build, Platform } from 'electron-builder';

/** The configuration `npm run dist` uses, relative to the project. */
export const BUILDER_CONFIG = 'build/electron-builder.config.ts';
/** Where the check packages, relative to the project (under the gitignored `release/`). */
export const CHECK_OUTPUT = 'release/check';
/** The archive the check produces: always x64, whose output folder has no arch suffix. */
export const CHECK_ARCHIVE = `${CHECK_OUTPUT}/linux-unpacked/resources/app.asar`;

/** Built files the packaged app cannot start without: `npm run build` makes them. */
export const REQUIRED_BUILD_OUTPUTS = [
  'dist/electron/main/main.js',
  'dist/electron/preload/preload.cjs',
  'dist/renderer/index.html',
] as const;

export interface PackageCheckResult {
  readonly archive: string;
  readonly milliseconds: number;
}

/** Lists the required build outputs missing under `projectDir`. */
export async function missingBuildOutputs(projectDir: string): Promise<string[]> {
  const missing: string[] = [];
  for (const file of REQUIRED_BUILD_OUTPUTS) {
    const info = await stat(path.join(projectDir, file)).catch(() => null);
    if (!info?.isFile()) missing.push(file);
  }
  return missing;
}

/** Packages `projectDir` for Linux as a directory, offline; returns the archive's path. */
export async function packageCheck(projectDir: string): Promise<PackageCheckResult> {
  const started = performance.now();
  const missing = await missingBuildOutputs(projectDir);
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')}: run \`npm run build\` first`);
  }

  const electronDist = await mkdtemp(path.join(tmpdir(), 'uidl-electron-dist-'));
  const outputDir = path.join(projectDir, CHECK_OUTPUT);
  try {
    const placeholder = path.join(electronDist, 'electron');
    await writeFile(placeholder, '');
    await chmod(placeholder, 0o755);
    await rm(outputDir, { recursive: true, force: true });

    await build({
      projectDir,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: {
        // Loads BUILDER_CONFIG, then applies these overrides on top of it.
        extends: BUILDER_CONFIG,
        electronDist,
        electronFuses: null,
        directories: { output: CHECK_OUTPUT },
      },
    });
  } finally {
    await rm(electronDist, { recursive: true, force: true });
  }

  // The renamed placeholder is not an app: leave nothing that looks runnable.
  await rm(path.join(outputDir, 'linux-unpacked', 'uidl-studio'), { force: true });
  const archive = path.join(projectDir, CHECK_ARCHIVE);
  const info = await stat(archive).catch(() => null);
  if (!info?.isFile()) throw new Error(`electron-builder finished but ${CHECK_ARCHIVE} is missing`);
  return { archive, milliseconds: performance.now() - started };
}

async function main(): Promise<void> {
  const projectDir = process.cwd();
  try {
    const { archive, milliseconds } = await packageCheck(projectDir);
    console.log(
      `package:check: ${path.relative(projectDir, archive)} in ${(milliseconds / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    console.error(`package:check: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
