import { mkdir, open, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { toHexLine } from '../../../shared/export/hex.js';
import { ascii, buildBlob, CLEAN_TAGS } from '../../fixtures/blobs.js';
import { expectOneErrorLine, runCli, useScratchFolder } from './helpers.js';

const scratch = useScratchFolder();

describe('uidl-studio options and errors', () => {
  it('prints help on stdout and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: uidl-studio \[options\] \[command\]/);
    for (const command of ['inspect', 'export', 'validate'])
      expect(result.stdout).toContain(command);
    const sub = await runCli(['export', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--overwrite-input');
    expect(sub.stdout).toContain('--input-format'); // global options are listed too
  });

  it('prints the version from package.json', async () => {
    const manifest = JSON.parse(
      await readFile(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${manifest.version}\n`);
  });

  it('shows usage and exits 2 without a command', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: uidl-studio');
  });

  it('reports a missing file on one line, exit 2', async () => {
    const missing = scratch.path('nope.bin');
    const result = await runCli(['inspect', missing]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(expectOneErrorLine(result.stderr)).toBe(
      `uidl-studio: cannot read '${missing}': no such file or directory`,
    );
  });

  it('reports a folder given as FILE', async () => {
    const folder = scratch.path('folder');
    await mkdir(folder);
    const result = await runCli(['validate', folder]);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toBe(
      `uidl-studio: cannot read '${folder}': is a directory`,
    );
  });

  it('refuses a file over 64 MiB by its size, before reading it', async () => {
    const big = scratch.path('big.bin');
    const handle = await open(big, 'w');
    await handle.truncate(64 * 1024 * 1024 + 1); // sparse: costs no disk
    await handle.close();
    const result = await runCli(['inspect', big]);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(
      /big\.bin' is 67,108,865 bytes .*over 64 MiB are refused/,
    );
  });

  it('refuses stdin over 64 MiB', async () => {
    const result = await runCli(['validate', '-'], { stdin: new Uint8Array(64 * 1024 * 1024 + 1) });
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(
      /^uidl-studio: <stdin> is .*over 64 MiB are refused/,
    );
  });

  it('reports undecodable input with what and where, no stack trace', async () => {
    const file = await scratch.write('bad.hex', '0300 0100 2B6Z\n');
    const result = await runCli(['inspect', file, '--input-format', 'hex']);
    expect(result.code).toBe(2);
    const line = expectOneErrorLine(result.stderr);
    expect(line.startsWith(`uidl-studio: ${file}: `)).toBe(true);
    expect(line).toMatch(/line 1|column|offset/);
  });

  it('takes --input-format before or after the command, and rejects unknown values', async () => {
    const blob = buildBlob(CLEAN_TAGS);
    const file = await scratch.write('clean.txt', toHexLine(blob));
    // Read as raw, the hex text is no BLOB: version '03' is 0x3330.
    const asRaw = await runCli(['--input-format', 'raw', 'validate', file]);
    expect(asRaw.code).toBe(2);
    expect(asRaw.stdout).toContain('version.unsupported');
    const asHex = await runCli(['validate', file, '--input-format', 'hex']);
    expect(asHex.code).toBe(0);
    const bad = await runCli(['validate', file, '--input-format', 'octal']);
    expect(bad.code).toBe(2);
    expect(expectOneErrorLine(bad.stderr)).toMatch(/'octal' is invalid.*auto, raw, hex, base64/);
  });

  it('rejects unknown options, commands and a bad --limit on one line each', async () => {
    const file = await scratch.write('clean.bin', buildBlob(CLEAN_TAGS));
    const cases: [string[], RegExp][] = [
      [['inspect', file, '--frobnicate'], /unknown option '--frobnicate'/],
      [['inspekt', file], /unknown command 'inspekt'.*inspect/],
      [['inspect', file, '--limit', 'ten'], /--limit.*'ten' is invalid.*whole number/],
      [['inspect'], /missing required argument 'FILE'/],
      [['inspect', file, 'extra'], /too many arguments/],
    ];
    for (const [argv, expected] of cases) {
      const result = await runCli(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(expectOneErrorLine(result.stderr)).toMatch(expected);
    }
  });

  it('reads nothing from stdin unless FILE is -', async () => {
    const file = await scratch.write('clean.bin', buildBlob(CLEAN_TAGS));
    expect((await runCli(['validate', file])).stdinRead).toBe(false);
    const empty = await runCli(['validate', '-'], { stdin: ascii('') });
    expect(empty.stdinRead).toBe(true);
  });
});
