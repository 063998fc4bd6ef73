/**
 * The JSON export: a versioned contract (history-export.schema.json) that scripts and other
 * tools can rely on. Field names and meanings change only with a new `schema` version.
 */
import { formatUtcIso } from '../time-display.js';
import type { ByteSpan, Diagnostic, Entry, Severity, UidlDocument } from '../codec/types.js';
import { sha256Hex } from '../hash.js';
import { summarize, type DocumentSummary } from '../summary.js';
import { toHexLine } from './hex.js';
import { toRaw } from './raw.js';
import { selectEntries } from './selection.js';

export const HISTORY_EXPORT_SCHEMA = 'uidl-studio/history-export@1';

/** How an input can encode the BLOB (shared/input's InputFormat). */
export type ExportedInputFormat = 'raw' | 'hex' | 'base64';

export type SpanPair = readonly [start: number, end: number];

export interface ExportedEntryDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly relatedEntries?: readonly number[];
}

export interface ExportedDiagnostic extends ExportedEntryDiagnostic {
  readonly entry?: number;
}

export interface ExportedEntry {
  readonly index: number;
  readonly offset: number;
  readonly length: number;
  readonly op: string;
  readonly content: string;
  readonly timestamp: string | null;
  readonly timestampText: string;
  readonly rawUid: string;
  readonly uid: string;
  readonly spans: {
    readonly op: SpanPair;
    readonly content: SpanPair;
    readonly timestamp: SpanPair;
    readonly uid: SpanPair;
    readonly terminator: SpanPair;
  };
  readonly diagnostics: readonly ExportedEntryDiagnostic[];
}

export interface HistoryExport {
  readonly schema: typeof HISTORY_EXPORT_SCHEMA;
  readonly sha256: string;
  readonly blobSha256: string;
  readonly inputFormat: ExportedInputFormat;
  readonly version: number | null;
  readonly declaredCount: number | null;
  readonly filtered?: { readonly entries: number; readonly of: number };
  readonly entries: readonly ExportedEntry[];
  readonly trailing: {
    readonly offset: number;
    readonly length: number;
    readonly hex: string;
    /** Whether the trailing bytes are Outlook's slack (info `trailing.slack`), not stray data. */
    readonly outlookSlack: boolean;
  };
  readonly diagnostics: readonly ExportedDiagnostic[];
  readonly summary: DocumentSummary;
}

export interface JsonExportOptions {
  /** SHA-256 (hex) of the input as the user gave it, before hex or base64 decoding. */
  readonly inputSha256: string;
  /** How the input was written. */
  readonly inputFormat: ExportedInputFormat;
  /** Export only these entry indexes (a filtered view), in this order. */
  readonly entries?: readonly number[];
}

function pair(span: ByteSpan): SpanPair {
  return [span.start, span.end];
}

function exportDiagnostic(diagnostic: Diagnostic, withEntry: boolean): ExportedDiagnostic {
  const { code, severity, message, start, end, entry, relatedEntries } = diagnostic;
  return {
    code,
    severity,
    message,
    start,
    end,
    ...(withEntry && entry !== undefined ? { entry } : {}),
    ...(relatedEntries !== undefined ? { relatedEntries } : {}),
  };
}

function exportEntry(entry: Entry): ExportedEntry {
  const spans = entry.spans;
  return {
    index: entry.index,
    offset: entry.offset,
    length: entry.length,
    op: entry.op,
    content: entry.content,
    timestamp: entry.timestamp && formatUtcIso(entry.timestamp),
    timestampText: entry.timestampText,
    rawUid: entry.rawUid,
    uid: entry.uid,
    spans: {
      op: pair(spans.op),
      content: pair(spans.content),
      timestamp: pair(spans.timestamp),
      uid: pair(spans.uid),
      terminator: pair(spans.terminator),
    },
    // The entry is implied by where the finding sits.
    diagnostics: entry.diagnostics.map((diagnostic) => exportDiagnostic(diagnostic, false)),
  };
}

/** The export as an object, for callers that post-process it before writing. */
export function toHistoryExport(document: UidlDocument, options: JsonExportOptions): HistoryExport {
  const selected = selectEntries(document, options.entries);
  const blob = toRaw(document);
  // A filtered export keeps the document-wide findings and those of the entries it holds.
  const selectedIndexes =
    options.entries === undefined ? null : new Set(selected.map((entry) => entry.index));
  const diagnostics = document.diagnostics
    .filter(
      (diagnostic) =>
        selectedIndexes === null ||
        diagnostic.entry === undefined ||
        selectedIndexes.has(diagnostic.entry),
    )
    .map((diagnostic) => exportDiagnostic(diagnostic, true));
  const { trailing } = document;
  return {
    schema: HISTORY_EXPORT_SCHEMA,
    sha256: options.inputSha256,
    blobSha256: sha256Hex(blob),
    inputFormat: options.inputFormat,
    version: document.version.value,
    declaredCount: document.declaredCount.value,
    ...(options.entries === undefined
      ? {}
      : { filtered: { entries: selected.length, of: document.entries.length } }),
    entries: selected.map(exportEntry),
    trailing: {
      offset: trailing.start,
      length: trailing.end - trailing.start,
      hex: toHexLine(document.bytes.subarray(trailing.start, trailing.end)),
      outlookSlack: document.slack !== null,
    },
    diagnostics,
    summary: summarize(document),
  };
}

/** The export as JSON text, indented by two spaces, without a final line break. */
export function toJson(document: UidlDocument, options: JsonExportOptions): string {
  return JSON.stringify(toHistoryExport(document, options), null, 2);
}
