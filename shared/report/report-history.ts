/** A parsed history as the report shows it: its figures, findings and every entry. */
import { countBySeverity } from '../codec/diagnostics.js';
import type { UidlDocument } from '../codec/types.js';
import { sha256Hex } from '../hash.js';
import { summarize } from '../summary.js';
import { formatUtcIso } from '../time-display.js';
import type { ReportFinding, ReportHistory } from './types.js';

export interface HistoryPlace {
  readonly account: string | null;
  readonly attachment: string | null;
  readonly location: string | null;
  /** Sentences the container scan gave about this attachment (a mini-UID mismatch, …). */
  readonly containerFindings?: readonly string[];
}

export function reportHistory(document: UidlDocument, place: HistoryPlace): ReportHistory {
  const summary = summarize(document);
  const findings: ReportFinding[] = [
    ...(place.containerFindings ?? []).map((message): ReportFinding => ({
      severity: 'warning',
      code: 'container',
      message,
      span: null,
    })),
    ...document.diagnostics.map((diagnostic): ReportFinding => ({
      severity: diagnostic.severity,
      code: diagnostic.code,
      message: diagnostic.message,
      span: { start: diagnostic.start, end: diagnostic.end },
    })),
  ];
  return {
    account: place.account,
    attachment: place.attachment,
    location: place.location,
    bytes: document.bytes.length,
    sha256: sha256Hex(document.bytes),
    version: summary.version,
    declaredCount: summary.declaredCount,
    entryCount: summary.entryCount,
    firstTimestamp: summary.firstTimestamp,
    lastTimestamp: summary.lastTimestamp,
    findings,
    entries: document.entries.map((entry) => {
      const counts = countBySeverity(entry.diagnostics);
      return {
        index: entry.index,
        op: entry.op,
        content: entry.content,
        time: entry.timestamp ? formatUtcIso(entry.timestamp) : entry.timestampText,
        uid: entry.uid,
        rawUid: entry.rawUid,
        offset: entry.offset,
        length: entry.length,
        errors: counts.error,
        warnings: counts.warning,
      };
    }),
  };
}
