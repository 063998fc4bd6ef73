import { chmod, link, lstat, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { base64 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import { formatUtcIso } from '../../../shared/time-display.js';
import { CSV_COLUMNS } from '../../../shared/export/csv.js';
import { toHexDump, toHexLine } from '../../../shared/export/hex.js';
import type { HistoryExport } from '../../../shared/export/json.js';
import { sha256Hex } from '../../../shared/hash.js';
import { ascii, buildBlob, CLEAN_TAGS, problemBlob } from '../../fixtures/blobs.js';
import { expectOneErrorLine, runCli, useScratchFolder } from './helpers.js';

const scratch = useScratchFolder();

describe('uidl-studio export', () => {
  it('writes JSON whose fields match the parsed document', async () => {
    const blob = problemBlob();
    const file = await scratch.write('problem.bin', blob);
    const result = await runCli(['export', file, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const exported = JSON.parse(result.stdout) as HistoryExport;
    const document = parse(blob);
    expect(exported.schema).toBe('uidl-studio/history-export@3');
    expect(exported.sha256).toBe(sha256Hex(blob));
    expect(exported.blobSha256).toBe(sha256Hex(blob));
    expect(exported.inputFormat).toBe('raw');
    expect(exported.declaredCount).toBe(document.declaredCount.value);
    expect(exported.entries.map((entry) => entry.uid)).toEqual(document.entries.map((e) => e.uid));
    expect(exported.entries.map((entry) => entry.timestamp)).toEqual(
      document.entries.map((e) => (e.timestamp ? formatUtcIso(e.timestamp) : null)),
    );
    expect(
      [...exported.diagnostics, ...exported.entries.flatMap((e) => e.diagnostics)]
        .map((d) => `${d.code}@${d.start}`)
        .sort(),
    ).toEqual(document.diagnostics.map((d) => `${d.code}@${d.start}`).sort());
    expect(result.stdout.endsWith('}\n')).toBe(true);
  });

  it('hashes the input as given and the BLOB separately when the input is hex', async () => {
    const blob = buildBlob(CLEAN_TAGS);
    const hexText = toHexLine(blob);
    const file = await scratch.write('clean.txt', hexText);
    const exported = JSON.parse(
      (await runCli(['export', file, '--format', 'json'])).stdout,
    ) as HistoryExport;
    expect(exported.inputFormat).toBe('hex');
    expect(exported.sha256).toBe(sha256Hex(ascii(hexText)));
    expect(exported.blobSha256).toBe(sha256Hex(blob));
  });

  it('writes CSV, hex, hexdump, base64 and bin to stdout', async () => {
    const blob = buildBlob(CLEAN_TAGS);
    const file = await scratch.write('clean.bin', blob);
    const csv = await runCli(['export', file, '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv.stdout.split('\r\n')).toHaveLength(5); // header, 3 rows, empty after the last CRLF
    expect((await runCli(['export', file, '--format', 'hex'])).stdout).toBe(toHexLine(blob) + '\n');
    expect((await runCli(['export', file, '--format', 'hexdump'])).stdout).toBe(toHexDump(blob));
    const b64 = await runCli(['export', file, '--format', 'base64']);
    expect(base64.decode(b64.stdout.trim())).toEqual(blob);
    const bin = await runCli(['export', file, '--format', 'bin']);
    expect(bin.stdoutBytes).toEqual(blob);
  });

  it('writes raw CSV with --csv-raw: values as decoded, the BLOB hash in every row', async () => {
    const blob = buildBlob([
      { op: '+', content: 'b', timestamp: '20120101000000', uid: '-abc' },
      { op: '-', content: 'h', timestamp: '20120101000000', uid: '@user' },
    ]);
    const file = await scratch.write('dash.bin', blob);
    const safe = (await runCli(['export', file, '--format', 'csv'])).stdout.split('\r\n');
    const raw = await runCli(['export', file, '--format', 'csv', '--csv-raw']);
    expect(raw.code).toBe(0);
    const lines = raw.stdout.split('\r\n');
    const hash = sha256Hex(blob);
    const [first, second] = parse(blob).entries;
    expect(lines[1]).toBe(
      `0,${first!.offset},${first!.length},+,get,b,body,2012-01-01T00:00:00Z,20120101000000,` +
        `${first!.rawUid},-abc,,${hash}`,
    );
    expect(lines[2]).toBe(
      `1,${second!.offset},${second!.length},-,delete,h,header,2012-01-01T00:00:00Z,` +
        `20120101000000,${second!.rawUid},@user,,${hash}`,
    );
    expect(safe[1]).toBe(
      `0,${first!.offset},${first!.length},'+,get,b,body,2012-01-01T00:00:00Z,20120101000000,` +
        `${first!.rawUid},'-abc,,${hash}`,
    );
    const wrong = await runCli(['export', file, '--format', 'json', '--csv-raw']);
    expect(wrong.code).toBe(2);
    expect(expectOneErrorLine(wrong.stderr)).toBe(
      'uidl-studio: --csv-raw applies to --format csv only, not json',
    );
  });

  it('turns base64 text from stdin back into the BLOB', async () => {
    const blob = buildBlob(CLEAN_TAGS);
    const result = await runCli(['export', '-', '--format', 'bin', '--input-format', 'base64'], {
      stdin: ascii(base64.encode(blob)),
    });
    expect(result.code).toBe(0);
    expect(result.stdoutBytes).toEqual(blob);
  });

  it('refuses to write binary to a terminal, suggesting -o', async () => {
    const file = await scratch.write('clean.bin', buildBlob(CLEAN_TAGS));
    const result = await runCli(['export', file, '--format', 'bin'], { tty: true });
    expect(result.code).toBe(2);
    expect(result.stdoutBytes).toHaveLength(0);
    expect(expectOneErrorLine(result.stderr)).toMatch(/terminal.*-o/);
    // Text formats are fine on a terminal.
    expect((await runCli(['export', file, '--format', 'hex'], { tty: true })).code).toBe(0);
  });

  it('writes to -o atomically, keeping an existing OUT as OUT.bak', async () => {
    const blob = buildBlob(CLEAN_TAGS);
    const file = await scratch.write('clean.bin', blob);
    const out = scratch.path('out.hex');
    const first = await runCli(['export', file, '--format', 'hex', '-o', out]);
    expect(first.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(toHexLine(blob) + '\n');
    expect(first.stdout).toMatch(/^Wrote .* to '.*out\.hex'\.\n$/);

    await writeFile(out, 'previous content');
    const second = await runCli(['export', file, '--format', 'bin', '--output', out]);
    expect(second.code).toBe(0);
    expect(new Uint8Array(await readFile(out))).toEqual(blob);
    expect(await readFile(`${out}.bak`, 'utf8')).toBe('previous content');
    expect(second.stdout).toContain('out.hex.bak');
    expect((await readdir(scratch.path(''))).sort()).toEqual([
      'clean.bin',
      'out.hex',
      'out.hex.bak',
    ]);
  });

  it('refuses to overwrite the input file, by path or hard link, unless --overwrite-input', async () => {
    const blob = buildBlob(CLEAN_TAGS);
    const file = await scratch.write('history.hex', toHexLine(blob));
    const refused = await runCli(['export', file, '--format', 'bin', '-o', file]);
    expect(refused.code).toBe(2);
    expect(expectOneErrorLine(refused.stderr)).toMatch(
      /refusing to overwrite the input.*--overwrite-input/,
    );
    expect(await readFile(file, 'utf8')).toBe(toHexLine(blob));

    const alias = scratch.path('alias.hex');
    await link(file, alias);
    const refusedLink = await runCli(['export', file, '--format', 'bin', '-o', alias]);
    expect(refusedLink.code).toBe(2);
    expect((await stat(file)).size).toBe(toHexLine(blob).length);

    const allowed = await runCli([
      'export',
      file,
      '--format',
      'bin',
      '-o',
      file,
      '--overwrite-input',
    ]);
    expect(allowed.code).toBe(0);
    expect(new Uint8Array(await readFile(file))).toEqual(blob);
    expect(await readFile(`${file}.bak`, 'utf8')).toBe(toHexLine(blob));
  });

  it('never replaces the input with the backup of an existing OUT (the input is OUT.bak)', async () => {
    const blob = buildBlob(CLEAN_TAGS);
    const file = await scratch.write('history.bin.bak', blob);
    const out = await scratch.write('history.bin', 'an older export');
    const result = await runCli(['export', file, '--format', 'bin', '-o', out]);
    expect(result.code).toBe(0);
    // The older export is kept under the next free backup name, never over the input.
    expect(result.stdout).toContain(`the previous file is kept as '${out}.1.bak'`);
    expect(new Uint8Array(await readFile(file))).toEqual(blob);
    expect(await readFile(`${out}.1.bak`, 'utf8')).toBe('an older export');
    expect(new Uint8Array(await readFile(out))).toEqual(blob);
  });

  it('reports an unwritable OUT on one line', async () => {
    const file = await scratch.write('clean.bin', buildBlob(CLEAN_TAGS));
    const result = await runCli([
      'export',
      file,
      '--format',
      'csv',
      '-o',
      scratch.path('no/such/dir/x.csv'),
    ]);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(
      /^uidl-studio: cannot write '.*x\.csv': no such file or directory$/,
    );
  });

  it('requires a known --format', async () => {
    const file = await scratch.write('clean.bin', buildBlob(CLEAN_TAGS));
    const missing = await runCli(['export', file]);
    expect(missing.code).toBe(2);
    expect(expectOneErrorLine(missing.stderr)).toContain("'--format <format>' not specified");
    const unknown = await runCli(['export', file, '--format', 'xml']);
    expect(unknown.code).toBe(2);
    expect(expectOneErrorLine(unknown.stderr)).toMatch(
      /'xml' is invalid.*json, csv, hex, hexdump, base64, bin/,
    );
  });
});

describe('uidl-studio export to an OUT that must not be replaced', () => {
  it('refuses a read-only OUT without --force, and replaces it with --force', async () => {
    const blob = buildBlob(CLEAN_TAGS);
    const file = await scratch.write('history.bin', blob);
    const out = await scratch.write('locked.hex', 'keep me');
    await chmod(out, 0o444);
    const refused = await runCli(['export', file, '--format', 'hex', '-o', out]);
    expect(refused.code).toBe(2);
    expect(expectOneErrorLine(refused.stderr)).toBe(
      `uidl-studio: refusing to write '${out}': it is a read-only file (no write permission); ` +
        'make it writable first, or choose another name (or pass --force to replace it)',
    );
    expect(await readFile(out, 'utf8')).toBe('keep me');
    const forced = await runCli(['export', file, '--format', 'hex', '-o', out, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(toHexLine(blob) + '\n');
    expect(await readFile(`${out}.bak`, 'utf8')).toBe('keep me');
  });

  it('refuses a dangling symbolic link as OUT, leaving it', async () => {
    const file = await scratch.write('history.bin', buildBlob(CLEAN_TAGS));
    const out = scratch.path('out.json');
    await symlink(scratch.path('nowhere.json'), out);
    const result = await runCli(['export', file, '--format', 'json', '-o', out, '--force']);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toBe(
      `uidl-studio: refusing to write '${out}': it is a symbolic link to a file that does not ` +
        'exist; remove the link or name the file',
    );
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
  });
});

describe('uidl-studio export to a terminal', () => {
  // ESC [ 2 J (clear screen), BEL and a C1 CSI as escapes, a right-to-left override in UTF-8.
  const hostile = buildBlob([ascii('+b20200101000000a$1b[2Jb$07c$9bd\u00e2\u0080\u00aee\0')]);

  it('escapes control characters in CSV and JSON on a terminal, keeping the line breaks', async () => {
    const file = await scratch.write('hostile.bin', hostile);
    for (const format of ['csv', 'json']) {
      const result = await runCli(['export', file, '--format', format], { tty: true });
      expect(result.code).toBe(0);
      // eslint-disable-next-line no-control-regex -- none may reach the terminal
      expect(result.stdout).not.toMatch(/[\x00-\x09\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202e]/);
      expect(result.stdout.split('\n').length).toBeGreaterThan(format === 'csv' ? 2 : 20);
    }
    const csv = await runCli(['export', file, '--format', 'csv'], { tty: true });
    expect(csv.stdout).toContain(',a\\x1B[2Jb\\x07c\\x9Bd\\u{202E}e,');
    expect(csv.stdout.endsWith('\r\n')).toBe(true);
  });

  it('writes the exact bytes to a pipe or a file', async () => {
    const file = await scratch.write('hostile.bin', hostile);
    const piped = await runCli(['export', file, '--format', 'csv']);
    expect(piped.stdout).toContain(',a\x1b[2Jb\x07c\u009bd\u202ee,');
    const out = scratch.path('out.csv');
    await runCli(['export', file, '--format', 'csv', '-o', out], { tty: true });
    expect(await readFile(out, 'utf8')).toBe(piped.stdout);
  });
});
