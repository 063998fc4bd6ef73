/**
 * The decoded form of a POP3 UIDL history BLOB (see FORMAT.md).
 *
 * Every structure carries the exact byte range it came from, `[start, end)` in the document's
 * `bytes`, because the UI highlights bytes with them and diagnostics point at them.
 */
import type { DiagnosticCode } from './diagnostics.js';

export type Severity = 'error' | 'warning' | 'info';

/** A half-open byte range `[start, end)` in a document's bytes. */
export interface ByteSpan {
  readonly start: number;
  readonly end: number;
}

export interface Diagnostic {
  /** Stable identifier, e.g. `uid.bad-escape`; see DIAGNOSTIC_CATALOGUE. */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** A sentence a support engineer understands, naming the entry and byte offset. */
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** Index of the entry concerned, absent for header and trailing findings. */
  readonly entry?: number;
  /** Every entry involved, for findings about several (duplicate UIDs). */
  readonly relatedEntries?: readonly number[];
}

/** The operation character: `+` get, `-` delete, `&` get-and-delete. */
export type Operation = '+' | '-' | '&';
/** The content character: space none, `h` header, `b` body. */
export type Content = ' ' | 'h' | 'b';

/** A written date and time: UTC, as Outlook writes it (FORMAT.md, "What Outlook really writes"). */
export interface Timestamp {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export interface EntrySpans {
  /** The whole tag, terminator included when present. */
  readonly tag: ByteSpan;
  readonly op: ByteSpan;
  readonly content: ByteSpan;
  readonly timestamp: ByteSpan;
  readonly uid: ByteSpan;
  /** The NUL; empty (start = end) when the tag has none. */
  readonly terminator: ByteSpan;
}

/** One resource tag. Fields that a short tag lacks are empty strings with empty spans. */
export interface Entry {
  readonly index: number;
  /** Byte offset of the tag's first byte. */
  readonly offset: number;
  /** Bytes of the tag, its NUL included when present. */
  readonly length: number;
  readonly terminated: boolean;
  /**
   * The operation character as written. Printable ASCII is shown as itself; any other byte as
   * `\xNN`, so the value is never ambiguous.
   */
  readonly op: string;
  /** The content character as written, shown like `op`. */
  readonly content: string;
  /** The timestamp's characters as written (normally 14 digits). */
  readonly timestampText: string;
  /** The broken-down time when the 14 digits form a real date and time, else null. */
  readonly timestamp: Timestamp | null;
  /** The encoded UID as written (UTF-8 decoded, U+FFFD for invalid bytes). */
  readonly rawUid: string;
  /** The decoded UID. Malformed escapes are kept literally. */
  readonly uid: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly spans: EntrySpans;
}

export interface HeaderField {
  /** The little-endian value, or null when the BLOB is too short to hold the field. */
  readonly value: number | null;
  readonly span: ByteSpan;
}

export interface UidlDocument {
  /** The BLOB's bytes. Never modified: edits produce a new document. */
  readonly bytes: Uint8Array;
  readonly version: HeaderField;
  readonly declaredCount: HeaderField;
  /** How many counted tags were found (entries.length, without building the entries). */
  readonly entryCount: number;
  /** The counted tags, in order. Built on first use: prefer entry(i) and uid(i) for a few. */
  readonly entries: readonly Entry[];
  /** Entry `index`; throws RangeError when there is none. */
  entry(index: number): Entry;
  /** Entry `index`'s decoded UID (cached), without building an Entry. */
  uid(index: number): string;
  /** Every decoded UID in entry order: decoded together, which is much cheaper for all. */
  uidList(): readonly string[];
  /** Bytes after the last counted tag (empty span when there are none). */
  readonly trailing: ByteSpan;
  /**
   * The trailing bytes when they are Outlook's slack (FORMAT.md "What Outlook really writes":
   * exactly Count + 4 bytes after all Count tags; edits keep it that shape); null otherwise.
   * Never read as tags; its bytes are kept.
   */
  readonly slack: ByteSpan | null;
  /** Every finding, header, entries and trailing bytes, sorted by byte offset. */
  readonly diagnostics: readonly Diagnostic[];
}
