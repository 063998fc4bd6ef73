/**
 * The report's diffs between consecutive versions of a history: version 1 → 2, 2 → 3, … in
 * the order given (`VersionsReport.versions` is oldest first). The caller parses each
 * version's bytes (findVersions reports where they are, not the bytes themselves);
 * versionDiffsByAccount groups a store's versions by account first.
 */
import type { UidlDocument } from '../codec/types.js';
import { diffHistories } from '../diff/diff.js';
import type { VersionRecord } from '../versions/types.js';
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

/** The account a version belongs to: the one it is the current history of, or precedes. */
export function versionAccount(version: VersionRecord): string | null {
  return version.current?.account ?? version.precedes?.account ?? null;
}

/**
 * The diffs between consecutive versions of each account, oldest first: versions of two
 * accounts are never diffed with each other (their UIDs differ entirely). A cut-off copy is
 * left out, as in the timeline: its missing tags would read as removed UIDs. `documentOf`
 * gives a version's parsed history, or null when its bytes are not at hand.
 */
export function versionDiffsByAccount(
  versions: readonly VersionRecord[],
  documentOf: (number: number) => UidlDocument | null,
): ReportVersionDiff[] {
  const groups = new Map<string | null, { number: number; document: UidlDocument }[]>();
  for (const version of versions) {
    if (version.truncated) continue;
    const document = documentOf(version.number);
    if (document === null) continue;
    const account = versionAccount(version);
    const group = groups.get(account) ?? [];
    group.push({ number: version.number, document });
    groups.set(account, group);
  }
  return [...groups].flatMap(([account, group]) =>
    consecutiveVersionDiffs(group).map((step) => ({ ...step, account })),
  );
}
