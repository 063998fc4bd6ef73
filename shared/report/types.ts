/**
 * What a forensic report holds (renderReport turns it into one self-contained HTML page): the
 * tool, the time of examination, the input as given with its size and SHA-256, the container
 * and every history found in it, the versions of the history and their diffs, and the full
 * entry tables. Plain data, so the CLI and the app build it from what they already know.
 */
import type { HistoryDiff } from '../diff/types.js';
import type { VersionsReport } from '../versions/types.js';

export interface ReportEntry {
  readonly index: number;
  /** The operation and content characters as written (`\xNN` for other bytes). */
  readonly op: string;
  readonly content: string;
  /** UTC ISO 8601 with `Z` when the digits form a date, else the characters as written. */
  readonly time: string;
  readonly uid: string;
  /** The UID as written, escapes and all. */
  readonly rawUid: string;
  readonly offset: number;
  readonly length: number;
  /** Findings of this entry, by severity. */
  readonly errors: number;
  readonly warnings: number;
}

export interface ReportFinding {
  readonly severity: 'error' | 'warning' | 'info';
  /** A diagnostic code (`uid.duplicate`), or `container` for the scan's own sentences. */
  readonly code: string;
  readonly message: string;
  /** The byte range `[start, end)` in the history's bytes, or null for container findings. */
  readonly span: { readonly start: number; readonly end: number } | null;
}

export interface ReportHistory {
  /** The POP3 account the attachment names, or null (a bare BLOB, a `Blob%08x` attachment). */
  readonly account: string | null;
  /** The attachment: `#3 BlobPOPjoe@example.com`, or null for a BLOB file. */
  readonly attachment: string | null;
  /** Where it sits: folder path and message subject in a store; null for a BLOB file. */
  readonly location: string | null;
  readonly bytes: number;
  readonly sha256: string;
  readonly version: number | null;
  readonly declaredCount: number | null;
  readonly entryCount: number;
  /** UTC ISO 8601 (`…Z`), or null when no entry has a valid time. */
  readonly firstTimestamp: string | null;
  readonly lastTimestamp: string | null;
  readonly findings: readonly ReportFinding[];
  readonly entries: readonly ReportEntry[];
}

/** The diff between two consecutive versions, by their `VersionRecord.number`. */
export interface ReportVersionDiff {
  readonly older: number;
  readonly newer: number;
  /** The account both versions belong to (current, or most likely preceded), when known. */
  readonly account?: string | null;
  readonly diff: HistoryDiff;
}

export interface ReportInput {
  readonly tool: { readonly name: string; readonly version: string };
  /** When the examination ran, UTC ISO 8601 with `Z`. */
  readonly examinedAt: string;
  readonly input: {
    /** The path exactly as the user gave it. */
    readonly path: string;
    readonly bytes: number;
    readonly sha256: string;
  };
  /** `blob` for a history given as a file (raw, hex or base64) rather than in a container. */
  readonly container: {
    readonly kind: 'pst' | 'ost' | 'msg' | 'blob';
    /** The scan's one sentence, or how a BLOB file was read ("hex text: …"). */
    readonly summary: string;
  };
  readonly histories: readonly ReportHistory[];
  /** Earlier versions carved from a store (issue 12's `findVersions`), or null when not searched. */
  readonly versions: VersionsReport | null;
  /** Diffs between consecutive versions (empty when `versions` is null or has fewer than two). */
  readonly versionDiffs: readonly ReportVersionDiff[];
}
