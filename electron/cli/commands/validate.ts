/** `uidl-studio validate FILE`: the findings, and an exit code scripts can test. */
import { collectFindings, countFindings, describeCounts, formatFindings } from '../findings.js';
import type { CliIo } from '../io.js';
import type { LoadedInput } from '../load-input.js';
import { printable } from '../text.js';

export const VALIDATE_EXIT = { clean: 0, warnings: 1, errors: 2 } as const;

/** 0 when clean (info findings allowed), 1 with warnings, 2 with errors. */
export function validate(loaded: LoadedInput, io: CliIo): number {
  const findings = collectFindings(loaded);
  const counts = countFindings(findings);
  const label = printable(loaded.label);
  if (findings.length === 0) {
    io.stdout.write(`${label}: no findings\n`);
  } else {
    io.stdout.write(formatFindings(findings) + `${label}: ${describeCounts(counts)}\n`);
  }
  if (counts.error > 0) return VALIDATE_EXIT.errors;
  return counts.warning > 0 ? VALIDATE_EXIT.warnings : VALIDATE_EXIT.clean;
}
