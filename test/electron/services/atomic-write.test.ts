import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import {
  MAX_BACKUPS,
  removeStaleTemporaries,
  writeFileAtomic,
  WriteRefusedError,
  type AtomicWriteFs,
} from '../../../electron/services/atomic-write.js';

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

  it('numbers backups rather than replacing one, and skips the backup when asked', async () => {
    const target = join(folder, 'h.bin');
    await fs.writeFile(target, 'one');
    expect((await writeFileAtomic(target, bytes('two'))).backupPath).toBe(`${target}.bak`);
    expect((await writeFileAtomic(target, bytes('three'))).backupPath).toBe(`${target}.1.bak`);
    expect((await writeFileAtomic(target, bytes('four'))).backupPath).toBe(`${target}.2.bak`);
    expect(await read(`${target}.bak`)).toBe('one');
    expect(await read(`${target}.1.bak`)).toBe('two');
    expect(await read(`${target}.2.bak`)).toBe('three');
    // A gap is filled first: the names are taken in order, whatever was deleted.
    await fs.unlink(`${target}.1.bak`);
    expect((await writeFileAtomic(target, bytes('five'))).backupPath).toBe(`${target}.1.bak`);
    expect(await read(`${target}.1.bak`)).toBe('four');
    await writeFileAtomic(target, bytes('six'), { backup: false });
    expect(await read(target)).toBe('six');
    expect((await fs.readdir(folder)).sort()).toEqual([
      'h.bin',
      'h.bin.1.bak',
      'h.bin.2.bak',
      'h.bin.bak',
    ]);
  });

  it(`refuses a ${MAX_BACKUPS + 1}th backup, naming the range, and writes nothing`, async () => {
    const target = join(folder, 'h.bin');
    await fs.writeFile(target, 'current');
    await fs.writeFile(`${target}.bak`, 'b');
    for (let n = 1; n < MAX_BACKUPS; n++) await fs.writeFile(`${target}.${n}.bak`, 'b');
    await expect(writeFileAtomic(target, bytes('new'))).rejects.toThrow(
      `${MAX_BACKUPS} backups of 'h.bin' already exist beside it ('h.bin.bak' to ` +
        `'h.bin.${MAX_BACKUPS - 1}.bak'); move or delete old ones first`,
    );
    expect(await read(target)).toBe('current');
    expect(await fs.readdir(folder)).toHaveLength(MAX_BACKUPS + 1);
  });

  it('refuses a read-only file unless told to replace it', async () => {
    const target = join(folder, 'locked.bin');
    await fs.writeFile(target, 'old');
    await fs.chmod(target, 0o444);
    const refused = writeFileAtomic(target, bytes('new'));
    await expect(refused).rejects.toBeInstanceOf(WriteRefusedError);
    await expect(refused).rejects.toMatchObject({ code: 'EREADONLYFILE', path: target });
    expect(await read(target)).toBe('old');
    expect(await fs.readdir(folder)).toEqual(['locked.bin']);
    const forced = await writeFileAtomic(target, bytes('new'), { replaceReadOnly: true });
    expect(forced.backupPath).toBe(`${target}.bak`);
    expect(await read(target)).toBe('new');
    expect((await fs.stat(target)).mode & 0o777).toBe(0o444);
  });

  it('refuses a symbolic link that names nothing, keeping the link', async () => {
    const link = join(folder, 'out.bin');
    await fs.symlink(join(folder, 'missing.bin'), link);
    await expect(writeFileAtomic(link, bytes('x'))).rejects.toMatchObject({
      code: 'EDANGLINGLINK',
      message:
        'it is a symbolic link to a file that does not exist; remove the link or name the file',
    });
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readdir(folder)).toEqual(['out.bin']);
  });

  it('removes temporary files a killed write of ours left, and only those', async () => {
    const target = join(folder, 'h.bin');
    const dead = 4_000_001;
    const alive = 4_000_002;
    const stale = [`.h.bin.${dead}.0123456789ab.tmp`, `.other.json.${dead}.abcdefabcdef.bak.tmp`];
    const kept = [
      `.h.bin.${alive}.0123456789ab.tmp`, // a write still running in another process
      `.h.bin.${process.pid}.0123456789ab.tmp`, // ours, maybe in flight
      `.h.bin.${dead}.0123456789ab.tmp.txt`, // not named as we name them
      `h.bin.${dead}.0123456789ab.tmp`,
    ];
    for (const name of [...stale, ...kept]) await fs.writeFile(join(folder, name), 'x');
    await writeFileAtomic(target, bytes('new'), { isAlive: (pid) => pid === alive });
    expect((await fs.readdir(folder)).sort()).toEqual(['h.bin', ...kept].sort());
  });

  it('looks at no more folder entries than its cap', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `.f${i}.bin.4000001.0123456789ab.tmp`);
    for (const name of names) await fs.writeFile(join(folder, name), 'x');
    const removed = await removeStaleTemporaries(folder, fs, () => false, 10);
    expect(removed).toHaveLength(10);
    expect(await fs.readdir(folder)).toHaveLength(20);
    expect(await removeStaleTemporaries(folder, fs, () => false)).toHaveLength(20);
  });

  it('tells a dead process from a live one by default (a real child killed with SIGKILL)', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const pid = child.pid!;
    const name = `.h.bin.${pid}.0123456789ab.tmp`;
    await fs.writeFile(join(folder, name), 'x');
    expect(await removeStaleTemporaries(folder)).toEqual([]);
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    expect(await removeStaleTemporaries(folder)).toEqual([name]);
    expect(await fs.readdir(folder)).toEqual([]);
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
