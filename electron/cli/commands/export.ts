/** `uidl-studio export FILE --format F [-o OUT]`: the document in another format. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { UidlDocument } from '../../../shared/codec/types.js';
import { toBase64 } from '../../../shared/export/base64.js';
import { toCsv } from '../../../shared/export/csv.js';
import { toHexDump, toHexLine } from '../../../shared/export/hex.js';
import { toJson } from '../../../shared/export/json.js';
import { toRaw } from '../../../shared/export/raw.js';
import {
  CLIENT_STATE_FORMATS,
  type ClientStateFormat,
} from '../../../shared/input/client-state/types.js';
import { writeFileAtomic } from '../../services/atomic-write.js';
import { CliError, describeFsError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { LoadedInput } from '../load-input.js';
import { formatBytes, terminalSafe } from '../text.js';
import { renderClientState, type ClientStateAccountOptions } from './export-client-state.js';

export const EXPORT_FORMATS = [
  'json',
  'csv',
  'hex',
  'hexdump',
  'base64',
  'bin',
  ...CLIENT_STATE_FORMATS,
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

function isClientStateFormat(format: ExportFormat): format is ClientStateFormat {
  return (CLIENT_STATE_FORMATS as readonly string[]).includes(format);
}

export interface ExportOptions {
  readonly format: ExportFormat;
  /** Output file; undefined or `-` writes to stdout. */
  readonly output?: string;
  /** Allow OUT to be the input file itself. */
  readonly overwriteInput: boolean;
  /** Replace OUT even when it is a read-only file. */
  readonly force?: boolean;
  /** The account and line break of a popstate, fetchids or getmail export. */
  readonly clientState?: ClientStateAccountOptions;
  /** CSV only: values as decoded, not neutralised for spreadsheets (`--csv-raw`). */
  readonly csvRaw?: boolean;
}

/** The export's bytes; text formats end with a line break. */
export function renderExport(
  loaded: LoadedInput,
  format: Exclude<ExportFormat, ClientStateFormat>,
  csvRaw = false,
): Uint8Array | string {
  const document: UidlDocument = loaded.document;
  switch (format) {
    case 'json':
      return (
        toJson(document, {
          inputSha256: loaded.inputSha256,
          inputFormat: loaded.decoded.format,
        }) + '\n'
      );
    case 'csv':
      return toCsv(document, { raw: csvRaw });
    case 'hex':
      return toHexLine(toRaw(document)) + '\n';
    case 'hexdump':
      return toHexDump(toRaw(document));
    case 'base64':
      return toBase64(toRaw(document)) + '\n';
    case 'bin':
      return toRaw(document);
  }
}

/** True when `output` names the input file, by path or by identity (links, other spellings). */
export async function isSameFile(inputPath: string, output: string): Promise<boolean> {
  if (resolve(output) === inputPath) return true;
  try {
    const [a, b] = await Promise.all([stat(inputPath), stat(output)]);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false; // OUT does not exist yet: it cannot be the input.
  }
}

export async function exportDocument(
  loaded: LoadedInput,
  options: ExportOptions,
  io: CliIo,
): Promise<number> {
  const { output } = options;
  const toStdout = output === undefined || output === '-';
  if (toStdout && options.format === 'bin' && io.stdout.isTTY) {
    throw new CliError(
      'refusing to write binary output to a terminal; use -o FILE or redirect stdout',
    );
  }
  if (!toStdout && loaded.path !== null && !options.overwriteInput) {
    if (await isSameFile(loaded.path, output)) {
      throw new CliError(
        `refusing to overwrite the input file '${output}' with the export; ` +
          `pass --overwrite-input to replace it (the old file is kept as '${output}.bak')`,
      );
    }
  }

  const { format } = options;
  if (options.csvRaw && format !== 'csv') {
    throw new CliError(`--csv-raw applies to --format csv only, not ${format}`);
  }
  // Checked before anything is written, so a missing --pop-host leaves OUT alone.
  const rendered = isClientStateFormat(format)
    ? renderClientState(loaded, format, options.clientState ?? {}, io)
    : renderExport(loaded, format, options.csvRaw === true);
  if (toStdout) {
    // A UID may hold ESC or BEL ($1b, $07): on a terminal they would drive it, so show them.
    const onTerminal = io.stdout.isTTY && typeof rendered === 'string';
    io.stdout.write(onTerminal ? terminalSafe(rendered) : rendered);
    return 0;
  }
  const bytes = typeof rendered === 'string' ? new TextEncoder().encode(rendered) : rendered;
  let backupPath: string | null;
  try {
    ({ backupPath } = await writeFileAtomic(output, bytes, {
      replaceReadOnly: options.force === true,
    }));
  } catch (error) {
    throw describeFsError('write', output, error);
  }
  // stdout is free when the export goes to a file: say where it went.
  io.stdout.write(
    `Wrote ${formatBytes(bytes.length)} to '${output}'` +
      (backupPath ? `; the previous file is kept as '${backupPath}'.\n` : '.\n'),
  );
  return 0;
}
