/**
 * Writes a file so that a crash or a full disk never leaves it half-written: the bytes go to a
 * temporary file in the same folder (same filesystem, so the final rename is atomic), which is
 * flushed to disk and then renamed over the target. Used by the CLI and the desktop app alike.
 *
 * What it never does: replace an earlier backup (backups are numbered), replace a read-only
 * file unless told to, or replace a symbolic link that names nothing. It also removes the
 * temporary files a killed write of ours left in the folder.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The fs functions the write uses; tests inject failing ones to exercise the cleanup. */
export type AtomicWriteFs = Pick<
  typeof nodeFs,
  | 'open'
  | 'rename'
  | 'copyFile'
  | 'unlink'
  | 'stat'
  | 'lstat'
  | 'realpath'
  | 'chmod'
  | 'link'
  | 'opendir'
>;

export interface AtomicWriteOptions {
  /** Keep the file being replaced as a backup (default true): `NAME.bak`, else `NAME.1.bak`... */
  readonly backup?: boolean;
  /** Replace a file that has no write permission (default false: refuse). */
  readonly replaceReadOnly?: boolean;
  readonly fs?: AtomicWriteFs;
  /** Whether a process is running; injectable so tests can name a dead one. */
  readonly isAlive?: (pid: number) => boolean;
}

export interface AtomicWriteResult {
  /** The file written (symbolic links resolved). */
  readonly path: string;
  /** Where the previous content was kept, or null when there was none or no backup asked. */
  readonly backupPath: string | null;
}

/** Backups `NAME.bak`, `NAME.1.bak` ... `NAME.999.bak`: then the folder needs tidying. */
export const MAX_BACKUPS = 1000;
/** Entries of a folder looked at for stale temporary files: a bound on a huge folder. */
export const MAX_FOLDER_ENTRIES_SCANNED = 100_000;

/** Why a write was refused before anything was written; `code` says which case. */
export class WriteRefusedError extends Error {
  constructor(
    readonly code: 'EREADONLYFILE' | 'EDANGLINGLINK' | 'ETOOMANYBACKUPS',
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'WriteRefusedError';
  }
}

/** A Node fs error's code (`ENOENT`...), or undefined for any other error. */
export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

// `.NAME.<pid>.<12 hex>.tmp` and `.NAME.<pid>.<12 hex>.bak.tmp`, as uniqueSibling makes them.
const TEMPORARY_NAME = /^\..+\.(\d+)\.[0-9a-f]{12}(?:\.bak)?\.tmp$/;

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Removes temporary files our writes left in `folder` when their process was killed (its pid
 * is no longer running). Another process's live write keeps its file; so does anything that
 * is not named exactly as we name them. Best effort: a failure here never fails the write.
 */
export async function removeStaleTemporaries(
  folder: string,
  fs: Pick<AtomicWriteFs, 'opendir' | 'unlink'> = nodeFs,
  isAlive: (pid: number) => boolean = processIsAlive,
  maxEntries = MAX_FOLDER_ENTRIES_SCANNED,
): Promise<string[]> {
  const removed: string[] = [];
  try {
    const entries = await fs.opendir(folder);
    let seen = 0;
    for await (const entry of entries) {
      if (++seen > maxEntries) break;
      const match = TEMPORARY_NAME.exec(entry.name);
      if (!match || !entry.isFile()) continue;
      const pid = Number(match[1]);
      if (pid === process.pid || isAlive(pid)) continue;
      await removeQuietly(fs, join(folder, entry.name));
      removed.push(entry.name);
    }
  } catch {
    // An unreadable folder: the write itself will say what is wrong.
  }
  return removed;
}

/** The n-th backup name of `target`: `NAME.bak`, then `NAME.1.bak`, `NAME.2.bak`... */
function backupName(target: string, n: number): string {
  return n === 0 ? `${target}.bak` : `${target}.${n}.bak`;
}

async function exists(fs: Pick<AtomicWriteFs, 'lstat'>, path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Puts the finished copy `from` at the first free backup name of `target`, never replacing a
 * file: a hard link fails when the name is taken (even if it was taken a moment ago).
 */
async function placeBackup(fs: AtomicWriteFs, from: string, target: string): Promise<string> {
  for (let n = 0; n < MAX_BACKUPS; n++) {
    const name = backupName(target, n);
    try {
      await fs.link(from, name);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') continue;
      // Filesystems without hard links (FAT, some shares): rename onto a name seen free.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      if (await exists(fs, name)) continue;
      await fs.rename(from, name);
      return name;
    }
    await removeQuietly(fs, from);
    return name;
  }
  throw new WriteRefusedError(
    'ETOOMANYBACKUPS',
    target,
    `${MAX_BACKUPS} backups of '${basename(target)}' already exist beside it ` +
      `('${basename(backupName(target, 0))}' to '${basename(backupName(target, MAX_BACKUPS - 1))}'); ` +
      'move or delete old ones first',
  );
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

async function removeQuietly(fs: Pick<AtomicWriteFs, 'unlink'>, path: string): Promise<void> {
  try {
    await fs.unlink(path);
  } catch {
    // Already gone, or never created: either way nothing is left behind.
  }
}

/**
 * Replaces the file at `path` with `bytes`, atomically. On failure the target is untouched
 * and no temporary file remains; the error is rethrown. A read-only target (no write
 * permission bit) is refused unless `replaceReadOnly`; a dangling symbolic link is refused.
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
    // A link to nowhere: writing "through" it would create a file wherever it points, and
    // replacing it would lose the link. Neither is what was asked.
    if ((await fs.lstat(target).catch(() => null))?.isSymbolicLink()) {
      throw new WriteRefusedError(
        'EDANGLINGLINK',
        target,
        'it is a symbolic link to a file that does not exist; remove the link or name the file',
      );
    }
  }
  if (existingMode !== null && (existingMode & 0o222) === 0 && options.replaceReadOnly !== true) {
    throw new WriteRefusedError(
      'EREADONLYFILE',
      target,
      'it is a read-only file (no write permission); make it writable first, or choose another name',
    );
  }

  await removeStaleTemporaries(dirname(target), fs, options.isAlive);
  const temporary = uniqueSibling(target, '.tmp');
  const backupTemporary = uniqueSibling(target, '.bak.tmp');
  let backupPath: string | null = null;
  try {
    await writeFlushed(fs, temporary, bytes, existingMode ?? 0o666);
    // open()'s mode is filtered by the umask; give the new file the old one's exact mode.
    if (existingMode !== null) await fs.chmod(temporary, existingMode);
    if (backup && existingMode !== null) {
      // A copy, put in place under a free name: the target stays in place throughout, a
      // crash mid-copy cannot leave a half-written backup, and no earlier backup is replaced.
      await fs.copyFile(target, backupTemporary, nodeFs.constants.COPYFILE_EXCL);
      backupPath = await placeBackup(fs, backupTemporary, target);
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await removeQuietly(fs, temporary);
    await removeQuietly(fs, backupTemporary);
    // The target was not replaced: the backup made for it would only be clutter.
    if (backupPath !== null) await removeQuietly(fs, backupPath);
    throw error;
  }
  await syncFolder(fs, dirname(target));
  return { path: target, backupPath };
}
