/** A history's findings by severity in words, for the chooser and its versions section. */
import { plural } from '@shared/wording.js';
import type { ContainerChoice } from '@shared/host/contract.js';

export function findingsText(diagnostics: ContainerChoice['diagnostics']): string {
  if (diagnostics === null) return '—';
  const parts = [
    diagnostics.error > 0 && plural(diagnostics.error, 'error'),
    diagnostics.warning > 0 && plural(diagnostics.warning, 'warning'),
    diagnostics.info > 0 && `${diagnostics.info} info`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length === 0 ? 'none' : parts.join(', ');
}
