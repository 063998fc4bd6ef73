/** `uidl-studio report INPUT -o REPORT.html`: the forensic report, written like an export. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { examinationTime } from '../../../electron/cli/commands/report.js';
import { formatByteOffset } from '../../../shared/byte-range.js';
import { toHexLine } from '../../../shared/export/hex.js';
import { REPORT_CSP } from '../../../shared/report/report-style.js';
import { buildBlob } from '../../fixtures/blobs.js';
import { RUN_SAMPLE_TESTS, sample } from '../../fixtures/samples.js';
import { expectOneErrorLine, runCli, useScratchFolder } from './helpers.js';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const blob = buildBlob([
  { op: '+', content: 'b', timestamp: '20200102030405', uid: '<script>alert(1)</script>' },
  { op: '&', content: 'h', timestamp: '20210102030405', uid: 'plain' },
]);
const idText = (html: string, id: string) =>
  html.match(new RegExp(`<span class="hash" id="${id}">([0-9a-f]{64})</span>`))?.[1];

describe('uidl-studio report', () => {
  const scratch = useScratchFolder();

  it('writes the report of a hex BLOB: the input text hash, the BLOB hash, escaped UIDs', async () => {
    const input = await scratch.write('history.txt', toHexLine(blob));
    const out = scratch.path('report.html');
    const before = examinationTime();
    const result = await runCli(['report', input, '-o', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Wrote the report \(.+\) to '.*report\.html'\.\n$/);
    const html = readFileSync(out, 'utf8');
    expect(idText(html, 'input-sha256')).toBe(sha256(toHexLine(blob)));
    expect(idText(html, 'history-1-sha256')).toBe(sha256(blob));
    expect(html).toContain(`content="${REPORT_CSP}"`);
    expect(html).toContain('<td class="uid">&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html).not.toContain('<script');
    expect(html).toContain(`<dt>Input path (as given)</dt><dd><span class="uid">${input}</span>`);
    const examined = html.match(/<dt>Examined \(UTC\)<\/dt><dd>([^<]*)<\/dd>/)![1]!;
    expect(examined).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(examined >= before && examined <= examinationTime()).toBe(true);
  });

  it('keeps an existing report as a backup, and never writes over the input', async () => {
    const input = await scratch.write('history.bin', blob);
    const out = await scratch.write('report.html', 'old report');
    const result = await runCli(['report', input, '-o', out]);
    expect(result.code).toBe(0);
    expect(readFileSync(`${out}.bak`, 'utf8')).toBe('old report');
    const refused = await runCli(['report', input, '-o', input]);
    expect(refused.code).toBe(2);
    expect(expectOneErrorLine(refused.stderr)).toBe(
      `uidl-studio: refusing to write the report over its input '${input}'`,
    );
    expect(readFileSync(input)).toEqual(Buffer.from(blob));
  });

  it('exits 2 with one line without -o, and for an input that is not a history', async () => {
    const input = await scratch.write('history.bin', blob);
    const noOutput = await runCli(['report', input]);
    expect(noOutput.code).toBe(2);
    expect(expectOneErrorLine(noOutput.stderr)).toContain("'-o, --output <REPORT.html>'");
    const text = await scratch.write('notes.txt', 'hello, this is not hex\n');
    const bad = await runCli(['report', text, '-o', scratch.path('r.html')]);
    expect(bad.code).toBe(2);
    expect(expectOneErrorLine(bad.stderr)).toContain('notes.txt');
  });
});

describe.runIf(RUN_SAMPLE_TESTS)('uidl-studio report on a real Outlook-written store', () => {
  const scratch = useScratchFolder();

  it('reports the store hash and its one history with every entry', async () => {
    const store = sample('tghanem-pst_user1-test-lab_39ba6b1.pst');
    const out = scratch.path('report.html');
    const result = await runCli(['report', store, '-o', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(idText(html, 'input-sha256')).toBe(sha256(readFileSync(store)));
    expect(html).toContain('<dt>Histories found</dt><dd>1</dd>');
    expect(html).toContain('<dt>Account</dt><dd>user1@test.lab</dd>');
    expect(html).toContain('<dt>Entries</dt><dd>6 (Count declares 6)</dd>');
    const rows = html.match(/<tr><td class="num">\d+<\/td><td class="mono">/g) ?? [];
    expect(rows).toHaveLength(6);
    // The store is searched for versions: the earlier 5-entry copy Outlook left in it, then
    // the current history, and what changed between them.
    expect(html).toContain('<h2>Versions (2)</h2>');
    expect(html).toContain('carved; precedes user1@test.lab (5 shared UIDs)');
    expect(html).toContain(
      '<h3>Version 1 → version 2 (user1@test.lab)</h3><p>1 UID added, 0 removed, 0 changed.</p>',
    );
    expect(html).toContain('<tr class="added"><td>added</td><td class="uid">6</td>');
    expect(html).not.toContain('Earlier versions were not searched for');
  });

  it('reports STORE#versions/1 with where the version was found, in the byte notation', async () => {
    const store = sample('tghanem-pst_user1-test-lab_39ba6b1.pst');
    const listed = await runCli(['versions', store, '--json']);
    const first = (JSON.parse(listed.stdout) as { versions: { offset: number }[] }).versions[0]!;
    const out = scratch.path('version.html');
    const result = await runCli(['report', `${store}#versions/1`, '-o', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(
      `<dt>Attachment</dt><dd>versions/1 (carved, ${formatByteOffset(first.offset, { hex: true })})</dd>`,
    );
  });

  it('reports STORE#account: the store is the input, and never the output', async () => {
    const store = sample('tghanem-pst_user1-test-lab_39ba6b1.pst');
    const out = scratch.path('account.html');
    const result = await runCli(['report', `${store}#user1@test.lab`, '-o', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(idText(html, 'input-sha256')).toBe(sha256(readFileSync(store)));
    expect(html).toContain(
      '<dt>Container</dt><dd>PST: one history, chosen by #user1@test.lab</dd>',
    );
    expect(html).toContain('<dt>Account</dt><dd>user1@test.lab</dd>');
    const refused = await runCli(['report', `${store}#1`, '-o', store]);
    expect(refused.code).toBe(2);
    expect(expectOneErrorLine(refused.stderr)).toContain(
      'refusing to write the report over its input',
    );
  });
});
