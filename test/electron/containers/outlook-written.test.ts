/**
 * The three real Outlook-written histories (tghanem/PST `user1@test.lab.pst` at three commits,
 * shared/samples, used as they are): FORMAT.md "What Outlook really writes". Entry counts, UIDs
 * and times are pinned from the samples' README and FORMAT.md; the slack, the Restags
 * companion and the mini UID are checked on every version; the built CLI validates them clean.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import { serialize } from '../../../shared/codec/serialize.js';
import { toHistoryExport } from '../../../shared/export/json.js';
import { sha256Hex } from '../../../shared/hash.js';
import { scanFile, type ScanResult } from '../../../electron/containers/scan.js';
import { runCli } from '../cli/helpers.js';
import { IN_CI, RUN_SAMPLE_TESTS, sample } from '../../fixtures/samples.js';

interface Version {
  readonly file: string;
  readonly uids: readonly string[];
  /** Each tag's 14 written digits, in order. */
  readonly digits: readonly string[];
}

const VERSIONS: readonly Version[] = [
  {
    file: 'tghanem-pst_user1-test-lab_219b27d.pst',
    uids: ['1', '2', '3', '4', '5'],
    digits: [
      '20170605203421',
      '20170605203421',
      '20170605203421',
      '20170605203421',
      '20170606192351',
    ],
  },
  {
    file: 'tghanem-pst_user1-test-lab_39ba6b1.pst',
    uids: ['1', '2', '3', '4', '5', '6'],
    digits: [
      '20170605203421',
      '20170605203421',
      '20170605203421',
      '20170605203421',
      '20170606192351',
      '20170612143250',
    ],
  },
  {
    file: 'tghanem-pst_user1-test-lab_cb6a861.pst',
    uids: ['6', '7', '8', '9'],
    digits: ['20170612143250', '20170613161929', '20170613182626', '20170617142103'],
  },
];

const ACCOUNT = 'user1@test.lab';

/** `20170613182626` → `2017-06-13T18:26:26Z`: the written digits, read as UTC. */
function isoOfDigits(digits: string): string {
  const d = digits;
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(8, 10)}:${d.slice(10, 12)}:${d.slice(12, 14)}Z`;
}

async function historyOf(file: string): Promise<{ result: ScanResult; bytes: Uint8Array }> {
  const result = await scanFile(sample(file));
  const bytes = result.attachmentData(1);
  if (bytes === null) throw new Error(`${file}: attachment #1 has no data`);
  return { result, bytes };
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const builtCli = `${root}dist/electron/cli/main.js`;
const cliBuilt = existsSync(builtCli);

