/**
 * The report's diffs between consecutive versions of a history: version 1 → 2, 2 → 3, … in
 * the order given (`VersionsReport.versions` is oldest first). The caller parses each
 * version's bytes (findVersions reports where they are, not the bytes themselves).
 */
import type { UidlDocument } from '../codec/types.js';
import { diffHistories } from '../diff/diff.js';
import type { ReportVersionDiff } from './types.js';

export function consecutiveVersionDiffs(
  versions: readonly { readonly number: number; readonly document: UidlDocument }[],
): ReportVersionDiff[] {
  const diffs: ReportVersionDiff[] = [];
  for (let i = 1; i < versions.length; i++) {
    const older = versions[i - 1]!;
    const newer = versions[i]!;
    diffs.push({
      older: older.number,
      newer: newer.number,
      diff: diffHistories(older.document, newer.document),
    });
  }
  return diffs;
}
