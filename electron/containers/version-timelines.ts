/**
 * Each account's UID timeline over the versions a search found (the CLI's `--timeline` and the
 * desktop app's timeline view): a current history counts for its account, a carved copy for
 * the account it precedes; cut-off copies are left out, since the tags they lost say nothing.
 */
import {
  buildTimelines,
  versionEntries,
  type AccountTimeline,
} from '../../shared/versions/timeline.js';
import type { VersionsResult } from './versions.js';

export function versionTimelines(result: VersionsResult): AccountTimeline[] {
  return buildTimelines(
    result.report.versions
      .filter((v) => !v.truncated)
      .map((v) => ({
        number: v.number,
        account: v.current?.account ?? v.precedes?.account ?? null,
        entries: versionEntries(result.versionBytes(v.number)!),
      })),
  );
}
