/**
 * The CLI's one bounded read of a file or stdin (`-`), for BLOBs and listings alike: refused
 * by its size before it is read whole, and by what it yields while it is read.
 */
import { MAX_INPUT_BYTES, MAX_INPUT_TEXT } from '../../shared/limits.js';
import { readFileUpTo } from '../services/bounded-read.js';
import { CliError, describeFsError } from './errors.js';
import type { CliIo } from './io.js';
import { formatBytes } from './text.js';

export const STDIN_LABEL = '<stdin>';

/** What is being read, for the refusal: "inputs", and why the limit is generous. */
export interface InputKind {
  readonly plural: string;
  readonly sizeHint: string;
}

export const HISTORY_INPUT: InputKind = {
  plural: 'inputs',
  sizeHint: 'a UIDL history BLOB is at most a few MiB',
};

export const LISTING_INPUT: InputKind = {
  plural: 'listings',
  sizeHint: 'a UIDL listing of 65,535 messages is a few MiB',
};

function tooLarge(label: string, size: number, kind: InputKind): CliError {
  return new CliError(
    `${label} is ${formatBytes(size)}; ${kind.plural} over ${MAX_INPUT_TEXT} are refused ` +
      `(${kind.sizeHint})`,
  );
}

/** Reads a file (a pipe too: `<(command)`), refusing a folder and anything over the limit. */
export async function readInputFile(path: string, kind: InputKind): Promise<Uint8Array> {
  let read;
  try {
    read = await readFileUpTo(path, { limit: MAX_INPUT_BYTES, regularOnly: false });
  } catch (error) {
    throw describeFsError('read', path, error);
  }
  if (read.ok) return read.bytes;
  if (read.reason === 'too-large') throw tooLarge(`'${path}'`, read.size, kind);
  throw new CliError(`cannot read '${path}': is a directory`);
}

/** Reads stdin up to the limit, refusing more. */
export async function readStdinInput(io: CliIo, kind: InputKind): Promise<Uint8Array> {
  const bytes = await io.readStdin(MAX_INPUT_BYTES);
  if (bytes.length > MAX_INPUT_BYTES) throw tooLarge(STDIN_LABEL, bytes.length, kind);
  return bytes;
}
