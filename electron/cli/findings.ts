/**
 * Findings about the input as a whole: the input decoder's (offsets into the file as given)
 * followed by the parser's (offsets into the BLOB).
 */
import { countBySeverity } from '../../shared/codec/diagnostics.js';
import type { Severity } from '../../shared/codec/types.js';
import type { InputDiagnostic, LoadedInput } from './load-input.js';
import { formatByteOffset, formatByteRange } from '../../shared/byte-range.js';
import { plural, printable, widest } from './text.js';

export interface Finding {
  /** `input`: about the text encoding of the file; `blob`: about the decoded BLOB. */
  readonly source: 'input' | 'blob';
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Where, in words: `bytes 2–3 (2 bytes; 0x2–0x3)` in the BLOB, `input line 3, column 7` in the text. */
  readonly where: string;
}

export function collectFindings(loaded: LoadedInput): Finding[] {
  const input: Finding[] = loaded.decoded.diagnostics.map((diagnostic) => ({
    source: 'input',
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    where: inputPosition(diagnostic),
  }));
  const blob: Finding[] = loaded.document.diagnostics.map((diagnostic) => ({
    source: 'blob',
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    where: formatByteRange(diagnostic.start, diagnostic.end, { hex: true }),
  }));
  return [...input, ...blob];
}

export function countFindings(findings: readonly Finding[]): Record<Severity, number> {
  return countBySeverity(findings);
}

export function describeCounts(counts: Record<Severity, number>): string {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info.toLocaleString('en-US')} info`;
}

function inputPosition(diagnostic: InputDiagnostic): string {
  if (diagnostic.line !== undefined) {
    return diagnostic.column !== undefined
      ? `input line ${diagnostic.line}, column ${diagnostic.column}`
      : `input line ${diagnostic.line}`;
  }
  return diagnostic.offset !== undefined
    ? `input ${formatByteOffset(diagnostic.offset, { hex: true })}`
    : 'input';
}

/** One line a finding: severity, code, byte range, message; columns aligned. */
export function formatFindings(findings: readonly Finding[]): string {
  const codeWidth = widest(findings.map((finding) => finding.code));
  const whereWidth = widest(findings.map((finding) => finding.where));
  return findings
    .map(
      (finding) =>
        `${finding.severity.padEnd(7)}  ${finding.code.padEnd(codeWidth)}  ` +
        `${finding.where.padEnd(whereWidth)}  ${printable(finding.message)}\n`,
    )
    .join('');
}
