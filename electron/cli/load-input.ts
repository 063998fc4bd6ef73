/**
 * Reads the CLI's input (a file or stdin), decodes hex or base64 text to the BLOB, and parses
 * it. Everything that can go wrong here is the user's input, so it surfaces as a CliError.
 */
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from '../../shared/codec/parse.js';
import type { UidlDocument } from '../../shared/codec/types.js';
import { sha256Hex } from '../../shared/hash.js';
import { MAX_INPUT_BYTES, MAX_INPUT_TEXT } from '../../shared/limits.js';
import { readUpTo } from '../services/bounded-read.js';
import { decodeInput, InputDecodeError } from '../../shared/input/index.js';
import type { ContainerKind, ScannedAttachment } from '../containers/scan.js';
import { containerReference, loadContainerAttachment } from './container-input.js';
import { CliError, describeFsError } from './errors.js';
import type { CliIo } from './io.js';
import { formatBytes } from './text.js';

export const INPUT_FORMATS = ['auto', 'raw', 'hex', 'base64'] as const;
export type InputFormatOption = (typeof INPUT_FORMATS)[number];

export type DecodedInput = ReturnType<typeof decodeInput>;
export type InputDiagnostic = DecodedInput['diagnostics'][number];

export interface LoadedInput {
  /** The file as the user named it, or `<stdin>`. */
  readonly label: string;
  /** The resolved path, or null for stdin. */
  readonly path: string | null;
  /** The input as given, before hex or base64 decoding. */
  readonly inputBytes: Uint8Array;
  readonly inputSha256: string;
  readonly decoded: DecodedInput;
  readonly document: UidlDocument;
  /** Set when the BLOB is an attachment inside a PST, OST or `.msg` (`STORE#<account>`). */
  readonly container?: {
    readonly kind: ContainerKind;
    /** The attachment's number in `uidl-studio scan`'s list. */
    readonly attachment: number;
    readonly account: string | null;
    /** Set when the attachment opened is a `Restags…` companion, not a history. */
    readonly companionOf: ScannedAttachment['companion'];
    /** The `Restags…` companions of the history opened, with their sizes and mini-UID checks. */
    readonly companions: readonly ScannedAttachment[];
    /** The opened attachment's filename %08x against PR_ATTACH_ADDITIONAL_INFO. */
    readonly miniUid: ScannedAttachment['miniUidCheck'];
  };
}

export const STDIN_LABEL = '<stdin>';

function tooLarge(label: string, size: number): CliError {
  return new CliError(
    `${label} is ${formatBytes(size)}; inputs over ${MAX_INPUT_TEXT} are refused ` +
      `(a UIDL history BLOB is at most a few MiB)`,
  );
}

/** Reads a file, refusing it by its size before reading it whole. */
async function readFileBounded(label: string, path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw describeFsError('read', label, error);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new CliError(`cannot read '${label}': is a directory`);
    if (stats.size > MAX_INPUT_BYTES) throw tooLarge(`'${label}'`, stats.size);
    // Pipes and devices report no size: the read itself stops past the limit.
    const read = await readUpTo(handle, MAX_INPUT_BYTES);
    if (!read.ok) throw tooLarge(`'${label}'`, read.bytesSeen);
    return read.bytes;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw describeFsError('read', label, error);
  } finally {
    await handle.close();
  }
}

/** Reads, decodes and parses `file` (`-` for stdin). */
export async function loadInput(
  file: string,
  format: InputFormatOption,
  io: CliIo,
): Promise<LoadedInput> {
  const fromStdin = file === '-';
  const label = fromStdin ? STDIN_LABEL : file;
  let inputBytes: Uint8Array;
  const reference = fromStdin ? null : await containerReference(file);
  let container: LoadedInput['container'];
  if (reference) {
    const loaded = await loadContainerAttachment(reference);
    inputBytes = loaded.bytes;
    container = {
      kind: loaded.kind,
      attachment: loaded.attachment.number,
      account: loaded.attachment.account,
      companionOf: loaded.attachment.companion,
      companions: loaded.companions,
      miniUid: loaded.attachment.miniUidCheck,
    };
  } else if (fromStdin) {
    inputBytes = await io.readStdin(MAX_INPUT_BYTES);
    if (inputBytes.length > MAX_INPUT_BYTES) throw tooLarge(STDIN_LABEL, inputBytes.length);
  } else {
    inputBytes = await readFileBounded(label, file);
  }

  let decoded: DecodedInput;
  try {
    decoded = decodeInput(inputBytes, { format });
  } catch (error) {
    if (error instanceof InputDecodeError) throw new CliError(`${label}: ${error.message}`);
    throw error;
  }
  return {
    label,
    // For a container, its own path: an export may never overwrite the store it came from.
    path: fromStdin ? null : resolve(reference ? reference.path : file),
    inputBytes,
    inputSha256: sha256Hex(inputBytes),
    decoded,
    document: parse(decoded.bytes),
    ...(container ? { container } : {}),
  };
}
