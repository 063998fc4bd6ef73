import { describe, expect, it } from 'vitest';
import { ascii, buildBlob } from '../../../fixtures/blobs.js';
import { parseDocument } from '../../../../renderer/src/state/document/document';
import {
  brushedDays,
  defaultUnit,
  timelineBuckets,
} from '../../../../renderer/src/state/document/timeline';

const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 1000;

const blob = buildBlob([
  { op: '+', content: 'b', timestamp: '20240130235959', uid: 'a' },
  { op: '+', content: 'b', timestamp: '20240130000000', uid: 'b' },
  { op: '-', content: 'b', timestamp: '20240201120000', uid: 'c' },
  { op: '&', content: 'h', timestamp: '20240201120000', uid: 'd' },
  ascii('xb20240201120000e\0'),
  ascii('+b20241301000000f\0'),
]);

describe('timeline', () => {
  it('counts per day by operation, filling the days between', () => {
    const buckets = timelineBuckets(parseDocument(blob), 'day');
    expect(buckets.starts).toEqual([utc(2024, 1, 30), utc(2024, 1, 31), utc(2024, 2, 1)]);
    expect(buckets.get).toEqual([2, 0, 0]);
    expect(buckets.delete).toEqual([0, 0, 1]);
    expect(buckets.getAndDelete).toEqual([0, 0, 1]);
    expect(buckets.other).toEqual([0, 0, 1]);
    expect(buckets.undated).toBe(1);
  });

  it('counts per month across a year boundary', () => {
    const long = buildBlob([
      { op: '+', content: 'b', timestamp: '20231115000000', uid: 'a' },
      { op: '+', content: 'b', timestamp: '20240203000000', uid: 'b' },
    ]);
    const buckets = timelineBuckets(parseDocument(long), 'month');
    expect(buckets.starts).toEqual([
      utc(2023, 11, 1),
      utc(2023, 12, 1),
      utc(2024, 1, 1),
      utc(2024, 2, 1),
    ]);
    expect(buckets.get).toEqual([1, 0, 0, 1]);
    expect(defaultUnit(parseDocument(long))).toBe('month');
    const years = buildBlob([
      { op: '+', content: 'b', timestamp: '20200101000000', uid: 'a' },
      { op: '+', content: 'b', timestamp: '20240101000000', uid: 'b' },
    ]);
    expect(defaultUnit(parseDocument(years))).toBe('month');
  });

  it('counts per hour, and only the entries a mask lets through', () => {
    const day = buildBlob([
      { op: '+', content: 'b', timestamp: '20240301090000', uid: 'a' },
      { op: '+', content: 'b', timestamp: '20240301095959', uid: 'b' },
      { op: '-', content: 'b', timestamp: '20240301120000', uid: 'c' },
    ]);
    const document = parseDocument(day);
    expect(defaultUnit(document)).toBe('hour');
    const hours = timelineBuckets(document, 'hour');
    const nine = utc(2024, 3, 1) + 9 * 3600;
    expect(hours.starts).toEqual([nine, nine + 3600, nine + 7200, nine + 10800]);
    expect(hours.get).toEqual([2, 0, 0, 0]);
    expect(hours.delete).toEqual([0, 0, 0, 1]);
    expect(brushedDays(hours, nine + 60, nine + 7300)).toEqual({
      from: '2024-03-01',
      to: '2024-03-01',
    });
    const masked = timelineBuckets(document, 'hour', 'utc', Uint8Array.of(0, 1, 0));
    expect(masked.starts).toEqual([nine]);
    expect(masked.get).toEqual([1]);
  });

  it('chooses days up to about two months, months beyond', () => {
    const span = (last: string) =>
      defaultUnit(
        parseDocument(
          buildBlob([
            { op: '+', content: 'b', timestamp: '20240101000000', uid: 'a' },
            { op: '+', content: 'b', timestamp: last, uid: 'b' },
          ]),
        ),
      );
    expect(span('20240103000000')).toBe('day');
    expect(span('20240303000000')).toBe('day');
    expect(span('20240304000000')).toBe('month');
  });

  it('has no buckets when no entry has a valid time', () => {
    const buckets = timelineBuckets(
      parseDocument(buildBlob([ascii('+b20241301000000f\0')])),
      'day',
    );
    expect(buckets.starts).toEqual([]);
    expect(buckets.undated).toBe(1);
  });

  it('turns a brushed range into the inclusive days of the buckets it touches', () => {
    const days = timelineBuckets(parseDocument(blob), 'day');
    expect(brushedDays(days, utc(2024, 1, 30) + 3600, utc(2024, 1, 31) + 60)).toEqual({
      from: '2024-01-30',
      to: '2024-01-31',
    });
    expect(brushedDays(days, utc(2024, 2, 1) + 10, utc(2024, 2, 3))).toEqual({
      from: '2024-02-01',
      to: '2024-02-01',
    });
    expect(brushedDays(days, utc(2025, 1, 1), utc(2025, 2, 1))).toBeNull();
    const months = timelineBuckets(parseDocument(blob), 'month');
    expect(brushedDays(months, utc(2024, 1, 15), utc(2024, 2, 2))).toEqual({
      from: '2024-01-01',
      to: '2024-02-29',
    });
  });
});
