/**
 * The desktop app's files: opens them (bounded, hashed), and saves, saves as and exports with
 * the guarantees the host contract promises. The renderer names files only by the opaque ids
 * handed out here, so it can write only to files the user opened or chose in a dialog.
 *
 * - Opening refuses folders, devices and files over MAX_INPUT_BYTES before reading them whole.
 * - Save refuses read-only (evidence) files and files changed on disk since they were opened
 *   (the content hash decides), unless told to overwrite the change.
 * - Every write is atomic and keeps the replaced file as `NAME.bak`.
 * - Nothing ever writes over a file opened read-only, and an export never replaces its source.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type {
  HostFailure,
  HostFailureCode,
  OpenedFile,
  Saved,
} from '../../shared/host/contract.js';
import { sha256Hex } from '../../shared/hash.js';
import { MAX_INPUT_BYTES, MAX_INPUT_TEXT } from '../../shared/limits.js';
import {
  errorCode,
  writeFileAtomic,
  WriteRefusedError,
  type AtomicWriteFs,
} from './atomic-write.js';
import { readFileUpTo } from './bounded-read.js';
import { serialQueue } from './serial-queue.js';

export type FileServiceFs = AtomicWriteFs & Pick<typeof nodeFs, 'open' | 'stat' | 'realpath'>;

export interface FileServiceOptions {
  readonly fs?: FileServiceFs;
  /** Issues file ids; must match the IPC schema's `[A-Za-z0-9_-]{8,64}`. */
  readonly newFileId?: () => string;
  readonly platform?: NodeJS.Platform;
}

/** What the service remembers of a file it opened or wrote. */
export interface FileRecord {
  /** Absolute path as opened (symbolic links not resolved, so titles show what the user chose). */
  readonly path: string;
  readonly name: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
  readonly readOnly: boolean;
}

interface TrackedFile extends FileRecord {
  /** Identity for "is this the same file?": the resolved path, and device and inode. */
  readonly realPath: string;
  readonly dev: bigint | null;
  readonly ino: bigint | null;
}

export interface FileService {
  open(path: string, options?: { readonly readOnly?: boolean }): Promise<OpenedFile | HostFailure>;
  save(fileId: string, bytes: Uint8Array, overwriteChanged: boolean): Promise<Saved | HostFailure>;
  saveAs(path: string, bytes: Uint8Array, sourceFileId?: string): Promise<Saved | HostFailure>;
  exportTo(path: string, bytes: Uint8Array, sourceFileId?: string): Promise<Saved | HostFailure>;
  /**
   * Registers a read-only document read from inside `containerPath` (a history in a PST, OST
   * or `.msg`) and returns its id: Save As and Export work from it, and since the record is
   * read-only under the container's identity, nothing is ever written over the container.
   */
  registerContained(
    containerPath: string,
    document: { readonly name: string; readonly bytes: Uint8Array; readonly mtimeMs: number },
  ): Promise<string>;
  /** The record behind an id, or undefined for an id this service never issued. */
  describe(fileId: string): FileRecord | undefined;
}

function failure(code: HostFailureCode, message: string): HostFailure {
  return { status: 'failed', code, message };
}

function mebibytes(size: number): string {
  return `${(size / (1024 * 1024)).toFixed(1)} MiB`;
}

function tooLarge(action: string, path: string, size: number): HostFailure {
  return failure(
    'too-large',
    `Cannot ${action} '${path}': it is ${size.toLocaleString('en-US')} bytes ` +
      `(${mebibytes(size)}), and files over ${MAX_INPUT_TEXT} are refused ` +
      `(a UIDL history BLOB is at most a few MiB).`,
  );
}

/** A failure for the user from a Node fs error: what we tried, on which path, and why. */
export function fsFailure(action: string, path: string, error: unknown): HostFailure {
  const where = `Cannot ${action} '${path}'`;
  if (error instanceof WriteRefusedError) {
    const code = error.code === 'EREADONLYFILE' ? 'read-only' : 'unsupported';
    return failure(code, `${where}: ${error.message}.`);
  }
  switch (errorCode(error)) {
    case 'ENOENT':
      return failure('not-found', `${where}: no such file or folder.`);
    case 'ENOTDIR':
      return failure('not-found', `${where}: a part of the path is not a folder.`);
    case 'EACCES':
    case 'EPERM':
      return failure('permission', `${where}: permission denied.`);
    case 'EROFS':
      return failure('permission', `${where}: the disk is read-only.`);
    case 'EISDIR':
      return failure('not-a-file', `${where}: it is a folder.`);
    case 'ENOSPC':
      return failure('io', `${where}: no space left on the disk.`);
    default:
      return failure(
        'io',
        `${where}: ${error instanceof Error ? error.message : String(error)}`.replace(/\.?$/, '.'),
      );
  }
}

