/**
 * The parser's fast path: a tag exactly as Outlook writes it (known operation and content,
 * a valid 14-digit time, a UID of letters, digits and lower-case escapes of other printable
 * characters, at most 70 of them, one NUL) is read in a single pass that also finds its NUL.
 * Anything else returns -1 and the full reader, which reports findings, takes over. Such a
 * tag has no findings of its own, so both readers agree on it (a property test checks this).
 */
import { UID_OFFSET } from './layout.js';
import { isLeapYear } from './timestamp.js';
import { canonicalUid, MAX_UID_LENGTH, readCanonicalUid } from './uid.js';

/** Results of the last successful read (module state: no object per tag). */
export const canonical = { date: 0, time: 0, hash: 0 };

const DAYS_IN_MONTH = Uint8Array.of(0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31);
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
  // One test for all four bounds: any digit outside 0-9 makes one of the four negative.
  return (high | low | (9 - high) | (9 - low)) < 0 ? -1 : high * 10 + low;
}

/** A canonical UID's 70 characters are at most 3 bytes each ($hh): past that, it is not one. */
const MAX_CANONICAL_UID_BYTES = 3 * MAX_UID_LENGTH;

/**
 * Reads the canonical tag at `start`; returns the offset after its NUL, or -1. Its decoded UID
 * is written into `decoded` at `decodedAt` (canonicalUid.length bytes; garbage after a -1).
 */
export function readCanonicalTag(
  bytes: Uint8Array,
  start: number,
  length: number,
  decoded: Uint8Array,
  decodedAt: number,
): number {
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

  const uidStart = start + UID_OFFSET;
  // Never further than the longest canonical UID and its NUL, however long the tag is.
  const limit = Math.min(length, uidStart + MAX_CANONICAL_UID_BYTES + 1);
  const nul = readCanonicalUid(bytes, uidStart, limit, decoded, decodedAt);
  // No NUL before the limit, an empty or an over-long UID: the full reader reports it.
  if (nul < 0 || nul >= limit || nul === uidStart || canonicalUid.length > MAX_UID_LENGTH) {
    return -1;
  }

  canonical.date = year * 10000 + month * 100 + day;
  canonical.time = hour * 10000 + minute * 100 + second;
  canonical.hash = canonicalUid.hash;
  return nul + 1;
}
