/**
 * Reads a password typed on the terminal without echoing it: raw mode, one key at a time,
 * Enter to finish, Backspace to erase, Ctrl-C or Ctrl-D on an empty line to give up. The
 * terminal is put back as it was however the prompt ends (the input closing included).
 */
import { StringDecoder } from 'node:string_decoder';
import { CliError } from './errors.js';

/** The part of a TTY input stream used here (process.stdin on a terminal). */
export interface TerminalInput {
  readonly isRaw?: boolean;
  /** True once the stream has ended (it was read to its end before, or the terminal went). */
  readonly readableEnded?: boolean;
  setRawMode(raw: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'end' | 'close', listener: () => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface TerminalOutput {
  write(text: string): unknown;
}

export function readSecret(
  prompt: string,
  input: TerminalInput,
  output: TerminalOutput,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    // Nothing more can be typed on an input read to its end: waiting would never finish.
    if (input.readableEnded === true) {
      reject(new CliError('no password given: standard input is closed'));
      return;
    }
    const decoder = new StringDecoder('utf8');
    const wasRaw = input.isRaw === true;
    let secret = '';
    /** Inside an escape sequence (arrow and function keys): skipped, not typed. */
    let escape = false;

    const finish = (error: CliError | null): void => {
      input.off('data', onData);
      input.off('end', onClosed);
      input.off('close', onClosed);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(secret);
    };

    function onClosed(): void {
      finish(new CliError('no password given: standard input closed at the password prompt'));
    }

    function onData(chunk: Buffer | string): void {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      for (const char of text) {
        if (escape) {
          escape = !/[A-Za-z~]/.test(char);
          continue;
        }
        switch (char) {
          case '\r':
          case '\n':
            return finish(null);
          case '\u0003': // Ctrl-C
            return finish(new CliError('canceled at the password prompt'));
          case '\u0004': // Ctrl-D
            if (secret === '') return finish(new CliError('no password given'));
            break;
          case '\u0015': // Ctrl-U
            secret = '';
            break;
          case '\u007f':
          case '\b':
            secret = [...secret].slice(0, -1).join('');
            break;
          case '\u001b':
            escape = true;
            break;
          default:
            if (char >= ' ') secret += char;
        }
      }
    }

    output.write(prompt);
    input.setRawMode(true);
    input.on('data', onData);
    input.on('end', onClosed);
    input.on('close', onClosed);
    input.resume();
  });
}
