import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import { diffHistories } from '../../../shared/diff/diff.js';
import { escapeHtml } from '../../../shared/report/html-text.js';
import { renderReport } from '../../../shared/report/render.js';
import { reportHistory } from '../../../shared/report/report-history.js';
import { REPORT_CSP } from '../../../shared/report/report-style.js';
import {
  consecutiveVersionDiffs,
  versionDiffsByAccount,
} from '../../../shared/report/version-diffs.js';
import type { ReportInput } from '../../../shared/report/types.js';
import type { VersionRecord, VersionsReport } from '../../../shared/versions/types.js';
import { buildBlob, problemBlob } from '../../fixtures/blobs.js';
import { formatByteRange } from '../../../shared/byte-range.js';

const tag = (uid: string, timestamp = '20200102030405') =>
  ({ op: '+', content: 'b', timestamp, uid }) as const;

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  const document = parse(buildBlob([tag('a1'), tag('b-2')]));
  return {
    tool: { name: 'UIDL Studio', version: '0.1.0' },
    examinedAt: '2026-12-05T18:00:00Z',
    input: { path: 'evidence/history.bin', bytes: document.bytes.length, sha256: 'f'.repeat(64) },
    container: { kind: 'blob', summary: 'raw BLOB' },
    histories: [reportHistory(document, { account: null, attachment: null, location: null })],
    versions: null,
    versionDiffs: [],
    ...overrides,
  };
}

/** Every tag of the page, in order: the page's structure without its text. */
const tagsOf = (html: string): string[] => html.match(/<[^>]*>/g) ?? [];

describe('renderReport', () => {
  it('states the tool, the time, the input and each history with its entries', () => {
    const html = renderReport(input());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<dt>Tool</dt><dd>UIDL Studio 0.1.0</dd>');
    expect(html).toContain('<dt>Examined (UTC)</dt><dd>2026-12-05T18:00:00Z</dd>');
    expect(html).toContain('evidence/history.bin');
    expect(html).toContain(`<span class="hash" id="input-sha256">${'f'.repeat(64)}</span>`);
    const blob = buildBlob([tag('a1'), tag('b-2')]);
    const blobHash = createHash('sha256').update(blob).digest('hex');
    expect(html).toContain(`<span class="hash" id="history-1-sha256">${blobHash}</span>`);
    expect(html).toContain(
      '<dt>Date range (UTC)</dt><dd>2020-01-02T03:04:05Z to 2020-01-02T03:04:05Z</dd>',
    );
    // Entry 1: decoded UID, and the raw one because it differs.
    expect(html).toContain(
      '<td class="num">1</td><td class="mono">+</td><td class="mono">b</td>' +
        '<td class="mono">2020-01-02T03:04:05Z</td><td class="uid">b-2</td><td class="uid">b$2d2</td>',
    );
    expect(html).toContain('Earlier versions were not searched for');
  });

  it('allows its own style sheet by hash and nothing else: no script, no external resource', () => {
    const html = renderReport(input());
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    expect(meta?.[1]).toBe(REPORT_CSP);
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    const digest = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(REPORT_CSP).toBe(
      `default-src 'none'; style-src 'sha256-${digest}'; img-src 'none'; base-uri 'none'; form-action 'none'`,
    );
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
  });

  it('lists findings with their byte ranges', () => {
    const document = parse(problemBlob());
    const html = renderReport(
      input({
        histories: [
          reportHistory(document, {
            account: 'joe@example.com',
            attachment: '#2 BlobPOPjoe@example.com',
            location: 'Inbox / Outlook Message Manager',
            containerFindings: ['mini UID mismatch'],
          }),
        ],
      }),
    );
    const first = document.diagnostics[0]!;
    expect(html).toContain(
      `<td class="mono">${first.code}</td><td class="mono">${formatByteRange(first.start, first.end, { hex: true })}</td>`,
    );
    expect(html).toContain(
      '<tr><td class="warning">warning</td><td class="mono">container</td><td class="mono">–</td><td>mini UID mismatch</td></tr>',
    );
    expect(html).toContain('<h2>History 1: joe@example.com</h2>');
  });

  it('shows the versions and the diff between consecutive ones', () => {
    const older = parse(buildBlob([tag('1'), tag('2')]));
    const newer = parse(buildBlob([tag('2'), tag('3')]));
    const record = (number: number, entryCount: number, current: boolean): VersionRecord => ({
      number,
      locations: [{ offset: 1000 * number, blockId: null, encoding: 'compressible' }],
      offset: 1000 * number,
      bytes: 40,
      sha256: String(number).repeat(64),
      entryCount,
      declaredCount: entryCount,
      firstTimestamp: '2020-01-02T03:04:05Z',
      lastTimestamp: '2020-01-02T03:04:05Z',
      current: current ? { account: 'joe@example.com', attachmentNumber: 1 } : null,
      precedes: current ? null : { account: 'joe@example.com', sharedUids: 1 },
      truncated: false,
      diagnostics: { error: 0, warning: 0, info: 0 },
      findings: [],
    });
    const versions: VersionsReport = {
      schema: 'uidl-studio/versions@1',
      input: { path: 'x.pst', bytes: 1, sha256: '0'.repeat(64) },
      container: 'pst',
      versions: [record(1, 2, false), record(2, 2, true)],
      findings: [],
    };
    const html = renderReport(
      input({
        versions,
        versionDiffs: [{ older: 1, newer: 2, diff: diffHistories(older, newer) }],
      }),
    );
    expect(html).toContain('<h2>Versions (2)</h2>');
    expect(html).toContain('carved; precedes joe@example.com (1 shared UID)');
    expect(html).toContain('current history of joe@example.com (#1)');
    expect(html).toContain(
      '<h3>Version 1 → version 2</h3><p>1 UID added, 1 removed (deleted on the server and dropped by Outlook), 0 changed.</p>',
    );
    expect(html).toContain('<tr class="added"><td>added</td><td class="uid">3</td>');
    expect(html).toContain('<tr class="removed"><td>removed</td><td class="uid">1</td>');
  });
});

