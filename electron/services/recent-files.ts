/**
 * The recently opened files: most recent first, at most ten, one entry per file (paths compare
 * case-insensitively on Windows), kept across sessions as JSON in the userData folder. Files
 * that no longer exist drop out when the list is read.
 */
import * as nodeFs from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import { z } from 'zod';
import type { RecentFile } from '../../shared/host/contract.js';
import { errorCode } from './atomic-write.js';
import { readJsonFile, writeJsonFile, type JsonFileFs } from './json-file.js';
import { serialQueue } from './serial-queue.js';

export const RECENT_FILES_LIMIT = 10;

export interface RecentFilesOptions {
  /** The JSON file, e.g. `<userData>/recent-files.json`. */
  readonly file: string;
  readonly limit?: number;
  readonly platform?: NodeJS.Platform;
  readonly fs?: JsonFileFs & Pick<typeof nodeFs, 'stat'>;
  readonly now?: () => number;
  readonly onWarning?: (message: string) => void;
}

export interface RecentFiles {
  /** The list, after dropping files that no longer exist. */
  list(): Promise<readonly RecentFile[]>;
  /** Puts `path` first (opened now); returns the new list. */
  add(path: string): Promise<readonly RecentFile[]>;
  clear(): Promise<void>;
  /** Whether `path` is on the list (as last read or changed). */
  includes(path: string): Promise<boolean>;
}

const storedSchema = z.object({
  version: z.literal(1),
  files: z.array(
    z.object({ path: z.string().min(1), name: z.string(), openedMs: z.number().finite() }),
  ),
});

export function createRecentFiles(options: RecentFilesOptions): RecentFiles {
  const fs = options.fs ?? nodeFs;
  const limit = options.limit ?? RECENT_FILES_LIMIT;
  const now = options.now ?? Date.now;
  const warn = options.onWarning ?? (() => {});
  const windows = (options.platform ?? process.platform) === 'win32';
  const key = windows ? (path: string) => path.toLowerCase() : (path: string) => path;
  const { basename } = windows ? win32 : posix;

  let entries: RecentFile[] | undefined;
  // One operation at a time: each reads the list the previous one left.
  const serialized = serialQueue();

  async function load(): Promise<RecentFile[]> {
    if (entries) return entries;
    const stored = await readJsonFile(
      options.file,
      (value) => {
        const parsed = storedSchema.safeParse(value);
        return parsed.success ? parsed.data.files : null;
      },
      { fs, now, onWarning: warn },
    );
    entries = dedupe(stored ?? []).slice(0, limit);
    return entries;
  }

  function dedupe(files: readonly RecentFile[]): RecentFile[] {
    const seen = new Set<string>();
    return files.filter((file) => {
      const id = key(file.path);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  async function store(files: RecentFile[]): Promise<void> {
    entries = files;
    try {
      await writeJsonFile(options.file, { version: 1, files }, { fs });
    } catch (error) {
      // The list still works for this session; losing it is not worth interrupting anyone.
      warn(
        `Cannot save the recent files list to ${options.file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  async function exists(path: string): Promise<boolean> {
    try {
      await fs.stat(path);
      return true;
    } catch (error) {
      // Only a definite "not there" drops an entry; a share that is offline keeps it.
      const code = errorCode(error);
      return code !== 'ENOENT' && code !== 'ENOTDIR';
    }
  }

  return {
    list: () =>
      serialized(async () => {
        const files = await load();
        const present = (
          await Promise.all(files.map(async (file) => ((await exists(file.path)) ? file : null)))
        ).filter((file): file is RecentFile => file !== null);
        if (present.length !== files.length) await store(present);
        return [...present];
      }),
    add: (path) =>
      serialized(async () => {
        const files = await load();
        const entry: RecentFile = { path, name: basename(path), openedMs: now() };
        const next = dedupe([entry, ...files]).slice(0, limit);
        await store(next);
        return [...next];
      }),
    clear: () =>
      serialized(async () => {
        await store([]);
      }),
    includes: (path) =>
      serialized(async () => (await load()).some((file) => key(file.path) === key(path))),
  };
}
