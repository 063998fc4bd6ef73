/**
 * Reads the CLI's input (a file or stdin), decodes hex or base64 text to the BLOB, and parses
 * it. Everything that can go wrong here is the user's input, so it surfaces as a CliError.
 */
import { resolve } from 'node:path';
import { parse } from '../../shared/codec/parse.js';
import type { Timestamp, UidlDocument } from '../../shared/codec/types.js';
import { createHash } from 'node:crypto';
import { decodeInput, InputDecodeError } from '../../shared/input/index.js';
import type { ContainerKind, ScannedAttachment } from '../containers/scan.js';
import { AccountChoiceError } from '../../shared/input/client-state/decode-client-state.js';
import { stateFileReference } from './client-state-input.js';
import {
  containerReference,
  loadContainerAttachment,
  loadContainerVersion,
  versionNumber,
  type ContainerVersion,
} from './container-input.js';
import { CliError } from './errors.js';
import type { CliIo } from './io.js';
import { HISTORY_INPUT, readInputFile, readStdinInput, STDIN_LABEL } from './read-input.js';

export const INPUT_FORMATS = [
  'auto',
  'raw',
  'hex',
  'base64',
  'popstate',
  'fetchids',
  'getmail',
] as const;
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
  /** Set when the BLOB is a version of a history found in a file (`STORE#versions/<n>`). */
  readonly version?: Omit<ContainerVersion, 'bytes'>;
}

/** How inputs are read beyond their format. */
export interface InputReadOptions {
  /** `--undated-time`: the time of messages a state file gives none (default now, UTC). */
  readonly undatedTime?: Timestamp;
}

/**
 * Reads, decodes and parses `file` (`-` for stdin). `FILE#account` names one account of
 * another client's state file, as `STORE#account` names a history in a store.
 */
export async function loadInput(
  file: string,
  format: InputFormatOption,
  io: CliIo,
  readOptions: InputReadOptions = {},
): Promise<LoadedInput> {
  const fromStdin = file === '-';
  const label = fromStdin ? STDIN_LABEL : file;
  let inputBytes: Uint8Array;
  const stateFile = fromStdin ? null : await stateFileReference(file);
  if (stateFile) file = stateFile.path;
  const reference = fromStdin || stateFile ? null : await containerReference(file);
  let container: LoadedInput['container'];
  let version: LoadedInput['version'];
  const versionWanted = reference ? versionNumber(reference.selector) : null;
  if (reference && versionWanted !== null) {
    const { bytes, ...found } = await loadContainerVersion(reference, versionWanted);
    inputBytes = bytes;
    version = found;
  } else if (reference) {
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
    inputBytes = await readStdinInput(io, HISTORY_INPUT);
  } else {
    inputBytes = await readInputFile(file, HISTORY_INPUT);
  }

  let decoded: DecodedInput;
  try {
    decoded = decodeInput(inputBytes, {
      format,
      account: stateFile?.selector ?? null,
      ...(readOptions.undatedTime ? { undatedTime: readOptions.undatedTime } : {}),
    });
  } catch (error) {
    if (error instanceof AccountChoiceError) {
      const message = fromStdin
        ? error.message.replace(
            /; name one as .*$/,
            "; stdin cannot name one: save it to a file and give 'FILE#<user>@<host>'",
          )
        : error.message.replaceAll('FILE#', `${file}#`);
      throw new CliError(`${label}: ${message}`);
    }
    if (error instanceof InputDecodeError) throw new CliError(`${label}: ${error.message}`);
    throw error;
  }
  return {
    label,
    // For a container, its own path: an export may never overwrite the store it came from.
    path: fromStdin ? null : resolve(reference ? reference.path : file),
    inputBytes,
    inputSha256: sha256HexNative(inputBytes),
    decoded,
    document: parse(decoded.bytes),
    ...(container ? { container } : {}),
    ...(version ? { version } : {}),
  };
}

/**
 * SHA-256 by Node's native code: the same digest as shared/hash.ts's portable one, several
 * times faster on a 64 MiB input (the CLI always runs on Node).
 */
export function sha256HexNative(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
