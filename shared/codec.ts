/**
 * `uidl-studio/codec`: the library entry. Everything a program needs to read, check, edit and
 * write Outlook's POP3 UIDL history BLOB, with no Node or browser dependency.
 */
export type {
  ByteSpan,
  Content,
  Diagnostic,
  Entry,
  EntrySpans,
  HeaderField,
  Operation,
  Severity,
  Timestamp,
  UidlDocument,
} from './codec/types.js';
export { parse } from './codec/parse.js';
export {
  BLOB_VERSION,
  HEADER_LENGTH,
  MAX_TAG_COUNT,
  UID_OFFSET,
  entrySpans,
} from './codec/layout.js';
export { serialize, encodeHeader } from './codec/serialize.js';
export {
  applyEdits,
  invertEdits,
  encodeTag,
  updateEntry,
  insertEntry,
  appendEntry,
  deleteEntries,
  EditError,
  type Edit,
  type TagFields,
} from './codec/edit.js';
export {
  encodeUid,
  decodeUid,
  validateUid,
  UidEncodeError,
  MAX_UID_LENGTH,
  type UidProblem,
  type UidScan,
  type UidValidationProblem,
} from './codec/uid.js';
export {
  formatTimestampIso,
  formatTimestampDigits,
  parseTimestampText,
  compareTimestamps,
} from './codec/timestamp.js';
export {
  DIAGNOSTIC_CATALOGUE,
  DIAGNOSTIC_CODES,
  countBySeverity,
  severityOf,
  type DiagnosticCode,
} from './codec/diagnostics.js';
export {
  UTC,
  formatUtcIso,
  formatTimestampForDisplay,
  timestampInZone,
  offsetLabel,
  zoneOffsetMinutes,
  timestampToUtcMillis,
  utcTimestampOf,
  utcNow,
  type DisplayZone,
} from './time-display.js';
export * from './input/index.js';
export * from './export/index.js';
export { summarize, operationName, contentName, type DocumentSummary } from './summary.js';
export { sha256Hex } from './hash.js';
