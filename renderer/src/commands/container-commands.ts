/**
 * What the user can do with a PST, OST or `.msg` the host opened: watch and cancel its scan,
 * choose a history in the chooser (or two, to compare them), and write a repaired history into
 * a copy of the `.msg`. PST and OST write-back is not supported, and said so where it is asked.
 */
import type {
  HostApi,
  OpenedContainer,
  OpenedFile,
  OpenResult,
  SaveResult,
} from '@shared/host/contract.js';
import { PST_WRITE_BACK_UNSUPPORTED } from '@shared/input/container-signature.js';
import { listingFromHistory } from '@shared/listing/parse-listing.js';
import type { ComparisonStore } from '../state/comparison/comparison-store';
import type { ContainerSessionStore } from '../state/containers/container-session';
import { newTaskId } from './task-id';
import { baseName } from '../state/export/export-formats';
import { loadInput } from '../state/input/load';
import type { UiStore } from '../state/stores/ui-store';
import type { WorkspaceStore } from '../state/stores/workspace-store';

export interface ContainerCommands {
  /**
   * Runs an open that may turn out to be a container scan: it gets a task id, its progress is
   * shown (once it has run SCAN_DIALOG_DELAY_MS and reported) with a Cancel button, and a canceled scan answers
   * `canceled` whatever the host answered. A host without containers gets no task id.
   */
  trackOpen(open: (taskId: string | undefined) => Promise<OpenResult>): Promise<OpenResult>;
  /** Stops the scan being waited for. */
  cancelScan(): void;
  /** Shows the chooser of the histories found in `container`. */
  showChooser(container: OpenedContainer): void;
  /**
   * Opens attachment `number` as the (read-only) document. Resolves null when it opened, else
   * the reason, for the chooser to show.
   */
  openChoice(container: OpenedContainer, number: number): Promise<string | null>;
  /** Opens `documentNumber` as the document and compares it with `otherNumber`'s history. */
  compareChoices(
    container: OpenedContainer,
    documentNumber: number,
    otherNumber: number,
  ): Promise<string | null>;
  /** Writes the document into a copy of the `.msg` it came from (a save dialog picks where). */
  writeBack(): Promise<SaveResult['status'] | null>;
}

/** How long a scan runs before its progress is shown. */
export const SCAN_DIALOG_DELAY_MS = 400;

export interface ContainerCommandDependencies {
  readonly workspace: WorkspaceStore;
  readonly ui: UiStore;
  readonly host: HostApi;
  /** Where "compare two histories" sets the other history as the comparison's side. */
  readonly comparison: ComparisonStore;
  /** The scan being waited for, and where the document came from. */
  readonly session: ContainerSessionStore;
  /** Loads a file the host opened as the document; resolves null, or why it could not. */
  readonly loadFile: (file: OpenedFile) => Promise<string | null>;
}

export function createContainerCommands({
  workspace,
  ui,
  host,
  comparison,
  session,
  loadFile,
}: ContainerCommandDependencies): ContainerCommands {
  const uiActions = () => ui.getState().actions;

  /** Fetches a choice's bytes; a failure (or anything but a file) is a message. */
  async function fetchChoice(
    container: OpenedContainer,
    number: number,
  ): Promise<OpenedFile | string> {
    const result = await host.openContainerChoice(container.containerId, number);
    if (result.status === 'opened') return result;
    if (result.status === 'failed') return result.message;
    return `Attachment #${number} of ${container.name} could not be opened.`;
  }

  const commands: ContainerCommands = {
    async trackOpen(open) {
      if (!host.capabilities.containers) return open(undefined);
      const taskId = newTaskId('scan');
      const actions = session.getState().actions;
      actions.begin(taskId);
      // Shown once the scan has run a moment and reported: plain files send no progress and a
      // small .msg is searched in a few milliseconds, so neither flashes a dialog.
      let due = false;
      const showProgress = (): void => {
        if (due && session.getState().scan?.progress && ui.getState().dialog === null) {
          uiActions().openDialog({ name: 'scan' });
        }
      };
      const timer = setTimeout(() => {
        due = true;
        showProgress();
      }, SCAN_DIALOG_DELAY_MS);
      const unsubscribe = host.onProgress((event) => {
        if (event.taskId !== taskId) return;
        actions.progress(event);
        showProgress();
      });
      const finish = (): boolean => {
        clearTimeout(timer);
        unsubscribe();
        const canceled = session.getState().scan?.canceled ?? false;
        actions.end(taskId);
        if (ui.getState().dialog?.name === 'scan') uiActions().closeDialog();
        return canceled;
      };
      let result: OpenResult;
      try {
        result = await open(taskId);
      } catch (error) {
        finish();
        throw error;
      }
      if (!finish()) return result;
      // Whatever the host answered (the scan may have just finished), the user said stop.
      uiActions().notify('info', 'Stopped searching the file; nothing was opened.');
      return { status: 'canceled' };
    },

    cancelScan() {
      const scan = session.getState().scan;
      if (!scan || scan.canceled) return;
      session.getState().actions.markCanceled(scan.taskId);
      host.cancelTask(scan.taskId);
    },

    showChooser(container) {
      uiActions().openDialog({ name: 'container', container });
    },

    async openChoice(container, number) {
      const choice = container.choices.find((c) => c.number === number);
      if (!choice) return `${container.name} lists no attachment #${number}.`;
      const file = await fetchChoice(container, number);
      if (typeof file === 'string') return file;
      const error = await loadFile(file);
      if (error !== null) return error;
      session.getState().actions.setOrigin({
        containerId: container.containerId,
        containerName: container.name,
        kind: container.kind,
        writeBack: container.writeBack,
        choice,
      });
      uiActions().closeDialog();
      return null;
    },

    async compareChoices(container, documentNumber, otherNumber) {
      if (documentNumber === otherNumber) return 'Choose two different histories to compare.';
      // The other side first: if it cannot be read, the current document stays as it was.
      const other = await fetchChoice(container, otherNumber);
      if (typeof other === 'string') return other;
      const loaded = await loadInput(
        other.bytes,
        {
          name: other.name,
          fileId: other.fileId,
          path: other.path,
          readOnly: true,
          sha256: other.sha256,
        },
        'auto',
      );
      if (!loaded.ok) return loaded.message;
      const error = await commands.openChoice(container, documentNumber);
      if (error !== null) return error;
      comparison.getState().actions.setSide({
        kind: 'history',
        name: other.name,
        listing: listingFromHistory(loaded.loaded.document, other.name),
      });
      uiActions().announce(`Comparing with ${other.name}.`);
      return null;
    },

    async writeBack() {
      const origin = session.getState().origin;
      const current = workspace.getState().session;
      if (!origin || !current) return null;
      if (origin.writeBack !== 'msg-copy') {
        uiActions().notify('error', PST_WRITE_BACK_UNSUPPORTED);
        return 'failed';
      }
      const result = await host.writeBackMsg({
        containerId: origin.containerId,
        number: origin.choice.number,
        bytes: current.document.bytes,
        suggestedName: `${baseName(origin.containerName)}-repaired.msg`,
      });
      if (result.status === 'saved') {
        uiActions().notify(
          'info',
          `Wrote the history into ${result.path ?? result.name}, a copy of ` +
            `${origin.containerName} (which is unchanged)` +
            (result.backupPath ? `; the replaced file is kept as ${result.backupPath}.` : '.'),
        );
      } else if (result.status === 'failed') {
        uiActions().notify('error', result.message);
      }
      return result.status;
    },
  };
  return commands;
}
