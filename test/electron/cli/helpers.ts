/** Runs the CLI in-process with captured streams, and gives each test a scratch folder. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { CliIo } from '../../../electron/cli/io.js';
import { run } from '../../../electron/cli/run.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stdoutBytes: Uint8Array;
  readonly stderr: string;
  /** Whether the CLI asked for stdin at all. */
  readonly stdinRead: boolean;
}

export interface RunOptions {
  readonly stdin?: Uint8Array;
  /** Pretend stdout is a terminal. */
  readonly tty?: boolean;
}

function collector(isTTY: boolean): {
  write(chunk: string | Uint8Array): void;
  isTTY: boolean;
  bytes(): Uint8Array;
} {
  const chunks: Uint8Array[] = [];
  return {
    isTTY,
    write(chunk) {
      chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk.slice());
    },
    bytes() {
      return Buffer.concat(chunks);
    },
  };
}

export async function runCli(
  argv: readonly string[],
  options: RunOptions = {},
): Promise<CliResult> {
  const stdout = collector(options.tty ?? false);
  const stderr = collector(false);
  let stdinRead = false;
  const io: CliIo = {
    readStdin: async () => {
      stdinRead = true;
      return options.stdin ?? new Uint8Array();
    },
    stdout,
    stderr,
  };
  const code = await run(argv, io);
  const decoder = new TextDecoder();
  return {
    code,
    stdout: decoder.decode(stdout.bytes()),
    stdoutBytes: new Uint8Array(stdout.bytes()),
    stderr: decoder.decode(stderr.bytes()),
    stdinRead,
  };
}

/** A fresh temporary folder per test, removed afterwards. */
export function useScratchFolder(): {
  path: (name: string) => string;
  write: (name: string, bytes: Uint8Array | string) => Promise<string>;
} {
  let folder = '';
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'uidl-cli-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  const path = (name: string): string => join(folder, name);
  return {
    path,
    async write(name, bytes) {
      await writeFile(path(name), bytes);
      return path(name);
    },
  };
}

/** A stderr that is one `uidl-studio: ...` line, no stack trace. */
export function expectOneErrorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line !== '');
  if (lines.length !== 1 || !lines[0]!.startsWith('uidl-studio: ') || /\n\s+at /.test(stderr)) {
    throw new Error(`expected one 'uidl-studio:' line on stderr, got:\n${stderr}`);
  }
  return lines[0]!;
}
