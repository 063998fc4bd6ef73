/**
 * The diff as JSON for scripts (`uidl-studio diff --json`): a versioned contract,
 * diff.schema.json. Field names and meanings change only with a new `schema` version.
 */
import type { DiffCounts, DiffRow, HistoryDiff } from './types.js';

export const DIFF_SCHEMA = 'uidl-studio/diff@1';

/** One side as the user named it (a file, `<stdin>`, `STORE#account`, `STORE#versions/<n>`). */
export interface DiffSideJson {
  readonly name: string;
  /** SHA-256 of the input exactly as given (before hex or base64 decoding). */
  readonly sha256: string;
  readonly entryCount: number;
}

export interface DiffJson {
  readonly schema: typeof DIFF_SCHEMA;
  readonly older: DiffSideJson;
  readonly newer: DiffSideJson;
  readonly identical: boolean;
  readonly counts: DiffCounts;
  readonly summary: string;
  readonly uids: readonly DiffRow[];
}

export function diffJson(
  diff: HistoryDiff,
  sides: { readonly older: DiffSideJson; readonly newer: DiffSideJson },
): DiffJson {
  return {
    schema: DIFF_SCHEMA,
    older: sides.older,
    newer: sides.newer,
    identical: diff.identical,
    counts: diff.counts,
    summary: diff.summary,
    uids: diff.rows.map((row) => ({
      uid: row.uid,
      kind: row.kind,
      olderEntries: row.olderEntries,
      newerEntries: row.newerEntries,
      changes: row.changes,
    })),
  };
}
