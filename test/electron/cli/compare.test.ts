/** `uidl-studio compare BLOB LISTING [--json]`: what Outlook will download next, and why. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { TagFields } from '../../../shared/codec/edit.js';
import type { ComparisonJson } from '../../../shared/compare/json.js';
import { toHexLine } from '../../../shared/export/hex.js';
import { ascii, buildBlob } from '../../fixtures/blobs.js';
import { buildMsg } from '../containers/msg-fixtures.js';
import { expectOneErrorLine, runCli, useScratchFolder } from './helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const schema = JSON.parse(
  readFileSync(`${root}shared/compare/compare.schema.json`, 'utf8'),
) as object;
const validateJson = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const tag = (uid: string): TagFields => ({
  op: '+',
  content: 'b',
  timestamp: '20200102030405',
  uid,
});
/** Entries 0-3: kept, kept twice, a case twin of the server's `NEW-1`, and a deleted one. */
const blob = buildBlob([tag('a-1'), tag('b.2'), tag('b.2'), tag('new-1'), tag('gone')]);
const listingText = '+OK 3 messages\r\n1 a-1\r\n2 NEW-1\r\n3 b.2\r\n4 fresh\r\n.\r\n';

describe('uidl-studio compare', () => {
  const scratch = useScratchFolder();

  it('exits 1 and lists what Outlook will download, what is stale, and why', async () => {
    const file = await scratch.write('history.bin', blob);
    const listing = await scratch.write('uidl.txt', listingText);
    const result = await runCli(['compare', file, listing]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        `History: ${file} (5 entries)`,
        `Listing: ${listing}, uidl-response: Line 1 is the status line of a UIDL response ('+OK 3 messages').`,
        'Counts: server 4, kept 2, will download 2 (likely new 1), stale 2, duplicated in ' +
          'history 1, near misses 1',
        '',
        'The server lists 4 messages; the history has 5 entries. Outlook will download 1 ' +
          'message again and 1 new message on the next check (on the server but missing from ' +
          'the history); 2 ' +
          'history entries are stale (deleted on the server); 1 UID appears more than once in ' +
          'the history. 1 of the 2 differs from a history entry only in letter case: the ' +
          "server's UIDs likely changed case.",
        '',
        'Will be downloaded (2):',
        'message  UID    likely             near miss',
        '      2  NEW-1  downloaded before  case: new-1',
        '      4  fresh  new mail',
        '',
        'Stale (2):',
        'entries  UID    near miss',
        '      3  new-1  case: NEW-1',
        '      4  gone',
        '',
        'In the history more than once (1):',
        'entries  UID  class',
        '1, 2     b.2  kept',
        '',
        'Near misses (1):',
        "  'NEW-1' on the server and 'new-1' in the history differ only in letter case.",
        '',
      ].join('\n'),
    );
  });

  it('exits 0 when Outlook would download nothing', async () => {
    const file = await scratch.write('history.bin', blob);
    const result = await runCli(['compare', file, '-'], {
      stdin: ascii('a-1\nb.2\nnew-1\n'),
    });
    expect(result.code).toBe(0);
    expect(result.stdinRead).toBe(true);
    expect(result.stdout).toContain(
      'Outlook will download nothing again on the next check; 1 history entry is stale',
    );
    expect(result.stdout).not.toContain('Will be downloaded');
    expect(result.stdout).toContain('Listing: <stdin>, uid-list: ');
  });

  it('prints the comparison as JSON (schema uidl-studio/compare@1)', async () => {
    const file = await scratch.write('history.hex', toHexLine(blob));
    const listing = await scratch.write('uidl.txt', listingText);
    const result = await runCli(['compare', '--json', file, listing]);
    expect(result.code).toBe(1);
    const value = JSON.parse(result.stdout) as ComparisonJson;
    expect(validateJson(value), JSON.stringify(validateJson.errors)).toBe(true);
    expect(value.history.name).toBe(file);
    expect(value.history.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(value.listing).toMatchObject({ name: listing, shape: 'uidl-response', messages: 4 });
    expect(value.counts).toEqual({
      serverMessages: 4,
      historyEntries: 5,
      kept: 2,
      willDownload: 2,
      likelyNew: 1,
      stale: 2,
      duplicatedInHistory: 1,
      nearMisses: 1,
    });
    expect(value.uids.map((u) => [u.uid, u.class, u.messageNumbers, u.historyEntries])).toEqual([
      ['a-1', 'kept', [1], [0]],
      ['NEW-1', 'will-download', [2], []],
      ['b.2', 'kept', [3], [1, 2]],
      ['fresh', 'will-download', [4], []],
      ['new-1', 'stale', [], [3]],
      ['gone', 'stale', [], [4]],
    ]);
  });

  it('prints listing problems as warnings with line numbers, and still compares', async () => {
    const file = await scratch.write('history.bin', blob);
    const listing = await scratch.write('uidl.txt', '+OK\n1 a-1\nx b.2\n3 new-1\n');
    const result = await runCli(['compare', file, listing]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `uidl-studio: warning: ${listing}: line 3: message number 'x' is not a number; the line is left out\n` +
        `uidl-studio: warning: ${listing}: line 4: the UIDL response that starts on line 1 ends ` +
        "without its terminating '.': the listing may be truncated\n",
    );
    expect(result.stdout).toContain(" (no terminating '.')\n");
  });

  it('prints at most 20 problems and says how many more there are', async () => {
    const file = await scratch.write('history.bin', blob);
    const bad = Array.from({ length: 25 }, (_, i) => `x${i} uid${i}`);
    const listing = await scratch.write('uidl.txt', ['1 a-1', ...bad].join('\n'));
    const result = await runCli(['compare', file, listing]);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe(
      `uidl-studio: warning: ${listing}: 5 more problems (--json lists them all)`,
    );
  });

  it('reads the history from a container (STORE#account)', async () => {
    const msg = await scratch.write(
      'manager.msg',
      buildMsg({
        messageClass: 'IPM.MessageManager',
        attachments: [
          { longFilename: 'BlobPOPjoe@example.com', data: blob },
          { longFilename: 'BlobPOPann@example.com', data: buildBlob([tag('fresh')]) },
        ],
      }),
    );
    const listing = await scratch.write('uidl.txt', listingText);
    const joe = await runCli(['compare', `${msg}#joe@example.com`, listing]);
    expect(joe.code).toBe(1);
    expect(joe.stdout).toContain('(5 entries)');
    const ann = await runCli(['compare', '--json', `${msg}#ann@example.com`, listing]);
    expect((JSON.parse(ann.stdout) as ComparisonJson).counts.kept).toBe(1);
  });

  it('applies --input-format to the BLOB', async () => {
    const file = await scratch.write('history.txt', toHexLine(blob));
    const listing = await scratch.write('uidl.txt', listingText);
    const result = await runCli(['compare', '--input-format', 'base64', file, listing]);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(/^uidl-studio: .*history\.txt: /);
  });

  describe('exits 2 with one line on stderr', () => {
    it('for a missing listing file', async () => {
      const file = await scratch.write('history.bin', blob);
      const result = await runCli(['compare', file, scratch.path('none.txt')]);
      expect(result.code).toBe(2);
      expect(expectOneErrorLine(result.stderr)).toMatch(
        /^uidl-studio: cannot read '.*none\.txt': no such file or directory$/,
      );
      expect(result.stdout).toBe('');
    });

    it('without a listing', async () => {
      const file = await scratch.write('history.bin', blob);
      const result = await runCli(['compare', file]);
      expect(result.code).toBe(2);
      expect(expectOneErrorLine(result.stderr)).toBe(
        'uidl-studio: compare needs a LISTING file (or - for stdin), or --pop3 HOST[:PORT] ' +
          '--user USER to fetch it live',
      );
    });

    it('when both would be read from stdin', async () => {
      const result = await runCli(['compare', '-', '-']);
      expect(result.code).toBe(2);
      expect(result.stdinRead).toBe(false);
      expect(expectOneErrorLine(result.stderr)).toBe(
        'uidl-studio: BLOB and LISTING cannot both be read from stdin (-)',
      );
    });

    it('when the arguments are swapped (the listing is binary)', async () => {
      const listing = await scratch.write('uidl.txt', 'a-1\nb.2\n');
      const file = await scratch.write('history.bin', blob);
      // --input-format raw reads the text file as a (damaged) BLOB, so the listing is reached.
      const result = await runCli(['compare', '--input-format', 'raw', listing, file]);
      expect(result.code).toBe(2);
      expect(expectOneErrorLine(result.stderr)).toMatch(
        /^uidl-studio: .*history\.bin: a UIDL listing is text, but this holds a NUL \(character 2\); give the BLOB first, then the listing$/,
      );
    });

    it('when no UID could be read from the listing', async () => {
      const file = await scratch.write('history.bin', blob);
      const listing = await scratch.write('session.txt', 'USER joe\n+OK\nLIST\n+OK\n1 10\n.\n');
      const result = await runCli(['compare', file, listing]);
      expect(result.code).toBe(2);
      expect(expectOneErrorLine(result.stderr)).toBe(
        `uidl-studio: ${listing}: no UIDs could be read: line 1: the transcript holds no UIDL ` +
          'command (only USER, LIST): there are no UIDs to compare',
      );
    });
  });
});

