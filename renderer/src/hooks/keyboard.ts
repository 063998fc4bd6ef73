/** Keyboard and focus helpers shared by the shortcuts, the commands and the host's menu commands. */

/** The Compare view's element id, so that the toolbar and the shortcut can move focus to it. */
export const COMPARISON_ID = 'comparison';
/** The toolbar's Compare button, where focus goes when the view it was in is hidden. */
export const COMPARE_TOGGLE_ID = 'compare-toggle';
/** The history diff view's grid (Compare with another history…), focused when it opens. */
export const HISTORY_DIFF_ID = 'history-diff';

/** The UID filter's element id, for Ctrl+F. */
export const UID_FILTER_ID = 'uid-filter';

/** Fields where Ctrl+Z and friends belong to the text, not to the document. */
export function isTextField(element: Element | null): boolean {
  if (!(element instanceof HTMLElement)) return false;
  if (element.isContentEditable || element instanceof HTMLTextAreaElement) return true;
  if (!(element instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(
    element.type,
  );
}

export function focusUidFilter(): void {
  const input = document.getElementById(UID_FILTER_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}
