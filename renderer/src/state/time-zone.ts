/**
 * The zone times are shown in. Outlook writes each tag's time in UTC (docs/FORMAT.md, "What Outlook
 * really writes"), so UTC shows it as written; the local setting converts for display only.
 * Every conversion here goes through the document's packed time key (yyyyMMddhhmmss as one
 * number), so the filter and the timeline never build an object per tag in UTC mode.
 */
import type { TimeZonePreference } from '@shared/host/contract.js';
import { parseTimestampText, unpackTimestamp } from '@shared/codec/timestamp.js';
import type { Timestamp } from '@shared/codec/types.js';
import { offsetLabel, utcNow } from '@shared/time-display.js';

export type { TimeZonePreference };

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function keyOfParts(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  return (year * 10000 + month * 100 + day) * 1_000_000 + hour * 10000 + minute * 100 + second;
}

/** The packed UTC time key as a Date. */
function dateOfUtcKey(key: number): Date {
  const date = Math.floor(key / 1_000_000);
  const time = key % 1_000_000;
  return new Date(
    Date.UTC(
      Math.floor(date / 10000),
      (Math.floor(date / 100) % 100) - 1,
      date % 100,
      Math.floor(time / 10000),
      Math.floor(time / 100) % 100,
      time % 100,
    ),
  );
}

function localKeyOf(date: Date): number {
  return keyOfParts(
    date.getFullYear(),
    date.getMonth() + 1,
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
  );
}

function utcKeyOf(date: Date): number {
  return keyOfParts(
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  );
}

/** A written (UTC) time key as shown in `zone`; negative keys (no valid time) stay as they are. */
export function displayedKey(key: number, zone: TimeZonePreference): number {
  if (zone === 'utc' || key < 0) return key;
  return localKeyOf(dateOfUtcKey(key));
}

/** A time key as `YYYY-MM-DD hh:mm:ss`. */
export function formatKey(key: number): string {
  const date = Math.floor(key / 1_000_000);
  const time = key % 1_000_000;
  return (
    `${pad(Math.floor(date / 10000), 4)}-${pad(Math.floor(date / 100) % 100)}-${pad(date % 100)} ` +
    `${pad(Math.floor(time / 10000))}:${pad(Math.floor(time / 100) % 100)}:${pad(time % 100)}`
  );
}

export function keyOfTimestamp(time: Timestamp): number {
  return keyOfParts(time.year, time.month, time.day, time.hour, time.minute, time.second);
}

export function timestampOfKey(key: number): Timestamp {
  return unpackTimestamp(Math.floor(key / 1_000_000), key % 1_000_000);
}

/** A written time shown in `zone`, `YYYY-MM-DD hh:mm:ss` (the zone is in the column or label). */
export function formatWritten(time: Timestamp, zone: TimeZonePreference): string {
  return formatKey(displayedKey(keyOfTimestamp(time), zone));
}

/** The summary's `YYYY-MM-DDThh:mm:ss` (a written time) shown in `zone`. */
export function formatIsoWritten(iso: string, zone: TimeZonePreference): string {
  // The summary and the chooser say UTC with a `Z` (ISO 8601); the digits are the written ones.
  const time = parseTimestampText(iso.replace(/Z$/, ''));
  return time ? formatWritten(time, zone) : iso;
}

/**
 * The written (UTC) time of a wall-clock time typed in `zone`. A local time that does not exist
 * (skipped by a daylight-saving change) moves forward as Date does.
 */
export function writtenOfDisplayed(time: Timestamp, zone: TimeZonePreference): Timestamp {
  if (zone === 'utc') return time;
  const date = new Date(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  // Years 0-99 would be read as 1900-1999 by the constructor.
  date.setFullYear(time.year);
  return timestampOfKey(utcKeyOf(date));
}

/** The time a new tag gets for `now`: UTC, as Outlook writes it. */
export function writtenNow(now: Date): Timestamp {
  return utcNow(now);
}

/**
 * The inclusive range of written (UTC) time keys that fall on the days `fromDay`..`toDay`
 * (yyyyMMdd numbers, either null for open) in `zone`.
 */
export function writtenKeyRange(
  fromDay: number | null,
  toDay: number | null,
  zone: TimeZonePreference,
): { min: number | null; max: number | null } {
  if (zone === 'utc') {
    return {
      min: fromDay === null ? null : fromDay * 1_000_000,
      max: toDay === null ? null : toDay * 1_000_000 + 235959,
    };
  }
  const localMidnight = (day: number): Date => {
    const date = new Date(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100);
    date.setFullYear(Math.floor(day / 10000));
    return date;
  };
  let max: number | null = null;
  if (toDay !== null) {
    const next = localMidnight(toDay);
    next.setDate(next.getDate() + 1);
    max = utcKeyOf(new Date(next.getTime() - 1000));
  }
  return { min: fromDay === null ? null : utcKeyOf(localMidnight(fromDay)), max };
}

/** The computer's IANA zone name, when the runtime knows it. */
export function localZoneName(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/**
 * The zone's short label for headers and captions: `UTC`, or `UTC+03:00 Asia/Riyadh` (the
 * offset at `at`; a zone with daylight saving names itself so the offset is not misread).
 */
export function zoneLabel(zone: TimeZonePreference, at: Date = new Date()): string {
  if (zone === 'utc') return 'UTC';
  const name = localZoneName();
  // offsetLabel says plain `UTC` for a zero offset; a local zone at +00:00 still says so.
  const offset = offsetLabel(-at.getTimezoneOffset()).replace(/^UTC$/, 'UTC+00:00');
  return name && name !== 'UTC' && name !== 'Etc/UTC' ? `${offset} ${name}` : `local, ${offset}`;
}
