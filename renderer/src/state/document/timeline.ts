/**
 * The timeline: how many tags were written per hour, day or month, split by operation, for
 * the whole history or for the entries a filter lets through. Buckets are calendar hours,
 * days or months in the displayed zone; their starts are those wall-clock days
 * read as UTC seconds, so the chart draws them on a UTC axis and labels them unshifted, and a
 * brushed range gives back days in the displayed zone, which is what the date filter takes.
 */
import type { HistoryDocument } from './document';
import { memoizeRecent } from '../memo';
import { summaryOf } from './summary';
import { displayedKey, type TimeZonePreference } from '../time-zone';

export type TimelineUnit = 'hour' | 'day' | 'month';

export interface TimelineBuckets {
  readonly unit: TimelineUnit;
  /** Bucket starts: displayed-zone midnights, as seconds read as UTC; consecutive, no gaps. */
  readonly starts: number[];
  /** Per bucket, tags by operation: get (+), delete (-), get-and-delete (&), anything else. */
  readonly get: number[];
  readonly delete: number[];
  readonly getAndDelete: number[];
  readonly other: number[];
  /** Tags without a valid time, left out of the buckets. */
  readonly undated: number;
}

/**
 * Spans up to this many days are shown per day by default, longer ones per month: about two
 * months of days keeps each bar a few pixels wide in the panel, where 120 made hairlines.
 */
const DAY_UNIT_MAX_SPAN = 62;
/** A history written within this many days is shown per hour: one day is not one bar. */
const HOUR_UNIT_MAX_SPAN = 2;

const DAY_SECONDS = 86_400;
const HOUR_SECONDS = 3_600;

function dayStart(dateKey: number): number {
  const year = Math.floor(dateKey / 10000);
  const month = Math.floor(dateKey / 100) % 100;
  const day = dateKey % 100;
  return Date.UTC(year, month - 1, day) / 1000;
}

function monthStart(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1) / 1000;
}

/**
 * The unit the chart starts with: hours for a history written within a couple of days, days
 * for a short one, months for a long one. The date range is the summary's (computed once per
 * document).
 */
export function defaultUnit(document: HistoryDocument): TimelineUnit {
  const { firstTimestamp, lastTimestamp } = summaryOf(document);
  if (firstTimestamp === null || lastTimestamp === null) return 'day';
  // `YYYY-MM-DD` alone reads as midnight UTC.
  const days =
    (Date.parse(lastTimestamp.slice(0, 10)) - Date.parse(firstTimestamp.slice(0, 10))) /
    1000 /
    DAY_SECONDS;
  if (days < HOUR_UNIT_MAX_SPAN) return 'hour';
  return days <= DAY_UNIT_MAX_SPAN ? 'day' : 'month';
}

/** `yyyyMMddHH` of a time key. */
function hourKey(key: number): number {
  return Math.floor(key / 10_000);
}

function hourStart(hour: number): number {
  return dayStart(Math.floor(hour / 100)) + (hour % 100) * HOUR_SECONDS;
}

function compute(
  document: HistoryDocument,
  unit: TimelineUnit,
  zone: TimeZonePreference = 'utc',
  /** Per entry, 1 to count it (the filtered view's mask); null counts every entry. */
  mask: Uint8Array | null = null,
): TimelineBuckets {
  // Count per date key first (few distinct dates), then lay out consecutive buckets.
  const counts = new Map<number, [number, number, number, number]>();
  let undated = 0;
  for (let i = 0; i < document.entryCount; i++) {
    if (mask !== null && mask[i] === 0) continue;
    const key = displayedKey(document.timeKeyOf(i), zone);
    if (key < 0) {
      undated++;
      continue;
    }
    const date = Math.floor(key / 1_000_000);
    const bucket = unit === 'hour' ? hourKey(key) : unit === 'day' ? date : Math.floor(date / 100);
    let row = counts.get(bucket);
    if (!row) {
      row = [0, 0, 0, 0];
      counts.set(bucket, row);
    }
    const op = document.byteFieldOf(i, 0);
    row[op === '+' ? 0 : op === '-' ? 1 : op === '&' ? 2 : 3]++;
  }
  const result: TimelineBuckets = {
    unit,
    starts: [],
    get: [],
    delete: [],
    getAndDelete: [],
    other: [],
    undated,
  };
  if (counts.size === 0) return result;
  const keys = [...counts.keys()].sort((a, b) => a - b);
  const first = keys[0]!;
  const last = keys[keys.length - 1]!;
  const push = (start: number, key: number): void => {
    const row = counts.get(key) ?? [0, 0, 0, 0];
    result.starts.push(start);
    result.get.push(row[0]);
    result.delete.push(row[1]);
    result.getAndDelete.push(row[2]);
    result.other.push(row[3]);
  };
  if (unit === 'hour') {
    for (let start = hourStart(first); start <= hourStart(last); start += HOUR_SECONDS) {
      const date = new Date(start * 1000);
      push(
        start,
        date.getUTCFullYear() * 1_000_000 +
          (date.getUTCMonth() + 1) * 10_000 +
          date.getUTCDate() * 100 +
          date.getUTCHours(),
      );
    }
  } else if (unit === 'day') {
    for (let start = dayStart(first); start <= dayStart(last); start += DAY_SECONDS) {
      const date = new Date(start * 1000);
      push(
        start,
        date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate(),
      );
    }
  } else {
    let year = Math.floor(first / 100);
    let month = first % 100;
    while (year * 100 + month <= last) {
      push(monthStart(year, month), year * 100 + month);
      month++;
      if (month > 12) {
        month = 1;
        year++;
      }
    }
  }
  return result;
}

export const timelineBuckets = memoizeRecent(compute);

/** `YYYY-MM-DD` of a UTC time in seconds. */
export function isoDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/**
 * The inclusive day range covered by the buckets a brushed x range touches: the date filter
 * that selecting those bars on the chart sets. Null when the range covers no bucket.
 */
export function brushedDays(
  buckets: TimelineBuckets,
  fromSeconds: number,
  toSeconds: number,
): { from: string; to: string } | null {
  const { starts, unit } = buckets;
  const ends = (k: number): number =>
    k + 1 < starts.length
      ? starts[k + 1]!
      : unit === 'hour'
        ? starts[k]! + HOUR_SECONDS
        : unit === 'day'
          ? starts[k]! + DAY_SECONDS
          : nextMonth(starts[k]!);
  let first = -1;
  let last = -1;
  for (let k = 0; k < starts.length; k++) {
    if (ends(k) > fromSeconds && starts[k]! <= toSeconds) {
      if (first < 0) first = k;
      last = k;
    }
  }
  if (first < 0) return null;
  // The date filter takes whole days: hours give back the days they fall on.
  return {
    from: isoDay(starts[first]!),
    to: isoDay(unit === 'hour' ? starts[last]! : ends(last) - DAY_SECONDS),
  };
}

function nextMonth(seconds: number): number {
  const date = new Date(seconds * 1000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 1000;
}
