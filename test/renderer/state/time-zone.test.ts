// The computer's zone for this file: Riyadh, UTC+03:00 all year (no daylight saving), set before
// any Date is made. UTC display must not depend on it; local display must follow it.
// (The renderer's type configuration has no Node types, hence the cast.)
(globalThis as unknown as { process: { env: Record<string, string> } }).process.env.TZ =
  'Asia/Riyadh';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import { buildBlob, CLEAN_TAGS } from '../../fixtures/blobs.js';
import { createCommands } from '../../../renderer/src/state/commands';
import { createComparisonStore } from '../../../renderer/src/state/comparison-store';
import { parseDocument, displayTimestamp } from '../../../renderer/src/state/document';
import { checkEntryForm, newEntryForm } from '../../../renderer/src/state/entry-form';
import { filterEntries, NO_FILTERS } from '../../../renderer/src/state/filters';
import { brushedDays, timelineBuckets } from '../../../renderer/src/state/timeline';
import {
  displayedKey,
  formatIsoWritten,
  keyOfTimestamp,
  writtenKeyRange,
  writtenOfDisplayed,
  zoneLabel,
} from '../../../renderer/src/state/time-zone';
import { createUiStore } from '../../../renderer/src/state/ui-store';
import { createWorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { createFakeHost, openedFile } from '../support/fake-host';

/** Outlook's own example: UID 6 stored 2017-06-12 14:32:50 UTC; and one late in a UTC day. */
const REAL_TIMES = buildBlob([
  { op: '+', content: 'b', timestamp: '20170612143250', uid: '6' },
  { op: '+', content: 'b', timestamp: '20170612223000', uid: '7' },
]);

describe('the display zone', () => {
  it('runs this file in UTC+03:00 (the test is meaningless otherwise)', () => {
    expect(new Date(Date.UTC(2017, 5, 12)).getTimezoneOffset()).toBe(-180);
  });

  it('labels UTC plainly and the local zone by its offset and name', () => {
    expect(zoneLabel('utc')).toBe('UTC');
    expect(zoneLabel('local')).toBe('UTC+03:00 Asia/Riyadh');
  });

  it('shows written times unshifted in UTC and three hours later in local time', () => {
    const document = parseDocument(REAL_TIMES);
    expect(displayTimestamp(document, 0, 'utc')).toBe('2017-06-12 14:32:50');
    expect(displayTimestamp(document, 0, 'local')).toBe('2017-06-12 17:32:50');
    // Late on the 12th in UTC is the 13th in Riyadh.
    expect(displayTimestamp(document, 1, 'local')).toBe('2017-06-13 01:30:00');
    expect(formatIsoWritten('2017-06-12T22:30:00Z', 'local')).toBe('2017-06-13 01:30:00');
    expect(formatIsoWritten('2017-06-12T22:30:00Z', 'utc')).toBe('2017-06-12 22:30:00');
  });

  it('reads a day typed in the filter as that day in the displayed zone', () => {
    expect(writtenKeyRange(20170613, 20170613, 'utc')).toEqual({
      min: 20170613000000,
      max: 20170613235959,
    });
    expect(writtenKeyRange(20170613, 20170613, 'local')).toEqual({
      min: 20170612210000,
      max: 20170613205959,
    });
    expect(writtenKeyRange(null, null, 'local')).toEqual({ min: null, max: null });

    const document = parseDocument(REAL_TIMES);
    const on13th = { ...NO_FILTERS, dateFrom: '2017-06-13', dateTo: '2017-06-13' };
    expect(Array.from(filterEntries(document, on13th, 'utc').mask)).toEqual([0, 0]);
    expect(Array.from(filterEntries(document, on13th, 'local').mask)).toEqual([0, 1]);
    const on12th = { ...NO_FILTERS, dateFrom: '2017-06-12', dateTo: '2017-06-12' };
    expect(Array.from(filterEntries(document, on12th, 'utc').mask)).toEqual([1, 1]);
    expect(Array.from(filterEntries(document, on12th, 'local').mask)).toEqual([1, 0]);
  });

  it('buckets the timeline by days of the displayed zone, and brushing gives those days back', () => {
    const document = parseDocument(REAL_TIMES);
    const utc = timelineBuckets(document, 'day', 'utc');
    expect(utc.starts).toEqual([Date.UTC(2017, 5, 12) / 1000]);
    expect(utc.get).toEqual([2]);
    const local = timelineBuckets(document, 'day', 'local');
    expect(local.starts).toEqual([Date.UTC(2017, 5, 12) / 1000, Date.UTC(2017, 5, 13) / 1000]);
    expect(local.get).toEqual([1, 1]);
    // Dragging over the second bar filters to the 13th, local, which holds entry 1 only.
    const days = brushedDays(local, local.starts[1]! + 10, local.starts[1]! + 20);
    expect(days).toEqual({ from: '2017-06-13', to: '2017-06-13' });
    expect(
      Array.from(
        filterEntries(document, { ...NO_FILTERS, dateFrom: days!.from, dateTo: days!.to }, 'local')
          .mask,
      ),
    ).toEqual([0, 1]);
  });

  it('converts a typed local time back to the written UTC time exactly (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01'), max: new Date('2099-12-31') }), (date) => {
        const seconds = Math.floor(date.getTime() / 1000) * 1000;
        const written = new Date(seconds);
        const key =
          (written.getUTCFullYear() * 10000 +
            (written.getUTCMonth() + 1) * 100 +
            written.getUTCDate()) *
            1_000_000 +
          written.getUTCHours() * 10000 +
          written.getUTCMinutes() * 100 +
          written.getUTCSeconds();
        const shown = displayedKey(key, 'local');
        const shownTime = {
          year: Math.floor(shown / 1e10),
          month: Math.floor(shown / 1e8) % 100,
          day: Math.floor(shown / 1e6) % 100,
          hour: Math.floor(shown / 1e4) % 100,
          minute: Math.floor(shown / 100) % 100,
          second: shown % 100,
        };
        expect(keyOfTimestamp(writtenOfDisplayed(shownTime, 'local'))).toBe(key);
        expect(displayedKey(key, 'utc')).toBe(key);
      }),
    );
  });
});

