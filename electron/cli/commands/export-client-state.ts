/**
 * `export --format popstate|fetchids|getmail`: the history as another client's state file. The
 * account comes from `--pop-host` and `--pop-user` (never guessed); what the file cannot hold
 * (`-` entries, repeated UIDs...) is counted in a note on stderr, so a script's stdout stays the file.
 */
import {
  ClientStateExportError,
  CLIENT_STATE_NEEDS,
  describeLeftOut,
  toClientState,
} from '../../../shared/export/client-state.js';
import type { ClientStateFormat } from '../../../shared/input/client-state/types.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { LoadedInput } from '../load-input.js';

export const LINE_BREAKS = ['lf', 'crlf'] as const;
export type LineBreakOption = (typeof LINE_BREAKS)[number];

export interface ClientStateAccountOptions {
  readonly popHost?: string;
  readonly popUser?: string;
  /** Default: CRLF on Windows (Thunderbird there reads only CRLF lines), LF elsewhere. */
  readonly lineBreak?: LineBreakOption;
}

const OPTION_OF = { host: '--pop-host', user: '--pop-user' } as const;

export function defaultLineBreak(platform: string = process.platform): LineBreakOption {
  return platform === 'win32' ? 'crlf' : 'lf';
}

export function renderClientState(
  loaded: LoadedInput,
  format: ClientStateFormat,
  options: ClientStateAccountOptions,
  io: CliIo,
): string {
  const needed = CLIENT_STATE_NEEDS[format];
  const missing = needed.filter((part) =>
    part === 'host' ? options.popHost === undefined : options.popUser === undefined,
  );
  if (missing.length > 0) {
    throw new CliError(
      `--format ${format} needs ${missing.map((part) => OPTION_OF[part]).join(' and ')}: the ` +
        "POP3 server and user name as the client's account settings show them (nothing is guessed)",
    );
  }
  let result;
  try {
    result = toClientState(loaded.document, format, {
      ...(options.popHost !== undefined ? { host: options.popHost } : {}),
      ...(options.popUser !== undefined ? { user: options.popUser } : {}),
      lineBreak: (options.lineBreak ?? defaultLineBreak()) === 'crlf' ? '\r\n' : '\n',
    });
  } catch (error) {
    if (error instanceof ClientStateExportError) {
      throw new CliError(
        error.message.replace(
          /^the POP3 (host|user)/,
          (_, part: 'host' | 'user') => OPTION_OF[part],
        ),
      );
    }
    throw error;
  }
  const leftOut = describeLeftOut(result);
  io.stderr.write(
    `uidl-studio: note: ${result.written} message(s) written as downloaded` +
      (leftOut ? `; ${leftOut}\n` : '.\n'),
  );
  return result.text;
}
