/**
 * The command line, as a function: `run(argv, io)` parses the arguments, runs one command and
 * returns the exit code. Exit codes: 0 success, 1 validate found warnings (or compare found
 * messages Outlook would download), 2 validate found errors or the command could not run (bad
 * option, unreadable or undecodable input).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { compareCommand } from './commands/compare.js';
import { diffCommand } from './commands/diff.js';
import { reportCommand } from './commands/report.js';
import { registerRepair } from './commands/repair-command.js';
import { exportDocument, EXPORT_FORMATS, type ExportFormat } from './commands/export.js';
import {
  defaultLineBreak,
  LINE_BREAKS,
  type LineBreakOption,
} from './commands/export-client-state.js';
import { inspect } from './commands/inspect.js';
import { scan } from './commands/scan.js';
import { validate } from './commands/validate.js';
import { versionsCommand } from './commands/versions.js';
import { writeback } from './commands/writeback.js';
import { CliError } from './errors.js';
import type { CliIo } from './io.js';
import { addPop3Options, livePop3Options, type Pop3OptionValues } from './live-listing.js';
import { parseUndatedTime } from './client-state-input.js';
import {
  INPUT_FORMATS,
  loadInput,
  type InputFormatOption,
  type InputReadOptions,
} from './load-input.js';
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
  'reads a history from a PST, OST or .msg file, STORE#versions/<n> a version of it; a ' +
  'popstate.dat, .fetchids or getmail oldmail file is read as a history (FILE#<user>@<host> or ' +
  'FILE#<n> names one account)';

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
    .addOption(
      new Option(
        '--undated-time <TIME>',
        'the time (UTC, YYYY-MM-DD hh:mm:ss) given to messages a state file has no time for ' +
          '(every line of a .fetchids); default: now',
      ).argParser(parseUndatedTime),
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
  const readOptions = (command: Command): InputReadOptions => {
    const { undatedTime } = command.optsWithGlobals<InputReadOptions>();
    return undatedTime ? { undatedTime } : {};
  };

  // Subcommands created with .command() inherit the output, exit and error settings above.
  program
    .command('inspect')
    .description('summary, findings and a table of the entries')
    .argument('<FILE>', FILE_HELP)
    .option('--no-table', 'leave out the table of entries')
    .option('--limit <N>', 'print at most N entry rows', parseLimit)
    .action(async (file: string, options: { table: boolean; limit?: number }, command: Command) => {
      const loaded = await loadInput(file, inputFormat(command), io, readOptions(command));
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
    .option('--pop-host <HOST>', 'the POP3 server, for --format popstate and fetchids')
    .option('--pop-user <USER>', 'the POP3 user name, for --format popstate and fetchids')
    .addOption(
      new Option(
        '--line-break <style>',
        'line breaks of a popstate, fetchids or getmail file (Thunderbird on Windows reads only crlf)',
      )
        .choices(LINE_BREAKS)
        .default(defaultLineBreak()),
    )
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
          popHost?: string;
          popUser?: string;
          lineBreak: LineBreakOption;
          csvRaw: boolean;
        },
        command: Command,
      ) => {
        const loaded = await loadInput(file, inputFormat(command), io, readOptions(command));
        const sourceKind = loaded.container?.kind ?? loaded.version?.container;
        if (sourceKind !== undefined && options.overwriteInput) {
          throw new CliError(
            `--overwrite-input cannot replace the ${sourceKind.toUpperCase()} file a ` +
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
              clientState: {
                lineBreak: options.lineBreak,
                ...(options.popHost !== undefined ? { popHost: options.popHost } : {}),
                ...(options.popUser !== undefined ? { popUser: options.popUser } : {}),
              },
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
      const loaded = await loadInput(file, inputFormat(command), io, readOptions(command));
      setExitCode(validate(loaded, io));
    });

  addPop3Options(
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
      .option('--json', 'print the comparison as JSON (schema uidl-studio/compare@1)', false),
  ).action(
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
          {
            listing,
            pop3,
            json: options.json,
            inputFormat: inputFormat(command),
            readOptions: readOptions(command),
          },
          io,
        ),
      );
    },
  );

  // Issue 12: the diff of two histories.
  program
    .command('diff')
    .description(
      'UIDs added, removed and changed between two histories: exit 0 when identical, 1 when not',
    )
    .argument('<OLD>', `the earlier history: ${FILE_HELP}`)
    .argument('<NEW>', 'the later history, read like OLD')
    .option('--json', 'print the diff as JSON (schema uidl-studio/diff@1)', false)
    .action(async (older: string, newer: string, options: { json: boolean }, command: Command) => {
      setExitCode(
        await diffCommand(
          older,
          newer,
          {
            json: options.json,
            inputFormat: inputFormat(command),
            readOptions: readOptions(command),
          },
          io,
        ),
      );
    });

  // Issue 12: the forensic report.
  program
    .command('report')
    .description(
      'write a self-contained HTML forensic report: input hashes, every history found, entries',
    )
    .argument('<INPUT>', `${FILE_HELP}; a container named alone reports every history in it`)
    .requiredOption(
      '-o, --output <REPORT.html>',
      'the report to write (atomically; an existing file is kept as REPORT.html.bak, …)',
    )
    .option('--force', 'replace REPORT.html even when it is a read-only file', false)
    .action(async (file: string, options: { output: string; force: boolean }, command: Command) => {
      setExitCode(
        await reportCommand(
          file,
          {
            output: options.output,
            force: options.force,
            inputFormat: inputFormat(command),
            readOptions: readOptions(command),
          },
          io,
        ),
      );
    });

  registerRepair(program, io, setExitCode, inputFormat, readOptions);

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

  // Issue 12: versions of a history carved from a store.
  program
    .command('versions')
    .description(
      'the current histories of a PST, OST or .msg and the earlier versions carved from it',
    )
    .argument(
      '<STORE>',
      'the PST, OST or .msg file (only read); any other file is searched byte by byte',
    )
    .option('--json', 'print the report as JSON (schema uidl-studio/versions@1)', false)
    .option('--timeline', "each UID's first and last version (times from the tags, UTC)", false)
    .action(async (store: string, options: { json: boolean; timeline: boolean }) => {
      setExitCode(await versionsCommand(store, options, io));
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
        const blob = await loadInput(blobFile, inputFormat(command), io, readOptions(command));
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
