/**
 * Strings of ASCII bytes. The host's TextDecoder (every browser, worker and Node has one)
 * makes a long string many times faster than String.fromCharCode over chunks: 64 MiB of
 * pasted base64 or a 48 MiB UID took a second that way. Short runs stay in JavaScript, where
 * a call into the decoder costs more than the characters.
 */
import { unitsToString } from './utf8.js';

declare const TextDecoder:
  undefined | (new (label?: string) => { decode(input: Uint8Array): string });

// 'latin1' is windows-1252 to TextDecoder: identical to ASCII below 0x80, which is all it gets.
const decoder = typeof TextDecoder === 'function' ? new TextDecoder('latin1') : null;

/** Below this many bytes fromCharCode is as fast as the decoder. */
const DECODER_FROM = 512;

/** The string of `bytes[start, end)`, every one of which must be below 0x80. */
export function asciiToString(bytes: Uint8Array, start: number, end: number): string {
  if (decoder === null || end - start < DECODER_FROM) return unitsToString(bytes, start, end);
  return decoder.decode(bytes.subarray(start, end));
}
