/** The one bounded file read: every refusal, on real files in a temp folder. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileUpTo } from '../../../electron/services/bounded-read.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'uidl-bounded-read-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('readFileUpTo', () => {
  it('reads a file at the limit whole, with its stats', async () => {
    const path = join(folder, 'at-limit.bin');
    await writeFile(path, Uint8Array.from([1, 2, 3, 4]));
    const read = await readFileUpTo(path, { limit: 4, regularOnly: true });
    expect(read.ok && [...read.bytes]).toEqual([1, 2, 3, 4]);
    expect(read.ok && read.stats.size).toBe(4);
  });

  it.each([true, false])(
    'refuses a file one byte over the limit by its size (regularOnly %s)',
    async (regularOnly) => {
      const path = join(folder, 'over.bin');
      await writeFile(path, new Uint8Array(5));
      expect(await readFileUpTo(path, { limit: 4, regularOnly })).toEqual({
        ok: false,
        reason: 'too-large',
        size: 5,
      });
    },
  );

  it('refuses what grows past the limit while it is read (the size said it fit)', async () => {
    const path = join(folder, 'grows.bin');
    await writeFile(path, new Uint8Array(10));
    // A file system whose stat under-reports, as a growing file or a device would.
    const fs = await import('node:fs/promises');
    const read = await readFileUpTo(path, {
      limit: 4,
      regularOnly: false,
      fs: {
        stat: fs.stat,
        open: async (...args: Parameters<typeof fs.open>) => {
          const handle = await fs.open(...args);
          const stat = handle.stat.bind(handle);
          return Object.assign(handle, {
            stat: async () => Object.assign(await stat(), { size: 0 }),
          });
        },
      },
    });
    expect(read).toEqual({ ok: false, reason: 'too-large', size: 5 });
  });

  it.each([true, false])('refuses a folder (regularOnly %s)', async (regularOnly) => {
    expect(await readFileUpTo(folder, { limit: 4, regularOnly })).toEqual({
      ok: false,
      reason: 'folder',
    });
  });

  it('refuses a device before opening it when only regular files are read', async () => {
    expect(await readFileUpTo('/dev/null', { limit: 4, regularOnly: true })).toEqual({
      ok: false,
      reason: 'not-regular',
      opened: false,
    });
  });

  it('reads a device to its end when it is allowed', async () => {
    const read = await readFileUpTo('/dev/null', { limit: 4, regularOnly: false });
    expect(read.ok && read.bytes.length).toBe(0);
  });

  it('throws the file system error for the caller to describe', async () => {
    await expect(
      readFileUpTo(join(folder, 'missing'), { limit: 4, regularOnly: true }),
    ).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
