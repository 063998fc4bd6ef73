/**
 * Entry identities: each entry of the current document carries an id that survives edits,
 * so the Changes view can tell an added entry from a moved one and the selection can follow
 * entries through inserts and deletes. The opened file's entries have ids 0..n-1 (their
 * original indexes); every added entry gets a new id above those.
 *
 * transformIds mirrors applyEdits' index rules exactly: edit indexes refer to the document
 * before the edits; inserts at one position land in the order the edits list them.
 */
import type { Edit } from '@shared/codec/edit.js';

export interface IdTransform {
  readonly ids: Int32Array;
  /** Ids given to the inserted entries, in the order the edits list the inserts. */
  readonly inserted: number[];
  /** Ids of the deleted entries, in ascending index order. */
  readonly removed: number[];
  /** Entries before the edits. */
  readonly previousCount: number;
  /** Old index → new index, -1 for a deleted entry. */
  readonly newIndexOf: (oldIndex: number) => number;
}

export function initialIds(count: number): Int32Array {
  const ids = new Int32Array(count);
  for (let i = 0; i < count; i++) ids[i] = i;
  return ids;
}

/**
 * The ids after `edits`. Inserted entries take `insertIds` in order (to restore the ids an
 * undo or redo had before), then fresh ones from `allocate`.
 */
export function transformIds(
  ids: Int32Array,
  edits: readonly Edit[],
  insertIds: readonly number[],
  allocate: () => number,
): IdTransform {
  const insertedAt = new Map<number, number[]>();
  const deleted = new Set<number>();
  const inserted: number[] = [];
  let reuse = 0;
  for (const edit of edits) {
    if (edit.kind === 'insert') {
      const id = reuse < insertIds.length ? insertIds[reuse++]! : allocate();
      inserted.push(id);
      const list = insertedAt.get(edit.index) ?? [];
      list.push(id);
      insertedAt.set(edit.index, list);
    } else if (edit.kind === 'delete') {
      deleted.add(edit.index);
    }
  }
  if (insertedAt.size === 0 && deleted.size === 0) {
    return { ids, inserted, removed: [], previousCount: ids.length, newIndexOf: (index) => index };
  }
  const count = ids.length;
  const next = new Int32Array(count + inserted.length - deleted.size);
  const oldToNew = new Int32Array(count);
  const removed: number[] = [];
  let at = 0;
  for (let index = 0; index <= count; index++) {
    for (const id of insertedAt.get(index) ?? []) next[at++] = id;
    if (index === count) break;
    if (deleted.has(index)) {
      removed.push(ids[index]!);
      oldToNew[index] = -1;
    } else {
      oldToNew[index] = at;
      next[at++] = ids[index]!;
    }
  }
  return {
    ids: next,
    inserted,
    removed,
    previousCount: count,
    newIndexOf: (index) => (index >= 0 && index < count ? oldToNew[index]! : -1),
  };
}
