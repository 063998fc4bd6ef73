/**
 * Versions of a history found in one input: the current histories a container scan names, and
 * earlier copies carved from the rest of the file (docs/FORMAT.md, "What Outlook really
 * writes": Outlook writes each new history to fresh space and leaves the old one until the
 * space is reused). Plain data: the `versions` command prints it, `--json` writes it as
 * `uidl-studio/versions@1`, the chooser and the forensic report show it.
 */

import type { Severity } from '../codec/types.js';
import type { AccountTimeline } from './timeline.js';

/** How the bytes around a version were decoded before its shape was found. */
export type VersionEncoding = 'none' | 'compressible' | 'high' | 'plain-search';

/** One place in the input where the version's bytes were found. */
export interface VersionLocation {
  /** Byte offset in the input file of the version's first byte (its `03 00`). */
  readonly offset: number;
  /** The store block that holds it, when the input is a store and the block is known. */
  readonly blockId: string | null;
  readonly encoding: VersionEncoding;
}

export interface VersionRecord {
  /** 1-based, in the listed order: `STORE#versions/<n>`. */
  readonly number: number;
  /** Every place an identical copy sits, first the lowest offset. */
  readonly locations: readonly VersionLocation[];
  /**
   * Offset of the first location (kept flat for scripts); -1, with no locations, for a current
   * history the byte search did not find (its data split over blocks that are not contiguous).
   */
  readonly offset: number;
  /** Bytes of the version as read: the whole BLOB, or what remained of a cut-off one. */
  readonly bytes: number;
  readonly sha256: string;
  readonly entryCount: number;
  readonly declaredCount: number | null;
  /** UTC ISO 8601 (`…Z`), or null when no entry has a timestamp. */
  readonly firstTimestamp: string | null;
  readonly lastTimestamp: string | null;
  /** The account whose current history this is (by the scan), or null for a carved copy. */
  readonly current: { readonly account: string | null; readonly attachmentNumber: number } | null;
  /** For a carved copy: the account whose current history shares most UIDs with it. */
  readonly precedes: { readonly account: string | null; readonly sharedUids: number } | null;
  /** True when the copy ends before its Count tags do (overwritten or cut at a block edge). */
  readonly truncated: boolean;
  readonly diagnostics: Record<Severity, number>;
  /** Sentences worth a look (cut off, found only by the plain search, …). */
  readonly findings: readonly string[];
}

export interface VersionsReport {
  readonly schema: 'uidl-studio/versions@1';
  readonly input: { readonly path: string; readonly bytes: number; readonly sha256: string };
  readonly container: 'pst' | 'ost' | 'msg' | 'unknown';
  /** Ordered by latest timestamp, oldest first; versions without timestamps first. */
  readonly versions: readonly VersionRecord[];
  /** Sentences about the whole search (a store that could not be scanned). */
  readonly findings: readonly string[];
  /** Present when asked for (`versions --timeline`): each UID's first and last version. */
  readonly timeline?: readonly AccountTimeline[];
}
