/**
 * The command line, as a function: `run(argv, io)` parses the arguments, runs one command and
 * returns the exit code. Exit codes: 0 success, 1 validate found warnings (or compare found
 * messages Outlook would download), 2 validate found errors or the command could not run (bad
 * option, unreadable or undecodable input).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { compareCommand } from './commands/compare.js';
import { exportDocument, EXPORT_FORMATS, type ExportFormat } from './commands/export.js';
import { inspect } from './commands/inspect.js';
import { scan } from './commands/scan.js';
import { validate } from './commands/validate.js';
import { writeback } from './commands/writeback.js';
import { CliError } from './errors.js';
import type { CliIo } from './io.js';
import { livePop3Options, PASSWORD_VARIABLE, type Pop3OptionValues } from './live-listing.js';
import { INPUT_FORMATS, loadInput, type InputFormatOption } from './load-input.js';
import { packageVersion } from './version.js';

export const PROGRAM_NAME = 'uidl-studio';
export const EXIT_USAGE = 2;

function parseLimit(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number >= 0.');
  return Number(value);
}

function parseAttachmentNumber(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a whole number >= 1.');
  return Number(value);
}

const FILE_HELP =
  'the BLOB, as raw bytes, hex or base64 text; - reads stdin; STORE#<account> or STORE#<n> ' +
  'reads a history from a PST, OST or .msg file';

/** Commander's `error: x\n(Did you mean y?)\n` as our one line `uidl-studio: x (Did you mean y?)`. */
function errorLine(text: string): string {
  const message = text
    .replace(/^error: /, '')
    .trim()
    .replace(/\s*\n\s*/g, ' ');
  return `${PROGRAM_NAME}: ${message}\n`;
}

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command(PROGRAM_NAME)
    .description(
      "Inspect, validate and export Outlook's POP3 UIDL download-history BLOB " +
        '(raw bytes, hex or base64 text).',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(
      new Option('--input-format <format>', 'how FILE is written; auto detects it')
        .choices(INPUT_FORMATS)
        .default('auto'),
    )
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(errorLine(text)),
    })
    .exitOverride()
    .showSuggestionAfterError(true);

  const inputFormat = (command: Command): InputFormatOption =>
    command.optsWithGlobals<{ inputFormat: InputFormatOption }>().inputFormat;

  // Subcommands created with .command() inherit the output, exit and error settings above.
  program
    .command('inspect')
    .description('summary, findings and a table of the entries')
    .argument('<FILE>', FILE_HELP)
    .option('--no-table', 'leave out the table of entries')
    .option('--limit <N>', 'print at most N entry rows', parseLimit)
    .action(async (file: string, options: { table: boolean; limit?: number }, command: Command) => {
      const loaded = await loadInput(file, inputFormat(command), io);
      setExitCode(
        inspect(
          loaded,
          {
            table: options.table,
            ...(options.limit !== undefined ? { limit: options.limit } : {}),
          },
          io,
        ),
      );
    });

  program
    .command('export')
    .description('write the BLOB in another format (stdout unless -o)')
    .argument('<FILE>', FILE_HELP)
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(EXPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .option(
      '-o, --output <OUT>',
      'write to OUT (atomically; an existing OUT is kept as OUT.bak, OUT.1.bak...)',
    )
    .option('--overwrite-input', 'allow OUT to be the input file itself', false)
    .option('--force', 'replace OUT even when it is a read-only file', false)
    .option(
      '--csv-raw',
      "CSV with values exactly as decoded, for grep and diff: no ' before = + - @ " +
        '(not safe to open in a spreadsheet)',
      false,
    )
    .action(
      async (
        file: string,
        options: {
          format: ExportFormat;
          output?: string;
          overwriteInput: boolean;
          force: boolean;
          csvRaw: boolean;
        },
        command: Command,
      ) => {
        const loaded = await loadInput(file, inputFormat(command), io);
        if (loaded.container && options.overwriteInput) {
          throw new CliError(
            `--overwrite-input cannot replace the ${loaded.container.kind.toUpperCase()} file a ` +
              'history was read from; the tool never writes to a source store',
          );
        }
        setExitCode(
          await exportDocument(
            loaded,
            {
              format: options.format,
              overwriteInput: options.overwriteInput,
              force: options.force,
              csvRaw: options.csvRaw,
              ...(options.output !== undefined ? { output: options.output } : {}),
            },
            io,
          ),
        );
      },
    );

  program
    .command('validate')
    .description(
      'print the findings; exit 0 when clean (info allowed), 1 with warnings, 2 with errors',
    )
    .argument('<FILE>', FILE_HELP)
    .action(async (file: string, _options: unknown, command: Command) => {
      const loaded = await loadInput(file, inputFormat(command), io);
      setExitCode(validate(loaded, io));
    });

  program
    .command('compare')
    .description(
      'compare the history with a UIDL listing: exit 0 when Outlook would download nothing, ' +
        '1 when it would',
    )
    .argument('<BLOB>', FILE_HELP)
    .argument(
      '[LISTING]',
      'the UIDL listing: a UIDL response, a POP3 session transcript or one UID a line; - reads stdin',
    )
    .option('--json', 'print the comparison as JSON (schema uidl-studio/compare@1)', false)
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
        options: { json: boolean } & Pop3OptionValues,
        command: Command,
      ) => {
        const pop3 = livePop3Options(options);
        setExitCode(
          await compareCommand(
            blob,
            { listing, pop3, json: options.json, inputFormat: inputFormat(command) },
            io,
          ),
        );
      },
    );

  program
    .command('scan')
    .description(
      'list the IPM.MessageManager messages of a PST, OST or .msg file and the POP3 histories ' +
        'attached to them',
    )
    .argument('<STORE>', 'a PST, OST or .msg file (opened read-only)')
    .option('--json', 'print the report as JSON (schema uidl-studio/scan@1)', false)
    .option(
      '--all-folders',
      "search every folder's associated contents, not only the Inbox's",
      false,
    )
    .action(async (store: string, options: { json: boolean; allFolders: boolean }) => {
      setExitCode(await scan(store, options, io));
    });

  program
    .command('writeback')
    .description(
      "write a copy of a .msg with one attachment's data replaced by BLOB (never in place)",
    )
    .argument('<SOURCE>', 'the .msg file the history came from (only read)')
    .argument('<BLOB>', FILE_HELP)
    .requiredOption(
      '-o, --output <OUT>',
      'the copy to write (atomically; an existing OUT is kept as OUT.bak, OUT.1.bak...)',
    )
    .option('--force', 'replace OUT even when it is a read-only file', false)
    .option('--account <ADDR>', 'the account whose history to replace (BlobPOP<ADDR>, or Blob%.8x)')
    .option(
      '--attachment <N>',
      'replace attachment N as scan lists it, whatever its name',
      parseAttachmentNumber,
    )
    .action(
      async (
        source: string,
        blobFile: string,
        options: { output: string; force: boolean; account?: string; attachment?: number },
        command: Command,
      ) => {
        if (options.account !== undefined && options.attachment !== undefined) {
          throw new CliError('give --account or --attachment, not both');
        }
        const blob = await loadInput(blobFile, inputFormat(command), io);
        setExitCode(
          await writeback(
            source,
            blob,
            {
              output: options.output,
              force: options.force,
              ...(options.account !== undefined ? { account: options.account } : {}),
              ...(options.attachment !== undefined ? { attachment: options.attachment } : {}),
            },
            io,
          ),
        );
      },
    );

  return program;
}

/** Runs the CLI with `argv` (the arguments after the program name); resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander has already printed its message (or the help, or the version).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    if (error instanceof CliError) {
      io.stderr.write(errorLine(error.message));
      return EXIT_USAGE;
    }
    // A bug, not bad input: still one line, with enough to report it.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr.write(errorLine(`internal error (please report it): ${message}`));
    return EXIT_USAGE;
  }
}
