/**
 * `check-sarif REPORT [--max-level LEVEL] [--require RULE_ID]...`: the CI gate over a SARIF
 * report. electronegativity always exits 0, so this is what fails the build: exit 1 when any
 * result is above LEVEL (default "note") or a required rule reported nothing, each offending
 * result printed as `level rule file:line message`; exit 2 when the report cannot be read.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gate, readFindings, SARIF_LEVELS, type SarifLevel } from './sarif.js';

export interface CheckSarifIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs the gate; returns the exit code. */
export async function checkSarif(argv: readonly string[], io: CheckSarifIo): Promise<number> {
  let report: string;
  let threshold: SarifLevel;
  let required: string[];
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'max-level': { type: 'string', default: 'note' },
        require: { type: 'string', multiple: true, default: [] },
      },
    });
    if (positionals.length !== 1) throw new Error('expected one SARIF report path');
    const level = values['max-level'];
    if (!(SARIF_LEVELS as readonly string[]).includes(level)) {
      throw new Error(`--max-level must be one of ${SARIF_LEVELS.join(', ')}`);
    }
    report = positionals[0] as string;
    threshold = level as SarifLevel;
    required = values.require;
  } catch (error) {
    io.err(`check-sarif: ${(error as Error).message}`);
    return 2;
  }

  let findings;
  try {
    findings = readFindings(JSON.parse(await readFile(report, 'utf8')));
  } catch (error) {
    io.err(`check-sarif: ${report}: ${(error as Error).message}`);
    return 2;
  }
  const outcome = gate(findings, threshold, required);
  for (const line of outcome.tolerated) io.out(line);
  for (const line of [...outcome.offending, ...outcome.missing]) io.err(line);
  (outcome.ok ? io.out : io.err)(`check-sarif: ${report}: ${outcome.summary}`);
  return outcome.ok ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await checkSarif(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
