/**
 * `uidl-studio repair BLOB LISTING -o OUT`: marks the likely downloaded-before UIDs (new mail
 * only when asked), skips unwritable UIDs with their reasons, removes stale entries on request,
 * writes atomically with a backup and never over what it read; exit 0 when Outlook would then
 * download nothing, 1 when it still would, 2 on error with nothing written.
 */
import { readFile, symlink } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { TagFields } from '../../../shared/codec/edit.js';
import { parse } from '../../../shared/codec/parse.js';
import { toHexLine } from '../../../shared/export/hex.js';
import { buildBlob } from '../../fixtures/blobs.js';
import { expectOneErrorLine, runCli, useScratchFolder } from './helpers.js';

const tag = (uid: string): TagFields => ({
  op: '+',
  content: 'b',
  timestamp: '20200102030405',
  uid,
});
/** Kept: m-2 and m-4. Missing: m-1 and m-3 (before and among them), m-5 and m-6 (new). */
const blob = buildBlob([tag('m-2'), tag('m-4'), tag('gone')]);
const listingText = '+OK\r\n1 m-1\r\n2 m-2\r\n3 m-3\r\n4 m-4\r\n5 m-5\r\n6 m-6\r\n.\r\n';
/** `+b` and 14 digits written now, in UTC. */
const WRITTEN_NOW = /^\+b\d{14}$/;

async function uidsOf(path: string): Promise<string[]> {
  return [...parse(new Uint8Array(await readFile(path))).uidList()];
}

