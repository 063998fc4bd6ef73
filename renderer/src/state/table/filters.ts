/**
 * The entry filters: what the user can narrow the table by, and the one pass over the
 * document's columns that applies them all. Every criterion left at its default matches
 * everything; the criteria combine with AND.
 */
import type { Severity } from '@shared/codec/types.js';
import { contentName, operationName } from '@shared/summary.js';
import { documentFacts, SEVERITY_BIT } from '../document/document-facts';
import type { HistoryDocument } from '../document/document';
import { writtenKeyRange, type TimeZonePreference } from '../time-zone';

export type OperationFilter = 'any' | '+' | '-' | '&' | 'unknown';
export type ContentFilter = 'any' | ' ' | 'h' | 'b' | 'unknown';
export type SeverityFilter = 'any' | Severity;

export interface Filters {
  /** Text (substring) or regular expression matched against decoded UIDs. */
  readonly uidQuery: string;
  readonly uidRegex: boolean;
  /**
   * Letter case must match, for text and regular expressions alike. Off by default (a support
   * engineer first looks for a UID whatever its case); on, it shows the case near misses apart.
   */
  readonly uidMatchCase: boolean;
  readonly operation: OperationFilter;
  readonly content: ContentFilter;
  /** Entries with at least one finding of this severity. */
  readonly severity: SeverityFilter;
  /**
   * Inclusive day range as `YYYY-MM-DD` in the displayed zone (empty: open). Entries without a
   * valid time fail it.
   */
  readonly dateFrom: string;
  readonly dateTo: string;
  readonly hasDiagnostics: boolean;
  readonly duplicatesOnly: boolean;
}

export const NO_FILTERS: Filters = Object.freeze({
  uidQuery: '',
  uidRegex: false,
  uidMatchCase: false,
  operation: 'any',
  content: 'any',
  severity: 'any',
  dateFrom: '',
  dateTo: '',
  hasDiagnostics: false,
  duplicatesOnly: false,
});

export function filtersActive(filters: Filters): boolean {
  return (
    filters.uidQuery !== '' ||
    filters.operation !== 'any' ||
    filters.content !== 'any' ||
    filters.severity !== 'any' ||
    filters.dateFrom !== '' ||
    filters.dateTo !== '' ||
    filters.hasDiagnostics ||
    filters.duplicatesOnly
  );
}

export interface FilterResult {
  /** Per entry: 1 when it passes every filter. */
  readonly mask: Uint8Array;
  /** How many entries pass. */
  readonly count: number;
  /** Why the UID query was ignored (an invalid regular expression), else null. */
  readonly uidError: string | null;
}

export type UidMatcher = { readonly test: (uid: string) => boolean };

/** The UID criterion: null matches everything; `error` when the regular expression is invalid. */
export function compileUidQuery(
  query: string,
  regex: boolean,
  matchCase = false,
): { matcher: UidMatcher | null; error: string | null } {
  if (query === '') return { matcher: null, error: null };
  const flags = matchCase ? '' : 'i';
  if (!regex) {
    // A regular expression of the escaped text avoids lower-casing 65,535 UIDs per keystroke.
    return {
      matcher: new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags),
      error: null,
    };
  }
  try {
    return { matcher: new RegExp(query, flags), error: null };
  } catch (error) {
    // V8 says "Invalid regular expression: /(/i: Unterminated group": keep only the reason.
    const message = error instanceof Error ? error.message : String(error);
    const reason = message.replace(/^Invalid regular expression:\s*(\/.*\/[a-z]*:\s*)?/, '');
    return { matcher: null, error: `Invalid regular expression: ${reason}` };
  }
}

/** `YYYY-MM-DD` as the yyyyMMdd number HistoryDocument stores, or null when not such a date. */
export function dayKey(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 10000 + Number(match[2]) * 100 + Number(match[3]);
}

/** `unknown` matches what shared/summary names so (and counts as such), else the character. */
function choiceMatches(value: string, filter: string, name: (value: string) => string): boolean {
  return filter === 'unknown' ? name(value) === 'unknown' : value === filter;
}

export function filterEntries(
  document: HistoryDocument,
  filters: Filters,
  zone: TimeZonePreference = 'utc',
): FilterResult {
  const count = document.entryCount;
  const mask = new Uint8Array(count);
  const { matcher, error } = compileUidQuery(
    filters.uidQuery,
    filters.uidRegex,
    filters.uidMatchCase,
  );
  const facts = documentFacts(document);
  const uids = matcher ? document.uidList() : null;
  // The displayed days as a range of written (UTC) keys: one comparison per tag in any zone.
  const { min: minTime, max: maxTime } = writtenKeyRange(
    dayKey(filters.dateFrom),
    dayKey(filters.dateTo),
    zone,
  );
  const severityBit = filters.severity === 'any' ? 0 : SEVERITY_BIT[filters.severity];
  const { operation, content, hasDiagnostics, duplicatesOnly } = filters;

  let passed = 0;
  for (let i = 0; i < count; i++) {
    if (operation !== 'any' && !choiceMatches(document.byteFieldOf(i, 0), operation, operationName))
      continue;
    if (content !== 'any' && !choiceMatches(document.byteFieldOf(i, 1), content, contentName))
      continue;
    if (severityBit !== 0 && (facts.severityMask[i]! & severityBit) === 0) continue;
    if (hasDiagnostics && facts.severityMask[i] === 0) continue;
    if (duplicatesOnly && facts.duplicateMask[i] === 0) continue;
    if (minTime !== null || maxTime !== null) {
      const time = document.timeKeyOf(i);
      if (time < 0) continue;
      if (minTime !== null && time < minTime) continue;
      if (maxTime !== null && time > maxTime) continue;
    }
    if (matcher && !matcher.test(uids![i]!)) continue;
    mask[i] = 1;
    passed++;
  }
  return { mask, count: passed, uidError: error };
}
