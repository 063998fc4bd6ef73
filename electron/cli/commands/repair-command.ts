/** The `repair` command's options and help, registered beside the others (kept apart from run.ts). */
import { Option, type Command } from 'commander';
import { MARK_DOWNLOADED_SCOPES } from '../../../shared/compare/actions.js';
import type { CliIo } from '../io.js';
import { addPop3Options, livePop3Options, type Pop3OptionValues } from '../live-listing.js';
import type { InputFormatOption, InputReadOptions } from '../load-input.js';
import { repair, type RepairOptions } from './repair.js';

export function registerRepair(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
  inputFormat: (command: Command) => InputFormatOption,
  readOptions: (command: Command) => InputReadOptions,
): void {
  addPop3Options(
    program
      .command('repair')
      .description(
        'mark the listing as downloaded (and remove stale entries) in a copy of the history: ' +
          'exit 0 when Outlook would then download nothing, 1 when it still would',
      )
      .argument('<BLOB>', 'the history, as compare takes it (never written)')
      .argument(
        '[LISTING]',
        'the UIDL listing: a UIDL response, a POP3 session transcript or one UID a line; - reads stdin',
      )
      .requiredOption(
        '-o, --output <OUT>',
        'write the repaired BLOB to OUT (atomically; an existing OUT is kept as OUT.bak, OUT.1.bak...)',
      )
      .addOption(
        new Option(
          '--mark-downloaded <which>',
          'older: the will-download UIDs likely downloaded before; all: new mail too (it is then ' +
            'never downloaded); none',
        )
          .choices(MARK_DOWNLOADED_SCOPES)
          .default('older'),
      )
      .option('--remove-stale', 'delete the entries of UIDs no longer on the server', false),
  ).action(
    async (
      blob: string,
      listing: string | undefined,
      options: {
        output: string;
        markDownloaded: RepairOptions['markDownloaded'];
        removeStale: boolean;
      } & Pop3OptionValues,
      command: Command,
    ) => {
      setExitCode(
        await repair(
          blob,
          {
            listing,
            pop3: livePop3Options(options),
            output: options.output,
            markDownloaded: options.markDownloaded,
            removeStale: options.removeStale,
            inputFormat: inputFormat(command),
            readOptions: readOptions(command),
          },
          io,
        ),
      );
    },
  );
}
