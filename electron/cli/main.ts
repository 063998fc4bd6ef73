#!/usr/bin/env node
/** The `uidl-studio` executable: the real process wired to run(). */
import { processIo } from './io.js';
import { run } from './run.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A reader that stops early (`uidl-studio export ... | head`) is not a failure.
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`uidl-studio: cannot write to standard output: ${error.message}\n`);
  process.exit(2);
});

process.exitCode = await run(process.argv.slice(2), processIo());
