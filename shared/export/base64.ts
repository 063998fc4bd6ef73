/** Base64 text (RFC 4648, padded), in one line or wrapped as MIME does. */
import { base64 } from '@scure/base';

/** The line length RFC 2045 (MIME) requires. */
export const MIME_LINE_LENGTH = 76;

export interface Base64Options {
  /** Characters per line; 0 or absent writes one line. */
  readonly lineLength?: number;
  /** Line separator when wrapping: `\n` (the default) or `\r\n` as MIME prescribes. */
  readonly lineBreak?: '\n' | '\r\n';
}

/** The bytes in base64, without a final line break. */
export function toBase64(bytes: Uint8Array, options: Base64Options = {}): string {
  const lineLength = options.lineLength ?? 0;
  if (!Number.isInteger(lineLength) || lineLength < 0) {
    throw new RangeError(`base64 line length must be a whole number >= 0, not ${lineLength}`);
  }
  const text = base64.encode(bytes);
  if (lineLength === 0 || text.length <= lineLength) return text;
  const lines: string[] = [];
  for (let start = 0; start < text.length; start += lineLength) {
    lines.push(text.slice(start, start + lineLength));
  }
  return lines.join(options.lineBreak ?? '\n');
}