describe.runIf(RUN_SAMPLE_TESTS).each(VERSIONS)('Outlook-written history in $file', (version) => {
  it('decodes every counted tag: UIDs and UTC times as written', async () => {
    const { bytes } = await historyOf(version.file);
    const document = parse(bytes);
    expect(document.version.value).toBe(3);
    expect(document.declaredCount.value).toBe(version.uids.length);
    expect(document.entryCount).toBe(version.uids.length);
    expect(document.uidList()).toEqual(version.uids);
    expect(document.entries.map((e) => e.timestampText)).toEqual(version.digits);
    expect(document.entries.every((e) => e.op === '+' && e.content === 'b')).toBe(true);
  });

  it('recognises exactly Count + 4 bytes of slack as Outlook slack, an info finding only', async () => {
    const { bytes } = await historyOf(version.file);
    const document = parse(bytes);
    const lastTag = document.entry(document.entryCount - 1);
    const slackStart = lastTag.offset + lastTag.length;
    expect(bytes.length - slackStart).toBe(version.uids.length + 4);
    expect(document.slack).toEqual({ start: slackStart, end: bytes.length });
    expect(document.trailing).toEqual(document.slack);
    expect(document.diagnostics.map((d) => [d.code, d.severity, d.start, d.end])).toEqual([
      ['trailing.slack', 'info', slackStart, bytes.length],
    ]);
    expect(serialize(document)).toEqual(bytes);
  });

  it('exports JSON whose timestamps are the written digits with Z', async () => {
    const { bytes } = await historyOf(version.file);
    const exported = toHistoryExport(parse(bytes), {
      inputSha256: sha256Hex(bytes),
      inputFormat: 'raw',
    });
    expect(exported.entries.map((e) => e.timestamp)).toEqual(version.digits.map(isoOfDigits));
    expect(exported.summary.firstTimestamp).toBe(isoOfDigits(version.digits[0]!));
    expect(exported.summary.lastTimestamp).toBe(isoOfDigits(version.digits.at(-1)!));
    expect(exported.trailing).toMatchObject({
      length: version.uids.length + 4,
      outlookSlack: true,
    });
  });

  it('scans the Restags attachment as the history companion, with the mini-UID check', async () => {
    const { result } = await historyOf(version.file);
    const [message] = result.report.messages;
    expect(result.report.messages).toHaveLength(1);
    expect(result.report.historyCount).toBe(1);
    expect(message!.subjectForm).toEqual({
      profile: '',
      key: '47656E6572616C204B657900',
      keyText: 'General Key',
      matchesConversationKey: true,
    });
    const [blob, restags] = message!.attachments;
    expect(blob).toMatchObject({
      number: 1,
      longFilename: `BlobPOP${ACCOUNT}`,
      filename: 'Blobda8ea945',
      rule: 'long-filename',
      account: ACCOUNT,
      companion: null,
      additionalInfo: '45a98eda',
      miniUidCheck: { filename: 'da8ea945', additionalInfo: '45a98eda', matches: true },
      findings: [],
    });
    expect(blob!.history?.entryCount).toBe(version.uids.length);
    expect(restags).toMatchObject({
      number: 2,
      longFilename: `RestagsPOP${ACCOUNT}`,
      filename: 'Restagsda8ea945',
      dataBytes: 0,
      rule: null,
      history: null,
      companion: { rule: 'long-filename', account: ACCOUNT, historyNumber: 1 },
      miniUidCheck: { filename: 'da8ea945', matches: true },
    });
    expect(message!.status).toBe('1 POP3 account history, with 1 Restags companion');
  });

  it('validates clean (exit 0) and scan shows the companion, in process', async () => {
    const validate = await runCli(['validate', sample(version.file)]);
    expect(validate.stdout).toMatch(/^info {5}trailing\.slack /m);
    expect(validate.stdout).toContain(': 0 errors, 0 warnings, 1 info');
    expect(validate.code).toBe(0);
    const scan = await runCli(['scan', sample(version.file)]);
    expect(scan.stdout).toContain(
      `      companion: Restags… of ${ACCOUNT}'s history #1, 0 bytes; not a history`,
    );
    expect(scan.stdout).not.toContain('rule: none');
    expect(scan.stdout).toContain(
      '      mini UID: filename da8ea945, PR_ATTACH_ADDITIONAL_INFO (0x370F) 45a98eda: match',
    );
  });

  it.runIf(cliBuilt || IN_CI)('validates clean (exit 0) with the built CLI', () => {
    const validate = spawnSync(process.execPath, [builtCli, 'validate', sample(version.file)], {
      encoding: 'utf8',
    });
    expect(validate.stderr).toBe('');
    expect(validate.status).toBe(0);
    const json = spawnSync(
      process.execPath,
      [builtCli, 'export', `${sample(version.file)}#${ACCOUNT}`, '--format', 'json'],
      { encoding: 'utf8' },
    );
    expect(json.status).toBe(0);
    const exported = JSON.parse(json.stdout) as { entries: { timestamp: string }[] };
    expect(exported.entries.map((e) => e.timestamp)).toEqual(version.digits.map(isoOfDigits));
  });
});

describe.runIf(RUN_SAMPLE_TESTS)('the 4-tag version (cb6a861)', () => {
  it("keeps FORMAT.md's example slack bytes exactly", async () => {
    const { bytes } = await historyOf('tghanem-pst_user1-test-lab_cb6a861.pst');
    const document = parse(bytes);
    expect(Buffer.from(bytes.subarray(document.slack!.start - 5)).toString('hex')).toBe(
      '313033390000000000' + '78569b11',
    );
  });
});
