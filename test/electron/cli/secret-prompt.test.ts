import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../electron/cli/errors.js';
import { readSecret, type TerminalInput } from '../../../electron/cli/secret-prompt.js';

/** A terminal that records its raw-mode switches and is typed on by the test. */
class FakeTerminal extends EventEmitter implements TerminalInput {
  isRaw = false;
  readableEnded = false;
  readonly rawModes: boolean[] = [];
  paused = true;
  setRawMode(raw: boolean): void {
    this.isRaw = raw;
    this.rawModes.push(raw);
  }
  resume(): void {
    this.paused = false;
  }
  pause(): void {
    this.paused = true;
  }
  type(...chunks: (string | Buffer)[]): void {
    for (const chunk of chunks) this.emit('data', chunk);
  }
}

function prompt(terminal: FakeTerminal) {
  const written: string[] = [];
  const result = readSecret('Password: ', terminal, { write: (text) => written.push(text) });
  return { result, written };
}

describe('readSecret', () => {
  it('reads up to Enter without echoing, then restores the terminal', async () => {
    const terminal = new FakeTerminal();
    const { result, written } = prompt(terminal);
    terminal.type('s3', Buffer.from('cr'), 'et\r', 'ignored');
    await expect(result).resolves.toBe('s3cret');
    expect(written).toEqual(['Password: ', '\n']);
    expect(terminal.rawModes).toEqual([true, false]);
    expect(terminal.paused).toBe(true);
    expect(terminal.listenerCount('data')).toBe(0);
  });

  it('erases with Backspace and Ctrl-U, and skips arrow-key sequences', async () => {
    const terminal = new FakeTerminal();
    const { result } = prompt(terminal);
    terminal.type('abx\u007f', 'c\u001b[D\u001bOA', 'd', '\u0015', 'p\u00e4ss\b', 's\n');
    await expect(result).resolves.toBe('p\u00e4ss');
  });

  it('joins a multi-byte character split across chunks', async () => {
    const terminal = new FakeTerminal();
    const { result } = prompt(terminal);
    const bytes = Buffer.from('\u00e9\r', 'utf8');
    terminal.type(bytes.subarray(0, 1), bytes.subarray(1));
    await expect(result).resolves.toBe('\u00e9');
  });

  it('gives up on Ctrl-C, and on Ctrl-D at an empty prompt', async () => {
    const interrupted = new FakeTerminal();
    const first = prompt(interrupted);
    interrupted.type('abc\u0003');
    await expect(first.result).rejects.toEqual(new CliError('canceled at the password prompt'));
    expect(interrupted.rawModes).toEqual([true, false]);

    const ended = new FakeTerminal();
    const second = prompt(ended);
    ended.type('\u0004');
    await expect(second.result).rejects.toEqual(new CliError('no password given'));
  });

  it('gives up when the input closes at the prompt, restoring the terminal', async () => {
    const terminal = new FakeTerminal();
    const { result, written } = prompt(terminal);
    terminal.type('abc');
    terminal.readableEnded = true;
    terminal.emit('end');
    await expect(result).rejects.toEqual(
      new CliError('no password given: standard input closed at the password prompt'),
    );
    expect(terminal.rawModes).toEqual([true, false]);
    expect(written).toEqual(['Password: ', '\n']);
    for (const event of ['data', 'end', 'close']) expect(terminal.listenerCount(event)).toBe(0);
  });

  it('does not wait on an input already read to its end', async () => {
    const terminal = new FakeTerminal();
    terminal.readableEnded = true;
    const { result, written } = prompt(terminal);
    await expect(result).rejects.toEqual(
      new CliError('no password given: standard input is closed'),
    );
    expect(terminal.rawModes).toEqual([]);
    expect(written).toEqual([]);
  });
});
