/**
 * The report's one style sheet, and the CSP source that allows exactly it (its SHA-256), so the
 * page needs no `'unsafe-inline'` and nothing else can style, script or load anything.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base64 } from '@scure/base';
import { encodeUtf8 } from '../codec/utf8.js';

export const REPORT_STYLE = `
:root { color-scheme: light; font: 14px/1.45 system-ui, sans-serif; color: #1b1f24; }
body { margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #c8ccd1; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #c8ccd1; padding: .2rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef1f4; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.mono, code { font-family: ui-monospace, Consolas, monospace; font-size: .92em; }
.hash { font-family: ui-monospace, Consolas, monospace; word-break: break-all; }
.uid { font-family: ui-monospace, Consolas, monospace; word-break: break-all; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.error { color: #b00020; } .warning { color: #8a5300; } .info { color: #35506b; }
.added { background: #e8f5e9; } .removed { background: #fdecea; } .changed { background: #fff8e1; }
.note { color: #4a5058; }
@media print {
  :root { font-size: 10pt; }
  body { margin: 0; max-width: none; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  th { background: none; }
  .added, .removed, .changed { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

/** `'sha256-…'`: the CSP source allowing the style element above and nothing else. */
export const REPORT_STYLE_SOURCE = `'sha256-${base64.encode(sha256(encodeUtf8(REPORT_STYLE)))}'`;

/** No script, no network, no frames, no forms: the page can only show its own text. */
export const REPORT_CSP =
  `default-src 'none'; style-src ${REPORT_STYLE_SOURCE}; img-src 'none'; ` +
  "base-uri 'none'; form-action 'none'";
