/** What the page says before a document is open. */
export function EmptyState() {
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">Open a UIDL history</h2>
      <p>
        Drop a file anywhere on this page, choose one with <strong>Open…</strong> (Ctrl+O, ⌘O on a
        Mac), or use <strong>Paste dump</strong> for hex or base64 text.
      </p>
      <p>
        UIDL Studio reads Outlook&apos;s POP3 download history BLOB as raw bytes, as hex
        (continuous, spaced, <code>xxd</code> and <code>hexdump -C</code> dumps, <code>.reg</code>{' '}
        exports, MFCMAPI&apos;s <code>cb:/lpb:</code>) or as base64. Nothing is changed until you
        edit, and an unedited document exports byte for byte as it was opened.
      </p>
      <p className="field-hint">
        Tick <strong>Read-only (evidence mode)</strong> before opening to inspect and export a file
        without any way to save over it.
      </p>
    </section>
  );
}
