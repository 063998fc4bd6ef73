import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createRecentFiles,
  type RecentFilesOptions,
} from '../../../electron/services/recent-files.js';

let folder: string;
let listFile: string;
let warnings: string[];
let clock: number;

beforeEach(async () => {
  folder = await fs.mkdtemp(join(tmpdir(), 'uidl-recent-'));
  listFile = join(folder, 'userData', 'recent-files.json');
  warnings = [];
  clock = Date.UTC(2024, 4, 6, 7, 8, 9, 123);
});
afterEach(async () => {
  await fs.rm(folder, { recursive: true, force: true });
});

function recent(options: Partial<RecentFilesOptions> = {}) {
  return createRecentFiles({
    file: listFile,
    now: () => clock++,
    onWarning: (message) => warnings.push(message),
    ...options,
  });
}

async function existingFile(name: string): Promise<string> {
  const path = join(folder, name);
  await fs.writeFile(path, 'x');
  return path;
}

describe('recent files', () => {
  it('lists the most recent first and keeps the list across sessions', async () => {
    const a = await existingFile('a.bin');
    const b = await existingFile('b.txt');
    const first = recent();
    await first.add(a);
    await first.add(b);
    const expected = [
      { path: b, name: 'b.txt', openedMs: Date.UTC(2024, 4, 6, 7, 8, 9, 124) },
      { path: a, name: 'a.bin', openedMs: Date.UTC(2024, 4, 6, 7, 8, 9, 123) },
    ];
    expect(await first.list()).toEqual(expected);
    expect(JSON.parse(await fs.readFile(listFile, 'utf8'))).toEqual({
      version: 1,
      files: expected,
    });
    expect(await recent().list()).toEqual(expected);
    // Written atomically: no temporary file left beside it.
    expect(await fs.readdir(join(folder, 'userData'))).toEqual(['recent-files.json']);
  });

  it('keeps at most ten, dropping the oldest', async () => {
    const list = recent();
    let latest: readonly { path: string }[] = [];
    for (let i = 0; i < 12; i++) latest = await list.add(`/data/${i}.bin`);
    expect(latest.map((file) => file.path)).toEqual(
      [11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map((i) => `/data/${i}.bin`),
    );
  });

  it('moves a reopened file to the top instead of listing it twice', async () => {
    const list = recent();
    await list.add('/data/a.bin');
    await list.add('/data/b.bin');
    const after = await list.add('/data/a.bin');
    expect(after.map((file) => file.path)).toEqual(['/data/a.bin', '/data/b.bin']);
  });

  it('compares paths case-insensitively on Windows only', async () => {
    const windows = recent({ platform: 'win32' });
    await windows.add('C:\\Data\\History.bin');
    const after = await windows.add('c:\\data\\history.BIN');
    expect(after).toEqual([
      { path: 'c:\\data\\history.BIN', name: 'history.BIN', openedMs: expect.any(Number) },
    ]);
    expect(await windows.includes('C:\\DATA\\HISTORY.BIN')).toBe(true);

    await fs.rm(listFile);
    const linux = recent({ platform: 'linux' });
    await linux.add('/data/History.bin');
    expect((await linux.add('/data/history.bin')).length).toBe(2);
    expect(await linux.includes('/data/HISTORY.bin')).toBe(false);
  });

  it('tells whether a path is on the list', async () => {
    const list = recent();
    await list.add('/data/a.bin');
    expect(await list.includes('/data/a.bin')).toBe(true);
    expect(await list.includes('/data/b.bin')).toBe(false);
  });

  it('drops files that no longer exist when listed, and remembers that', async () => {
    const kept = await existingFile('kept.bin');
    const gone = await existingFile('gone.bin');
    const list = recent();
    await list.add(kept);
    await list.add(gone);
    await fs.rm(gone);
    expect((await list.list()).map((file) => file.path)).toEqual([kept]);
    const stored = JSON.parse(await fs.readFile(listFile, 'utf8')) as { files: unknown[] };
    expect(stored.files).toHaveLength(1);
    expect(await list.includes(gone)).toBe(false);
  });

  it('clears the list, on disk too', async () => {
    const list = recent();
    await list.add(await existingFile('a.bin'));
    await list.clear();
    expect(await list.list()).toEqual([]);
    expect(JSON.parse(await fs.readFile(listFile, 'utf8'))).toEqual({ version: 1, files: [] });
  });

  it('starts empty without a file, and creates none until something is added', async () => {
    expect(await recent().list()).toEqual([]);
    expect(warnings).toEqual([]);
    await expect(fs.stat(listFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each([
    ['not JSON', '{"version": 1, "files": ['],
    ['the wrong shape', '{"version": 1, "files": [{"path": 3}]}'],
    ['a newer version', '{"version": 2, "files": []}'],
  ])('renames a file holding %s aside and starts empty', async (_, content) => {
    await fs.mkdir(join(folder, 'userData'));
    await fs.writeFile(listFile, content);
    const list = recent();
    expect(await list.list()).toEqual([]);
    const aside = `${listFile}.corrupt-2024-05-06T07-08-09-123Z`;
    expect(await fs.readFile(aside, 'utf8')).toBe(content);
    expect(warnings).toEqual([
      `${listFile} was not valid; it was renamed to ${aside} and defaults are used`,
    ]);
    await list.add('/data/a.bin');
    expect(JSON.parse(await fs.readFile(listFile, 'utf8')).files).toHaveLength(1);
    expect(await fs.readFile(aside, 'utf8')).toBe(content);
  });

  it('keeps working for the session when the list cannot be saved', async () => {
    await fs.writeFile(join(folder, 'blocker'), '');
    const list = recent({ file: join(folder, 'blocker', 'recent-files.json') });
    const after = await list.add('/data/a.bin');
    expect(after.map((file) => file.path)).toEqual(['/data/a.bin']);
    expect(warnings.at(-1)).toMatch(
      /^Cannot save the recent files list to \S+recent-files\.json: EEXIST/,
    );
  });
});
