/**
 * diffHistories(older, newer): UIDs added and removed, and entries whose operation, content or
 * timestamp changed, matched exactly on the decoded UID. Linear in the two histories: one map
 * from UID to its entry indexes per side, one pass over each.
 *
 * A UID held by several entries (a duplicate) is one row: its k-th entry on one side is paired
 * with its k-th entry on the other, and a different number of entries is an `occurrences`
 * change.
 */
import { HistoryDocument } from '../codec/document.js';
import type { UidlDocument } from '../codec/types.js';
import { groupDigits, plural } from '../wording.js';
import type { DiffCounts, DiffRow, FieldChange, HistoryDiff } from './types.js';

/**
 * UID → its entry indexes, and the UIDs in order of first appearance. Most UIDs occur once, so
 * only a duplicate's indexes get an array: 65,535 small arrays would dominate the diff's time.
 */
class UidIndex {
  readonly order: string[] = [];
  private readonly first = new Map<string, number>();
  private readonly repeats = new Map<string, number[]>();

  constructor(document: UidlDocument) {
    const uids = document.uidList();
    for (let index = 0; index < uids.length; index++) {
      const uid = uids[index]!;
      if (!this.first.has(uid)) {
        this.first.set(uid, index);
        this.order.push(uid);
        continue;
      }
      const list = this.repeats.get(uid);
      if (list) list.push(index);
      else this.repeats.set(uid, [this.first.get(uid)!, index]);
    }
  }

  has(uid: string): boolean {
    return this.first.has(uid);
  }

  /** The UID's entry indexes in order; empty when it has none. */
  entries(uid: string): number[] {
    const repeated = this.repeats.get(uid);
    if (repeated) return repeated;
    const index = this.first.get(uid);
    return index === undefined ? [] : [index];
  }
}

/** Bytes of a tag before its UID: operation, content and the 14 timestamp digits. */
const FIELDS_LENGTH = 16;

/**
 * Whether two entries' operation, content and timestamp bytes are equal, read straight from
 * the documents' bytes when both are the codec's columnar documents (no Entry is built for
 * the many unchanged ones); null when that cannot be told that way.
 */
function sameFieldBytes(
  older: UidlDocument,
  olderEntry: number,
  newer: UidlDocument,
  newerEntry: number,
): boolean | null {
  if (!(older instanceof HistoryDocument && newer instanceof HistoryDocument)) return null;
  if (older.lengthOf(olderEntry) <= FIELDS_LENGTH || newer.lengthOf(newerEntry) <= FIELDS_LENGTH) {
    return null;
  }
  const a = older.offsetOf(olderEntry);
  const b = newer.offsetOf(newerEntry);
  for (let i = 0; i < FIELDS_LENGTH; i++) {
    if (older.bytes[a + i] !== newer.bytes[b + i]) return false;
  }
  return true;
}

function pairChanges(
  older: UidlDocument,
  newer: UidlDocument,
  olderEntries: readonly number[],
  newerEntries: readonly number[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  const paired = Math.min(olderEntries.length, newerEntries.length);
  for (let k = 0; k < paired; k++) {
    const olderEntry = olderEntries[k]!;
    const newerEntry = newerEntries[k]!;
    if (sameFieldBytes(older, olderEntry, newer, newerEntry) === true) continue;
    const before = older.entry(olderEntry);
    const after = newer.entry(newerEntry);
    const compare = (field: FieldChange['field'], a: string, b: string): void => {
      if (a !== b) changes.push({ field, older: a, newer: b, olderEntry, newerEntry });
    };
    compare('operation', before.op, after.op);
    compare('content', before.content, after.content);
    compare('timestamp', before.timestampText, after.timestampText);
  }
  if (olderEntries.length !== newerEntries.length) {
    changes.push({
      field: 'occurrences',
      older: String(olderEntries.length),
      newer: String(newerEntries.length),
      olderEntry: null,
      newerEntry: null,
    });
  }
  return changes;
}

/** The one-sentence summary, from the counts alone. */
export function diffSummary(counts: DiffCounts): string {
  const { added, removed, changed, unchanged } = counts;
  if (added + removed + changed === 0) {
    return (
      `No differences: the same ${plural(unchanged, 'UID')} with the same operations, ` +
      'contents and times.'
    );
  }
  const why = removed > 0 ? ' (deleted on the server and dropped by Outlook)' : '';
  return `${plural(added, 'UID')} added, ${groupDigits(removed)} removed${why}, ${groupDigits(changed)} changed.`;
}

export function diffHistories(older: UidlDocument, newer: UidlDocument): HistoryDiff {
  const before = new UidIndex(older);
  const after = new UidIndex(newer);
  const rows: DiffRow[] = [];
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  for (const uid of after.order) {
    const newerEntries = after.entries(uid);
    if (!before.has(uid)) {
      added++;
      rows.push({ uid, kind: 'added', olderEntries: [], newerEntries, changes: [] });
      continue;
    }
    const olderEntries = before.entries(uid);
    const changes = pairChanges(older, newer, olderEntries, newerEntries);
    if (changes.length === 0) {
      unchanged++;
      continue;
    }
    changed++;
    rows.push({ uid, kind: 'changed', olderEntries, newerEntries, changes });
  }
  let removed = 0;
  for (const uid of before.order) {
    if (after.has(uid)) continue;
    removed++;
    rows.push({
      uid,
      kind: 'removed',
      olderEntries: before.entries(uid),
      newerEntries: [],
      changes: [],
    });
  }
  const counts: DiffCounts = {
    added,
    removed,
    changed,
    unchanged,
    olderEntries: older.entryCount,
    newerEntries: newer.entryCount,
  };
  return { rows, counts, identical: rows.length === 0, summary: diffSummary(counts) };
}

/** One change for people: `timestamp 20200101000000 → 20210101000000`, `content 'b' → ' '`. */
export function describeChange(change: FieldChange): string {
  switch (change.field) {
    case 'occurrences':
      return `entries ${change.older} → ${change.newer}`;
    case 'timestamp':
      return `timestamp ${change.older} → ${change.newer}`;
    default:
      // A space (content "none") would vanish unquoted.
      return `${change.field} '${change.older}' → '${change.newer}'`;
  }
}
