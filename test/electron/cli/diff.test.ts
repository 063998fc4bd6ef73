/** `uidl-studio diff OLD NEW [--json]`: what entered and left the history between two versions. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { TagFields } from '../../../shared/codec/edit.js';
import type { DiffJson } from '../../../shared/diff/json.js';
import { toHexLine } from '../../../shared/export/hex.js';
import { buildBlob } from '../../fixtures/blobs.js';
import { RUN_SAMPLE_TESTS, sample } from '../../fixtures/samples.js';
import { expectOneErrorLine, runCli, useScratchFolder } from './helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const validateJson = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(`${root}shared/diff/diff.schema.json`, 'utf8')) as object,
);

const tag = (uid: string, timestamp = '20200102030405'): TagFields => ({
  op: '+',
  content: 'b',
  timestamp,
  uid,
});
const older = buildBlob([tag('a'), tag('gone'), tag('moved', '20200101000000')]);
const newer = buildBlob([tag('a'), tag('moved', '20210101000000'), tag('fresh')]);
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('uidl-studio diff', () => {
  const scratch = useScratchFolder();

  it('exits 1 and lists the added, removed and changed UIDs with their entries', async () => {
    const oldFile = await scratch.write('old.bin', older);
    const newFile = await scratch.write('new.bin', newer);
    const result = await runCli(['diff', oldFile, newFile]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        `Old: ${oldFile} (3 entries, SHA-256 ${sha256(older)})`,
        `New: ${newFile} (3 entries, SHA-256 ${sha256(newer)})`,
        '',
        '1 UID added, 1 removed (deleted on the server and dropped by Outlook), 1 changed.',
        '',
        'Added (1):',
        'old entries  new entries  UID    changes',
        '                       2  fresh',
        '',
        'Removed (1):',
        'old entries  new entries  UID   changes',
        '          1               gone',
        '',
        'Changed (1):',
        'old entries  new entries  UID    changes',
        '          2            1  moved  timestamp 20200101000000 → 20210101000000',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 for the same history written as raw bytes and as hex text', async () => {
    const raw = await scratch.write('old.bin', older);
    const hex = await scratch.write('old.txt', toHexLine(older));
    const result = await runCli(['diff', raw, hex]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'No differences: the same 3 UIDs with the same operations, contents and times.',
    );
  });

  it('prints uidl-studio/diff@1 JSON that the published schema accepts', async () => {
    const oldFile = await scratch.write('old.bin', older);
    const newFile = await scratch.write('new.bin', newer);
    const result = await runCli(['diff', '--json', oldFile, newFile]);
    expect(result.code).toBe(1);
    const value = JSON.parse(result.stdout) as DiffJson;
    expect(validateJson(value), JSON.stringify(validateJson.errors, null, 2)).toBe(true);
    expect(value.older).toEqual({ name: oldFile, sha256: sha256(older), entryCount: 3 });
    expect(value.counts).toEqual({
      added: 1,
      removed: 1,
      changed: 1,
      unchanged: 1,
      olderEntries: 3,
      newerEntries: 3,
    });
    expect(value.uids.map((row) => [row.kind, row.uid])).toEqual([
      ['changed', 'moved'],
      ['added', 'fresh'],
      ['removed', 'gone'],
    ]);
  });

  it('exits 2 with one line for a missing file, and for both sides on stdin', async () => {
    const oldFile = await scratch.write('old.bin', older);
    const missing = await runCli(['diff', oldFile, scratch.path('nope.bin')]);
    expect(missing.code).toBe(2);
    expect(expectOneErrorLine(missing.stderr)).toContain('nope.bin');
    expect(missing.stdout).toBe('');
    const stdin = await runCli(['diff', '-', '-']);
    expect(stdin.code).toBe(2);
    expect(expectOneErrorLine(stdin.stderr)).toBe(
      'uidl-studio: OLD and NEW cannot both be read from stdin (-)',
    );
  });

  it('exits 2 when an argument is missing', async () => {
    const result = await runCli(['diff', 'only-one.bin']);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toContain("missing required argument 'NEW'");
  });
});

describe.runIf(RUN_SAMPLE_TESTS)('uidl-studio diff on the real Outlook-written samples', () => {
  it('reads STORE#n and STORE#account like any input: the same history is identical', async () => {
    const store = sample('tghanem-pst_user1-test-lab_39ba6b1.pst');
    const result = await runCli(['diff', `${store}#1`, `${store}#user1@test.lab`]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'No differences: the same 6 UIDs with the same operations, contents and times.',
    );
  });

  it('names UIDs 7-9 added and 1-5 removed between the 39ba6b1 and cb6a861 stores', async () => {
    const result = await runCli([
      'diff',
      '--json',
      sample('tghanem-pst_user1-test-lab_39ba6b1.pst'),
      sample('tghanem-pst_user1-test-lab_cb6a861.pst'),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const value = JSON.parse(result.stdout) as DiffJson;
    expect(validateJson(value)).toBe(true);
    const ofKind = (kind: string) =>
      value.uids.filter((row) => row.kind === kind).map((row) => row.uid);
    expect(ofKind('added')).toEqual(['7', '8', '9']);
    expect(ofKind('removed')).toEqual(['1', '2', '3', '4', '5']);
    expect(value.counts.olderEntries).toBe(6);
    expect(value.counts.newerEntries).toBe(4);
    expect(value.counts.unchanged).toBe(1);
    expect(value.summary).toBe(
      '3 UIDs added, 5 removed (deleted on the server and dropped by Outlook), 0 changed.',
    );
  });
});
