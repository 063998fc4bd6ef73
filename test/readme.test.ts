/** The README is documentation users rely on: keep its tables in step with the code. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CATALOGUE, DIAGNOSTIC_CODES } from '../shared/codec/diagnostics.js';
import { MAX_LISTING_TEXT_LINES } from '../shared/listing/parse-listing.js';
import {
  DEFAULT_TIMEOUT_MS,
  MAX_LINE_BYTES,
  POP3_LIMITS,
} from '../electron/network/pop3-client.js';
import { MAX_REMEMBERED_PICKS } from '../electron/main/ipc-handlers.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The tracked files, as `git ls-files` lists them. */
const tracked = execFileSync('git', ['ls-files'], {
  cwd: new URL('..', import.meta.url),
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean);

/** The paths the Layout section names: its code block is a tree, two spaces per level. */
function layoutPaths(): string[] {
  const section = readme.slice(readme.indexOf('## Layout'));
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const parents: string[] = [];
  const paths: string[] = [];
  for (const line of block.split('\n').filter((l) => l.trim() !== '')) {
    const depth = (line.length - line.trimStart().length) / 2;
    const name = line.trim().split(/\s+/)[0]!;
    parents.length = depth;
    const path = parents.join('') + name;
    parents.push(name.endsWith('/') ? name : `${name}/`);
    paths.push(path);
  }
  return paths;
}

/** Folders holding tracked source files that the Layout must name: the repository's top level and its source trees' first levels. */
function sourceFolders(): string[] {
  const folders = new Set<string>();
  for (const file of tracked) {
    const parts = file.split('/');
    if (parts.length > 1 && !parts[0]!.startsWith('.')) folders.add(`${parts[0]}/`);
    for (const root of ['shared/', 'electron/', 'renderer/src/', 'renderer/src/state/', 'test/']) {
      if (!file.startsWith(root)) continue;
      const rest = file.slice(root.length).split('/');
      if (rest.length > 1) folders.add(`${root}${rest[0]}/`);
    }
  }
  return [...folders].sort();
}

describe('README', () => {
  it('names in its Layout only paths that exist', () => {
    const paths = layoutPaths();
    expect(paths.length).toBeGreaterThan(40);
    const missing = paths.filter((path) =>
      path.endsWith('/') ? !tracked.some((file) => file.startsWith(path)) : !tracked.includes(path),
    );
    expect(missing).toEqual([]);
  });

  it('names every source folder in its Layout', () => {
    const named = new Set(layoutPaths());
    expect(sourceFolders().filter((folder) => !named.has(folder))).toEqual([]);
  });

  it('names in its Layout the source files at the top of shared/ and electron/', () => {
    const named = new Set(layoutPaths());
    const topFiles = tracked.filter((file) => /^(shared|electron)\/[^/]+\.ts$/.test(file));
    expect(topFiles.length).toBeGreaterThan(5);
    expect(topFiles.filter((file) => !named.has(file))).toEqual([]);
  });

  it('lists every diagnostic code with its severity', () => {
    for (const code of DIAGNOSTIC_CODES) {
      expect(readme).toContain(`| \`${code}\` | ${DIAGNOSTIC_CATALOGUE[code].severity} |`);
    }
  });

  it('justifies every dependency in its table', () => {
    const table = readme.slice(readme.indexOf('## Dependencies'));
    for (const name of [
      ...Object.keys(packageJson.dependencies),
      ...Object.keys(packageJson.devDependencies),
    ]) {
      expect(table, name).toContain(`\`${name}\``);
    }
  });

  it('states the limits the code enforces', () => {
    const table = readme.slice(readme.indexOf('## Limits'), readme.indexOf('## Performance'));
    const n = (value: number) => value.toLocaleString('en-US');
    for (const cell of [
      `| ${DEFAULT_TIMEOUT_MS / 1000} s |`,
      `| ${POP3_LIMITS.deadlineMs / 1000} s |`,
      `| ${n(MAX_LINE_BYTES)} bytes |`,
      `| ${POP3_LIMITS.capaLines} lines, ${POP3_LIMITS.capaBytes / 1024} KiB |`,
      `| ${n(POP3_LIMITS.listingLines)} lines, ${n(POP3_LIMITS.listingBytes)} bytes `,
      `| ${n(MAX_LISTING_TEXT_LINES)} lines `,
      `| ${MAX_REMEMBERED_PICKS} (`,
    ]) {
      expect(table).toContain(cell);
    }
  });

  it('shows the set-up and test commands', () => {
    expect(readme).toContain('npm install');
    expect(readme).toContain('npm test');
  });
});
