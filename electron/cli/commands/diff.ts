/**
 * `uidl-studio diff OLD NEW [--json]`: which UIDs entered and left the history between two
 * versions of it, and which entries changed. Both sides are any input the CLI reads (a file,
 * hex or base64 text, `STORE#account`, `STORE#n`). Exit 0 identical, 1 different, 2 on error.
 */
import { describeChange, diffHistories } from '../../../shared/diff/diff.js';
import { diffJson } from '../../../shared/diff/json.js';
import type { DiffRow, HistoryDiff } from '../../../shared/diff/types.js';
import { groupDigits } from '../../../shared/wording.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
import {
  loadInput,
  type InputFormatOption,
  type InputReadOptions,
  type LoadedInput,
} from '../load-input.js';
import { formatTable, plural, printable } from '../text.js';

export const DIFF_EXIT = { identical: 0, different: 1 } as const;

export interface DiffCommandOptions {
  readonly json: boolean;
  readonly inputFormat: InputFormatOption;
  readonly readOptions?: InputReadOptions;
}

const entryList = (entries: readonly number[]): string => entries.map(groupDigits).join(', ');

function section(title: string, rows: readonly DiffRow[], lines: string[]): void {
  if (rows.length === 0) return;
  lines.push(
    '',
    `${title} (${groupDigits(rows.length)}):`,
    formatTable(
      [
        { title: 'old entries', align: 'right' },
        { title: 'new entries', align: 'right' },
        { title: 'UID', maxWidth: 72 },
        { title: 'changes' },
      ],
      rows.map((row) => [
        entryList(row.olderEntries),
        entryList(row.newerEntries),
        printable(row.uid),
        printable(row.changes.map(describeChange).join('; ')),
      ]),
    ).trimEnd(),
  );
}

export function formatDiff(older: LoadedInput, newer: LoadedInput, diff: HistoryDiff): string {
  const side = (label: string, loaded: LoadedInput): string =>
    `${label}: ${printable(loaded.label)} (${plural(loaded.document.entryCount, 'entry', 'entries')}, ` +
    `SHA-256 ${loaded.inputSha256})`;
  const lines = [side('Old', older), side('New', newer), '', diff.summary];
  const ofKind = (kind: DiffRow['kind']) => diff.rows.filter((row) => row.kind === kind);
  section('Added', ofKind('added'), lines);
  section('Removed', ofKind('removed'), lines);
  section('Changed', ofKind('changed'), lines);
  return lines.join('\n') + '\n';
}

export async function diffCommand(
  olderFile: string,
  newerFile: string,
  options: DiffCommandOptions,
  io: CliIo,
): Promise<number> {
  if (olderFile === '-' && newerFile === '-') {
    throw new CliError('OLD and NEW cannot both be read from stdin (-)');
  }
  const older = await loadInput(olderFile, options.inputFormat, io, options.readOptions);
  const newer = await loadInput(newerFile, options.inputFormat, io, options.readOptions);
  const diff = diffHistories(older.document, newer.document);
  const sideJson = (loaded: LoadedInput) => ({
    name: loaded.label,
    sha256: loaded.inputSha256,
    entryCount: loaded.document.entryCount,
  });
  io.stdout.write(
    options.json
      ? JSON.stringify(
          diffJson(diff, { older: sideJson(older), newer: sideJson(newer) }),
          null,
          2,
        ) + '\n'
      : formatDiff(older, newer, diff),
  );
  return diff.identical ? DIFF_EXIT.identical : DIFF_EXIT.different;
}
