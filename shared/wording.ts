/**
 * Wording helpers for messages and sentences (listing problems, comparisons, the CLI). Numbers are grouped by hand
 * rather than with toLocaleString: the sentences are pasted into tickets and compared in tests,
 * so they must not depend on the host's locale or ICU data.
 */

/** `3214` → `3,214` (en-US style grouping, whatever the host locale). */
export function groupDigits(value: number): string {
  const text = String(Math.trunc(Math.abs(value)));
  let grouped = '';
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && (text.length - i) % 3 === 0) grouped += ',';
    grouped += text[i];
  }
  return value < 0 ? `-${grouped}` : grouped;
}

/**
 * `1 message`, `3,214 messages`. `plain` digits (`3214 bytes`) are for the codec's findings,
 * which print counts beside ungrouped byte offsets.
 */
export function plural(
  count: number,
  singular: string,
  pluralForm = `${singular}s`,
  digits: 'grouped' | 'plain' = 'grouped',
): string {
  const shown = digits === 'plain' ? String(count) : groupDigits(count);
  return `${shown} ${count === 1 ? singular : pluralForm}`;
}

/**
 * `3 of 5 lines`, `1 of 1 line`: the noun agrees with the whole; a verb after it agrees with
 * the part (`agree(part, 'holds', 'hold')`), so "1 of 3 lines holds", never "1 of 1 line hold".
 */
export function countOf(
  part: number,
  whole: number,
  singular: string,
  pluralForm = `${singular}s`,
): string {
  return `${groupDigits(part)} of ${plural(whole, singular, pluralForm)}`;
}

/** The singular or plural form alone, for verbs: `is`/`are`, `appears`/`appear`. */
export function agree(count: number, singular: string, pluralForm: string): string {
  return count === 1 ? singular : pluralForm;
}

const MAX_SHOWN = 80;

/**
 * Text quoted for a message: control characters, DEL and C1 controls as `\xNN` (a UID may
 * hold a decoded `$0d`), shortened with `…` past 80 characters, in single quotes.
 */
export function quote(text: string, max = MAX_SHOWN): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  let shown = '';
  for (let i = 0; i < cut.length; i++) {
    const code = cut.charCodeAt(i);
    shown +=
      code < 0x20 || (code >= 0x7f && code <= 0x9f)
        ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
        : cut[i];
  }
  return `'${shown}${cut.length < text.length ? '…' : ''}'`;
}
