/**
 * The export formats offered in the Export dialog: each maps the document (or a filtered
 * view of it, for JSON and CSV) to the bytes of a file, as the command-line tool writes them.
 */
import type { FileFilter } from '@shared/host/contract.js';
import { toBase64, MIME_LINE_LENGTH } from '@shared/export/base64.js';
import { toCsv } from '@shared/export/csv.js';
import { toHexDump, toHexLine } from '@shared/export/hex.js';
import { toJson } from '@shared/export/json.js';
import { toRaw } from '@shared/export/raw.js';
import { describeLeftOut, toClientState } from '@shared/export/client-state.js';
import type { ClientStateFormat } from '@shared/input/client-state/types.js';
import type { Session } from '../input/session';

export type ExportFormatId =
  'raw' | 'hex' | 'hexdump' | 'base64' | 'json' | 'csv' | 'csv-raw' | ClientStateFormat;

export interface ExportFormat {
  readonly id: ExportFormatId;
  readonly label: string;
  readonly description: string;
  /** Appended to the document's base name. */
  readonly suffix: string;
  readonly mimeType: string;
  readonly filter: FileFilter;
  /** Whether it can hold only the filtered entries. */
  readonly scoped: boolean;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: 'raw',
    label: 'Raw BLOB',
    description: 'The binary BLOB, ready to paste back into PidTagAttachDataBinary.',
    suffix: '.bin',
    mimeType: 'application/octet-stream',
    filter: { name: 'UIDL history BLOB', extensions: ['bin'] },
    scoped: false,
  },
  {
    id: 'hex',
    label: 'Hex (one line)',
    description: "Every byte as two hex digits on one line, for MFCMAPI's binary editor.",
    suffix: '.hex.txt',
    mimeType: 'text/plain',
    filter: { name: 'Text', extensions: ['txt'] },
    scoped: false,
  },
  {
    id: 'hexdump',
    label: 'Hex dump',
    description: '16 bytes a line with offsets and ASCII, as hexdump -C -v prints it.',
    suffix: '.hexdump.txt',
    mimeType: 'text/plain',
    filter: { name: 'Text', extensions: ['txt'] },
    scoped: false,
  },
  {
    id: 'base64',
    label: 'Base64',
    description: 'The BLOB in base64 (RFC 4648).',
    suffix: '.b64.txt',
    mimeType: 'text/plain',
    filter: { name: 'Text', extensions: ['txt'] },
    scoped: false,
  },
  {
    id: 'json',
    label: 'JSON',
    description:
      'Every entry with its fields, byte spans and findings (schema uidl-studio/history-export@3).',
    suffix: '.json',
    mimeType: 'application/json',
    filter: { name: 'JSON', extensions: ['json'] },
    scoped: true,
  },
  {
    id: 'csv',
    label: 'CSV',
    description:
      "One row per entry, safe to open in a spreadsheet: a cell starting with = + - @ gets a ' before it.",
    suffix: '.csv',
    mimeType: 'text/csv',
    filter: { name: 'CSV', extensions: ['csv'] },
    scoped: true,
  },
  {
    id: 'csv-raw',
    label: 'CSV, raw values (for grep and diff)',
    description:
      'The same rows with every value exactly as decoded (+, -abc, @user), to compare with the ' +
      "server's UIDs. Not safe to open in a spreadsheet: it may run a cell as a formula.",
    suffix: '.raw.csv',
    mimeType: 'text/csv',
    filter: { name: 'CSV', extensions: ['csv'] },
    scoped: true,
  },
  {
    id: 'popstate',
    label: 'Thunderbird popstate.dat',
    description:
      "Thunderbird's or SeaMonkey's list of downloaded messages for one account; '-' entries are left out.",
    suffix: '-popstate.dat',
    mimeType: 'text/plain',
    filter: { name: 'Thunderbird POP3 state', extensions: ['dat'] },
    scoped: true,
  },
  {
    id: 'fetchids',
    label: 'fetchmail .fetchids',
    description: "fetchmail's --idfile: one user@server UID line per downloaded message.",
    suffix: '.fetchids',
    mimeType: 'text/plain',
    filter: { name: 'fetchmail idfile', extensions: ['fetchids'] },
    scoped: true,
  },
  {
    id: 'getmail',
    label: 'getmail oldmail',
    description: "getmail's oldmail file: one UID and time per downloaded message.",
    suffix: '.oldmail',
    mimeType: 'application/octet-stream',
    filter: { name: 'getmail oldmail', extensions: ['*'] },
    scoped: true,
  },
];

