/**
 * Compare with another history…: the open document against another history (a file the host
 * opens, in both editions, or the bytes of a version of the same store handed in by a caller),
 * shown as the diff view. The other history is read like any input (raw, hex or base64) and
 * never becomes the document.
 */
import type { HostApi } from '@shared/host/contract.js';
import { HISTORY_DIFF_ID } from '../hooks/keyboard';
import type { HistoryDiffStore } from '../state/history-diff/history-diff-store';
import { loadInput } from '../state/input/load';
import type { UiStore } from '../state/stores/ui-store';
import type { WorkspaceStore } from '../state/stores/workspace-store';

export interface HistoryDiffCommands {
  /** Asks the host for a file and compares the open document with it. */
  pickOtherHistory(): Promise<void>;
  /**
   * Compares the open document with the history in `bytes` (raw, hex or base64), named
   * `label` for the user (a file name, "version 2 of store.pst"). Resolves false, having said
   * why, when there is no document or the bytes are not a history.
   */
  compareWithOtherHistory(bytes: Uint8Array, label: string): Promise<boolean>;
  close(): void;
}

export function createHistoryDiffCommands(deps: {
  readonly workspace: WorkspaceStore;
  readonly ui: UiStore;
  readonly host: HostApi;
  readonly historyDiff: HistoryDiffStore;
}): HistoryDiffCommands {
  const { workspace, ui, host } = deps;
  const actions = () => deps.historyDiff.getState().actions;
  const notify = (kind: 'info' | 'error', text: string) => ui.getState().actions.notify(kind, text);

  function needDocument(): boolean {
    if (workspace.getState().session !== null) return true;
    notify('info', 'Open a history first: the other history is compared with it.');
    return false;
  }

  async function compareWithOtherHistory(bytes: Uint8Array, label: string): Promise<boolean> {
    if (!needDocument()) return false;
    const result = await loadInput(bytes, {
      name: label,
      fileId: null,
      path: null,
      readOnly: true,
      sha256: null,
    });
    if (!result.ok) {
      notify('error', `${label} cannot be compared: ${result.message}`);
      return false;
    }
    actions().setOther({ label, document: result.loaded.document });
    ui.getState().actions.announce(`Compared with ${label}.`);
    // Once the view is rendered.
    requestAnimationFrame(() => document.getElementById(HISTORY_DIFF_ID)?.focus());
    return true;
  }

  return {
    compareWithOtherHistory,
    async pickOtherHistory() {
      if (!needDocument()) return;
      // Read as it is, never searched as a container nor remembered: like a listing file.
      const result = await host.openDialog({ readOnly: true, purpose: 'listing' });
      if (result.status === 'failed') notify('error', result.message);
      else if (result.status === 'opened') await compareWithOtherHistory(result.bytes, result.name);
      else if (result.status === 'container') {
        notify(
          'error',
          `${result.name} is a ${result.kind.toUpperCase()} file: open it, then compare two of its histories from its chooser.`,
        );
      }
    },
    close() {
      actions().close();
    },
  };
}
