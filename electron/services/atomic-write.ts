/**
 * Writes a file so that a crash or a full disk never leaves it half-written: the bytes go to a
 * temporary file in the same folder (same filesystem, so the final rename is atomic), which is
 * flushed to disk and then renamed over the target. Used by the CLI and the desktop app alike.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The fs functions the write uses; tests inject failing ones to exercise the cleanup. */
export type AtomicWriteFs = Pick<
  typeof nodeFs,
  'open' | 'rename' | 'copyFile' | 'unlink' | 'stat' | 'realpath' | 'chmod'
>;

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `NAME.bak` (default true). */
  readonly backup?: boolean;
  readonly fs?: AtomicWriteFs;
}

export interface AtomicWriteResult {
  /** The file written (symbolic links resolved). */
  readonly path: string;
  /** Where the previous content was kept, or null when there was none or no backup asked. */
  readonly backupPath: string | null;
}

/** A Node fs error's code (`ENOENT`...), or undefined for any other error. */
export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function uniqueSibling(path: string, suffix: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${suffix}`,
  );
}

/** Writes `bytes` to a new file, flushed to disk before it is closed. */
async function writeFlushed(
  fs: AtomicWriteFs,
  path: string,
  bytes: Uint8Array,
  mode: number,
): Promise<void> {
  // 'wx': fail rather than reuse a file someone else created under the same name.
  const handle = await fs.open(path, 'wx', mode);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (the rename) to disk; Windows cannot open a folder for that. */
async function syncFolder(fs: AtomicWriteFs, folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch (error) {
    // Some filesystems (network shares, some FUSE mounts) refuse to sync a folder.
    if (!['EINVAL', 'EPERM', 'EISDIR', 'EBADF', 'ENOTSUP'].includes(errorCode(error) ?? '')) {
      throw error;
    }
  } finally {
    await handle?.close();
  }
}

async function removeQuietly(fs: AtomicWriteFs, path: string): Promise<void> {
  try {
    await fs.unlink(path);
  } catch {
    // Already gone, or never created: either way nothing is left behind.
  }
}

/**
 * Where writeFileAtomic would keep the file now at `path`: `NAME.bak` beside the file it names
 * (symbolic links resolved), or null when there is no file there to keep (or it cannot be
 * told). Callers that must never replace some file check this path as well as `path`.
 */
export async function backupPathOf(
  path: string,
  fs: Pick<AtomicWriteFs, 'realpath' | 'stat'> = nodeFs,
): Promise<string | null> {
  try {
    const target = await fs.realpath(resolve(path));
    return (await fs.stat(target)).isFile() ? `${target}.bak` : null;
  } catch {
    return null;
  }
}

/**
 * Replaces the file at `path` with `bytes`, atomically. On failure the target is untouched
 * and no temporary file remains; the error is rethrown.
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<AtomicWriteResult> {
  const fs = options.fs ?? nodeFs;
  const backup = options.backup ?? true;

  // Write through a symbolic link to the file it names, rather than replacing the link.
  let target = resolve(path);
  let existingMode: number | null = null;
  try {
    target = await fs.realpath(target);
    const stats = await fs.stat(target);
    if (!stats.isFile()) {
      throw Object.assign(new Error(`${target} exists and is not a regular file`), {
        code: stats.isDirectory() ? 'EISDIR' : 'EEXIST',
        path: target,
      });
    }
    existingMode = stats.mode & 0o7777;
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }

  const temporary = uniqueSibling(target, '.tmp');
  const backupTemporary = uniqueSibling(target, '.bak.tmp');
  const backupPath = backup && existingMode !== null ? `${target}.bak` : null;
  try {
    await writeFlushed(fs, temporary, bytes, existingMode ?? 0o666);
    // open()'s mode is filtered by the umask; give the new file the old one's exact mode.
    if (existingMode !== null) await fs.chmod(temporary, existingMode);
    if (backupPath !== null) {
      // A copy, renamed into place: the target stays in place throughout, and a crash
      // mid-copy cannot leave a half-written .bak.
      await fs.copyFile(target, backupTemporary, nodeFs.constants.COPYFILE_EXCL);
      await fs.rename(backupTemporary, backupPath);
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await removeQuietly(fs, temporary);
    await removeQuietly(fs, backupTemporary);
    throw error;
  }
  await syncFolder(fs, dirname(target));
  return { path: target, backupPath };
}
