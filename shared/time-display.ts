/**
 * Timestamps for people and exports. Outlook writes UTC (FORMAT.md, "What Outlook really
 * writes"), so UTC is the default everywhere; a display may show another zone instead, always
 * labelled with its offset. The written digits are never changed by showing them.
 */
import type { Timestamp } from './codec/types.js';

/** How times are shown: UTC (the default), the viewer's local zone, or a fixed offset. */
export type DisplayZone =
  | { readonly kind: 'utc' }
  | { readonly kind: 'local' }
  | { readonly kind: 'offset'; readonly minutes: number };

export const UTC: DisplayZone = { kind: 'utc' };

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Milliseconds since the epoch of a written (UTC) time. */
export function timestampToUtcMillis(time: Timestamp): number {
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(time.year, time.month - 1, time.day);
  date.setUTCHours(time.hour, time.minute, time.second, 0);
  return date.getTime();
}

/** The written (UTC) time of an instant, to the second. */
export function utcTimestampOf(millis: number): Timestamp {
  const date = new Date(millis);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

/** Now, as Outlook writes it: UTC. New tags (Add entry, Mark as downloaded) use this. */
export function utcNow(now: Date = new Date()): Timestamp {
  return utcTimestampOf(now.getTime());
}

/** ISO 8601 in UTC with `Z`, the digits as written: `2017-06-13T18:26:26Z` (JSON, CSV). */
export function formatUtcIso(time: Timestamp): string {
  return (
    `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}` +
    `T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}Z`
  );
}

/** The zone's offset from UTC in minutes at a given instant (local time follows DST). */
export function zoneOffsetMinutes(zone: DisplayZone, utcMillis: number): number {
  if (zone.kind === 'utc') return 0;
  if (zone.kind === 'offset') return zone.minutes;
  return -new Date(utcMillis).getTimezoneOffset();
}

/** `UTC`, or `UTC+03:00` / `UTC-05:30` for an offset. */
export function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** A written time moved into the display zone, with the zone's label at that instant. */
export function timestampInZone(
  time: Timestamp,
  zone: DisplayZone,
): { readonly time: Timestamp; readonly label: string } {
  if (zone.kind === 'utc') return { time, label: 'UTC' };
  const millis = timestampToUtcMillis(time);
  const offset = zoneOffsetMinutes(zone, millis);
  return { time: utcTimestampOf(millis + offset * 60_000), label: offsetLabel(offset) };
}

/** `2017-06-13 18:26:26 UTC` (or `… UTC+03:00` in another zone): what tables and summaries show. */
export function formatTimestampForDisplay(time: Timestamp, zone: DisplayZone = UTC): string {
  const shown = timestampInZone(time, zone);
  const t = shown.time;
  return (
    `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)} ` +
    `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} ${shown.label}`
  );
}
