/**
 * What differs between the document as opened and as edited now: the Changes view. Entries are
 * matched by identity (entry-ids.ts), not by position, so deleting entry 3 reads as one
 * deletion rather than every later entry changed.
 */
import { displayTimestamp, tagBytes, bytesEqual, type HistoryDocument } from './document';
import { memoizePerObject } from './memo';
import type { Session } from './session';
import { identicalToInputOf } from './summary';

export interface FieldChange {
  readonly field: 'Operation' | 'Content' | 'Timestamp' | 'UID' | 'Bytes';
  readonly before: string;
  readonly after: string;
}

export type Change =
  | {
      readonly kind: 'header';
      readonly field: 'Version' | 'Count' | 'Trailing bytes';
      readonly before: string;
      readonly after: string;
    }
  | { readonly kind: 'added'; readonly index: number; readonly summary: string }
  | { readonly kind: 'deleted'; readonly originalIndex: number; readonly summary: string }
  | {
      readonly kind: 'modified';
      readonly index: number;
      readonly originalIndex: number;
      readonly fields: readonly FieldChange[];
    };

/**
 * `+b 2012-09-06 13:11:38 UTC uid`: one line describing an entry. Changes are about the bytes,
 * so the time is as written (UTC) whatever the display setting.
 */
function describeEntry(document: HistoryDocument, index: number): string {
  const time = displayTimestamp(document, index, 'utc');
  const zone = document.timeKeyOf(index) >= 0 ? ' UTC' : '';
  return `${document.byteFieldOf(index, 0)}${document.byteFieldOf(index, 1)} ${time}${zone} ${document.uid(index)}`;
}

function fieldChanges(
  before: HistoryDocument,
  i: number,
  after: HistoryDocument,
  j: number,
): FieldChange[] {
  const changes: FieldChange[] = [];
  const compare = (field: FieldChange['field'], a: string, b: string): void => {
    if (a !== b) changes.push({ field, before: a, after: b });
  };
  const a = before.entry(i);
  const b = after.entry(j);
  compare('Operation', a.op, b.op);
  compare('Content', a.content, b.content);
  compare('Timestamp', a.timestampText, b.timestampText);
  compare('UID', a.rawUid, b.rawUid);
  // Same fields but other bytes: a terminator added, an invalid byte replaced...
  if (changes.length === 0)
    changes.push({ field: 'Bytes', before: `${a.length} bytes`, after: `${b.length} bytes` });
  return changes;
}

function headerValue(value: number | null): string {
  return value === null ? '(missing)' : String(value);
}

function compute(session: Session): readonly Change[] {
  const { original, document, ids } = session;
  const changes: Change[] = [];
  if (identicalToInputOf(session)) return changes;
  if (original.version.value !== document.version.value) {
    changes.push({
      kind: 'header',
      field: 'Version',
      before: headerValue(original.version.value),
      after: headerValue(document.version.value),
    });
  }
  if (original.declaredCount.value !== document.declaredCount.value) {
    changes.push({
      kind: 'header',
      field: 'Count',
      before: headerValue(original.declaredCount.value),
      after: headerValue(document.declaredCount.value),
    });
  }
  // Dropping Outlook's slack (or any change of what follows the tags) is a change of its own.
  const trailingBefore = original.trailing.end - original.trailing.start;
  const trailingAfter = document.trailing.end - document.trailing.start;
  if (trailingBefore !== trailingAfter) {
    const describe = (doc: typeof original, length: number): string =>
      length === 0 ? 'none' : `${length} bytes${doc.slack !== null ? " (Outlook's slack)" : ''}`;
    changes.push({
      kind: 'header',
      field: 'Trailing bytes',
      before: describe(original, trailingBefore),
      after: describe(document, trailingAfter),
    });
  }
  // Texts are getters: the toolbar only counts the changes, and the dialog shows a screenful,
  // so describing 65,535 entries after a bulk edit would be wasted work.
  const originalCount = original.entryCount;
  const kept = new Uint8Array(originalCount);
  const entryChanges: Change[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id >= originalCount) {
      entryChanges.push({
        kind: 'added',
        index: i,
        get summary() {
          return describeEntry(document, i);
        },
      });
      continue;
    }
    kept[id] = 1;
    if (!bytesEqual(tagBytes(original, id), tagBytes(document, i))) {
      entryChanges.push({
        kind: 'modified',
        index: i,
        originalIndex: id,
        get fields() {
          return fieldChanges(original, id, document, i);
        },
      });
    }
  }
  for (let id = 0; id < originalCount; id++) {
    if (!kept[id])
      entryChanges.push({
        kind: 'deleted',
        originalIndex: id,
        get summary() {
          return describeEntry(original, id);
        },
      });
  }
  // In file order: deletions by where they stood, the rest by where they stand.
  const position = (change: Change): number =>
    change.kind === 'deleted' ? change.originalIndex : change.kind === 'header' ? -1 : change.index;
  entryChanges.sort((x, y) => position(x) - position(y));
  return [...changes, ...entryChanges];
}

/** Memoised per session object: a session changes identity with every edit. */
export const changesOf = memoizePerObject(compute);
