import type { Severity } from './types.js';

/**
 * Every finding the parser can report. Codes are stable (tools and tests match on them);
 * severities say what the finding does to Outlook:
 * - error: Outlook cannot read the history as intended (entries lost, tags unreadable);
 * - warning: readable, but not what Outlook writes, and likely to mis-match a server UID;
 * - info: harmless differences from Outlook's own writing style.
 */
export const DIAGNOSTIC_CATALOGUE = {
  'header.truncated': {
    severity: 'error',
    title: 'The BLOB is too short to hold its 4-byte header (version and count).',
  },
  'version.unsupported': {
    severity: 'error',
    title: 'The version is not 3, the only version Outlook writes.',
  },
  'count.mismatch': {
    severity: 'error',
    title: 'Count declares more tags than the BLOB holds (the BLOB is truncated).',
  },
  'count.overflow': {
    severity: 'error',
    title: 'The BLOB holds more than 65,535 tags, more than the 16-bit Count can declare.',
  },
  'trailing.uncounted-tags': {
    severity: 'error',
    title: 'Tags follow the last counted tag; Outlook does not read them.',
  },
  'trailing.bytes': {
    severity: 'warning',
    title: 'Bytes follow the last counted tag.',
  },
  'trailing.slack': {
    severity: 'info',
    title:
      "Exactly Count + 4 bytes follow the last counted tag: Outlook's own slack, harmless and not read.",
  },
  'tag.unterminated': {
    severity: 'error',
    title: 'The last tag has no NUL terminator.',
  },
  'tag.too-short': {
    severity: 'error',
    title: 'The tag is shorter than operation, content and a 14-digit time.',
  },
  'tag.invalid-utf8': {
    severity: 'error',
    title: 'The tag holds bytes that are not valid UTF-8.',
  },
  'op.unknown': {
    severity: 'error',
    title: 'The operation is not +, - or &.',
  },
  'content.unknown': {
    severity: 'error',
    title: 'The content is not a space, h or b.',
  },
  'timestamp.not-digits': {
    severity: 'error',
    title: 'The time is not 14 digits.',
  },
  'timestamp.invalid-date': {
    severity: 'error',
    title: 'The time is not a real date and time (month 13, 31 February, hour 24...).',
  },
  'uid.empty': {
    severity: 'error',
    title: 'The tag has no UID.',
  },
  'uid.bad-escape': {
    severity: 'error',
    title: 'A $ is not followed by two hex digits; the characters are kept as written.',
  },
  'uid.unescaped-char': {
    severity: 'warning',
    title: 'The UID holds a character Outlook would have escaped as $hh.',
  },
  'uid.invalid-char': {
    severity: 'warning',
    title: 'The UID holds a character outside 0x21-0x7E, which RFC 1939 does not allow.',
  },
  'uid.too-long': {
    severity: 'warning',
    title: 'The UID is longer than the 70 characters RFC 1939 allows.',
  },
  'uid.duplicate': {
    severity: 'warning',
    title: 'The same UID appears in more than one tag.',
  },
  'uid.uppercase-escape': {
    severity: 'info',
    title: 'An escape uses upper-case hex; Outlook writes lower case.',
  },
  'uid.escaped-alphanumeric': {
    severity: 'info',
    title: 'A letter or digit is escaped; Outlook writes them as themselves.',
  },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CATALOGUE;

export const DIAGNOSTIC_CODES = Object.keys(DIAGNOSTIC_CATALOGUE) as DiagnosticCode[];

export function severityOf(code: DiagnosticCode): Severity {
  return DIAGNOSTIC_CATALOGUE[code].severity;
}

/** Counts by severity, the shape every summary uses. */
export function countBySeverity(
  diagnostics: readonly { severity: Severity }[],
): Record<Severity, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of diagnostics) counts[diagnostic.severity]++;
  return counts;
}
