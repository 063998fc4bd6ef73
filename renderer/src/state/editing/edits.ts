/** The edit lists behind each editing command, and the labels the undo history shows. */
import type { Edit, TagFields } from '@shared/codec/edit.js';
import { plural } from '@shared/wording.js';
import { tagBytes, type HistoryDocument } from '../document/document';

function entries(count: number): string {
  return plural(count, 'entry', 'entries');
}

/** "entry #4" for one, "3 entries" for several. */
export function describeIndexes(indexes: readonly number[]): string {
  return indexes.length === 1 ? `entry #${indexes[0]}` : entries(indexes.length);
}

export function deleteEdits(indexes: readonly number[]): Edit[] {
  return indexes.map((index) => ({ kind: 'delete', index }));
}

/** A byte-for-byte copy of each entry, inserted right after it. */
export function duplicateEdits(document: HistoryDocument, indexes: readonly number[]): Edit[] {
  return indexes.map((index) => ({
    kind: 'insert',
    index: index + 1,
    bytes: tagBytes(document, index).slice(),
  }));
}

export function updateEdits(indexes: readonly number[], fields: Partial<TagFields>): Edit[] {
  return indexes.map((index) => ({ kind: 'update', index, fields }));
}

/** Appends a new tag, as Outlook adds one after each download. */
export function appendEdit(document: HistoryDocument, fields: TagFields): Edit[] {
  return [{ kind: 'insert', index: document.entryCount, fields }];
}
