/**
 * Reads a whole file through its handle, but never more than a limit: files can grow after
 * they were measured, and pipes and devices report no size at all.
 */
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