const builtCli = `${root}dist/electron/cli/main.js`;
const built = existsSync(builtCli);

describe('the built CLI', () => {
  const scratch = useScratchFolder();
  const name = built
    ? 'runs compare as `node dist/electron/cli/main.js` with its exit codes'
    : `runs compare as a process — SKIPPED: ${builtCli} is absent (run \`npm run build\`)`;

  it.skipIf(!built)(name, async () => {
    const file = await scratch.write('history.bin', blob);
    const listing = await scratch.write('uidl.txt', listingText);
    const would = spawnSync(process.execPath, [builtCli, 'compare', file, listing], {
      encoding: 'utf8',
    });
    expect(would.status).toBe(1);
    expect(would.stdout).toMatch(/^Will be downloaded \(2\):$/m);
    const nothing = spawnSync(process.execPath, [builtCli, 'compare', '--json', file, '-'], {
      input: 'a-1\n',
      encoding: 'utf8',
    });
    expect(nothing.status).toBe(0);
    expect((JSON.parse(nothing.stdout) as ComparisonJson).counts.stale).toBe(3);
  });
});

describe('uidl-studio compare at scale', () => {
  const scratch = useScratchFolder();

  it('prints a 130,000-message listing against a history without overflowing the stack', async () => {
    const file = await scratch.write('history.bin', buildBlob([tag('m1'), tag('gone')]));
    const lines = Array.from({ length: 130_000 }, (_, i) => `${i + 1} m${i + 1}`);
    const listing = await scratch.write('uidl.txt', `+OK\r\n${lines.join('\r\n')}\r\n.\r\n`);
    const result = await runCli(['compare', file, listing]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'Counts: server 130,000, kept 1, will download 129,999 (likely new 129,999), stale 1',
    );
    expect(result.stdout).toContain('\nWill be downloaded (129,999):\n');
    expect(result.stdout).toMatch(/^130,000 {2}m130000 {2}new mail$/m);
  });
});
