/**
 * The comparison's repairs as edit lists over the codec's Edit type, so the workspace applies
 * them through its undoable edit history (and the CLI or a script through applyEdits).
 */
import { EditError, encodeTag, type Edit, type TagFields } from '../codec/edit.js';
import { MAX_TAG_COUNT } from '../codec/layout.js';
import type { UidlDocument } from '../codec/types.js';
import { validateUid } from '../codec/uid.js';
import { utcNow } from '../time-display.js';
import { groupDigits, quote } from '../wording.js';
import type { Comparison } from './types.js';

/** Which will-download UIDs Mark as downloaded marks when it is not given a selection. */
export type MarkDownloadedScope = 'older' | 'all' | 'none';
export const MARK_DOWNLOADED_SCOPES: readonly MarkDownloadedScope[] = ['older', 'all', 'none'];

export interface MarkDownloadedTargets {
  /** The UIDs to mark, in the comparison's order. */
  readonly marked: readonly string[];
  /** Likely new mail left out by the `older` scope: Outlook still downloads it. */
  readonly leftOutNew: readonly string[];
}

/**
 * The will-download UIDs to mark: `older` only those likely downloaded before (the default,
 * so new mail is never marked unasked), `all` the likely new ones too, `none` nothing.
 */
export function markDownloadedTargets(
  comparison: Comparison,
  scope: MarkDownloadedScope,
): MarkDownloadedTargets {
  const marked: string[] = [];
  const leftOutNew: string[] = [];
  if (scope === 'none') return { marked, leftOutNew };
  for (const compared of comparison.uids) {
    if (compared.uidClass !== 'will-download') continue;
    if (compared.likelyNew && scope === 'older') leftOutNew.push(compared.uid);
    else marked.push(compared.uid);
  }
  return { marked, leftOutNew };
}

/** A UID a repair left out because it cannot be written, and why. */
export interface SkippedUid {
  readonly uid: string;
  /** "the UID has 75 characters; RFC 1939 allows at most 70". */
  readonly reason: string;
}

export interface MarkDownloadedPlan {
  /** One `+b` insert for each UID written, for one undoable step. */
  readonly edits: Edit[];
  /** The UIDs that cannot be written, each once, in the order given. */
  readonly skipped: readonly SkippedUid[];
}

/** Why `uid` cannot be written in a new tag, or null when it can. */
function unwritable(fields: TagFields): string | null {
  // Over 70 characters is only a finding when read, but a repair does not write what RFC 1939
  // forbids: Outlook never received such a UID from a server.
  const problem = validateUid(fields.uid)[0];
  if (problem !== undefined) return problem.message;
  try {
    encodeTag(fields);
    return null;
  } catch (error) {
    if (error instanceof EditError) return error.message;
    throw error;
  }
}

/**
 * Appends a `+b` entry dated `now` in UTC for each of `uids` not already in the history (each
 * once), written as Outlook writes it. A UID that cannot be written (empty, over 70
 * characters, outside printable ASCII) is skipped and listed with its reason; the rest are
 * written. Throws EditError, before any edit is made, when the history would outgrow its
 * 16-bit Count.
 */
export function markDownloadedEdits(
  document: UidlDocument,
  uids: readonly string[],
  now: Date,
): MarkDownloadedPlan {
  const present = new Set(document.uidList());
  // Outlook writes UTC (docs/FORMAT.md, "What Outlook really writes").
  const timestamp = utcNow(now);
  const edits: Edit[] = [];
  const skipped: SkippedUid[] = [];
  for (const uid of uids) {
    if (present.has(uid)) continue;
    present.add(uid);
    const fields: TagFields = { op: '+', content: 'b', timestamp, uid };
    const reason = unwritable(fields);
    if (reason === null) edits.push({ kind: 'insert', index: document.entryCount, fields });
    else skipped.push({ uid, reason });
  }
  const total = (document.declaredCount.value ?? document.entryCount) + edits.length;
  if (total > MAX_TAG_COUNT) {
    throw new EditError(
      `marking ${groupDigits(edits.length)} UIDs as downloaded would give the history ` +
        `${groupDigits(total)} tags; Count is 16 bits and declares at most ${groupDigits(MAX_TAG_COUNT)}`,
    );
  }
  return { edits, skipped };
}

/** "'a-very-long-uid…' (the UID has 75 characters; …)", one line per skipped UID. */
export function describeSkipped(skipped: SkippedUid): string {
  return `${quote(skipped.uid)}: ${skipped.reason}`;
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
