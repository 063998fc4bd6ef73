/** The `repair` command's options and help, registered beside the others (kept apart from run.ts). */
import { Option, type Command } from 'commander';
import { MARK_DOWNLOADED_SCOPES } from '../../../shared/compare/actions.js';
import type { CliIo } from '../io.js';
import { livePop3Options, PASSWORD_VARIABLE, type Pop3OptionValues } from '../live-listing.js';
import type { InputFormatOption, InputReadOptions } from '../load-input.js';
import { repair, type RepairOptions } from './repair.js';

export function registerRepair(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
  inputFormat: (command: Command) => InputFormatOption,
  readOptions: (command: Command) => InputReadOptions,
): void {
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
    .option('--remove-stale', 'delete the entries of UIDs no longer on the server', false)
    .option(
      '--pop3 <HOST[:PORT]>',
      'fetch the listing live instead (UIDL then QUIT; the password from ' +
        `${PASSWORD_VARIABLE} or a prompt)`,
    )
    .option('--user <USER>', 'the POP3 user name, with --pop3')
    .option('--tls', 'implicit TLS (the default; port 995)')
    .option('--stls', 'upgrade a plain connection with STLS (port 110)')
    .option('--plain', 'no encryption: sends the password readable (port 110)')
    .option('--ca <CERT.pem>', 'trust this certificate (a test server with its own)')
    .option('--insecure', 'do not verify the server certificate (says so on stderr)')
    .action(
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
