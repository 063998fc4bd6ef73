import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSarif } from '../../electron/tools/check-sarif.js';
import { formatFinding, gate, readFindings, SarifError } from '../../electron/tools/sarif.js';

/** A SARIF log shaped as electronegativity 1.10.3 writes it. */
function electronegativityLog(
  results: { ruleId: string; level?: string; file?: string; line?: number; text?: string }[],
): unknown {
  return {
    $schema: 'http://json.schemastore.org/sarif-2.1.0',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Electronegativity',
            rules: [...new Set(results.map((r) => r.ruleId))].map((id) => ({
              id,
              fullDescription: { text: `rule ${id}` },
            })),
          },
        },
        results: results.map((r) => ({
          ruleId: r.ruleId,
          ...(r.level === undefined ? {} : { level: r.level }),
          message: { text: r.text ?? `${r.ruleId} message` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: r.file ?? 'dist/electron/main/main.js' },
                region: { startLine: r.line ?? 1, startColumn: 1, charLength: 0 },
              },
            },
          ],
        })),
      },
    ],
  };
}

describe('readFindings', () => {
  it('reads rule, level, file, line and message of each result', () => {
    const findings = readFindings(
      electronegativityLog([
        { ruleId: 'PRELOAD_JS_CHECK', level: 'note', line: 17, text: 'Review preload' },
        { ruleId: 'AUXCLICK_JS_CHECK', level: 'warning', file: 'dist/a.js', line: 12 },
      ]),
    );
    expect(findings).toEqual([
      {
        ruleId: 'PRELOAD_JS_CHECK',
        level: 'note',
        file: 'dist/electron/main/main.js',
        line: 17,
        message: 'Review preload',
      },
      {
        ruleId: 'AUXCLICK_JS_CHECK',
        level: 'warning',
        file: 'dist/a.js',
        line: 12,
        message: 'AUXCLICK_JS_CHECK message',
      },
    ]);
  });

  it('applies SARIF defaults: no level is "warning", the rule default wins, non-fail kinds are "none"', () => {
    const log = {
      runs: [
        {
          tool: {
            driver: {
              rules: [{ id: 'R1', defaultConfiguration: { level: 'error' } }, { id: 'R2' }],
            },
          },
          results: [
            { ruleId: 'R1', message: { text: 'a' } },
            { ruleIndex: 1, message: { text: 'b' } },
            { ruleId: 'R2', level: 'error', kind: 'pass', message: { text: 'c' } },
          ],
        },
      ],
    };
    expect(readFindings(log).map((f) => [f.ruleId, f.level])).toEqual([
      ['R1', 'error'],
      ['R2', 'warning'],
      ['R2', 'none'],
    ]);
  });

  it('falls back to the rule description and says when a result has no location', () => {
    const log = {
      runs: [
        {
          tool: { driver: { rules: [{ id: 'R', shortDescription: { text: 'short text' } }] } },
          results: [{ ruleId: 'R', level: 'warning' }],
        },
      ],
    };
    const [finding] = readFindings(log);
    expect(finding).toEqual({
      ruleId: 'R',
      level: 'warning',
      file: null,
      line: null,
      message: 'short text',
    });
    expect(formatFinding(finding!)).toBe('warning R (no location) short text');
  });

  it('reads every run, and a run without results as none', () => {
    const log = { runs: [{ results: [{ ruleId: 'A', level: 'note' }] }, { tool: {} }] };
    expect(readFindings(log).map((f) => f.ruleId)).toEqual(['A']);
  });

  it('rejects what is not a SARIF log, and unknown levels rather than guessing', () => {
    expect(() => readFindings({ version: '2.1.0' })).toThrow(SarifError);
    expect(() => readFindings({ runs: [{ results: {} }] })).toThrow(
      'runs[0].results is not an array',
    );
    expect(() => readFindings({ runs: [{ results: [{ ruleId: 'A', level: 'fatal' }] }] })).toThrow(
      'runs[0].results[0]: level "fatal" is not one of none, note, warning, error',
    );
  });
});

