/**
 * One notation for a byte range wherever people read one (the workspace, the CLI, the README).
 * Ranges are half-open, [start, end), in code and in the JSON export's numbers; for people
 * they are written inclusively, in decimal, with an en dash and the byte count, and the hex
 * offsets that hex editors show are available beside them:
 *
 *   bytes 2–3 (2 bytes)          bytes 2–3 (2 bytes; 0x2–0x3)
 *   byte 53                      byte 53 (0x35)
 *   at byte 53 (0 bytes)         at byte 53 (0 bytes; 0x35)
 *
 * A single position is written the same way (`formatByteOffset`), and a list of positions
 * as `bytes 24, 28 and 36`. Offsets are never digit-grouped, so they match hex editors and
 * the JSON export's numbers; counts are.
 */
import { plural } from './wording.js';

export interface ByteRangeOptions {
  /** Also give the offsets in hex, as hex editors show them. */
  readonly hex?: boolean;
}

/** `0x4D2`: upper-case hex digits, as hex editors write them. */
export function hexOffset(offset: number): string {
  return `0x${offset.toString(16).toUpperCase()}`;
}

/** The range [start, end) in the project's one notation (see the module comment). */
export function formatByteRange(
  start: number,
  end: number,
  options: ByteRangeOptions = {},
): string {
  const length = Math.max(0, end - start);
  if (length === 1) return formatByteOffset(start, options);
  const hex = options.hex
    ? `; ${length === 0 ? hexOffset(start) : `${hexOffset(start)}–${hexOffset(end - 1)}`}`
    : '';
  const count = `${plural(length, 'byte')}${hex}`;
  return length === 0 ? `at byte ${start} (${count})` : `bytes ${start}–${end - 1} (${count})`;
}

/** The position `offset`: `byte 53`, or `byte 53 (0x35)` with hex. */
export function formatByteOffset(offset: number, options: ByteRangeOptions = {}): string {
  return `byte ${offset}${options.hex ? ` (${hexOffset(offset)})` : ''}`;
}

/** Several positions, in decimal: `byte 24`, `bytes 24 and 28`, `bytes 24, 28 and 36`. */
export function formatByteOffsets(offsets: readonly number[]): string {
  if (offsets.length === 1) return `byte ${offsets[0]}`;
  return `bytes ${offsets.slice(0, -1).join(', ')} and ${offsets[offsets.length - 1]}`;
}