/** Whether the format is another client's state file, written for one POP3 account. */
export function isClientStateFormat(id: ExportFormatId): id is ClientStateFormat {
  return id === 'popstate' || id === 'fetchids' || id === 'getmail';
}

export function exportFormat(id: ExportFormatId): ExportFormat {
  return EXPORT_FORMATS.find((format) => format.id === id)!;
}

export interface ExportChoice {
  readonly format: ExportFormatId;
  /** Entry indexes of a filtered view (JSON and CSV only); undefined for the whole document. */
  readonly entries?: readonly number[];
  /** Base64 only: wrap at 76 characters as MIME does. */
  readonly mimeLines?: boolean;
  /** popstate, fetchids: the POP3 account the file is for (never guessed). */
  readonly host?: string;
  readonly user?: string;
  /** popstate, fetchids, getmail: Thunderbird on Windows reads only CRLF lines. */
  readonly lineBreak?: '\n' | '\r\n';
}

function clientStateOf(session: Session, choice: ExportChoice & { format: ClientStateFormat }) {
  return toClientState(session.document, choice.format, {
    ...(choice.host !== undefined ? { host: choice.host } : {}),
    ...(choice.user !== undefined ? { user: choice.user } : {}),
    ...(choice.lineBreak !== undefined ? { lineBreak: choice.lineBreak } : {}),
    ...(choice.entries !== undefined ? { entries: choice.entries } : {}),
  });
}

/** For a state file: what was left out of it (deleted entries...), to tell the user. */
export function leftOutNoteOf(session: Session, choice: ExportChoice): string | null {
  if (!isClientStateFormat(choice.format)) return null;
  const result = clientStateOf(session, { ...choice, format: choice.format });
  const leftOut = describeLeftOut(result);
  return `${result.written} message(s) written as downloaded${leftOut ? `; ${leftOut}` : '.'}`;
}

const encoder = new TextEncoder();

/** The file's bytes. Text formats end with a line break, as the command-line tool writes them. */
export function renderExport(session: Session, choice: ExportChoice): Uint8Array {
  const { document, source } = session;
  const scope = choice.entries === undefined ? {} : { entries: choice.entries };
  switch (choice.format) {
    case 'raw':
      return toRaw(document);
    case 'hex':
      return encoder.encode(toHexLine(toRaw(document)) + '\n');
    case 'hexdump':
      return encoder.encode(toHexDump(toRaw(document)));
    case 'base64':
      return encoder.encode(
        toBase64(toRaw(document), choice.mimeLines ? { lineLength: MIME_LINE_LENGTH } : {}) + '\n',
      );
    case 'json':
      return encoder.encode(
        toJson(document, {
          inputSha256: source.inputSha256,
          inputFormat: source.format,
          ...scope,
        }) + '\n',
      );
    case 'csv':
      return encoder.encode(toCsv(document, scope));
    case 'csv-raw':
      return encoder.encode(toCsv(document, { ...scope, raw: true }));
    case 'popstate':
    case 'fetchids':
    case 'getmail':
      return encoder.encode(clientStateOf(session, { ...choice, format: choice.format }).text);
  }
}

/** The document's name without its extension, for suggested file names. */
export function baseName(name: string): string {
  const trimmed = name.trim() || 'uidl-history';
  const dot = trimmed.lastIndexOf('.');
  return dot > 0 ? trimmed.slice(0, dot) : trimmed;
}

export function suggestedExportName(session: Session, choice: ExportChoice): string {
  const format = exportFormat(choice.format);
  const filtered = choice.entries !== undefined ? '-filtered' : '';
  const name = `${baseName(session.source.name)}${filtered}${format.suffix}`;
  // Never suggest the source's own name: an export is a copy.
  return name === session.source.name
    ? `${baseName(session.source.name)}-export${format.suffix}`
    : name;
}