describe('consecutiveVersionDiffs', () => {
  it('diffs each version with the one before it, in the order given', () => {
    const v1 = parse(buildBlob([tag('1'), tag('2')]));
    const v2 = parse(buildBlob([tag('1'), tag('2'), tag('3')]));
    const v3 = parse(buildBlob([tag('3'), tag('4')]));
    const diffs = consecutiveVersionDiffs([
      { number: 1, document: v1 },
      { number: 2, document: v2 },
      { number: 3, document: v3 },
    ]);
    expect(diffs.map((step) => [step.older, step.newer, step.diff.summary])).toEqual([
      [1, 2, '1 UID added, 0 removed, 0 changed.'],
      [2, 3, '1 UID added, 2 removed (deleted on the server and dropped by Outlook), 0 changed.'],
    ]);
    expect(consecutiveVersionDiffs([{ number: 1, document: v1 }])).toEqual([]);
  });
});

describe('versionDiffsByAccount', () => {
  const record = (
    number: number,
    account: string,
    how: 'current' | 'carved' | 'cut off',
  ): VersionRecord => ({
    number,
    locations: [],
    offset: number * 100,
    bytes: 40,
    sha256: '0'.repeat(64),
    entryCount: 1,
    declaredCount: 1,
    firstTimestamp: null,
    lastTimestamp: null,
    current: how === 'current' ? { account, attachmentNumber: number } : null,
    precedes: how === 'current' ? null : { account, sharedUids: 1 },
    truncated: how === 'cut off',
    diagnostics: { error: 0, warning: 0, info: 0 },
    findings: [],
  });

  it('diffs consecutive versions within each account, never across, and skips cut-off copies', () => {
    const documents = new Map([
      [1, parse(buildBlob([tag('a1')]))],
      [2, parse(buildBlob([tag('b1')]))],
      [3, parse(buildBlob([tag('a1'), tag('a2')]))],
      [4, parse(buildBlob([tag('zz')]))],
      [5, parse(buildBlob([tag('b1'), tag('b2'), tag('b3')]))],
    ]);
    const versions = [
      record(1, 'alice@example.com', 'carved'),
      record(2, 'bob@example.com', 'carved'),
      record(3, 'alice@example.com', 'current'),
      record(4, 'bob@example.com', 'cut off'),
      record(5, 'bob@example.com', 'current'),
    ];
    const diffs = versionDiffsByAccount(versions, (n) => documents.get(n) ?? null);
    expect(diffs.map((step) => [step.account, step.older, step.newer, step.diff.summary])).toEqual([
      ['alice@example.com', 1, 3, '1 UID added, 0 removed, 0 changed.'],
      ['bob@example.com', 2, 5, '2 UIDs added, 0 removed, 0 changed.'],
    ]);
    // A version whose bytes are not at hand is left out like a cut-off one.
    expect(versionDiffsByAccount(versions, (n) => (n === 1 ? null : documents.get(n)!))).toEqual([
      expect.objectContaining({ account: 'bob@example.com', older: 2, newer: 5 }),
    ]);
  });
});

const hostile = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '</style><script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' onload='alert(1)",
    '<!--',
    ']]><svg/onload=alert(1)>',
    '&lt;already escaped&gt;',
    '\u0000\u001b[31m\u2028',
  ),
);

describe('renderReport escaping', () => {
  it('keeps the page structure whatever the strings hold, and shows each string escaped', () => {
    fc.assert(
      fc.property(
        fc.record({
          path: hostile,
          account: hostile,
          uid: hostile,
          message: hostile,
          tool: hostile,
        }),
        (strings) => {
          const build = (s: typeof strings): ReportInput => {
            const base = input();
            const history = base.histories[0]!;
            return {
              ...base,
              tool: { name: s.tool, version: '1' },
              input: { ...base.input, path: s.path },
              container: { kind: 'pst', summary: s.message },
              histories: [
                {
                  ...history,
                  account: s.account,
                  attachment: s.account,
                  location: s.path,
                  findings: [
                    { severity: 'error', code: s.message, message: s.message, span: null },
                  ],
                  entries: history.entries.map((entry) => ({
                    ...entry,
                    uid: s.uid,
                    rawUid: s.uid,
                  })),
                },
              ],
            };
          };
          const safe = { path: 'p', account: 'a', uid: 'u', message: 'm', tool: 't' };
          const html = renderReport(build(strings));
          expect(tagsOf(html)).toEqual(tagsOf(renderReport(build(safe))));
          for (const value of Object.values(strings)) expect(html).toContain(escapeHtml(value));
        },
      ),
    );
  });

  it('escapes every markup character and shows control characters as \\xNN', () => {
    expect(escapeHtml(`<a href="x">&'\u0007\u009b`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&#39;\\x07\\x9B',
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/);
        const controls = [...escaped].filter((char) => {
          const code = char.codePointAt(0)!;
          return code < 0x20 || (code >= 0x7f && code <= 0x9f);
        });
        expect(controls).toEqual([]);
      }),
    );
  });
});
