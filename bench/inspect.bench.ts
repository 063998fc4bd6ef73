/**
 * `npm run bench` (last part): `inspect` of the largest inputs the CLI accepts, as a user runs
 * it: the built CLI in a child process, wall time and peak memory from `/usr/bin/time`.
 * Target (issue 14): under 3 s and 1 GB each. The baseline is a Node child process that only
 * reads the same file, run the same way: the ratio to it cancels most of a shared machine's
 * noise. Inputs are generated in a temporary folder and removed after.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './measure.js';

const MIB = 1024 * 1024;
const RUNS = 5;
const TIME = '/usr/bin/time';
const cli = fileURLToPath(new URL('../electron/cli/main.js', import.meta.url));

/** A BLOB of one tag whose UID fills `size` bytes: the single-tag worst case. */
function oneTagBlob(size: number): Uint8Array {
  const blob = new Uint8Array(size).fill(0x61);
  blob.set([3, 0, 1, 0]);
  blob.set(
    Array.from('+b20240101120000', (c) => c.charCodeAt(0)),
    4,
  );
  blob[size - 1] = 0;
  return blob;
}

/** Wall and CPU (user + system) seconds and peak resident kilobytes of `node ARGS`. */
function timed(args: string[]): { seconds: number; cpu: number; kilobytes: number } {
  const run = spawnSync(TIME, ['-f', '%e %U %S %M', process.execPath, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * MIB,
  });
  const last = run.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds, user, system, kilobytes] = last.split(' ').map(Number);
  if (run.status !== 0 || [seconds, user, system, kilobytes].some((n) => !Number.isFinite(n))) {
    throw new Error(`node ${args.join(' ')} failed: ${run.stderr.slice(-500)}`);
  }
  return { seconds: seconds!, cpu: user! + system!, kilobytes: kilobytes! };
}

if (!existsSync(TIME)) {
  console.log(`\ninspect of 64 MiB inputs: skipped (${TIME} is needed for peak memory)`);
} else {
  const folder = mkdtempSync(join(tmpdir(), 'uidl-inspect-bench-'));
  try {
    const single = join(folder, 'single-tag-64MiB.bin');
    writeFileSync(single, oneTagBlob(64 * MIB));
    const base64 = join(folder, 'blob-48MiB.base64.txt');
    writeFileSync(base64, Buffer.from(oneTagBlob(48 * MIB)).toString('base64'));

    console.log(
      `\ninspect of the largest inputs, medians of ${RUNS} runs (wall time, peak RSS):\n`,
    );
    console.log(
      '| input | inspect s | CPU s | peak MB | read-only baseline s | x baseline | target |',
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const [name, file] of [
      ['64 MiB single-tag BLOB', single],
      ['48 MiB BLOB as 64 MiB of base64', base64],
    ] as const) {
      const inspect = Array.from({ length: RUNS }, () => timed([cli, 'inspect', file]));
      const baseline = Array.from({ length: RUNS }, () =>
        timed(['-e', 'require("node:fs").readFileSync(process.argv[1])', file]),
      );
      const seconds = median(inspect.map((r) => r.seconds));
      const cpu = median(inspect.map((r) => r.cpu));
      const megabytes = median(inspect.map((r) => r.kilobytes)) / 1000;
      const baselineSeconds = median(baseline.map((r) => r.seconds));
      const met = seconds < 3 && megabytes < 1000 ? 'met' : 'NOT met';
      console.log(
        `| ${name} | ${seconds.toFixed(2)} | ${cpu.toFixed(2)} | ${megabytes.toFixed(0)} | ` +
          `${baselineSeconds.toFixed(2)} | ` +
          `${(seconds / baselineSeconds).toFixed(1)} | < 3 s, < 1 GB: ${met} |`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