describe('uidl-studio repair', () => {
  const scratch = useScratchFolder();

  it('marks only the likely downloaded-before UIDs by default and says what it left out', async () => {
    const file = await scratch.write('history.bin', blob);
    const listing = await scratch.write('uidl.txt', listingText);
    const out = scratch.path('repaired.bin');
    const result = await runCli(['repair', file, listing, '-o', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      `History: ${file} (3 entries)`,
      `Listing: ${listing}, uidl-response: Line 1 is the status line of a UIDL response ('+OK').`,
      'Before: The server lists 6 messages; the history has 3 entries. Outlook will download ' +
        '2 messages again and 2 new messages on the next check (on the server but missing from ' +
        'the history); 1 history entry is stale (deleted on the server).',
    ]);
    expect(lines[4]).toMatch(
      /^Marked 2 UIDs as downloaded \(\+b entries dated \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\.$/,
    );
    expect(lines.slice(5)).toEqual([
      'Left out 2 new messages (listed after the newest message the history has seen): ' +
        'Outlook downloads them on the next check; --mark-downloaded all marks new mail too, ' +
        'and it is then never downloaded.',
      'Kept 1 stale entry (--remove-stale removes it).',
      `Wrote ${(await readFile(out)).length} bytes to '${out}'.`,
      '',
      'After: The server lists 6 messages; the history has 5 entries. Outlook will download 2 ' +
        'new messages on the next check (listed after the newest message the history has ' +
        'seen); 1 history entry is stale (deleted on the server).',
      '',
    ]);
    expect(await uidsOf(out)).toEqual(['m-2', 'm-4', 'gone', 'm-1', 'm-3']);
    const written = parse(new Uint8Array(await readFile(out)));
    expect(written.entries.slice(3).map((e) => e.rawUid)).toEqual(['m$2d1', 'm$2d3']);
    for (const entry of written.entries.slice(3)) {
      expect(`${entry.op}${entry.content}${entry.timestampText}`).toMatch(WRITTEN_NOW);
    }
    // The input is untouched.
    expect(new Uint8Array(await readFile(file))).toEqual(blob);
  });

  it('marks new mail too with --mark-downloaded all, removes stale entries, then exits 0', async () => {
    const file = await scratch.write('history.hex', toHexLine(blob));
    const listing = await scratch.write('uidl.txt', listingText);
    const out = scratch.path('repaired.bin');
    const result = await runCli([
      'repair',
      file,
      listing,
      '-o',
      out,
      '--mark-downloaded',
      'all',
      '--remove-stale',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\nMarked 4 UIDs as downloaded \(/);
    expect(result.stdout).not.toContain('Left out');
    expect(result.stdout).toContain('\nRemoved 1 stale entry (1 UID).\n');
    expect(result.stdout).toContain(
      '\nAfter: The server lists 6 messages; the history has 6 entries. Outlook will download ' +
        'nothing again on the next check.\n',
    );
    expect(await uidsOf(out)).toEqual(['m-2', 'm-4', 'm-1', 'm-3', 'm-5', 'm-6']);

    const compared = await runCli(['compare', out, listing]);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toContain('Outlook will download nothing again on the next check.');
  });

  it('marks nothing with none, and writes the history unchanged', async () => {
    const file = await scratch.write('history.bin', blob);
    const listing = await scratch.write('uidl.txt', listingText);
    const out = scratch.path('same.bin');
    const result = await runCli(['repair', file, listing, '-o', out, '--mark-downloaded', 'none']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('\nMarked nothing as downloaded (--mark-downloaded none).\n');
    expect(new Uint8Array(await readFile(out))).toEqual(blob);
  });

  it('skips each UID that cannot be written, listing its reason, and writes the rest', async () => {
    const long = `L${'x'.repeat(70)}`;
    const file = await scratch.write('history.bin', blob);
    const listing = await scratch.write(
      'uidl.txt',
      `1 m-1\n2 ${long}\n3 caf\u00e9\n4 m-2\n5 m-4\n`,
    );
    const out = scratch.path('repaired.bin');
    const result = await runCli(['repair', file, listing, '-o', out]);
    expect(result.code).toBe(1);
    // The listing's own warnings name the lines; the repair names the UIDs and why.
    expect(result.stderr).toContain('uidl.txt: line 2: ');
    expect(result.stdout).toMatch(/\nMarked 1 UID as downloaded \([^\n]*\)\.\nSkipped 2 UIDs/);
    expect(result.stdout).toContain(
      [
        'Skipped 2 UIDs that cannot be written:',
        `  '${long}': the UID has 71 characters; RFC 1939 allows at most 70`,
        "  'caf\u00e9': character 0xE9 at position 4 is outside the printable ASCII RFC 1939 allows",
        '',
      ].join('\n'),
    );
    expect(await uidsOf(out)).toEqual(['m-2', 'm-4', 'gone', 'm-1']);
  });

  it('keeps an existing OUT as OUT.bak', async () => {
    const file = await scratch.write('history.bin', blob);
    const listing = await scratch.write('uidl.txt', listingText);
    const out = await scratch.write('repaired.bin', 'earlier');
    const result = await runCli(['repair', file, listing, '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`; the previous file is kept as '${out}.bak'.`);
    expect(await readFile(`${out}.bak`, 'utf8')).toBe('earlier');
  });

  it('refuses to write over the BLOB or the listing, by any name, and writes nothing', async () => {
    const file = await scratch.write('history.bin', blob);
    const listing = await scratch.write('uidl.txt', listingText);
    const link = scratch.path('link.bin');
    await symlink(file, link);
    for (const [out, what] of [
      [file, 'the BLOB'],
      [link, 'the BLOB'],
      [listing, 'the listing'],
    ] as const) {
      const result = await runCli(['repair', file, listing, '-o', out]);
      expect(result.code).toBe(2);
      expect(expectOneErrorLine(result.stderr)).toBe(
        `uidl-studio: refusing to write the repaired history over ${what} '${out}'; give ` +
          'another -o OUT (the input is evidence and stays as it is)',
      );
      expect(result.stdout).toBe('');
    }
    expect(new Uint8Array(await readFile(file))).toEqual(blob);
    expect(await readFile(listing, 'utf8')).toBe(listingText);
  });

  it('exits 2 with one line for a missing -o, an unknown choice or no listing', async () => {
    const file = await scratch.write('history.bin', blob);
    const listing = await scratch.write('uidl.txt', listingText);
    const noOut = await runCli(['repair', file, listing]);
    expect(noOut.code).toBe(2);
    expect(expectOneErrorLine(noOut.stderr)).toBe(
      "uidl-studio: required option '-o, --output <OUT>' not specified",
    );
    const badChoice = await runCli([
      'repair',
      file,
      listing,
      '-o',
      scratch.path('x.bin'),
      '--mark-downloaded',
      'newer',
    ]);
    expect(badChoice.code).toBe(2);
    expect(expectOneErrorLine(badChoice.stderr)).toMatch(
      /^uidl-studio: option '--mark-downloaded <which>' argument 'newer' is invalid\. Allowed choices are older, all, none\./,
    );
    const noListing = await runCli(['repair', file, '-o', scratch.path('x.bin')]);
    expect(noListing.code).toBe(2);
    expect(expectOneErrorLine(noListing.stderr)).toBe(
      'uidl-studio: repair needs a LISTING file (or - for stdin), or --pop3 HOST[:PORT] --user ' +
        'USER to fetch it live',
    );
  });
});