describe('new tags are written in UTC whatever the computer zone', () => {
  // 2017-06-12 14:32:50 UTC is 17:32:50 in Riyadh.
  const now = new Date(Date.UTC(2017, 5, 12, 14, 32, 50));
  const written = (bytes: Uint8Array, index: number) => parse(bytes).entries[index]!.timestampText;

  it('Add entry: the form starts at now in the displayed zone and writes UTC', () => {
    const document = parseDocument(buildBlob(CLEAN_TAGS));
    const utcForm = newEntryForm(now, 'utc');
    expect(utcForm.timestamp).toBe('2017-06-12 14:32:50');
    const localForm = newEntryForm(now, 'local');
    expect(localForm.timestamp).toBe('2017-06-12 17:32:50');
    for (const [form, zone] of [
      [utcForm, 'utc'],
      [localForm, 'local'],
    ] as const) {
      const check = checkEntryForm({ ...form, uid: 'new' }, null, document, null, zone);
      expect(check.writtenTimestamp).toBe('2017-06-12 14:32:50');
      expect(check.fields?.timestamp).toEqual({
        year: 2017,
        month: 6,
        day: 12,
        hour: 14,
        minute: 32,
        second: 50,
      });
    }
  });

  it('Mark as downloaded writes now in UTC', async () => {
    const host = createFakeHost();
    const workspace = createWorkspaceStore();
    const commands = createCommands(workspace, createUiStore(), host, createComparisonStore());
    await commands.openHostFile(openedFile(buildBlob(CLEAN_TAGS)));
    const before = Date.now();
    expect(commands.markDownloaded(['fresh']).ok).toBe(true);
    const after = Date.now();
    const bytes = workspace.getState().session!.document.bytes;
    const tag = written(bytes, 3);
    // The written digits are the UTC fields of a moment between before and after.
    const utcDigits = (ms: number) => new Date(ms).toISOString().replace(/\D/g, '').slice(0, 14);
    expect([utcDigits(before), utcDigits(after)]).toContain(tag);
  });
});
