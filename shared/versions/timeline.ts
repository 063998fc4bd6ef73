/**
 * The history of the history: for each UID, the first and last version of an account's history
 * it appears in, with the times its tags give (UTC), and the version that no longer has it.
 * Pure: the `versions --timeline` command prints it and the desktop app's timeline view shows it.
 */
import { parse } from '../codec/parse.js';
import { formatUtcIso } from '../time-display.js';

/** What the timeline needs of one version: its number, account and tags, oldest version first. */
export interface TimelineVersion {
  readonly number: number;
  /** The account it belongs to (current history) or most likely precedes (carved). */
  readonly account: string | null;
  /** Decoded UIDs with their tag's time (`…Z`, or null when invalid), in tag order. */
  readonly entries: readonly { readonly uid: string; readonly timestamp: string | null }[];
}

export interface TimelineRow {
  readonly uid: string;
  /** The first version holding it, and that tag's time. */
  readonly firstVersion: number;
  readonly firstTimestamp: string | null;
  /** The last version holding it, and that tag's time. */
  readonly lastVersion: number;
  readonly lastTimestamp: string | null;
  /** The first later version without it (it left the history there), or null when still held. */
  readonly goneInVersion: number | null;
}

export interface AccountTimeline {
  readonly account: string | null;
  /** The versions compared, in order. */
  readonly versions: readonly number[];
  /** By first appearance, in tag order. */
  readonly rows: readonly TimelineRow[];
}

/**
 * One timeline per account, over the versions in the order given (callers pass them ordered by
 * latest timestamp and leave out cut-off copies, whose missing tags say nothing).
 */
export function buildTimelines(versions: readonly TimelineVersion[]): AccountTimeline[] {
  const groups = new Map<string | null, TimelineVersion[]>();
  for (const version of versions) {
    const group = groups.get(version.account);
    if (group) group.push(version);
    else groups.set(version.account, [version]);
  }
  return [...groups].map(([account, group]) => ({
    account,
    versions: group.map((v) => v.number),
    rows: accountRows(group),
  }));
}

interface Building {
  uid: string;
  firstVersion: number;
  firstTimestamp: string | null;
  lastVersion: number;
  lastTimestamp: string | null;
  lastIndex: number;
  goneInVersion: number | null;
  order: number;
}

function accountRows(group: readonly TimelineVersion[]): TimelineRow[] {
  const rows = new Map<string, Building>();
  group.forEach((version, index) => {
    const seen = new Set<string>();
    for (const { uid, timestamp } of version.entries) {
      if (seen.has(uid)) continue; // a duplicated UID counts once per version, its first tag
      seen.add(uid);
      const row = rows.get(uid);
      if (row === undefined) {
        rows.set(uid, {
          uid,
          firstVersion: version.number,
          firstTimestamp: timestamp,
          lastVersion: version.number,
          lastTimestamp: timestamp,
          lastIndex: index,
          goneInVersion: null,
          order: rows.size,
        });
      } else {
        row.lastVersion = version.number;
        row.lastTimestamp = timestamp;
        row.lastIndex = index;
      }
    }
  });
  const result: Building[] = [...rows.values()];
  for (const row of result) {
    row.goneInVersion = group[row.lastIndex + 1]?.number ?? null;
  }
  return result
    .sort((a, b) => a.order - b.order)
    .map(({ uid, firstVersion, firstTimestamp, lastVersion, lastTimestamp, goneInVersion }) => ({
      uid,
      firstVersion,
      firstTimestamp,
      lastVersion,
      lastTimestamp,
      goneInVersion,
    }));
}

/** A version's tags as the timeline reads them: decoded UIDs and their UTC times. */
export function versionEntries(bytes: Uint8Array): TimelineVersion['entries'] {
  const document = parse(bytes);
  const uids = document.uidList();
  return uids.map((uid, i) => {
    const time = document.entry(i).timestamp;
    return { uid, timestamp: time === null ? null : formatUtcIso(time) };
  });
}
