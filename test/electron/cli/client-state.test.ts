import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import { formatUtcIso } from '../../../shared/time-display.js';
import { TWO_ACCOUNTS } from '../../fixtures/client-state.js';
import { expectOneErrorLine, runCli, useScratchFolder } from './helpers.js';

const scratch = useScratchFolder();

const JOE_SECTION = [
  '*pop.example.com joe',
  'k 000000017b1c9a2e 1497277970',
  'b UID-with.dots_2 1497277980',
];

describe('state files on the command line', () => {
  it('a popstate.dat with two accounts lists them, like a store with two histories', async () => {
    const file = await scratch.write('popstate.dat', TWO_ACCOUNTS);
    const result = await runCli(['inspect', file]);
    expect(result.code).toBe(2);
    expectOneErrorLine(result.stderr);
    expect(result.stderr).toContain(
      `holding 2 accounts: #1 joe@pop.example.com (3 messages), #2 ann@example.org@mail.example.org (1 messages); name one as '${file}#<user>@<host>' or '${file}#<n>'`,
    );
  });

  it('from stdin, several accounts say how to name one', async () => {
    const result = await runCli(['inspect', '-'], {
      stdin: new TextEncoder().encode(TWO_ACCOUNTS),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "holding 2 accounts: #1 joe@pop.example.com (3 messages), #2 ann@example.org@mail.example.org (1 messages); stdin cannot name one: save it to a file and give 'FILE#<user>@<host>'",
    );
  });

  it('FILE#user@host exports to a BLOB with the file UIDs and UTC times, and back to the same section', async () => {
    const file = await scratch.write('popstate.dat', TWO_ACCOUNTS);
    const blobPath = scratch.path('history.bin');
    const toBlob = await runCli([
      'export',
      `${file}#joe@pop.example.com`,
      '--format',
      'bin',
      '-o',
      blobPath,
    ]);
    expect(toBlob.code).toBe(0);
    const doc = parse(new Uint8Array(await readFile(blobPath)));
    expect(
      doc.entries.map((e) => `${e.op}${e.content} ${formatUtcIso(e.timestamp!)} ${e.uid}`),
    ).toEqual([
      '+b 2017-06-12T14:32:50Z 000000017b1c9a2e',
      '+h 2017-06-12T14:33:00Z UID-with.dots_2',
      '-b 2017-06-12T14:33:20Z 0003',
    ]);

    const back = await runCli([
      'export',
      blobPath,
      '--format',
      'popstate',
      '--pop-host',
      'pop.example.com',
      '--pop-user',
      'joe',
      '--line-break',
      'crlf',
    ]);
    expect(back.code).toBe(0);
    expect(back.stdout.split('\r\n').slice(3, -1)).toEqual(JOE_SECTION);
    expect(back.stderr).toBe(
      "uidl-studio: note: 2 message(s) written as downloaded; 1 '-' (deleted) entry left out: the other client keeps only messages it downloaded.\n",
    );
  });

  it('names the missing option and writes nothing', async () => {
    const file = await scratch.write('oldmail-pop.example.com-995-joe', 'A1\x001497277970\n');
    const out = scratch.path('popstate.dat');
    const result = await runCli([
      'export',
      file,
      '--format',
      'popstate',
      '--pop-user',
      'joe',
      '-o',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "uidl-studio: --format popstate needs --pop-host: the POP3 server and user name as the client's account settings show them (nothing is guessed)\n",
    );
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
    const both = await runCli(['export', file, '--format', 'fetchids']);
    expect(both.stderr).toContain('--format fetchids needs --pop-host and --pop-user');
  });

  it('getmail to fetchids, atomically with a backup of the file it replaces', async () => {
    const file = await scratch.write('oldmail-x', 'A1\x001497277970\nB2\x001497277971\n');
    const out = await scratch.write('.fetchids', 'old\n');
    const result = await runCli([
      'export',
      file,
      '--format',
      'fetchids',
      '--pop-host',
      'pop.example.com',
      '--pop-user',
      'joe',
      '-o',
      out,
    ]);
    expect(result.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe('joe@pop.example.com A1\njoe@pop.example.com B2\n');
    expect(await readFile(`${out}.bak`, 'utf8')).toBe('old\n');
  });

  it('a .fetchids has no times: the finding says so, and --undated-time sets the time', async () => {
    const file = await scratch.write('.fetchids', 'joe@pop.example.com A1\n');
    const result = await runCli(['inspect', file, '--undated-time', '2024-02-03 04:05:06']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2024-02-03 04:05:06 UTC');
    expect(result.stdout).toContain('1 message(s) have no time in the file (the first on line 1)');
    const bad = await runCli(['inspect', file, '--undated-time', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--undated-time 'yesterday' is not a date and time");
  });

  it('unreadable lines are reported with their line numbers by validate', async () => {
    const file = await scratch.write('popstate.dat', '# POP3 State File\n*h u\nk a 1\nzz\n');
    const result = await runCli(['validate', file]);
    expect(result.stdout).toContain('Line 4 ("zz")');
    expect(result.code).toBe(2);
  });

  it('--input-format popstate reads a file detection would not take', async () => {
    const file = await scratch.write('state.txt', 'k a 1600000000\n*h u\nk b 1600000000\n');
    const auto = await runCli(['inspect', file]);
    expect(auto.code).toBe(2);
    const forced = await runCli(['inspect', '--input-format', 'popstate', file]);
    expect(auto.stderr).toContain('not a UIDL BLOB, hex or base64');
    expect(forced.stdout).toContain(
      'Line 1 is a message line before any "*<host> <user>" account line',
    );
  });
});
