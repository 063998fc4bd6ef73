/**
 * Which structure owns a byte of the BLOB: a header field, a field of an entry, Outlook's
 * slack (the Count + 4 harmless bytes after the tags), or other trailing bytes. The hex view colours bytes by it and selects the owner on click.
 */
import type { HistoryDocument } from './document';
import { UID_OFFSET } from '../../../shared/codec/layout.js';

export type EntryField = 'op' | 'content' | 'timestamp' | 'uid' | 'nul';

export type ByteOwner =
  | { readonly kind: 'version' }
  | { readonly kind: 'count' }
  | { readonly kind: 'entry'; readonly index: number; readonly field: EntryField }
  | { readonly kind: 'trailing' }
  | { readonly kind: 'slack' }
  | { readonly kind: 'none' };

/** The entry whose tag holds byte `offset`, or -1. Binary search over the offsets column. */
export function entryAt(document: HistoryDocument, offset: number): number {
  let low = 0;
  let high = document.entryCount - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = document.offsetOf(middle);
    if (offset < start) high = middle - 1;
    else if (offset >= start + document.lengthOf(middle)) low = middle + 1;
    else return middle;
  }
  return -1;
}

/** The field of entry `index` that byte `offset` (inside its tag) belongs to. */
function fieldAt(document: HistoryDocument, index: number, offset: number): EntryField {
  const start = document.offsetOf(index);
  const end = start + document.lengthOf(index);
  if (offset === end - 1 && document.bytes[offset] === 0) return 'nul';
  const relative = offset - start;
  return relative === 0
    ? 'op'
    : relative === 1
      ? 'content'
      : relative < UID_OFFSET
        ? 'timestamp'
        : 'uid';
}

export function ownerOf(document: HistoryDocument, offset: number): ByteOwner {
  if (offset < 0 || offset >= document.bytes.length) return { kind: 'none' };
  const { version, declaredCount, trailing, slack } = document;
  if (offset >= version.span.start && offset < version.span.end) return { kind: 'version' };
  if (offset >= declaredCount.span.start && offset < declaredCount.span.end)
    return { kind: 'count' };
  if (offset >= trailing.start && offset < trailing.end)
    return { kind: slack !== null ? 'slack' : 'trailing' };
  const index = entryAt(document, offset);
  if (index < 0) return { kind: 'none' };
  return { kind: 'entry', index, field: fieldAt(document, index, offset) };
}

/**
 * The owners of bytes [start, end): one binary search per tag that starts in the range rather
 * than one per byte, for the hex view's lines.
 */
export function ownersOf(document: HistoryDocument, start: number, end: number): ByteOwner[] {
  const owners: ByteOwner[] = [];
  let entry = -1;
  let entryEnd = -1;
  for (let offset = start; offset < end; offset++) {
    if (entry >= 0 && offset < entryEnd) {
      owners.push({ kind: 'entry', index: entry, field: fieldAt(document, entry, offset) });
      continue;
    }
    const owner = ownerOf(document, offset);
    owners.push(owner);
    if (owner.kind === 'entry') {
      entry = owner.index;
      entryEnd = document.offsetOf(entry) + document.lengthOf(entry);
    } else {
      entry = -1;
    }
  }
  return owners;
}
