/**
 * The JSON export: a versioned contract (history-export.schema.json) that scripts and other
 * tools can rely on. Field names and meanings change only with a new `schema` version.
 *
 * Its size is linear in the document: every finding is written once (in its entry, or at the
 * top for header and trailing findings), and a duplicated UID's entries are listed once in
 * `duplicateGroups`, which each `uid.duplicate` finding names by index. Version 1 listed all
 * of a group's entries in each of its findings, twice: 2,000 copies of one UID made 126 MB.
 * Version 3 writes an entry's spans as the six boundaries they share, and leaves out what
 * another field already says exactly (rawUid equal to uid, the digits of a valid time):
 * 65,535 copies of one tag went from 37.5 MB to under 30 MB.
 */
import { formatUtcIso } from '../time-display.js';
import type { Diagnostic, Entry, Severity, UidlDocument } from '../codec/types.js';
import { sha256Hex } from '../hash.js';
import { summarize, type DocumentSummary } from '../summary.js';
import { toHexLine } from './hex.js';
import { toRaw } from './raw.js';
import { selectEntries } from './selection.js';

export const HISTORY_EXPORT_SCHEMA = 'uidl-studio/history-export@3';

/** How an input can encode the BLOB (shared/input's InputFormat). */
export type ExportedInputFormat = 'raw' | 'hex' | 'base64' | 'popstate' | 'fetchids' | 'getmail';

/**
 * A tag's fields lie end to end, so six offsets give all five spans: op [b0, b1), content
 * [b1, b2), timestamp [b2, b3), uid [b3, b4), terminator [b4, b5). b0 is the tag's offset and
 * b5 its offset + length; a field the tag lacks is empty (two equal boundaries).
 */
export type SpanBoundaries = readonly [
  op: number,
  content: number,
  timestamp: number,
  uid: number,
  terminator: number,
  end: number,
];

export interface ExportedEntryDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** For `uid.duplicate`: the index of its group in `duplicateGroups`. */
  readonly duplicateGroup?: number;
}

/** A finding about the header or the trailing bytes (not about one entry). */
export type ExportedDiagnostic = Omit<ExportedEntryDiagnostic, 'duplicateGroup'>;

/** One decoded UID held by several entries. */
export interface ExportedDuplicateGroup {
  readonly uid: string;
  /** Every entry holding it, in BLOB order (in a filtered export, the whole document's). */
  readonly entries: readonly number[];
}

export interface ExportedEntry {
  readonly index: number;
  readonly offset: number;
  readonly length: number;
  readonly op: string;
  readonly content: string;
  readonly timestamp: string | null;
  /** The time's characters as written; absent when `timestamp` is not null (its digits). */
  readonly timestampText?: string;
  /** The UID as written; absent when it is written exactly as `uid` (no escapes). */
  readonly rawUid?: string;
  readonly uid: string;
  readonly spans: SpanBoundaries;
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
  readonly duplicateGroups: readonly ExportedDuplicateGroup[];
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

/** Numbers the duplicate groups in the order the export first meets them. */
class DuplicateGroups {
  readonly list: ExportedDuplicateGroup[] = [];
  // The codec gives every finding of a group the same members array: it is the group's key.
  private readonly ids = new Map<readonly number[], number>();

  constructor(private readonly document: UidlDocument) {}

  idOf(members: readonly number[]): number {
    let id = this.ids.get(members);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(members, id);
      this.list.push({ uid: this.document.uid(members[0]!), entries: members });
    }
    return id;
  }
}

function exportDiagnostic(diagnostic: Diagnostic): ExportedDiagnostic {
  const { code, severity, message, start, end } = diagnostic;
  return { code, severity, message, start, end };
}

function exportEntryDiagnostic(
  diagnostic: Diagnostic,
  groups: DuplicateGroups,
): ExportedEntryDiagnostic {
  const { relatedEntries } = diagnostic;
  return {
    ...exportDiagnostic(diagnostic),
    ...(relatedEntries === undefined ? {} : { duplicateGroup: groups.idOf(relatedEntries) }),
  };
}

function exportEntry(entry: Entry, groups: DuplicateGroups): ExportedEntry {
  const spans = entry.spans;
  const { rawUid, uid } = entry;
  return {
    index: entry.index,
    offset: entry.offset,
    length: entry.length,
    op: entry.op,
    content: entry.content,
    timestamp: entry.timestamp && formatUtcIso(entry.timestamp),
    // A valid time's text is its digits, already in `timestamp`.
    ...(entry.timestamp === null ? { timestampText: entry.timestampText } : {}),
    ...(rawUid === uid ? {} : { rawUid }),
    uid,
    spans: [
      spans.op.start,
      spans.content.start,
      spans.timestamp.start,
      spans.uid.start,
      spans.terminator.start,
      spans.terminator.end,
    ],
    diagnostics: entry.diagnostics.map((diagnostic) => exportEntryDiagnostic(diagnostic, groups)),
  };
}

/** The export as an object, for callers that post-process it before writing. */
export function toHistoryExport(document: UidlDocument, options: JsonExportOptions): HistoryExport {
  return buildExport(document, options, exportEntry);
}

/** The export, with each entry as `entryOf` makes it (an object, or toJson's line of text). */
function buildExport<EntryForm>(
  document: UidlDocument,
  options: JsonExportOptions,
  entryOf: (entry: Entry, groups: DuplicateGroups) => EntryForm,
): Omit<HistoryExport, 'entries'> & { entries: EntryForm[] } {
  const selected = selectEntries(document, options.entries);
  const blob = toRaw(document);
  const groups = new DuplicateGroups(document);
  const entries = selected.map((entry) => entryOf(entry, groups));
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
    entries,
    trailing: {
      offset: trailing.start,
      length: trailing.end - trailing.start,
      hex: toHexLine(document.bytes.subarray(trailing.start, trailing.end)),
      outlookSlack: document.slack !== null,
    },
    // An entry's findings are in the entry: here only the header's and the trailing bytes'.
    diagnostics: document.diagnostics
      .filter((diagnostic) => diagnostic.entry === undefined)
      .map(exportDiagnostic),
    duplicateGroups: groups.list,
    summary: summarize(document),
  };
}

/**
 * The export as JSON text, without a final line break: the top level indented by two spaces,
 * each entry and each duplicate group on one line of its own. One line an entry keeps the
 * text small (pretty-printing every span took 700 bytes an entry) and greppable.
 */
export function toJson(document: UidlDocument, options: JsonExportOptions): string {
  // Each entry becomes its line at once, so 65,535 entry objects are never held together.
  const built = buildExport(document, options, (entry, groups) =>
    JSON.stringify(exportEntry(entry, groups)),
  );
  const parts: string[] = ['{\n'];
  for (const [key, value] of Object.entries(built)) {
    if (parts.length > 1) parts.push(',\n');
    parts.push(`  ${JSON.stringify(key)}: `);
    if (key === 'entries' || key === 'duplicateGroups') {
      const items = value as readonly unknown[];
      if (items.length === 0) {
        parts.push('[]');
        continue;
      }
      parts.push('[\n');
      items.forEach((item, i) => {
        if (i > 0) parts.push(',\n');
        parts.push('    ', typeof item === 'string' ? item : JSON.stringify(item));
      });
      parts.push('\n  ]');
      continue;
    }
    parts.push(JSON.stringify(value, null, 2).replaceAll('\n', '\n  '));
  }
  parts.push('\n}');
  return parts.join('');
}
