import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, type AtomicWriteFs } from '../../../electron/services/atomic-write.js';

let folder: string;
beforeEach(async () => {
  folder = await fs.mkdtemp(join(tmpdir(), 'uidl-atomic-'));
});
afterEach(async () => {
  await fs.rm(folder, { recursive: true, force: true });
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const read = (path: string): Promise<string> => fs.readFile(path, 'utf8');

describe('writeFileAtomic', () => {
  it('creates a new file without a backup', async () => {
    const target = join(folder, 'history.bin');
    const result = await writeFileAtomic(target, bytes('new'));
    expect(await read(target)).toBe('new');
    expect(result).toEqual({ path: target, backupPath: null });
    expect(await fs.readdir(folder)).toEqual(['history.bin']);
  });

  it('replaces a file and keeps the old content as NAME.bak, mode preserved', async () => {
    const target = join(folder, 'history.bin');
    await fs.writeFile(target, 'old');
    await fs.chmod(target, 0o640);
    const result = await writeFileAtomic(target, bytes('new'));
    expect(await read(target)).toBe('new');
    expect(await read(`${target}.bak`)).toBe('old');
    expect(result.backupPath).toBe(`${target}.bak`);
    expect((await fs.stat(target)).mode & 0o777).toBe(0o640);
    expect((await fs.readdir(folder)).sort()).toEqual(['history.bin', 'history.bin.bak']);
  });

  it('replaces an older backup, and skips the backup when asked', async () => {
    const target = join(folder, 'h.bin');
    await fs.writeFile(target, 'one');
    await writeFileAtomic(target, bytes('two'));
    await writeFileAtomic(target, bytes('three'));
    expect(await read(`${target}.bak`)).toBe('two');
    await writeFileAtomic(target, bytes('four'), { backup: false });
    expect(await read(target)).toBe('four');
    expect(await read(`${target}.bak`)).toBe('two');
  });

  it('writes through a symbolic link to the file it names', async () => {
    const real = join(folder, 'real.bin');
    const link = join(folder, 'link.bin');
    await fs.writeFile(real, 'old');
    await fs.symlink(real, link);
    await writeFileAtomic(link, bytes('new'), { backup: false });
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await read(real)).toBe('new');
  });

  it('leaves the old file and no temporary file when the final rename fails', async () => {
    const target = join(folder, 'history.bin');
    await fs.writeFile(target, 'old');
    const failingRename: AtomicWriteFs = {
      ...fs,
      rename: async (from, to) => {
        if (String(to) === target)
          throw Object.assign(new Error('EIO: disk gone'), { code: 'EIO' });
        return fs.rename(from, to);
      },
    };
    await expect(writeFileAtomic(target, bytes('new'), { fs: failingRename })).rejects.toThrow(
      'EIO: disk gone',
    );
    expect(await read(target)).toBe('old');
    // The backup of the unchanged file may exist; no temporary file may.
    expect((await fs.readdir(folder)).filter((name) => name.includes('tmp'))).toEqual([]);
  });

  it('removes the temporary file when flushing it fails', async () => {
    const target = join(folder, 'history.bin');
    await fs.writeFile(target, 'old');
    const failingSync: AtomicWriteFs = {
      ...fs,
      open: (async (path: string, flags: string, mode?: number) => {
        const handle = await fs.open(path, flags, mode);
        if (flags === 'wx') {
          handle.sync = () =>
            Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }));
        }
        return handle;
      }) as AtomicWriteFs['open'],
    };
    await expect(writeFileAtomic(target, bytes('new'), { fs: failingSync })).rejects.toThrow(
      'ENOSPC',
    );
    expect(await fs.readdir(folder)).toEqual(['history.bin']);
    expect(await read(target)).toBe('old');
  });

  it('refuses a target that is a folder, and a missing folder, leaving nothing behind', async () => {
    const asFolder = join(folder, 'taken');
    await fs.mkdir(asFolder);
    await expect(writeFileAtomic(asFolder, bytes('x'))).rejects.toMatchObject({ code: 'EISDIR' });
    expect(await fs.readdir(folder)).toEqual(['taken']);
    await expect(
      writeFileAtomic(join(folder, 'missing', 'x.bin'), bytes('x')),
    ).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await fs.readdir(folder)).toEqual(['taken']);
  });
});
