/**
 * Opening an input: decode it (in a worker when it is large text), parse the BLOB, and
 * describe the source. Raw BLOBs and small inputs are decoded inline: the worker round trip
 * would cost more than it saves.
 */
import { sha256Hex } from '@shared/hash.js';
import { parseDocument } from '../document/document';
import {
  runDecode,
  type DecodeReply,
  type DecodeRequest,
  type RequestedFormat,
} from './input-decoding';
import type { LoadedDocument, SourceInfo } from './session';

/** Text inputs above this size are decoded in the worker. */
const WORKER_THRESHOLD_BYTES = 256 * 1024;

export interface InputOrigin {
  readonly name: string;
  readonly fileId: string | null;
  readonly path: string | null;
  readonly readOnly: boolean;
  /** SHA-256 of the input when the host already computed it. */
  readonly sha256: string | null;
}

export type LoadResult =
  | { readonly ok: true; readonly loaded: LoadedDocument }
  | {
      readonly ok: false;
      readonly message: string;
      /** A state file with several accounts: the choices, to ask which one. */
      readonly accounts?: readonly string[];
    };

let worker: Worker | null | undefined;
let nextRequestId = 0;
const pending = new Map<number, (reply: DecodeReply) => void>();

function inputWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker =
      typeof Worker === 'undefined'
        ? null
        : new Worker(new URL('./input-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  worker?.addEventListener('message', (event: MessageEvent<{ id: number; reply: DecodeReply }>) => {
    pending.get(event.data.id)?.(event.data.reply);
    pending.delete(event.data.id);
  });
  worker?.addEventListener('error', () => {
    // A worker that fails to start (blocked by policy) leaves decoding to the main thread.
    worker?.terminate();
    worker = null;
    for (const [, resolve] of pending)
      resolve({ ok: false, message: 'The input decoder stopped unexpectedly; try again.' });
    pending.clear();
  });
  return worker;
}

function looksRaw(input: Uint8Array): boolean {
  return input[0] === 0x03 && input[1] === 0x00;
}

function decodeAsync(request: DecodeRequest): Promise<DecodeReply> {
  const inline =
    request.format === 'raw' ||
    request.input.length < WORKER_THRESHOLD_BYTES ||
    (request.format === 'auto' && looksRaw(request.input));
  const background = inline ? null : inputWorker();
  if (!background) return Promise.resolve(runDecode(request));
  return new Promise((resolve) => {
    const id = nextRequestId++;
    pending.set(id, resolve);
    // Structured clone copies the input: the page keeps its own for re-reading.
    background.postMessage({ id, request });
  });
}

export async function loadInput(
  input: Uint8Array,
  origin: InputOrigin,
  format: RequestedFormat = 'auto',
  account: string | null = null,
): Promise<LoadResult> {
  const reply = await decodeAsync({ input, format, hash: origin.sha256 === null, account });
  if (!reply.ok) {
    return {
      ok: false,
      message: `${origin.name}: ${reply.message}`,
      ...(reply.accounts ? { accounts: reply.accounts } : {}),
    };
  }
  const { decoded } = reply;
  const inputSha256 = origin.sha256 ?? reply.inputSha256 ?? sha256Hex(input);
  const source: SourceInfo = {
    name: origin.name,
    fileId: origin.fileId,
    path: origin.path,
    readOnly: origin.readOnly,
    inputBytes: input,
    inputSha256,
    blobSha256: reply.blobSha256 ?? inputSha256,
    requestedFormat: format,
    format: decoded.format,
    shape: decoded.shape ?? null,
    reason: decoded.reason,
    inputDiagnostics: decoded.diagnostics,
    clientState: decoded.clientState ?? null,
  };
  return { ok: true, loaded: { source, document: parseDocument(decoded.bytes) } };
}
