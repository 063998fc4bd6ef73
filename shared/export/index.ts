/** Every export format, one module each. */
export { toBase64, MIME_LINE_LENGTH, type Base64Options } from './base64.js';
export { toCsv, csvCell, CSV_COLUMNS, type CsvExportOptions } from './csv.js';
export { toHexDump, toHexLine, type HexLineOptions } from './hex.js';
export {
  toJson,
  toHistoryExport,
  HISTORY_EXPORT_SCHEMA,
  type ExportedDiagnostic,
  type ExportedEntry,
  type ExportedEntryDiagnostic,
  type ExportedInputFormat,
  type HistoryExport,
  type JsonExportOptions,
  type SpanBoundaries,
} from './json.js';
export { toRaw } from './raw.js';
export { selectEntries } from './selection.js';
export {
  toClientState,
  describeLeftOut,
  CLIENT_STATE_NEEDS,
  ClientStateExportError,
  type ClientStateExport,
  type ClientStateExportOptions,
} from './client-state.js';
