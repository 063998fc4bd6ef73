/**
 * The renderer works on the codec's columnar document (offsets, lengths and times in typed
 * arrays) so that filtering and sorting 65,535 tags never builds an entry object per tag.
 * `parse` and `applyEdits` always return one; these wrappers say so to the type checker.
 */
import { HistoryDocument } from '../../../shared/codec/document.js';
import { applyEdits, type Edit } from '../../../shared/codec/edit.js';
import { parse } from '../../../shared/codec/parse.js';
import type { UidlDocument } from '../../../shared/codec/types.js';
import { formatWritten, type TimeZonePreference } from './time-zone';

export { HistoryDocument };

function columnar(document: UidlDocument): HistoryDocument {
  if (document instanceof HistoryDocument) return document;
  throw new TypeError('expected a document produced by the codec parser');
}

export function parseDocument(bytes: Uint8Array): HistoryDocument {
  return columnar(parse(bytes));
}

export function editDocument(document: HistoryDocument, edits: readonly Edit[]): HistoryDocument {
  return columnar(applyEdits(document, edits));
}

/** The bytes of tag `index` (NUL included when present). */
export function tagBytes(document: HistoryDocument, index: number): Uint8Array {
  const offset = document.offsetOf(index);
  return document.bytes.subarray(offset, offset + document.lengthOf(index));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The time of entry `index` as shown in `zone`: `YYYY-MM-DD hh:mm:ss` when valid, else the
 * characters as written.
 */
export function displayTimestamp(
  document: HistoryDocument,
  index: number,
  zone: TimeZonePreference,
): string {
  const time = document.timestampOf(index);
  return time ? formatWritten(time, zone) : document.entry(index).timestampText;
}
