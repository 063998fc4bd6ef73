/**
 * `popstate.dat#user@host` (or `#n`): one account of another client's state file as the input.
 * A state file is recognised by its content, like every input; this only splits the selector
 * off a name whose part before `#` is such a file.
 */
import { open, stat } from 'node:fs/promises';
import type { Timestamp } from '../../shared/codec/types.js';
import { parseTimestampText } from '../../shared/codec/timestamp.js';
import { detectClientState } from '../../shared/input/client-state/detect-client-state.js';
import { CliError, describeFsError } from './errors.js';

export interface StateFileReference {
  readonly path: string;
  readonly selector: string;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function looksLikeStateFile(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
    const head = new Uint8Array(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return detectClientState(head.subarray(0, bytesRead)) !== null;
  } catch (error) {
    throw describeFsError('read', path, error);
  } finally {
    await handle?.close();
  }
}

/**
 * `FILE#SELECTOR` where FILE is a state file (an existing file of that name, `#` included,
 * is taken as it is); null otherwise, so stores and plain names go their own way.
 */
export async function stateFileReference(file: string): Promise<StateFileReference | null> {
  if (await isFile(file)) return null;
  const hash = file.lastIndexOf('#');
  if (hash <= 0) return null;
  const path = file.slice(0, hash);
  if (!(await isFile(path)) || !(await looksLikeStateFile(path))) return null;
  return { path, selector: file.slice(hash + 1) };
}

/** `--undated-time`: `YYYY-MM-DD hh:mm[:ss]` or 14 digits, in UTC. */
export function parseUndatedTime(value: string): Timestamp {
  const time = parseTimestampText(value);
  if (!time) {
    throw new CliError(
      `--undated-time '${value}' is not a date and time (YYYY-MM-DD hh:mm:ss, in UTC, or 14 digits)`,
    );
  }
  return time;
}
