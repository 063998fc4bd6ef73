/** Text placed in HTML: every character that could open markup or an entity is escaped. */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NEEDS_ESCAPE = /[&<>"'\u0000-\u001f\u007f-\u009f]/;

/**
 * `text` as HTML text. Control characters (a UID may hold a decoded `$07`) are shown as
 * `\xNN`, so they are visible and never reach the parser as themselves.
 */
export function escapeHtml(text: string): string {
  // Most text (digits, UIDs, hashes) needs nothing: one scan instead of a rebuild.
  if (!NEEDS_ESCAPE.test(text)) return text;
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (ESCAPES[char] !== undefined) out += ESCAPES[char];
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    } else out += char;
  }
  return out;
}
