import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_UID_SHOWN } from '../../../electron/cli/commands/inspect.js';
import { printable } from '../../../electron/cli/text.js';
import { toHexLine } from '../../../shared/export/hex.js';
import { sha256Hex } from '../../../shared/hash.js';
import { ascii, buildBlob, CLEAN_TAGS, problemBlob } from '../../fixtures/blobs.js';
import { runCli, useScratchFolder } from './helpers.js';

const scratch = useScratchFolder();

/** The value printed after a summary label. */
function field(stdout: string, label: string): string {
  const line = stdout.split('\n').find((text) => text.trimStart().startsWith(`${label}  `));
  if (line === undefined) throw new Error(`no '${label}' line in:\n${stdout}`);
  return line.trim().slice(label.length).trim();
}

describe('uidl-studio inspect', () => {
  it('prints the summary, no findings, and the table of a clean raw BLOB', async () => {
    const blob = buildBlob(CLEAN_TAGS);
    const file = await scratch.write('clean.bin', blob);
    const result = await runCli(['inspect', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    expect(field(out, 'Input')).toBe(`${blob.length} bytes, SHA-256 ${sha256Hex(blob)}`);
    expect(field(out, 'Input format')).toMatch(/^raw: /);
    expect(field(out, 'Version')).toBe('3');
    expect(field(out, 'Tags')).toBe('3 declared, 3 found');
    expect(field(out, 'Dates')).toBe(
      '2011-01-02 03:04:05 UTC to 2013-01-01 00:00:00 UTC (Outlook writes UTC)',
    );
    expect(field(out, 'Operations')).toBe('get 1, delete 1, get-and-delete 1');
    expect(field(out, 'Content')).toBe('none 1, header 1, body 1');
    expect(field(out, 'Findings')).toBe('0 errors, 0 warnings, 0 info');
    expect(out).toContain('\nFindings\n  no findings\n');
    expect(out).toContain('Entries (3 entries)');
    const rows = out.slice(out.indexOf('INDEX')).split('\n');
    expect(rows[0]!.trim().split(/\s+/)).toEqual([
      'INDEX',
      'OP',
      'CONTENT',
      'TIME',
      '(UTC)',
      'UID',
      'OFFSET',
      'LENGTH',
      'DIAGNOSTICS',
    ]);
    expect(rows[1]!.trim().split(/\s+/)).toEqual([
      '0',
      '+',
      'body',
      '2012-09-06',
      '13:11:38',
      '0BC535DB-EA63-11E1-A75C-00215AD7BB74',
      '4',
      '61',
    ]);
    expect(rows[2]!.trim().split(/\s+/)).toEqual([
      '1',
      '-',
      'header',
      '2011-01-02',
      '03:04:05',
      'UID_two',
      '65',
      '26',
    ]);
  });

  it('lists findings with severity, code and byte range, and codes in the table', async () => {
    const file = await scratch.write('problem.bin', problemBlob());
    const result = await runCli(['inspect', file]);
    expect(result.code).toBe(0);
    expect(field(result.stdout, 'Trailing bytes')).toBe('3');
    expect(field(result.stdout, 'Duplicate UIDs')).toBe('1');
    expect(result.stdout).toMatch(
      /^ {2}warning {2}uid\.duplicate +bytes 20–63 \(44 bytes; 0x14–0x3F\) +Tag #0: UID/m,
    );
    expect(result.stdout).toMatch(
      /^ {2}error {4}timestamp\.invalid-date +bytes 71–72 \(2 bytes; 0x47–0x48\) /m,
    );
    expect(result.stdout).toMatch(/^ {2}warning {2}trailing\.bytes +bytes \d+–\d+ \(3 bytes; /m);
    expect(result.stdout).toMatch(
      /^ +1 {2}\+ {3}body +20121332000000 +bad-date .* timestamp\.invalid-date timestamp\.invalid-date$/m,
    );
  });

  it('counts uncounted tags after the declared ones as found', async () => {
    const file = await scratch.write('uncounted.bin', buildBlob(CLEAN_TAGS, { count: 1 }));
    const result = await runCli(['inspect', file, '--no-table']);
    expect(field(result.stdout, 'Tags')).toBe('1 declared, 3 found (2 after the counted ones)');
  });

  it('leaves the table out with --no-table and shortens it with --limit', async () => {
    const file = await scratch.write('clean.bin', buildBlob(CLEAN_TAGS));
    const noTable = await runCli(['inspect', '--no-table', file]);
    expect(noTable.code).toBe(0);
    expect(noTable.stdout).not.toContain('INDEX');
    expect(noTable.stdout).not.toContain('Entries');
    const limited = await runCli(['inspect', file, '--limit', '2']);
    expect(limited.stdout).toContain('Entries (first 2 of 3)');
    expect(limited.stdout).toMatch(/^ +1 {2}-/m);
    expect(limited.stdout).not.toMatch(/^ +2 {2}&/m);
  });

  it('reads hex text, saying which format it detected, and stdin through -', async () => {
    const blob = buildBlob(CLEAN_TAGS);
    const hexText = toHexLine(blob) + '\n';
    const file = await scratch.write('clean.hex', hexText);
    const fromFile = await runCli(['inspect', file, '--no-table']);
    expect(fromFile.code).toBe(0);
    expect(field(fromFile.stdout, 'Input format')).toMatch(/^hex\b/);
    expect(field(fromFile.stdout, 'Input')).toBe(
      `${hexText.length} bytes, SHA-256 ${sha256Hex(ascii(hexText))}`,
    );
    expect(field(fromFile.stdout, 'BLOB')).toBe(`${blob.length} bytes, SHA-256 ${sha256Hex(blob)}`);

    const fromStdin = await runCli(['inspect', '-', '--no-table'], { stdin: ascii(hexText) });
    expect(fromStdin.stdinRead).toBe(true);
    expect(fromStdin.stdout.split('\n')[0]).toBe('<stdin>');
    expect(field(fromStdin.stdout, 'Tags')).toBe('3 declared, 3 found');
  });

  it('escapes control characters from the BLOB instead of sending them to the terminal', async () => {
    // $1b decodes to ESC: a UID could otherwise carry terminal escape sequences.
    const blob = buildBlob([ascii('+b20120101000000evil$1b$5b2J\0')]);
    const file = await scratch.write('escape.bin', blob);
    const result = await runCli(['inspect', file]);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toContain('evil\\x1B[2J');
  });
});

describe('uidl-studio inspect of a huge tag', () => {
  it('cuts a UID over 1,000 characters in the table, saying how long it is', async () => {
    const uid = 'u'.repeat(MAX_UID_SHOWN) + 'v'.repeat(4_000);
    const blob = buildBlob([ascii(`+b20200101000000${uid}\0`)]);
    const file = await scratch.write('huge.bin', blob);
    const result = await runCli(['inspect', file]);
    expect(result.code).toBe(0);
    const row = result.stdout.split('\n').find((line) => line.trimStart().startsWith('0  +'));
    expect(row).toContain(
      `${'u'.repeat(MAX_UID_SHOWN)}... (5,000 characters; export to JSON or CSV for all of it)`,
    );
    expect(row).not.toContain('v');
    // A raw input is its own BLOB: one hash, shown twice.
    expect(field(result.stdout, 'BLOB')).toContain(sha256Hex(blob));
  });
});

describe('printable', () => {
  // The character-at-a-time original, kept as the reference the one-pass version must match.
  const reference = (text: string): string =>
    [...text]
      .map((char) => {
        const code = char.charCodeAt(0);
        const unsafe =
          code < 0x20 ||
          (code >= 0x7f && code <= 0x9f) ||
          [0x061c, 0x200e, 0x200f].includes(code) ||
          (code >= 0x202a && code <= 0x202e) ||
          (code >= 0x2066 && code <= 0x2069);
        if (!unsafe) return char;
        const digits = code.toString(16).toUpperCase();
        return code <= 0xff ? `\\x${digits.padStart(2, '0')}` : `\\u{${digits}}`;
      })
      .join('');

  it('escapes exactly the control and bidirectional characters', () => {
    const tricky = fc.constantFrom(
      '\x00',
      '\x1b',
      '\n',
      '\x7f',
      '\x9b',
      '\u061c',
      '\u202e',
      '\u2069',
      'a',
      'é',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), tricky)), (parts) => {
        const text = parts.join('');
        expect(printable(text)).toBe(reference(text));
      }),
      { numRuns: 500 },
    );
  });
});
