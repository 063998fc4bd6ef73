import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markDownloadedEdits } from '../../shared/compare/actions.js';
import { parse } from '../../shared/codec/parse.js';
import { parseTimestampText } from '../../shared/codec/timestamp.js';
import {
  formatTimestampForDisplay,
  formatUtcIso,
  offsetLabel,
  timestampInZone,
  timestampToUtcMillis,
  utcNow,
  utcTimestampOf,
} from '../../shared/time-display.js';
import { buildBlob } from '../fixtures/blobs.js';

const T = { year: 2017, month: 6, day: 13, hour: 18, minute: 26, second: 26 };

describe('UTC display', () => {
  it('writes ISO 8601 with Z from the written digits, and reads it back', () => {
    expect(formatUtcIso(T)).toBe('2017-06-13T18:26:26Z');
    expect(parseTimestampText('2017-06-13T18:26:26Z')).toEqual(T);
    expect(formatUtcIso({ ...T, year: 7 })).toBe('0007-06-13T18:26:26Z');
  });

  it('shows UTC by default and another zone labelled with its offset', () => {
    expect(formatTimestampForDisplay(T)).toBe('2017-06-13 18:26:26 UTC');
    expect(formatTimestampForDisplay(T, { kind: 'offset', minutes: 180 })).toBe(
      '2017-06-13 21:26:26 UTC+03:00',
    );
    expect(formatTimestampForDisplay(T, { kind: 'offset', minutes: -330 })).toBe(
      '2017-06-13 12:56:26 UTC-05:30',
    );
    // Across midnight and a month end.
    expect(
      timestampInZone(
        { year: 2017, month: 6, day: 30, hour: 23, minute: 0, second: 0 },
        {
          kind: 'offset',
          minutes: 90,
        },
      ),
    ).toEqual({
      time: { year: 2017, month: 7, day: 1, hour: 0, minute: 30, second: 0 },
      label: 'UTC+01:30',
    });
    expect(offsetLabel(0)).toBe('UTC');
  });

  it('UTC millis and back are inverses for every valid written time, years 1-9999', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const millis = Math.floor(date.getTime() / 1000) * 1000;
          const time = utcTimestampOf(millis);
          expect(timestampToUtcMillis(time)).toBe(millis);
          expect(formatUtcIso(time)).toBe(
            new Date(millis)
              .toISOString()
              .replace(/^\+?0*(\d{4})/, '$1')
              .replace('.000Z', 'Z'),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('under a non-UTC host zone', () => {
  const saved = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'Asia/Tokyo'; // UTC+09:00, no DST
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('new tags are written in UTC (utcNow, Mark as downloaded)', () => {
    const instant = new Date(Date.UTC(2024, 1, 29, 23, 30, 0));
    expect(instant.getHours()).toBe(8); // the host really is at +09:00
    expect(utcNow(instant)).toEqual({
      year: 2024,
      month: 2,
      day: 29,
      hour: 23,
      minute: 30,
      second: 0,
    });
    const { edits } = markDownloadedEdits(parse(buildBlob([])), ['u1'], instant);
    expect(edits).toEqual([
      {
        kind: 'insert',
        index: 0,
        fields: { op: '+', content: 'b', timestamp: utcNow(instant), uid: 'u1' },
      },
    ]);
  });

  it('the local display zone shows the host offset in its label', () => {
    expect(formatTimestampForDisplay(T, { kind: 'local' })).toBe('2017-06-14 03:26:26 UTC+09:00');
  });
});
