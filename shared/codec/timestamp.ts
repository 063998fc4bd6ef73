import type { Timestamp } from './types.js';

/** The timestamp is 14 ASCII digits: yyyyMMddhhmmss. */
export const TIMESTAMP_DIGITS = 14;

/**
 * The components of a time the parser stores packed: `date` as yyyyMMdd and `time` as hhmmss,
 * the 14 digits read as two numbers.
 */
export function unpackTimestamp(date: number, time: number): Timestamp {
  return {
    year: Math.floor(date / 10000),
    month: Math.floor(date / 100) % 100,
    day: date % 100,
    hour: Math.floor(time / 10000),
    minute: Math.floor(time / 100) % 100,
    second: time % 100,
  };
}

/** A broken-down component: where its digits sit within the 14, and its valid range. */
export interface TimestampComponent {
  readonly name: keyof Timestamp;
  readonly offset: number;
  readonly width: number;
}

export const TIMESTAMP_COMPONENTS: readonly TimestampComponent[] = [
  { name: 'year', offset: 0, width: 4 },
  { name: 'month', offset: 4, width: 2 },
  { name: 'day', offset: 6, width: 2 },
  { name: 'hour', offset: 8, width: 2 },
  { name: 'minute', offset: 10, width: 2 },
  { name: 'second', offset: 12, width: 2 },
];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The components that are out of range, in written order. Gregorian calendar, no leap
 * seconds (Outlook writes SYSTEMTIME values, whose seconds stop at 59).
 */
export function invalidComponents(time: Timestamp): (keyof Timestamp)[] {
  const invalid: (keyof Timestamp)[] = [];
  if (time.month < 1 || time.month > 12) invalid.push('month');
  const monthForDays = time.month >= 1 && time.month <= 12 ? time.month : 1;
  if (time.day < 1 || time.day > daysInMonth(time.year, monthForDays)) invalid.push('day');
  if (time.hour > 23) invalid.push('hour');
  if (time.minute > 59) invalid.push('minute');
  if (time.second > 59) invalid.push('second');
  return invalid;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DDThh:mm:ss`, the digits as written without a zone suffix (they are UTC: see formatUtcIso). */
export function formatTimestampIso(time: Timestamp): string {
  return (
    `${pad(time.year, 4)}-${pad(time.month, 2)}-${pad(time.day, 2)}` +
    `T${pad(time.hour, 2)}:${pad(time.minute, 2)}:${pad(time.second, 2)}`
  );
}

/** The 14 digits Outlook writes for a time. */
export function formatTimestampDigits(time: Timestamp): string {
  return (
    pad(time.year, 4) +
    pad(time.month, 2) +
    pad(time.day, 2) +
    pad(time.hour, 2) +
    pad(time.minute, 2) +
    pad(time.second, 2)
  );
}

/**
 * Reads a time typed by a user or a tool: 14 digits, or ISO-like `YYYY-MM-DD[T ]hh:mm[:ss]`,
 * optionally with `Z` (times are UTC, as Outlook writes them).
 * Returns null when the text is neither or is not a real date and time.
 */
export function parseTimestampText(text: string): Timestamp | null {
  const trimmed = text.trim();
  const digits = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?Z?$/.exec(trimmed);
  const match = digits ?? iso;
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const time: Timestamp = {
    year: year!,
    month: month!,
    day: day!,
    hour: hour!,
    minute: minute!,
    second: second!,
  };
  return invalidComponents(time).length === 0 ? time : null;
}

/** Chronological order of two times, for sorting. */
export function compareTimestamps(a: Timestamp, b: Timestamp): number {
  return (
    a.year - b.year ||
    a.month - b.month ||
    a.day - b.day ||
    a.hour - b.hour ||
    a.minute - b.minute ||
    a.second - b.second
  );
}
