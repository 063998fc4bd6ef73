/**
 * Random access to a file's bytes by offset, so a multi-gigabyte store is never read whole.
 * The PST reader asks for pages and blocks through this interface; tests pass bytes in memory.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { ContainerError } from './errors.js';
import { formatByteRange } from '../../shared/byte-range.js';

export interface ByteSource {
  /** The file's size in bytes. */
  readonly size: number;
  /** Bytes read so far (progress and tests). */
  readonly bytesRead: number;
  /**
   * Exactly `length` bytes at `offset`; a range that leaves the file is a ContainerError
   * naming `what` was being read.
   */
  read(offset: number, length: number, what: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

function checkRange(size: number, offset: number, length: number, what: string): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new ContainerError(`${what}: invalid range (offset ${offset}, ${length} bytes)`);
  }
  if (offset + length > size) {
    throw new ContainerError(
      `${what}: ${formatByteRange(offset, offset + length, { hex: true })} ${length === 1 ? 'reaches' : 'reach'} ` +
        `past the end of the file (${size} bytes); ` +
        'the file is truncated or damaged',
      offset,
    );
  }
}

/** A file opened read-only ('r'): the readers never write to a source store. */
export async function openFileSource(path: string): Promise<ByteSource> {
  const handle: FileHandle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new ContainerError(`'${path}' is not a regular file`);
    return fileSource(handle, stats.size);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function fileSource(handle: FileHandle, size: number): ByteSource {
  let bytesRead = 0;
  return {
    size,
    get bytesRead() {
      return bytesRead;
    },
    async read(offset, length, what) {
      checkRange(size, offset, length, what);
      const buffer = new Uint8Array(length);
      let done = 0;
      // A short read before the end means the file shrank while open: bounded by `length`.
      while (done < length) {
        const { bytesRead: n } = await handle.read(buffer, done, length - done, offset + done);
        if (n === 0) {
          throw new ContainerError(`${what}: the file ended early (it changed while open)`, offset);
        }
        done += n;
      }
      bytesRead += length;
      return buffer;
    },
    close: () => handle.close(),
  };
}

/** Bytes already in memory (tests, and `.msg` files, which are small). */
export function memorySource(bytes: Uint8Array): ByteSource {
  let bytesRead = 0;
  return {
    size: bytes.length,
    get bytesRead() {
      return bytesRead;
    },
    read(offset, length, what) {
      checkRange(bytes.length, offset, length, what);
      bytesRead += length;
      return Promise.resolve(bytes.slice(offset, offset + length));
    },
    close: () => Promise.resolve(),
  };
}
