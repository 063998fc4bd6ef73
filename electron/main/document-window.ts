/**
 * What the window shows of the document and how it guards it: the title, and the question
 * asked before a window with unsaved changes closes (closing it also quits the app).
 *
 * Save in that question saves as Ctrl+S does and keeps the window open: the save may need a
 * Save As dialog, fail, or be canceled, and closing anyway would lose the edits. The user
 * closes again once it is saved. Simple, and no path through it loses data.
 */
import type { DocumentState } from '../../shared/host/contract.js';

export { windowTitle } from '../../shared/host/contract.js';

export const CLOSE_PROMPT_BUTTONS = ['Save', "Don't Save", 'Cancel'] as const;

/** The native message box asking about unsaved changes (Electron's MessageBoxOptions). */
export function closePromptOptions(state: DocumentState | null) {
  const name = state?.title.trim() || 'this document';
  return {
    type: 'warning' as const,
    buttons: [...CLOSE_PROMPT_BUTTONS],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    title: 'Unsaved changes',
    message: `Save the changes to ${name} before closing?`,
    detail: "Your changes are lost if you don't save them. Save keeps the window open.",
  };
}

export type CloseDecision =
  /** Let the window close. */
  | 'close'
  /** Keep it open and tell the renderer to save. */
  | 'save'
  /** Keep it open. */
  | 'stay';

/**
 * What to do when the window is about to close. `ask` shows the prompt and returns the index
 * of the button pressed; it is only called when there are unsaved changes.
 */
export function decideClose(dirty: boolean, ask: () => number): CloseDecision {
  if (!dirty) return 'close';
  switch (ask()) {
    case 0:
      return 'save';
    case 1:
      return 'close';
    default:
      return 'stay'; // Cancel, Escape, or the box closed
  }
}

/** The question asked when a save finds the file changed on disk since it was opened. */
export function changedOnDiskPromptOptions(file: { readonly name: string; readonly path: string }) {
  return {
    type: 'warning' as const,
    buttons: ['Overwrite', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'File changed on disk',
    message: `${file.name} was changed by another program since it was opened.`,
    detail:
      `Overwrite ${file.path} with this document? ` +
      `The version now on disk is kept as a backup beside it (${file.name}.bak, or the next free ${file.name}.N.bak).`,
  };
}

/** Index of the Overwrite button in changedOnDiskPromptOptions. */
export const OVERWRITE_BUTTON = 0;
