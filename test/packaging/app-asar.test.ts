/**
 * The archive `npm run package:check` produces (the same app.asar `npm run dist` ships): what
 * it must hold and what it must not. Packages first when the archive is missing or older than
 * the build, so a fresh clone's `npm test` needs nothing else.
 */
import { extractFile, listPackage } from '@electron/asar';
import { readdir, readFile, stat } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUILDER_CONFIG,
  CHECK_ARCHIVE,
  packageCheck,
  REQUIRED_BUILD_OUTPUTS,
} from '../../electron/tools/package-check.js';

const projectDir = path.resolve(import.meta.dirname, '../..');
const archive = path.join(projectDir, CHECK_ARCHIVE);

interface PackageJson {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts?: Record<string, string>;
}
const projectPackage = JSON.parse(
  await readFile(path.join(projectDir, 'package.json'), 'utf8'),
) as PackageJson;

async function mtime(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.mtimeMs ?? -1;
}

/** Whether the archive predates anything it is made from (or does not exist). */
async function archiveIsStale(): Promise<boolean> {
  const built = await mtime(archive);
  if (built < 0) return true;
  const inputs = [...REQUIRED_BUILD_OUTPUTS, 'package.json', BUILDER_CONFIG];
  for (const input of inputs) if ((await mtime(path.join(projectDir, input))) > built) return true;
  return false;
}

/** Archive entries as relative POSIX paths (`dist/electron/main/main.js`). */
let entries: Set<string>;
let files: string[];
const read = (entry: string): string => extractFile(archive, entry).toString('utf8');

beforeAll(async () => {
  if (await archiveIsStale()) await packageCheck(projectDir);
  entries = new Set(
    listPackage(archive, { isPack: false }).map((e) => e.replace(/\\/g, '/').replace(/^\//, '')),
  );
  // Directories are listed too; a file is an entry with no entry below it.
  files = [...entries].filter((e) => ![...entries].some((other) => other.startsWith(`${e}/`)));
}, 240_000);

async function listTree(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      found.push(path.relative(projectDir, path.join(entry.parentPath, entry.name)));
  }
  return found.map((f) => f.split(path.sep).join('/'));
}

describe('app.asar', () => {
  it('holds the built main process, preload and renderer page', () => {
    for (const file of REQUIRED_BUILD_OUTPUTS) expect(entries, file).toContain(file);
  });

  it('holds every file of the renderer build, assets included', async () => {
    const renderer = await listTree(path.join(projectDir, 'dist/renderer'));
    expect(renderer.some((f) => f.startsWith('dist/renderer/assets/'))).toBe(true);
    for (const file of renderer) expect(entries, file).toContain(file);
    const html = read('dist/renderer/index.html');
    const referenced = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
    expect(referenced.length).toBeGreaterThan(0);
    for (const ref of referenced)
      expect(entries, `index.html references ${ref}`).toContain(`dist/renderer/${ref}`);
  });

  it('has a package.json with the right main and no devDependencies or scripts', () => {
    const inside = JSON.parse(read('package.json')) as Partial<PackageJson>;
    expect(inside.main).toBe('dist/electron/main/main.js');
    expect(inside.main).toBe(projectPackage.main);
    expect(inside.dependencies).toEqual(projectPackage.dependencies);
    expect(inside).not.toHaveProperty('devDependencies');
    expect(inside).not.toHaveProperty('scripts');
  });

  it('carries every runtime dependency', () => {
    for (const name of ['zod', '@noble/hashes', '@scure/base', 'commander']) {
      expect(Object.keys(projectPackage.dependencies)).toContain(name);
    }
    for (const name of Object.keys(projectPackage.dependencies)) {
      expect(entries, name).toContain(`node_modules/${name}/package.json`);
    }
  });

  it('carries no devDependency', () => {
    for (const name of ['vitest', 'react', 'electron', 'typescript', 'electron-builder']) {
      expect(Object.keys(projectPackage.devDependencies)).toContain(name);
    }
    for (const name of Object.keys(projectPackage.devDependencies)) {
      expect(entries, name).not.toContain(`node_modules/${name}`);
    }
  });

  it('holds only package.json, build output and dependencies: no sources, tools or benches', () => {
    const topLevel = new Set(files.map((f) => f.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['dist', 'node_modules', 'package.json']);
    const allowed =
      /^dist\/(electron\/(main|preload|services|cli|network|containers)|shared|renderer)\//;
    const outside = files.filter((f) => f.startsWith('dist/') && !allowed.test(f));
    expect(outside).toEqual([]);
  });

  it('holds no TypeScript, source maps or tests, dependencies included', () => {
    expect(files.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(f))).toEqual([]);
    expect(files.filter((f) => /(^|\/)(test|tests|__tests__|e2e|bench)\//.test(f))).toEqual([]);
  });

  it('resolves every import of the main-process code inside the archive', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const dependencies = Object.keys(projectPackage.dependencies);
    const code = files.filter((f) => /^dist\/(electron|shared)\/.*\.js$/.test(f));
    expect(code).toContain('dist/electron/main/main.js');
    const unresolved: string[] = [];
    for (const file of code) {
      const source = read(file);
      const specifiers = [
        ...source.matchAll(/^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm),
        ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
      ].map((m) => m[1]!);
      for (const specifier of specifiers) {
        if (specifier.startsWith('.')) {
          const target = path.posix.join(path.posix.dirname(file), specifier);
          if (!entries.has(target)) unresolved.push(`${file}: ${specifier}`);
        } else if (!builtins.has(specifier) && !/^electron(\/(main|common))?$/.test(specifier)) {
          const name = specifier.startsWith('@')
            ? specifier.split('/').slice(0, 2).join('/')
            : specifier.split('/')[0]!;
          if (!dependencies.includes(name))
            unresolved.push(`${file}: ${specifier} (not a dependency)`);
        }
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('has a preload that requires only what a sandboxed preload can', () => {
    // A sandboxed preload's require() knows electron and these Node modules, nothing else.
    const allowed = /^(electron(\/renderer|\/common)?|(node:)?(events|timers|url))$/;
    const preload = read('dist/electron/preload/preload.cjs');
    const required = [...preload.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
      (m) => m[1]!,
    );
    expect(required).toContain('electron');
    expect(required.filter((r) => !allowed.test(r))).toEqual([]);
  });
});
