/**
 * `npm run bench:versions`: the versions search on generated stores written to a temporary
 * folder (removed afterwards): 1 GiB in the compressible encoding and 256 MiB in the cyclic one
 * (`VERSIONS_BENCH_MB=1024,256` to change), each with a planted history every 64 MiB. Prints
 * MB/s beside `cat FILE > /dev/null` of the same file just before, and the search's peak RSS,
 * measured in a child process that does nothing else.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, openSync, closeSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CRYPT_CYCLIC, CRYPT_PERMUTE, type CryptMethod } from '../electron/containers/pst/crypt.js';
import { findVersions } from '../electron/containers/versions.js';
import {
  outlookBlob,
  pstHeader,
  storedBlockBytes,
  writeBlock,
  HEADER_BYTES,
} from './generate-store.js';

const MIB = 1024 * 1024;
const CHUNK = 4 * MIB;
const BLOCK_DATA = 8192 - 16; // the largest data block: 8 KiB with its trailer
const PLANT_EVERY = 64 * MIB;

/** Writes a store of `megabytes` MiB of full data blocks, a history planted every 64 MiB. */
function generateStore(path: string, megabytes: number, crypt: CryptMethod): number {
  const fd = openSync(path, 'w');
  const chunk = new Uint8Array(CHUNK);
  const data = new Uint8Array(BLOCK_DATA);
  let bid = 4;
  let planted = 0;
  try {
    for (let offset = 0; offset < megabytes * MIB; offset += CHUNK) {
      let at = 0;
      if (offset === 0) {
        chunk.set(pstHeader(crypt), 0);
        at = HEADER_BYTES;
      }
      while (at + storedBlockBytes(BLOCK_DATA) <= CHUNK) {
        randomFillSync(data);
        if ((offset + at) % PLANT_EVERY < storedBlockBytes(BLOCK_DATA)) {
          const uids = Array.from({ length: 50 + planted }, (_, i) =>
            `uid-${i}`.replace('-', '$2d'),
          );
          data.set(outlookBlob(uids, `20${String(10 + planted).padStart(2, '0')}0101000000`), 100);
          planted++;
        }
        // Block ids count up by 4 (the two low bits are flags), like Outlook's.
        at = writeBlock(chunk, at, bid, data, crypt, offset + at);
        bid += 4;
      }
      chunk.fill(0, at);
      writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
  return planted;
}

function catSeconds(path: string): number {
  const start = process.hrtime.bigint();
  execFileSync('sh', ['-c', 'cat "$1" > /dev/null', 'sh', path]);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

interface SearchRun {
  readonly seconds: number;
  readonly versions: number;
  readonly maxRssMb: number;
}

/** Child mode: search one file, print the time, the versions found and the peak RSS. */
async function searchOnly(path: string): Promise<void> {
  const start = process.hrtime.bigint();
  const report = await findVersions(path);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const run: SearchRun = {
    seconds,
    versions: report.versions.length,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(run));
}

async function main(): Promise<void> {
  if (process.argv[2] === '--search') return searchOnly(process.argv[3]!);
  const sizes = (process.env.VERSIONS_BENCH_MB ?? '1024,256').split(',').map(Number);
  const folder = mkdtempSync(join(tmpdir(), 'uidl-versions-bench-'));
  const rows: string[] = [];
  try {
    for (const [index, megabytes] of sizes.entries()) {
      const crypt = index === 0 ? CRYPT_PERMUTE : CRYPT_CYCLIC;
      const name = crypt === CRYPT_PERMUTE ? 'compressible' : 'cyclic';
      const path = join(folder, `store-${name}.pst`);
      const planted = generateStore(path, megabytes, crypt);
      catSeconds(path); // the first read may come from the disk; both measures then read the same cache
      const cat = catSeconds(path);
      const child = spawnSync(
        process.execPath,
        [fileURLToPath(import.meta.url), '--search', path],
        {
          encoding: 'utf8',
        },
      );
      if (child.status !== 0) throw new Error(child.stderr);
      const run = JSON.parse(child.stdout) as SearchRun;
      rows.push(
        `| ${name} | ${megabytes.toLocaleString('en-US')} | ${planted} | ${run.versions} | ` +
          `${(megabytes / run.seconds).toFixed(0)} | ${(megabytes / cat).toFixed(0)} | ` +
          `${run.seconds.toFixed(2)} | ${run.maxRssMb.toFixed(0)} |`,
      );
      rmSync(path);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  console.log(
    '\nversions search (findVersions) on generated stores; cat FILE > /dev/null as the baseline\n',
  );
  console.log(
    '| encoding | MiB | planted | versions found | MiB/s | cat MiB/s | seconds | peak RSS MB |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

await main();
