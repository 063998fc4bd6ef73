/**
 * Reads a whole file, but never more than a limit: files can grow after they were measured,
 * and pipes and devices report no size at all. The one bounded read of the Node side: the
 * file service (desktop opens) and the CLI (BLOBs and listings) each turn its refusals into
 * their own messages.
 */
import type { Stats } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { concatBytes } from '../../shared/bytes.js';

export type BoundedRead =
  | { readonly ok: true; readonly bytes: Uint8Array }
  /** More than `limit` bytes; `bytesSeen` is how many were read before stopping. */
  | { readonly ok: false; readonly bytesSeen: number };

/** Reads from the handle's position to its end, in 1 MiB chunks, stopping past `limit`. */
export async function readUpTo(handle: FileHandle, limit: number): Promise<BoundedRead> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const buffer = new Uint8Array(Math.min(1 << 20, limit + 1 - total));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    // A plain Uint8Array, not a Buffer: results cross IPC and get compared.
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
    if (total > limit) return { ok: false, bytesSeen: total };
  }
  return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : concatBytes(chunks) };
}

export type FileRead =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly stats: Stats }
  | { readonly ok: false; readonly reason: 'folder' }
  /** A device, pipe or socket, where only regular files are read; `opened` once it was open. */
  | { readonly ok: false; readonly reason: 'not-regular'; readonly opened: boolean }
  /** Over the limit: `size` is the size reported, or the bytes read before stopping. */
  | { readonly ok: false; readonly reason: 'too-large'; readonly size: number };

export interface FileReadOptions {
  readonly limit: number;
  /**
   * Refuse devices, pipes and sockets, checked before opening (opening a FIFO blocks until
   * something writes to it) and again on the opened handle. Off, a pipe is read to its end
   * (the CLI's `<(command)`), up to the limit.
   */
  readonly regularOnly: boolean;
  readonly fs?: Pick<typeof nodeFs, 'open' | 'stat'>;
}

/**
 * Reads `path` whole, refusing a folder, (optionally) what is not a regular file, and
 * anything over the limit, by its size before reading and by what it yields while reading.
 * File system errors are thrown for the caller to describe.
 */
export async function readFileUpTo(path: string, options: FileReadOptions): Promise<FileRead> {
  const fs = options.fs ?? nodeFs;
  const { limit, regularOnly } = options;
  if (regularOnly) {
    const stats = await fs.stat(path);
    if (stats.isDirectory()) return { ok: false, reason: 'folder' };
    if (!stats.isFile()) return { ok: false, reason: 'not-regular', opened: false };
    if (stats.size > limit) return { ok: false, reason: 'too-large', size: stats.size };
  }
  const handle = await fs.open(path, 'r');
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) return { ok: false, reason: 'folder' };
    if (regularOnly && !stats.isFile()) return { ok: false, reason: 'not-regular', opened: true };
    if (stats.size > limit) return { ok: false, reason: 'too-large', size: stats.size };
    const read = await readUpTo(handle, limit);
    if (!read.ok) return { ok: false, reason: 'too-large', size: read.bytesSeen };
    return { ok: true, bytes: read.bytes, stats };
  } finally {
    await handle.close();
  }
}
