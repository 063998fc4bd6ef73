/** What the CLI needs from its host, passed in so tests can run it in-process. */
import { readSecret } from './secret-prompt.js';

export interface CliOutput {
  write(chunk: string | Uint8Array): void;
  /** True when the stream is a terminal (binary output to it is refused). */
  readonly isTTY?: boolean;
}

export interface CliIo {
  /**
   * Standard input's bytes. An implementation may stop once it holds more than `limit`
   * bytes; the caller refuses such input, so it need not read the rest.
   */
  readStdin(limit: number): Promise<Uint8Array>;
  /** Asks for a secret on the terminal without echoing it; absent when there is no terminal. */
  readonly readSecret?: (prompt: string) => Promise<string>;
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
}

/** The real process's streams. */
export function processIo(): CliIo {
  return {
    ...(process.stdin.isTTY && {
      readSecret: (prompt: string) => readSecret(prompt, process.stdin, process.stderr),
    }),
    async readStdin(limit) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of process.stdin as AsyncIterable<Uint8Array>) {
        chunks.push(chunk);
        size += chunk.length;
        if (size > limit) break;
      }
      const bytes = Buffer.concat(chunks);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    },
    stdout: {
      write: (chunk) => void process.stdout.write(chunk),
      isTTY: process.stdout.isTTY === true,
    },
    stderr: {
      write: (chunk) => void process.stderr.write(chunk),
      isTTY: process.stderr.isTTY === true,
    },
  };
}
