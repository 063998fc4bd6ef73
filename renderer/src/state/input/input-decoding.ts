/**
 * Turning an input (a file's bytes, pasted text) into the BLOB: decodeInput with the user's
 * choice of format, its errors turned into a message that says what and where. Pure, so the
 * same code runs inline and in the input worker.
 */
import { sha256Hex } from '@shared/hash.js';
import { containerMessage, detectContainer } from '@shared/input/container-signature.js';
import { AccountChoiceError } from '@shared/input/client-state/decode-client-state.js';
import { decodeInput } from '@shared/input/decode.js';
import { InputDecodeError, type DecodedInput, type InputFormat } from '@shared/input/types.js';
import { formatByteOffset } from '@shared/byte-range.js';

export type RequestedFormat = InputFormat | 'auto';

export interface DecodeRequest {
  readonly input: Uint8Array;
  readonly format: RequestedFormat;
  /** Also compute the input's SHA-256 (hosts give it for files; pasted text needs it). */
  readonly hash: boolean;
  /** The account of a state file with several (`user@host`); null to be offered the choice. */
  readonly account?: string | null;
}

export type DecodeReply =
  | {
      readonly ok: true;
      readonly decoded: DecodedInput;
      readonly inputSha256: string | null;
      /** Null for a raw input, whose BLOB hash is the input's. */
      readonly blobSha256: string | null;
    }
  | {
      readonly ok: false;
      readonly message: string;
      /** Set when the input is a state file with several accounts and none was named. */
      readonly accounts?: readonly string[];
    };

const FORMAT_NAMES: Record<RequestedFormat, string> = {
  auto: 'the detected format',
  raw: 'raw BLOB',
  hex: 'hex',
  base64: 'base64',
  popstate: 'Thunderbird popstate.dat',
  fetchids: 'fetchmail .fetchids',
  getmail: 'getmail oldmail',
};

export function runDecode(request: DecodeRequest): DecodeReply {
  // A store or a .msg would otherwise be read as a badly damaged BLOB.
  const container = request.format === 'raw' ? null : detectContainer(request.input);
  if (container) return { ok: false, message: containerMessage(container) };
  try {
    const decoded = decodeInput(request.input, {
      format: request.format,
      account: request.account ?? null,
    });
    return {
      ok: true,
      decoded,
      inputSha256: request.hash ? sha256Hex(request.input) : null,
      // A raw input is its own BLOB: its hash is the input's, computed once (load.ts).
      blobSha256: decoded.format === 'raw' ? null : sha256Hex(decoded.bytes),
    };
  } catch (error) {
    if (error instanceof AccountChoiceError) {
      return {
        ok: false,
        message: `The file is ${error.message.replace(/; name one as .*$/, '')}: choose one.`,
        accounts: error.accounts,
      };
    }
    if (error instanceof InputDecodeError) {
      const where =
        error.line !== undefined
          ? ` (line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''})`
          : error.offset !== undefined
            ? ` (${formatByteOffset(error.offset, { hex: true })})`
            : '';
      const message = error.message.includes('line') ? error.message : `${error.message}${where}`;
      return {
        ok: false,
        message:
          request.format === 'auto'
            ? `Could not read the input: ${message}`
            : `Could not read the input as ${FORMAT_NAMES[request.format]}: ${message}`,
      };
    }
    throw error;
  }
}