function defaultFileId(): string {
  return randomBytes(16).toString('base64url');
}

export function createFileService(options: FileServiceOptions = {}): FileService {
  const fs = options.fs ?? nodeFs;
  const newFileId = options.newFileId ?? defaultFileId;
  const caseInsensitive = (options.platform ?? process.platform) !== 'linux';
  const files = new Map<string, TrackedFile>();
  // Writes run one at a time, so two saves of one file cannot interleave their checks.
  const exclusive = serialQueue();

  function isFailure(value: unknown): value is HostFailure {
    return (value as HostFailure | null)?.status === 'failed';
  }

  /** Reads a regular file whole, refusing what is not one or is too large before reading. */
  async function readWhole(
    path: string,
    action: string,
  ): Promise<{ bytes: Uint8Array; stats: Stats } | HostFailure> {
    let read;
    try {
      read = await readFileUpTo(path, { limit: MAX_INPUT_BYTES, regularOnly: true, fs });
    } catch (error) {
      return fsFailure(action, path, error);
    }
    if (read.ok) return { bytes: read.bytes, stats: read.stats };
    switch (read.reason) {
      case 'folder':
        return failure('not-a-file', `Cannot ${action} '${path}': it is a folder.`);
      case 'not-regular':
        return failure(
          'not-a-file',
          read.opened
            ? `Cannot ${action} '${path}': it is not a regular file.`
            : `Cannot ${action} '${path}': it is not a regular file (a device, pipe or socket).`,
        );
      case 'too-large':
        return tooLarge(action, path, read.size);
    }
  }

  async function identify(
    path: string,
  ): Promise<Pick<TrackedFile, 'realPath' | 'dev' | 'ino'> | null> {
    try {
      const realPath = await fs.realpath(path);
      const stats = await fs.stat(realPath, { bigint: true });
      return { realPath, dev: stats.dev, ino: stats.ino === 0n ? null : stats.ino };
    } catch {
      return null;
    }
  }

  function samePath(a: string, b: string): boolean {
    return caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
  }

  /** Whether writing to `path` would replace `file` (same inode, or the same resolved path). */
  async function wouldReplace(path: string, file: TrackedFile): Promise<boolean> {
    const target = await identify(path);
    if (target === null) return samePath(resolve(path), file.path); // nothing there to replace
    if (target.ino !== null && target.dev === file.dev && target.ino === file.ino) return true;
    return samePath(target.realPath, file.realPath) || samePath(target.realPath, file.path);
  }

  /** The first read-only file that writing to `path` would replace, if any. */
  async function protectedFileAt(path: string): Promise<TrackedFile | undefined> {
    for (const file of files.values()) {
      if (file.readOnly && (await wouldReplace(path, file))) return file;
    }
    return undefined;
  }

  async function track(path: string, fields: Omit<FileRecord, 'path' | 'name'>): Promise<string> {
    const identity = (await identify(path)) ?? { realPath: path, dev: null, ino: null };
    const fileId = newFileId();
    files.set(fileId, { path, name: basename(path), ...fields, ...identity });
    return fileId;
  }

  /** Why the file on disk is no longer what was opened or last saved, or null when it is. */
  async function changeOnDisk(file: TrackedFile): Promise<string | null | HostFailure> {
    let size: number;
    try {
      size = (await fs.stat(file.path)).size;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return 'it was deleted or moved';
      return fsFailure('check', file.path, error);
    }
    // A different size is a different content; same size, the content hash decides
    // (a timestamp alone changes when a file is merely touched or copied back).
    if (size !== file.size) return 'its size changed';
    const current = await readWhole(file.path, 'check');
    if (isFailure(current)) return current;
    return sha256Hex(current.bytes) === file.sha256 ? null : 'its content changed';
  }

  /** The refusal to write to `path` when it is a file opened read-only anywhere in the session. */
  async function refuseEvidenceAt(path: string, action: string): Promise<HostFailure | undefined> {
    const evidence = await protectedFileAt(path);
    if (!evidence) return undefined;
    return failure(
      'read-only',
      `Cannot ${action} to '${path}': it is '${evidence.name}', opened read-only ` +
        `(evidence mode), and is never written over. Choose another file name.`,
    );
  }

  /** Writes atomically with a backup; returns the new state or a failure. */
  async function write(
    path: string,
    bytes: Uint8Array,
    action: string,
  ): Promise<{ backupPath: string | null; sha256: string; mtimeMs: number } | HostFailure> {
    try {
      const { path: written, backupPath } = await writeFileAtomic(path, bytes, { fs });
      const stats = await fs.stat(written);
      return { backupPath, sha256: sha256Hex(bytes), mtimeMs: stats.mtimeMs };
    } catch (error) {
      return fsFailure(action, path, error);
    }
  }

  async function open(
    path: string,
    openOptions: { readonly readOnly?: boolean } = {},
  ): Promise<OpenedFile | HostFailure> {
    const absolute = resolve(path);
    const read = await readWhole(absolute, 'open');
    if (isFailure(read)) return read;
    const readOnly = openOptions.readOnly === true;
    const sha256 = sha256Hex(read.bytes);
    const fileId = await track(absolute, {
      size: read.bytes.length,
      mtimeMs: read.stats.mtimeMs,
      sha256,
      readOnly,
    });
    return {
      status: 'opened',
      fileId,
      name: basename(absolute),
      path: absolute,
      bytes: read.bytes,
      sha256,
      modifiedMs: read.stats.mtimeMs,
      readOnly,
    };
  }

  function unknownFile(): HostFailure {
    return failure(
      'unknown-file',
      'This document is not linked to a file UIDL Studio opened in this session; use Save As.',
    );
  }

  function save(fileId: string, bytes: Uint8Array, overwriteChanged: boolean) {
    return exclusive(async (): Promise<Saved | HostFailure> => {
      const file = files.get(fileId);
      if (!file) return unknownFile();
      if (file.readOnly) {
        return failure(
          'read-only',
          `'${file.name}' was opened read-only (evidence mode) and is never saved over; ` +
            `use Save As or Export to write a copy.`,
        );
      }
      // The same file may also be open read-only under another path (a symbolic or hard link).
      const evidence = await refuseEvidenceAt(file.path, 'save');
      if (evidence) return evidence;
      if (!overwriteChanged) {
        const change = await changeOnDisk(file);
        if (isFailure(change)) return change;
        if (change !== null) {
          return failure(
            'changed-on-disk',
            `'${file.path}' changed on disk since it was opened (${change}); ` +
              `saving would replace that change.`,
          );
        }
      }
      const written = await write(file.path, bytes, 'save');
      if (isFailure(written)) return written;
      files.set(fileId, {
        ...file,
        size: bytes.length,
        sha256: written.sha256,
        mtimeMs: written.mtimeMs,
        ...((await identify(file.path)) ?? {}),
      });
      return {
        status: 'saved',
        fileId,
        name: file.name,
        path: file.path,
        sha256: written.sha256,
        backupPath: written.backupPath,
      };
    });
  }

  /** Save As and Export: a new file chosen in a dialog, registered under a new id. */
  function writeNew(
    action: 'save' | 'export',
    path: string,
    bytes: Uint8Array,
    sourceFileId: string | undefined,
  ) {
    return exclusive(async (): Promise<Saved | HostFailure> => {
      const absolute = resolve(path);
      const source = sourceFileId === undefined ? undefined : files.get(sourceFileId);
      if (sourceFileId !== undefined && !source) return unknownFile();

      const evidence = await refuseEvidenceAt(absolute, action);
      if (evidence) return evidence;
      if (action === 'export' && source && (await wouldReplace(absolute, source))) {
        return failure(
          'unsupported',
          `Cannot export to '${absolute}': it is the file this document came from, and an ` +
            `export never replaces it. Choose another file name, or use Save.`,
        );
      }

      const written = await write(absolute, bytes, action);
      if (isFailure(written)) return written;
      const fileId = await track(absolute, {
        size: bytes.length,
        mtimeMs: written.mtimeMs,
        sha256: written.sha256,
        readOnly: false,
      });
      return {
        status: 'saved',
        fileId,
        name: basename(absolute),
        path: absolute,
        sha256: written.sha256,
        backupPath: written.backupPath,
      };
    });
  }

  return {
    open,
    save,
    saveAs: (path, bytes, sourceFileId) => writeNew('save', path, bytes, sourceFileId),
    exportTo: (path, bytes, sourceFileId) => writeNew('export', path, bytes, sourceFileId),
    async registerContained(containerPath, document) {
      const absolute = resolve(containerPath);
      const identity = (await identify(absolute)) ?? { realPath: absolute, dev: null, ino: null };
      const fileId = newFileId();
      files.set(fileId, {
        path: absolute,
        name: document.name,
        size: document.bytes.length,
        mtimeMs: document.mtimeMs,
        sha256: sha256Hex(document.bytes),
        readOnly: true,
        ...identity,
      });
      return fileId;
    },
    describe(fileId) {
      const file = files.get(fileId);
      if (!file) return undefined;
      const { path, name, size, mtimeMs, sha256, readOnly } = file;
      return { path, name, size, mtimeMs, sha256, readOnly };
    },
  };
}
