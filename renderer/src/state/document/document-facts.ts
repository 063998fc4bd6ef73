/**
 * Per-entry facts read from a document's findings, computed once per document (documents are
 * immutable, so a WeakMap keyed on the document is an exact cache).
 */
import type { HistoryDocument } from './document';

/** Bits of `severityMask`. */
export const SEVERITY_BIT = { error: 1, warning: 2, info: 4 } as const;

export interface DocumentFacts {
  /** Per entry: OR of SEVERITY_BIT over its findings (0 for none). */
  readonly severityMask: Uint8Array;
  /** Per entry: 1 when its UID occurs in another tag too. */
  readonly duplicateMask: Uint8Array;
  /** Per entry: how many findings concern it. */
  readonly findingCount: Uint16Array;
}

const cache = new WeakMap<HistoryDocument, DocumentFacts>();

export function documentFacts(document: HistoryDocument): DocumentFacts {
  let facts = cache.get(document);
  if (facts === undefined) {
    const count = document.entryCount;
    const severityMask = new Uint8Array(count);
    const duplicateMask = new Uint8Array(count);
    const findingCount = new Uint16Array(count);
    for (const diagnostic of document.diagnostics) {
      const entry = diagnostic.entry;
      if (entry === undefined || entry < 0 || entry >= count) continue;
      severityMask[entry]! |= SEVERITY_BIT[diagnostic.severity];
      if (findingCount[entry]! < 0xffff) findingCount[entry]!++;
      if (diagnostic.code === 'uid.duplicate') duplicateMask[entry] = 1;
    }
    facts = { severityMask, duplicateMask, findingCount };
    cache.set(document, facts);
  }
  return facts;
}
