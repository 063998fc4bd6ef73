/**
 * The difference between two histories of the same account (an earlier version and a later
 * one, or a backup and today's): which UIDs entered, which left, and which entries changed.
 * Plain data: the `diff` command prints it, `--json` writes it as `uidl-studio/diff@1`, the
 * workspace shows it as a grid and the forensic report as a table.
 */

export type DiffKind = 'added' | 'removed' | 'changed';

/** What changed about a UID present in both histories. */
export type ChangedField = 'operation' | 'content' | 'timestamp' | 'occurrences';

export interface FieldChange {
  readonly field: ChangedField;
  /** As written: the operation or content character, the 14 timestamp digits, or a count. */
  readonly older: string;
  readonly newer: string;
  /**
   * The paired entries (the k-th occurrence of the UID on each side); null for `occurrences`,
   * which is about the UID as a whole.
   */
  readonly olderEntry: number | null;
  readonly newerEntry: number | null;
}

export interface DiffRow {
  readonly uid: string;
  readonly kind: DiffKind;
  /** 0-based entry indexes of the UID in the older history (empty when added). */
  readonly olderEntries: readonly number[];
  /** 0-based entry indexes of the UID in the newer history (empty when removed). */
  readonly newerEntries: readonly number[];
  /** Empty for added and removed UIDs. */
  readonly changes: readonly FieldChange[];
}

export interface DiffCounts {
  /** Distinct UIDs only in the newer history. */
  readonly added: number;
  /** Distinct UIDs only in the older history. */
  readonly removed: number;
  /** Distinct UIDs in both whose entries differ. */
  readonly changed: number;
  /** Distinct UIDs in both with the same entries. */
  readonly unchanged: number;
  readonly olderEntries: number;
  readonly newerEntries: number;
}

export interface HistoryDiff {
  /** Added and changed UIDs in the newer history's order, then removed ones in the older's. */
  readonly rows: readonly DiffRow[];
  readonly counts: DiffCounts;
  /** True when no UID was added, removed or changed (the bytes may still differ, in the slack). */
  readonly identical: boolean;
  /** One sentence for a ticket: "3 UIDs added, 5 removed (…), 0 changed." */
  readonly summary: string;
}
