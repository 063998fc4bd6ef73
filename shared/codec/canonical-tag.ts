/**
 * The parser's fast path: a tag exactly as Outlook writes it (known operation and content,
 * a valid 14-digit time, a UID of letters, digits and lower-case escapes of other printable
 * characters, at most 70 of them, one NUL) is read in a single pass that also finds its NUL.
 * Anything else returns -1 and the full reader, which reports findings, takes over. Such a
 * tag has no findings of its own, so both readers agree on it (a property test checks this).
 */
import { isAlphanumeric, lowerHexValue } from './ascii.js';
import { UID_OFFSET } from './layout.js';
import { isLeapYear } from './timestamp.js';
import { MAX_UID_LENGTH } from './uid.js';

/** Results of the last successful read (module state: no object per tag). */
export const canonical = { date: 0, time: 0, hash: 0 };

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZERO = 0x30;

function isOperation(byte: number): boolean {
  return byte === 0x2b || byte === 0x2d || byte === 0x26; // + - &
}

function isContent(byte: number): boolean {
  return byte === 0x62 || byte === 0x68 || byte === 0x20; // b h space
}

/** Two ASCII digits at `at` as a number, or -1 when either is not a digit. */
function twoDigits(bytes: Uint8Array, at: number): number {
  const high = bytes[at]! - ZERO;
  const low = bytes[at + 1]! - ZERO;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

/** Reads the canonical tag at `start`; returns the offset after its NUL, or -1. */
export function readCanonicalTag(bytes: Uint8Array, start: number, length: number): number {
  if (start + UID_OFFSET >= length) return -1;
  if (!isOperation(bytes[start]!) || !isContent(bytes[start + 1]!)) return -1;

  const century = twoDigits(bytes, start + 2);
  const yearInCentury = twoDigits(bytes, start + 4);
  const month = twoDigits(bytes, start + 6);
  const day = twoDigits(bytes, start + 8);
  const hour = twoDigits(bytes, start + 10);
  const minute = twoDigits(bytes, start + 12);
  const second = twoDigits(bytes, start + 14);
  if ((century | yearInCentury | day | hour | minute | second) < 0) return -1;
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month]!) return -1;
  const year = century * 100 + yearInCentury;
  if (month === 2 && day === 29 && !isLeapYear(year)) return -1;
  if (hour > 23 || minute > 59 || second > 59) return -1;

  let hash = 0x811c9dc5;
  let characters = 0;
  let i = start + UID_OFFSET;
  for (; i < length; i++) {
    const byte = bytes[i]!;
    if (isAlphanumeric[byte] === 1) {
      hash = Math.imul(hash ^ byte, 0x01000193);
      characters++;
      continue;
    }
    if (byte === 0) break;
    if (byte !== 0x24 || i + 2 >= length) return -1;
    const high = lowerHexValue[bytes[i + 1]!]!;
    const low = lowerHexValue[bytes[i + 2]!]!;
    if (high === 0xff || low === 0xff) return -1;
    const code = (high << 4) | low;
    if (isAlphanumeric[code] === 1 || code < 0x21 || code > 0x7e) return -1;
    hash = Math.imul(hash ^ code, 0x01000193);
    characters++;
    i += 2;
  }
  if (i >= length || characters === 0 || characters > MAX_UID_LENGTH) return -1;

  canonical.date = year * 10000 + month * 100 + day;
  canonical.time = hour * 10000 + minute * 100 + second;
  canonical.hash = hash | 0;
  return i + 1;
}
