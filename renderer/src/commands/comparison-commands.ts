/**
 * The Compare view's commands: show or hide it (toolbar, Ctrl/Cmd+Shift+L, the desktop menu),
 * and the menu's Compare and Live check, which need a document to compare first.
 */
import type { UiStore } from '../state/stores/ui-store';
import type { WorkspaceStore } from '../state/stores/workspace-store';
import type { ComparisonStore } from '../state/comparison/comparison-store';
import { COMPARE_TOGGLE_ID, COMPARISON_ID } from '../hooks/keyboard';

export interface ComparisonCommands {
  /** Shows the view (focus moves into it) or hides it (focus moves to its toggle first). */
  toggle(): void;
  hide(): void;
  /** The host's Compare (toggle) and Live check (the view, then the check's dialog). */
  fromMenu(which: 'compare' | 'live-check'): void;
}

export function createComparisonCommands(
  workspace: WorkspaceStore,
  ui: UiStore,
  comparison: ComparisonStore,
): ComparisonCommands {
  function show(): void {
    comparison.getState().actions.show();
    // Once the view is rendered.
    requestAnimationFrame(() => document.getElementById(COMPARISON_ID)?.focus());
  }

  function hide(): void {
    // Focus inside the view would fall to the page with it.
    const view = document.getElementById(COMPARISON_ID);
    if (view?.contains(document.activeElement)) document.getElementById(COMPARE_TOGGLE_ID)?.focus();
    comparison.getState().actions.hide();
  }

  function toggle(): void {
    if (comparison.getState().open) hide();
    else show();
  }

  return {
    toggle,
    hide,
    fromMenu(which) {
      const current = ui.getState();
      // A question waits for its answer; a dialog of the Compare view's own stays as it is.
      if (current.question !== null) return;
      if (workspace.getState().session === null) {
        current.actions.notify(
          'info',
          'Open a history first: the comparison shows it beside the server’s UIDL listing.',
        );
        return;
      }
      if (which === 'compare') {
        if (current.dialog === null) toggle();
        return;
      }
      comparison.getState().actions.show();
      current.actions.openDialog({ name: 'live-check' });
    },
  };
}
