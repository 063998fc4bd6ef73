/**
 * Reading SARIF 2.1.0 reports (what electronegativity writes) for the CI gate: which results
 * are above "note", and where they point. Only the fields the gate needs are modelled.
 */

/** SARIF result levels, least to most severe. */
export const SARIF_LEVELS = ['none', 'note', 'warning', 'error'] as const;
export type SarifLevel = (typeof SARIF_LEVELS)[number];

export interface SarifFinding {
  readonly ruleId: string;
  readonly level: SarifLevel;
  /** Artifact URI of the first location, or null when the result has none. */
  readonly file: string | null;
  readonly line: number | null;
  readonly message: string;
}

export class SarifError extends Error {}

/** `value[key0][key1]...`, or undefined as soon as a step is not an object or array. */
function get(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function toLevel(value: unknown, where: string): SarifLevel {
  if ((SARIF_LEVELS as readonly unknown[]).includes(value)) return value as SarifLevel;
  throw new SarifError(
    `${where}: level ${JSON.stringify(value)} is not one of ${SARIF_LEVELS.join(', ')}`,
  );
}

/**
 * The effective level of a result, as SARIF 2.1.0 section 3.27.10 defines it: a result whose
 * `kind` is not "fail" has level "none"; otherwise its own `level`, else its rule's
 * `defaultConfiguration.level`, else "warning".
 */
function effectiveLevel(result: unknown, rule: unknown, where: string): SarifLevel {
  const kind = get(result, 'kind');
  if (kind !== undefined && kind !== 'fail') return 'none';
  const level = get(result, 'level');
  if (level !== undefined) return toLevel(level, where);
  const ruleLevel = get(rule, 'defaultConfiguration', 'level');
  return ruleLevel === undefined ? 'warning' : toLevel(ruleLevel, `${where} (rule default)`);
}

/** The rule a result refers to, by index when it gives one, else by id. */
function findRule(result: unknown, rules: readonly unknown[]): unknown {
  const index = get(result, 'ruleIndex') ?? get(result, 'rule', 'index');
  if (typeof index === 'number') return rules[index];
  const id = get(result, 'ruleId') ?? get(result, 'rule', 'id');
  return rules.find((rule) => get(rule, 'id') === id);
}

/** Every result of every run of a parsed SARIF log; throws SarifError when it is not one. */
export function readFindings(log: unknown): SarifFinding[] {
  const runs = get(log, 'runs');
  if (!Array.isArray(runs)) throw new SarifError('not a SARIF log: no "runs" array');
  const findings: SarifFinding[] = [];
  runs.forEach((run: unknown, runIndex) => {
    const rulesValue = get(run, 'tool', 'driver', 'rules');
    const rules: unknown[] = Array.isArray(rulesValue) ? rulesValue : [];
    const results = get(run, 'results') ?? [];
    if (!Array.isArray(results)) throw new SarifError(`runs[${runIndex}].results is not an array`);
    results.forEach((result: unknown, resultIndex) => {
      const where = `runs[${runIndex}].results[${resultIndex}]`;
      if (typeof result !== 'object' || result === null) {
        throw new SarifError(`${where} is not an object`);
      }
      const rule = findRule(result, rules);
      const location = get(result, 'locations', 0, 'physicalLocation');
      const line = get(location, 'region', 'startLine');
      findings.push({
        ruleId:
          text(get(result, 'ruleId')) ??
          text(get(result, 'rule', 'id')) ??
          text(get(rule, 'id')) ??
          '(no rule id)',
        level: effectiveLevel(result, rule, where),
        file: text(get(location, 'artifactLocation', 'uri')),
        line: typeof line === 'number' ? line : null,
        message:
          text(get(result, 'message', 'text')) ??
          text(get(rule, 'shortDescription', 'text')) ??
          text(get(rule, 'fullDescription', 'text')) ??
          '(no message)',
      });
    });
  });
  return findings;
}

export function levelRank(level: SarifLevel): number {
  return SARIF_LEVELS.indexOf(level);
}

/** Findings more severe than `threshold` (the gate fails on these). */
export function above(findings: readonly SarifFinding[], threshold: SarifLevel): SarifFinding[] {
  return findings.filter((finding) => levelRank(finding.level) > levelRank(threshold));
}

/** One line: `warning AUXCLICK_JS_CHECK dist/electron/main/window.js:12 message`. */
export function formatFinding(finding: SarifFinding): string {
  const place =
    finding.file === null
      ? '(no location)'
      : `${finding.file}${finding.line === null ? '' : `:${finding.line}`}`;
  const message = finding.message.replace(/\s+/g, ' ').trim();
  return `${finding.level} ${finding.ruleId} ${place} ${message}`;
}

export interface GateOutcome {
  readonly ok: boolean;
  /** One formatted line per finding above the threshold. */
  readonly offending: readonly string[];
  /** One line per required rule that reported nothing. */
  readonly missing: readonly string[];
  /** Findings at or below the threshold, formatted, for review. */
  readonly tolerated: readonly string[];
  readonly summary: string;
}

/**
 * The CI gate: fails on any finding above `threshold`, and on any `required` rule with no
 * finding at all (a rule expected to fire proves the scan saw the code it is about).
 */
export function gate(
  findings: readonly SarifFinding[],
  threshold: SarifLevel,
  required: readonly string[] = [],
): GateOutcome {
  const offending = above(findings, threshold);
  const missingIds = required.filter((id) => !findings.some((finding) => finding.ruleId === id));
  const counts = SARIF_LEVELS.map(
    (level) => `${findings.filter((finding) => finding.level === level).length} ${level}`,
  ).join(', ');
  let summary = `${findings.length} result(s) (${counts}), ${offending.length} above "${threshold}"`;
  if (missingIds.length > 0) summary += `, required rule(s) missing: ${missingIds.join(', ')}`;
  return {
    ok: offending.length === 0 && missingIds.length === 0,
    offending: offending.map(formatFinding),
    missing: missingIds.map(
      (id) =>
        `missing ${id}: the scan reported no ${id}, so it did not see the code that rule checks`,
    ),
    tolerated: findings.filter((finding) => !offending.includes(finding)).map(formatFinding),
    summary,
  };
}