describe('gate', () => {
  const findings = readFindings(
    electronegativityLog([
      { ruleId: 'CSP_GLOBAL_CHECK', level: 'note', file: 'dist/renderer/index.html', line: 5 },
      { ruleId: 'PRELOAD_JS_CHECK', level: 'note', line: 17 },
      { ruleId: 'SANDBOX_JS_CHECK', level: 'warning', line: 12, text: 'Use sandbox\n  everywhere' },
      { ruleId: 'X', level: 'error', file: 'dist/x.js', line: 3, text: 'bad' },
    ]),
  );

  it('passes notes and fails anything above "note", one line per offending result', () => {
    const outcome = gate(findings, 'note');
    expect(outcome.ok).toBe(false);
    expect(outcome.offending).toEqual([
      'warning SANDBOX_JS_CHECK dist/electron/main/main.js:12 Use sandbox everywhere',
      'error X dist/x.js:3 bad',
    ]);
    expect(outcome.tolerated).toEqual([
      'note CSP_GLOBAL_CHECK dist/renderer/index.html:5 CSP_GLOBAL_CHECK message',
      'note PRELOAD_JS_CHECK dist/electron/main/main.js:17 PRELOAD_JS_CHECK message',
    ]);
    expect(outcome.summary).toBe(
      '4 result(s) (0 none, 2 note, 1 warning, 1 error), 2 above "note"',
    );
  });

  it('moves with the threshold', () => {
    expect(gate(findings, 'warning').offending).toEqual(['error X dist/x.js:3 bad']);
    expect(gate(findings, 'error').ok).toBe(true);
    expect(gate(findings, 'none').offending).toHaveLength(4);
  });

  it('fails when a required rule reported nothing', () => {
    const notesOnly = findings.filter((f) => f.level === 'note');
    expect(gate(notesOnly, 'note', ['PRELOAD_JS_CHECK']).ok).toBe(true);
    const outcome = gate(notesOnly, 'note', ['PRELOAD_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']);
    expect(outcome.ok).toBe(false);
    expect(outcome.missing).toEqual([
      'missing CONTEXT_ISOLATION_JS_CHECK: the scan reported no CONTEXT_ISOLATION_JS_CHECK, so it did not see the code that rule checks',
    ]);
    expect(outcome.summary).toContain('required rule(s) missing: CONTEXT_ISOLATION_JS_CHECK');
  });

  it('passes an empty report', () => {
    expect(gate([], 'note')).toMatchObject({
      ok: true,
      summary: '0 result(s) (0 none, 0 note, 0 warning, 0 error), 0 above "note"',
    });
  });
});

describe('check-sarif command', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'check-sarif-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await checkSarif(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }

  async function report(name: string, log: unknown): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, JSON.stringify(log));
    return file;
  }

  it('exits 0 on notes only, listing them', async () => {
    const file = await report(
      'notes.sarif',
      electronegativityLog([{ ruleId: 'PRELOAD_JS_CHECK', level: 'note', line: 9 }]),
    );
    const result = await run([file, '--require', 'PRELOAD_JS_CHECK']);
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
    expect(result.out).toEqual([
      'note PRELOAD_JS_CHECK dist/electron/main/main.js:9 PRELOAD_JS_CHECK message',
      `check-sarif: ${file}: 1 result(s) (0 none, 1 note, 0 warning, 0 error), 0 above "note"`,
    ]);
  });

  it('exits 1 and prints each result above the threshold', async () => {
    const file = await report(
      'warning.sarif',
      electronegativityLog([
        { ruleId: 'AUXCLICK_JS_CHECK', level: 'warning', line: 12, text: 'Middle-click' },
      ]),
    );
    const result = await run([file]);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      'warning AUXCLICK_JS_CHECK dist/electron/main/main.js:12 Middle-click',
      `check-sarif: ${file}: 1 result(s) (0 none, 0 note, 1 warning, 0 error), 1 above "note"`,
    ]);
    expect((await run([file, '--max-level', 'warning'])).code).toBe(0);
  });

  it('exits 1 when a required rule is missing', async () => {
    const file = await report('empty.sarif', electronegativityLog([]));
    const result = await run([file, '--require', 'PRELOAD_JS_CHECK']);
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/^missing PRELOAD_JS_CHECK: /);
  });

  it('exits 2 on a missing, malformed or misused report', async () => {
    const missing = await run([path.join(dir, 'nope.sarif')]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/^check-sarif: .*nope\.sarif: ENOENT/);
    const bad = path.join(dir, 'bad.sarif');
    await writeFile(bad, '{"runs": ');
    expect((await run([bad])).code).toBe(2);
    expect((await run([])).err).toEqual(['check-sarif: expected one SARIF report path']);
    expect((await run([bad, '--max-level', 'fatal'])).err).toEqual([
      'check-sarif: --max-level must be one of none, note, warning, error',
    ]);
  });
});
