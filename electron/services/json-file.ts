/**
 * The app's small JSON files in its userData folder (recent files, settings, window state):
 * read tolerantly, written atomically. A file that cannot be understood is never deleted or
 * silently overwritten: it is renamed aside (`NAME.corrupt-<time>`) so a person can inspect it.
 */
import * as nodeFs from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorCode, writeFileAtomic, type AtomicWriteFs } from './atomic-write.js';

export type JsonFileFs = AtomicWriteFs & Pick<typeof nodeFs, 'readFile' | 'mkdir'>;

export interface JsonFileOptions {
  readonly fs?: JsonFileFs;
  /** Clock for the corrupt file's new name. */
  readonly now?: () => number;
  /** Told what went wrong; the caller goes on with its defaults. */
  readonly onWarning?: (message: string) => void;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `2024-05-06T07-08-09-123Z`: an ISO time that is also a valid file name everywhere. */
function fileNameTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

/**
 * Reads and interprets a JSON file. Returns null when it is missing, unreadable or not
 * understood (`interpret` returned null); in the last case the file is renamed aside first.
 */
export async function readJsonFile<T>(
  path: string,
  interpret: (value: unknown) => T | null,
  options: JsonFileOptions = {},
): Promise<T | null> {
  const fs = options.fs ?? nodeFs;
  const warn = options.onWarning ?? (() => {});
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') warn(`Cannot read ${path}: ${describe(error)}`);
    return null;
  }

  let understood: T | null;
  try {
    understood = interpret(JSON.parse(text));
  } catch {
    understood = null; // not JSON
  }
  if (understood !== null) return understood;

  const aside = `${path}.corrupt-${fileNameTime((options.now ?? Date.now)())}`;
  try {
    await fs.rename(path, aside);
    warn(`${path} was not valid; it was renamed to ${aside} and defaults are used`);
  } catch (error) {
    warn(`${path} is not valid and could not be renamed aside (${describe(error)})`);
  }
  return null;
}

/** Writes `value` as JSON, atomically, creating the folder when needed; no `.bak` kept. */
export async function writeJsonFile(
  path: string,
  value: unknown,
  options: Pick<JsonFileOptions, 'fs'> = {},
): Promise<void> {
  const fs = options.fs ?? nodeFs;
  await fs.mkdir(dirname(path), { recursive: true });
  const bytes = new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  await writeFileAtomic(path, bytes, { backup: false, fs });
}
