/**
 * The comparison's repairs as edit lists over the codec's Edit type, so the workspace applies
 * them through its undoable edit history (and the CLI or a script through applyEdits).
 */
import { EditError, encodeTag, type Edit, type TagFields } from '../codec/edit.js';
import { MAX_TAG_COUNT } from '../codec/layout.js';
import type { UidlDocument } from '../codec/types.js';
import { utcNow } from '../time-display.js';
import { groupDigits, quote } from '../wording.js';
import type { Comparison } from './types.js';

/**
 * Appends a `+b` entry dated `now` in UTC for each of `uids` not already in the history (each once),
 * written as Outlook writes it. Throws EditError, before any edit is made, when a UID cannot
 * be written or the history would outgrow its 16-bit Count.
 */
export function markDownloadedEdits(
  document: UidlDocument,
  uids: readonly string[],
  now: Date,
): Edit[] {
  const present = new Set(document.uidList());
  // Outlook writes UTC (FORMAT.md, "What Outlook really writes").
  const timestamp = utcNow(now);
  const edits: Edit[] = [];
  for (const uid of uids) {
    if (present.has(uid)) continue;
    present.add(uid);
    const fields: TagFields = { op: '+', content: 'b', timestamp, uid };
    encodeTag(fields); // throws a clear EditError for a UID Outlook could not have written
    edits.push({ kind: 'insert', index: document.entryCount, fields });
  }
  const total = (document.declaredCount.value ?? document.entryCount) + edits.length;
  if (total > MAX_TAG_COUNT) {
    throw new EditError(
      `marking ${groupDigits(edits.length)} UIDs as downloaded would give the history ` +
        `${groupDigits(total)} tags; Count is 16 bits and declares at most ${groupDigits(MAX_TAG_COUNT)}`,
    );
  }
  return edits;
}

/**
 * Deletes the history entries of the comparison's stale UIDs: all of them, or those of `uids`
 * (UIDs given that are not stale are left alone: a kept entry is never deleted). Throws
 * EditError when the comparison no longer matches the document (it was edited since).
 */
export function removeStaleEdits(
  document: UidlDocument,
  comparison: Comparison,
  uids?: readonly string[],
): Edit[] {
  const wanted = uids === undefined ? null : new Set(uids);
  const indexes: number[] = [];
  for (const compared of comparison.uids) {
    if (compared.uidClass !== 'stale' || (wanted !== null && !wanted.has(compared.uid))) continue;
    for (const index of compared.historyEntries) {
      if (index >= document.entryCount || document.uid(index) !== compared.uid) {
        throw new EditError(
          `the comparison is out of date: entry #${index} no longer holds ${quote(compared.uid)}; compare again`,
        );
      }
      indexes.push(index);
    }
  }
  return indexes.sort((a, b) => a - b).map((index) => ({ kind: 'delete', index }));
}
