/** The history of the history: first and last version of each UID, per account. */
import { describe, expect, it } from 'vitest';
import { buildTimelines, type TimelineVersion } from '../../../shared/versions/timeline.js';

const at = (uids: string[], time: string): TimelineVersion['entries'] =>
  uids.map((uid) => ({ uid, timestamp: time }));

describe('buildTimelines', () => {
  it('gives each UID its first and last version, the tag times, and where it left', () => {
    const [timeline] = buildTimelines([
      { number: 1, account: 'a', entries: at(['1', '2', '3', '4', '5'], '2017-06-05T20:34:21Z') },
      {
        number: 2,
        account: 'a',
        entries: [
          ...at(['1', '2', '3', '4', '5'], '2017-06-05T20:34:21Z'),
          ...at(['6'], '2017-06-12T14:32:50Z'),
        ],
      },
      { number: 3, account: 'a', entries: at(['6', '7'], '2017-06-13T16:19:29Z') },
    ]);
    expect(timeline!.versions).toEqual([1, 2, 3]);
    expect(
      timeline!.rows.map((r) => [r.uid, r.firstVersion, r.lastVersion, r.goneInVersion]),
    ).toEqual([
      ['1', 1, 2, 3],
      ['2', 1, 2, 3],
      ['3', 1, 2, 3],
      ['4', 1, 2, 3],
      ['5', 1, 2, 3],
      ['6', 2, 3, null],
      ['7', 3, 3, null],
    ]);
    expect(timeline!.rows[5]).toEqual({
      uid: '6',
      firstVersion: 2,
      firstTimestamp: '2017-06-12T14:32:50Z',
      lastVersion: 3,
      lastTimestamp: '2017-06-13T16:19:29Z',
      goneInVersion: null,
    });
  });

  it('keeps accounts apart, and a UID that comes back keeps its first version', () => {
    const timelines = buildTimelines([
      { number: 1, account: 'a', entries: at(['x'], '2017-01-01T00:00:00Z') },
      { number: 2, account: 'b', entries: at(['x', 'x'], '2017-01-02T00:00:00Z') },
      { number: 3, account: 'a', entries: [] },
      { number: 4, account: 'a', entries: at(['x'], '2017-01-04T00:00:00Z') },
    ]);
    expect(
      timelines.map((t) => [
        t.account,
        t.versions,
        t.rows.map((r) => [r.firstVersion, r.lastVersion, r.goneInVersion]),
      ]),
    ).toEqual([
      ['a', [1, 3, 4], [[1, 4, null]]],
      ['b', [2], [[2, 2, null]]],
    ]);
  });
});
