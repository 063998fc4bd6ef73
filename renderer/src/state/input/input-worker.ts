/**
 * Decodes large hex and base64 inputs off the main thread: a 15 MB hex dump of a 4 MB BLOB
 * takes a few hundred milliseconds to read, which would freeze the page (see README).
 */
import { runDecode, type DecodeRequest } from './input-decoding';

addEventListener('message', (event: MessageEvent<{ id: number; request: DecodeRequest }>) => {
  const { id, request } = event.data;
  let reply;
  try {
    reply = runDecode(request);
  } catch (error) {
    reply = { ok: false as const, message: `Could not read the input: ${String(error)}` };
  }
  // Hand the decoded bytes over instead of copying them back.
  const transfer = reply.ok ? [reply.decoded.bytes.buffer] : [];
  postMessage({ id, reply }, { transfer });
});
