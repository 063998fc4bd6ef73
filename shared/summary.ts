/**
 * The figures a person checks first about a history: how many tags, of what kind, over which
 * dates, and how many findings. One pass over the entries, so 65,535 of them cost milliseconds.
 */
import { countBySeverity } from './codec/diagnostics.js';
import { compareTimestamps } from './codec/timestamp.js';
import { formatUtcIso } from './time-display.js';
import type { Severity, Timestamp, UidlDocument } from './codec/types.js';

export type OperationName = 'get' | 'delete' | 'get-and-delete' | 'unknown';
export type ContentName = 'none' | 'header' | 'body' | 'unknown';

export const OPERATION_NAMES: readonly OperationName[] = [
  'get',
  'delete',
  'get-and-delete',
  'unknown',
];
export const CONTENT_NAMES: readonly ContentName[] = ['none', 'header', 'body', 'unknown'];

/** The name of an operation as written (`Entry.op`); anything but `+ - &` is `unknown`. */
export function operationName(op: string): OperationName {
  return op === '+' ? 'get' : op === '-' ? 'delete' : op === '&' ? 'get-and-delete' : 'unknown';
}

/** The name of a content character as written (`Entry.content`). */
export function contentName(content: string): ContentName {
  return content === ' '
    ? 'none'
    : content === 'h'
      ? 'header'
      : content === 'b'
        ? 'body'
        : 'unknown';
}

export interface DocumentSummary {
  /** The header's version, null when the BLOB is too short to hold it. */
  readonly version: number | null;
  readonly declaredCount: number | null;
  /** Tags read (at most the declared count). */
  readonly entryCount: number;
  /** Bytes after the last counted tag. */
  readonly trailingBytes: number;
  /** Tags per operation name; every name is present, zero included. */
  readonly byOperation: Record<OperationName, number>;
  /** Tags per content name; every name is present, zero included. */
  readonly byContent: Record<ContentName, number>;
  /** Earliest valid time, UTC as `YYYY-MM-DDThh:mm:ssZ` (the digits as written), or null. */
  readonly firstTimestamp: string | null;
  readonly lastTimestamp: string | null;
  readonly diagnostics: Record<Severity, number>;
  /** Distinct non-empty UIDs that occur in more than one tag. */
  readonly duplicateUids: number;
}

function zeroCounts<Name extends string>(names: readonly Name[]): Record<Name, number> {
  return Object.fromEntries(names.map((name) => [name, 0])) as Record<Name, number>;
}

export function summarize(document: UidlDocument): DocumentSummary {
  const byOperation = zeroCounts(OPERATION_NAMES);
  const byContent = zeroCounts(CONTENT_NAMES);
  let first: Timestamp | null = null;
  let last: Timestamp | null = null;

  for (const entry of document.entries) {
    byOperation[operationName(entry.op)]++;
    byContent[contentName(entry.content)]++;
    const time = entry.timestamp;
    if (time) {
      if (first === null || compareTimestamps(time, first) < 0) first = time;
      if (last === null || compareTimestamps(time, last) > 0) last = time;
    }
  }

  // The parser already grouped equal UIDs: one uid.duplicate finding per member, each listing
  // its group, so the groups are the distinct first members.
  const groups = new Set<number>();
  for (const diagnostic of document.diagnostics) {
    if (diagnostic.code === 'uid.duplicate') groups.add(diagnostic.relatedEntries?.[0] ?? -1);
  }
  const duplicateUids = groups.size;

  return {
    version: document.version.value,
    declaredCount: document.declaredCount.value,
    entryCount: document.entryCount,
    trailingBytes: document.trailing.end - document.trailing.start,
    byOperation,
    byContent,
    firstTimestamp: first && formatUtcIso(first),
    lastTimestamp: last && formatUtcIso(last),
    diagnostics: countBySeverity(document.diagnostics),
    duplicateUids,
  };
}
