/**
 * `uidl-studio versions STORE [--json] [--timeline]` and `STORE#versions/<n>` as the input of
 * inspect, export, validate and compare, on the real 39ba6b1 sample (the current 6-entry
 * history and the earlier 5-entry one carved).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import type { VersionsReport } from '../../../shared/versions/types.js';
import { outlookBlob } from '../../../bench/generate-store.js';
import { RUN_SAMPLE_TESTS, sample } from '../../fixtures/samples.js';
import { expectOneErrorLine, runCli, useScratchFolder } from './helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const schema = JSON.parse(
  readFileSync(`${root}shared/versions/versions.schema.json`, 'utf8'),
) as object;
const validateJson = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const FIVE = '03274add5391c7753f4134289a33987dfce8c3129cf5484dd566e6540d3524e3';
const SIX = 'd065aa6f85fc3f4ac77a98e60af2c0bdef521ba8e0f152354f9db6170786bbac';

describe.runIf(RUN_SAMPLE_TESTS)('versions on the 39ba6b1 sample', () => {
  const scratch = useScratchFolder();
  const store = (): string => sample('tghanem-pst_user1-test-lab_39ba6b1.pst');

  it('prints both versions, oldest first, the carved one and the current one', async () => {
    const result = await runCli(['versions', store()]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[1]).toBe('2 versions, oldest first:');
    expect(lines[3]).toMatch(/^n\s+offset\s+block\s+entries\s+first \(UTC\)/);
    expect(lines[4]!.replace(/ +/g, ' ')).toBe(
      "1 37650 0xeb4 5 2017-06-05 20:34:21 UTC 2017-06-06 19:23:51 UTC 03274add5391c775 carved; precedes user1@test.lab's (5 shared UIDs)",
    );
    expect(lines[5]!.replace(/ +/g, ' ')).toBe(
      '2 43410 0x169c 6 2017-06-05 20:34:21 UTC 2017-06-12 14:32:50 UTC d065aa6f85fc3f4a current history of user1@test.lab (#1)',
    );
  });

  it('--json is schema uidl-studio/versions@1, valid against the published schema', async () => {
    const result = await runCli(['versions', store(), '--json', '--timeline']);
    const report = JSON.parse(result.stdout) as VersionsReport;
    expect(validateJson(report), JSON.stringify(validateJson.errors)).toBe(true);
    expect(report.schema).toBe('uidl-studio/versions@1');
    expect(
      report.versions.map((v) => [v.offset, v.entryCount, v.sha256, v.current !== null]),
    ).toEqual([
      [37650, 5, FIVE, false],
      [43410, 6, SIX, true],
    ]);
    expect(report.timeline).toHaveLength(1);
    expect(
      report.timeline![0]!.rows.map((r) => [
        r.uid,
        r.firstVersion,
        r.lastVersion,
        r.firstTimestamp,
      ]),
    ).toEqual([
      ['1', 1, 2, '2017-06-05T20:34:21Z'],
      ['2', 1, 2, '2017-06-05T20:34:21Z'],
      ['3', 1, 2, '2017-06-05T20:34:21Z'],
      ['4', 1, 2, '2017-06-05T20:34:21Z'],
      ['5', 1, 2, '2017-06-06T19:23:51Z'],
      ['6', 2, 2, '2017-06-12T14:32:50Z'],
    ]);
  });

  it('--timeline prints when each UID first and last appears', async () => {
    const result = await runCli(['versions', store(), '--timeline']);
    expect(result.stdout).toContain(
      'Timeline of user1@test.lab, versions 1, 2 (times from the tags, UTC):',
    );
    expect(result.stdout).toMatch(
      /\n6\s+versions\/2\s+2017-06-12 14:32:50 UTC\s+versions\/2\s+2017-06-12 14:32:50 UTC\s+still held\n/,
    );
  });

  it('inspect STORE#versions/1 reads the carved 5-entry history', async () => {
    const result = await runCli(['inspect', `${store()}#versions/1`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Found as\s+versions\/1 of 2: carved, an earlier history of user1@test\.lab \(5 shared UIDs\), at byte 37650 \(0x9312\), block 0xeb4/,
    );
    expect(result.stdout).toMatch(/Input\s+103 bytes, SHA-256 03274add/);
  });

  it('export and validate take STORE#versions/<n>', async () => {
    const exported = await runCli(['export', `${store()}#versions/1`, '--format', 'bin']);
    expect(exported.code).toBe(0);
    expect(parse(exported.stdoutBytes).uidList()).toEqual(['1', '2', '3', '4', '5']);
    const validated = await runCli(['validate', `${store()}#versions/2`]);
    expect(validated.code).toBe(0);
  });

  it('compare takes STORE#versions/<n> as the history', async () => {
    const listing = await scratch.write('uidl.txt', '1 1\n2 6\n');
    const result = await runCli(['compare', `${store()}#versions/1`, listing, '--json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { counts: Record<string, number> };
    expect(json.counts).toMatchObject({ willDownload: 1 });
  });

  it('a version past the last names the range', async () => {
    const result = await runCli(['inspect', `${store()}#versions/3`]);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(
      /holds 2 version\(s\) \(versions\/1 to versions\/2\); there is no versions\/3/,
    );
  });
});

describe('versions on other files', () => {
  const scratch = useScratchFolder();

  it('searches any file byte by byte and says so', async () => {
    const bytes = new Uint8Array(500);
    bytes.set(outlookBlob(['a', 'b'], '20200101000000'), 123);
    const path = await scratch.write('disk.img', bytes);
    const result = await runCli(['versions', path, '--json']);
    const report = JSON.parse(result.stdout) as VersionsReport;
    expect(validateJson(report), JSON.stringify(validateJson.errors)).toBe(true);
    expect(report.container).toBe('unknown');
    expect(report.versions.map((v) => [v.offset, v.entryCount, v.findings])).toEqual([
      [123, 2, ['found by a plain byte search: the file has no block structure to check']],
    ]);
  });

  it('a missing file is one error line', async () => {
    const result = await runCli(['versions', scratch.path('none.pst')]);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(/none\.pst/);
  });
});
