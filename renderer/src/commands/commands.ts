/**
 * What the user's commands do, wired to the host: open, paste, save, export, and the edits.
 * Shared by the toolbar, the keyboard shortcuts and the host's menu commands, so each runs
 * the same code whichever way it was asked for.
 */
import { EditError, type Edit, type TagFields } from '@shared/codec/edit.js';
import { markDownloadedEdits, removeStaleEdits } from '@shared/compare/actions.js';
import { repairNotice, skippedText } from './repair-notice';
import type { Comparison } from '@shared/compare/types.js';
import type { ComparisonStore } from '../state/comparison/comparison-store';
import { plural } from '@shared/wording.js';
import type {
  HostApi,
  OpenedContainer,
  OpenedFile,
  OpenResult,
  PickedFile,
  SaveResult,
} from '@shared/host/contract.js';
import {
  exportFormat,
  leftOutNoteOf,
  renderExport,
  baseName,
  suggestedExportName,
  type ExportChoice,
} from '../state/export/export-formats';
import {
  appendEdit,
  deleteEdits,
  describeIndexes,
  duplicateEdits,
  updateEdits,
} from '../state/editing/edits';
import type { RequestedFormat } from '../state/input/input-decoding';
import { createComparisonCommands, type ComparisonCommands } from './comparison-commands';
import { createContainerCommands, type ContainerCommands } from './container-commands';
import { createLiveCheckCommands, type LiveCheckCommands } from './live-check-commands';
import {
  createContainerSessionStore,
  type ContainerSessionStore,
} from '../state/containers/container-session';
import { createLiveCheckStore, type LiveCheckStore } from '../state/comparison/live-check-store';
import { createVersionCommands, type VersionCommands } from './version-commands';
import { createHistoryDiffCommands, type HistoryDiffCommands } from './history-diff-commands';
import { createReportCommands, type ReportCommands } from './report-commands';
import {
  createHistoryDiffStore,
  type HistoryDiffStore,
} from '../state/history-diff/history-diff-store';
import { loadInput, type InputOrigin } from '../state/input/load';
import { selectedIndexes, type ByteFocus } from '../state/table/selection';
import type { Session } from '../state/input/session';
import type { UiStore } from '../state/stores/ui-store';
import {
  dirtyOf,
  viewOf,
  type ChangeOutcome,
  type SelectAfter,
  type WorkspaceStore,
} from '../state/stores/workspace-store';

export const READ_ONLY_EXPLANATION = 'Read-only (evidence mode): export or Save as to another file';

export type PasteOutcome =
  | { readonly status: 'opened' }
  /** A pasted state file of several accounts: the account chooser took the dialog's place. */
  | { readonly status: 'choosing' }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly message: string };

export interface Commands {
  openWithDialog(): Promise<void>;
  openPicked(file: PickedFile): Promise<void>;
  /** A file the host opened by itself (command line, Open Recent, second instance). */
  openHostFile(file: OpenedFile | OpenedContainer): Promise<void>;
  /** Scans, the container chooser and write-back into a `.msg` copy. */
  readonly containers: ContainerCommands;
  /** Earlier versions carved from a container, and opening one (issue 12). */
  readonly versions: VersionCommands;
  /** Showing and hiding the Compare view, and the host menu's Compare and Live check. */
  readonly comparison: ComparisonCommands;
  /** The live POP3 check: run, progress, cancel; its listing becomes the comparison's side. */
  readonly liveCheck: LiveCheckCommands;
  /** Compare with another history… (the diff view), and `compareWithOtherHistory(bytes, label)`. */
  readonly historyDiff: HistoryDiffCommands;
  /** Export report…: the forensic report of the open document. */
  readonly report: ReportCommands;
  /** Copies UIDs, one a line, to the clipboard through the host, and says how it went. */
  copyUids(uids: readonly string[]): Promise<void>;
  /** Copies text to the clipboard through the host; `copied` is the notice when it worked. */
  copyText(text: string, copied: string): Promise<void>;
  /**
   * Pasted hex or base64 text: opened, refused with a message, or cancelled (the user chose
   * to keep the edited document), so that the dialog stays open with the text unless it opened.
   */
  openPasted(text: string, format: RequestedFormat): Promise<PasteOutcome>;
  /** Reads the same input again as another format (the input kind override). */
  rereadAs(format: RequestedFormat): Promise<void>;
  /** Closes the document, asking first when it has unsaved changes. */
  close(): Promise<void>;
  save(): Promise<void>;
  saveAs(): Promise<void>;
  exportFile(choice: ExportChoice): Promise<SaveResult['status'] | null>;
  /**
   * Goes to an entry asked for by its bytes, a finding or a change: selects it (or `bytes`
   * of it), clearing the filters, and saying so, when they hide it.
   */
  showEntry(index: number, bytes?: ByteFocus | null): void;
  undo(): void;
  redo(): void;
  deleteSelected(): void;
  duplicateSelected(): void;
  /** The dialogs' edits: a refused one is returned for the dialog to show, not notified. */
  updateEntry(index: number, fields: Partial<TagFields>): ChangeOutcome;
  addEntry(fields: TagFields): ChangeOutcome;
  /** Removes Outlook's slack after the last tag (only when the document has some): undoable. */
  dropSlack(): ChangeOutcome;
  bulkDelete(indexes: readonly number[]): ChangeOutcome;
  bulkUpdate(indexes: readonly number[], fields: Partial<TagFields>, what: string): ChangeOutcome;
  /** Selects several entries (a UID's duplicates), clearing the filters when they hide one. */
  showEntries(indexes: readonly number[]): void;
  /**
   * Adds a `+b` entry dated now for each UID (the Compare view's will-download ones): one step.
   * UIDs that cannot be written are skipped and named in a notice; `leftOutNew` likely new
   * messages left out on purpose are named there too (Outlook still downloads them).
   */
  markDownloaded(uids: readonly string[], leftOutNew?: number): ChangeOutcome;
  /** Deletes the history entries of the stale UIDs (all of them without `uids`): one step. */
  removeStale(comparison: Comparison, uids?: readonly string[]): ChangeOutcome;
}

export function createCommands(
  workspace: WorkspaceStore,
  ui: UiStore,
  host: HostApi,
  comparison: ComparisonStore,
  containerSession: ContainerSessionStore = createContainerSessionStore(workspace),
  liveCheck: LiveCheckStore = createLiveCheckStore(),
  historyDiff: HistoryDiffStore = createHistoryDiffStore(),
): Commands {
  const state = () => workspace.getState();
  const uiActions = () => ui.getState().actions;

  /** Before replacing or closing an edited document: asks, and says whether to go on. */
  async function mayDiscard(
    consequence = 'Opening another document discards them.',
  ): Promise<boolean> {
    const current = state();
    if (!dirtyOf(current)) return true;
    return uiActions().ask({
      title: 'Discard unsaved changes?',
      message: `${current.session!.source.name} has changes that are not saved. ${consequence}`,
      confirmLabel: 'Discard changes',
      cancelLabel: 'Keep editing',
    });
  }

  async function load(
    input: Uint8Array,
    origin: InputOrigin,
    format: RequestedFormat,
    account: string | null = null,
  ): Promise<string | null> {
    // An open replaces the previous open's messages, so an old error never outlives it.
    uiActions().clearNotices();
    uiActions().setBusy(`Opening ${origin.name}…`);
    try {
      const result = await loadInput(input, origin, format, account);
      if (!result.ok && result.accounts && account === null) {
        // A state file with several accounts is a container: ask which one, like a store.
        uiActions().openDialog({
          name: 'state-account',
          fileName: origin.name,
          message: result.message,
          accounts: result.accounts,
          choose: (chosen) => {
            uiActions().closeDialog();
            void load(input, origin, format, chosen).then((error) => {
              if (error) uiActions().notify('error', error);
            });
          },
        });
        return null;
      }
      if (!result.ok) return result.message;
      state().actions.open(result.loaded);
      uiActions().announce(`Opened ${origin.name}: ${result.loaded.document.entryCount} entries.`);
      return null;
    } finally {
      uiActions().setBusy(null);
    }
  }

  /** Loads a file the host opened; resolves null, or why it could not be read. */
  function loadFile(file: OpenedFile): Promise<string | null> {
    return load(
      file.bytes,
      {
        name: file.name,
        fileId: file.fileId,
        path: file.path,
        readOnly: file.readOnly,
        sha256: file.sha256,
      },
      'auto',
    );
  }

  async function loadOpened(file: OpenedFile): Promise<void> {
    const error = await loadFile(file);
    if (error) uiActions().notify('error', error);
  }

  const containers = createContainerCommands({
    workspace,
    ui,
    host,
    comparison,
    session: containerSession,
    loadFile,
  });
  const historyDiffCommands = createHistoryDiffCommands({ workspace, ui, host, historyDiff });
  const versions = createVersionCommands({
    host,
    ui,
    loadFile,
    containerSession,
    openChoice: (container, number) => containers.openChoice(container, number),
    compareWithOtherHistory: historyDiffCommands.compareWithOtherHistory,
  });

  async function acceptOpenResult(result: OpenResult): Promise<void> {
    if (result.status !== 'canceled') uiActions().clearNotices();
    if (result.status === 'failed') uiActions().notify('error', result.message);
    else if (result.status === 'opened') await loadOpened(result);
    else if (result.status === 'container') containers.showChooser(result);
  }

  /** The result of a save: records it, or says why it failed. */
  function savedOrFailed(result: SaveResult, savedDocument: unknown): void {
    if (result.status === 'saved') {
      const session = state().session;
      state().actions.saved(
        { fileId: result.fileId, name: result.name, path: result.path, readOnly: false },
        savedDocument === session?.document,
      );
      uiActions().notify(
        'info',
        `Saved ${result.path ?? result.name}` +
          (result.backupPath ? `; the previous version is kept as ${result.backupPath}.` : '.'),
      );
    } else if (result.status === 'failed') {
      uiActions().notify('error', result.message);
    }
  }

  /**
   * Applies an undoable change. A refused change is shown as an error notice, unless the
   * caller (a dialog) shows it itself.
   */
  function applyChange(
    label: string,
    edits: readonly Edit[],
    selectAfter: SelectAfter = 'follow',
    reportFailure = true,
  ): ChangeOutcome {
    const outcome = state().actions.change(label, edits, selectAfter);
    if (outcome.ok) uiActions().announce(label);
    else if (reportFailure) uiActions().notify('error', outcome.message);
    return outcome;
  }

  /**
   * The open document the comparison repairs. A read-only (evidence) document is repaired in
   * memory like any edit: read-only only means its source is never written.
   */
  function repairable(): Session | ChangeOutcome {
    return state().session ?? { ok: false, message: 'No document is open.' };
  }

  /** The edits `make` returns, or its EditError as a refusal shown to the user. */
  function editsOrRefusal<T extends object>(label: string, make: () => T): T | ChangeOutcome {
    try {
      return make();
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      const message = `${label}: ${error.message}`;
      uiActions().notify('error', message);
      return { ok: false, message };
    }
  }

  async function copyText(text: string, copied: string): Promise<void> {
    const done = await host.copyText(text);
    uiActions().notify(
      done ? 'info' : 'error',
      done ? copied : 'Could not copy: the clipboard is not available here.',
    );
  }

  const commands: Commands = {
    containers,
    versions,
    comparison: createComparisonCommands(workspace, ui, comparison),
    liveCheck: createLiveCheckCommands({ ui, host, comparison, liveCheck }),
    historyDiff: historyDiffCommands,
    report: createReportCommands({ workspace, ui, host, containerSession }),
    copyText,
    async copyUids(uids) {
      if (uids.length === 0) return;
      await copyText(uids.join('\n'), `Copied ${plural(uids.length, 'UID')}.`);
    },

    async openWithDialog() {
      if (!(await mayDiscard())) return;
      const readOnly = ui.getState().openReadOnly;
      await acceptOpenResult(
        await containers.trackOpen((taskId) =>
          host.openDialog({ readOnly, ...(taskId && { taskId }) }),
        ),
      );
    },

    async openPicked(file) {
      if (!(await mayDiscard())) return;
      uiActions().setBusy(`Opening ${file.name}…`);
      let result: OpenResult;
      try {
        const readOnly = ui.getState().openReadOnly;
        result = await containers.trackOpen((taskId) =>
          host.openPicked(file, { readOnly, ...(taskId && { taskId }) }),
        );
      } finally {
        uiActions().setBusy(null);
      }
      await acceptOpenResult(result);
    },

    async openHostFile(file) {
      if (!(await mayDiscard())) return;
      await acceptOpenResult(file);
    },

    async openPasted(text, format) {
      if (!(await mayDiscard())) return { status: 'cancelled' };
      const error = await load(
        new TextEncoder().encode(text),
        {
          name: 'Pasted dump',
          fileId: null,
          path: null,
          readOnly: ui.getState().openReadOnly,
          sha256: null,
        },
        format,
      );
      if (error !== null) return { status: 'failed', message: error };
      return ui.getState().dialog?.name === 'state-account'
        ? { status: 'choosing' }
        : { status: 'opened' };
    },

    async rereadAs(format) {
      const session = state().session;
      if (!session || !(await mayDiscard())) return;
      const { source } = session;
      const error = await load(
        source.inputBytes,
        {
          name: source.name,
          fileId: source.fileId,
          path: source.path,
          readOnly: source.readOnly,
          sha256: source.inputSha256,
        },
        format,
      );
      if (error) uiActions().notify('error', `${error} The document was left as it was.`);
    },

    async close() {
      if (!state().session || !(await mayDiscard('Closing it discards them.'))) return;
      state().actions.close();
    },

    async save() {
      const session = state().session;
      if (!session) return;
      const { source, document } = session;
      if (source.readOnly) {
        uiActions().notify('error', `${READ_ONLY_EXPLANATION}.`);
        return;
      }
      // Writing binary over a hex or base64 dump would change what the file is: Save as instead.
      if (source.fileId === null || !host.capabilities.saveInPlace || source.format !== 'raw') {
        await commands.saveAs();
        return;
      }
      // A file changed on disk since it was opened is the host's question to ask (it alone
      // can compare), so the result is already the user's answer.
      const result = await host.save({ fileId: source.fileId, bytes: document.bytes });
      savedOrFailed(result, document);
    },

    async saveAs() {
      const session = state().session;
      if (!session) return;
      const { source, document } = session;
      const suggestedName = source.format === 'raw' ? source.name : `${baseName(source.name)}.bin`;
      const result = await host.saveAs({
        suggestedName,
        bytes: document.bytes,
        filters: [exportFormat('raw').filter],
        ...(source.fileId !== null ? { sourceFileId: source.fileId } : {}),
      });
      savedOrFailed(result, document);
    },

    async exportFile(choice) {
      const session = state().session;
      if (!session) return null;
      const format = exportFormat(choice.format);
      const suggestedName = suggestedExportName(session, choice);
      const result = await host.exportFile({
        suggestedName,
        bytes: renderExport(session, choice),
        mimeType: format.mimeType,
        filters: [format.filter],
        ...(session.source.fileId !== null ? { sourceFileId: session.source.fileId } : {}),
      });
      if (result.status === 'saved') {
        const note = leftOutNoteOf(session, choice);
        uiActions().notify(
          'info',
          `Exported ${format.label} to ${result.path ?? result.name}.${note ? ` ${note}` : ''}`,
        );
      }
      if (result.status === 'failed') uiActions().notify('error', result.message);
      return result.status;
    },

    showEntry(index, bytes = null) {
      if (state().actions.selectEntry(index, bytes))
        uiActions().notify('info', `Cleared the filters to show entry #${index}.`);
    },

    undo() {
      const label = state().actions.undo();
      if (label) uiActions().announce(`Undid ${label}`);
    },

    redo() {
      const label = state().actions.redo();
      if (label) uiActions().announce(`Redid ${label}`);
    },

    deleteSelected() {
      const indexes = selectedIndexes(state().selection);
      if (indexes.length > 0)
        applyChange(`Delete ${describeIndexes(indexes)}`, deleteEdits(indexes));
    },

    duplicateSelected() {
      const session = state().session;
      const indexes = selectedIndexes(state().selection);
      if (session && indexes.length > 0) {
        applyChange(
          `Duplicate ${describeIndexes(indexes)}`,
          duplicateEdits(session.document, indexes),
          'inserted',
        );
      }
    },

    updateEntry(index, fields) {
      return applyChange(`Edit entry #${index}`, updateEdits([index], fields), 'follow', false);
    },

    addEntry(fields) {
      const session = state().session;
      if (!session) return { ok: false, message: 'No document is open.' };
      return applyChange('Add entry', appendEdit(session.document, fields), 'inserted', false);
    },

    dropSlack() {
      const session = state().session;
      if (!session) return { ok: false, message: 'No document is open.' };
      if (session.document.slack === null) {
        return { ok: false, message: 'The history has no Outlook slack to drop.' };
      }
      return applyChange("Drop Outlook's slack", [{ kind: 'dropSlack' }]);
    },

    bulkDelete(indexes) {
      return applyChange(
        `Delete ${describeIndexes(indexes)}`,
        deleteEdits(indexes),
        'follow',
        false,
      );
    },

    bulkUpdate(indexes, fields, what) {
      return applyChange(
        `${what} of ${describeIndexes(indexes)}`,
        updateEdits(indexes, fields),
        'follow',
        false,
      );
    },

    showEntries(indexes) {
      const current = state();
      const view = viewOf(current);
      if (!view || indexes.length === 0) return;
      if (indexes.some((index) => view.positions[index] === -1)) {
        current.actions.clearFilters();
        uiActions().notify('info', `Cleared the filters to show ${describeIndexes(indexes)}.`);
      }
      current.actions.selectEntries(indexes);
    },

    markDownloaded(uids, leftOutNew = 0) {
      const session = repairable();
      if ('ok' in session) return session;
      const label = `Mark ${plural(uids.length, 'UID')} as downloaded`;
      const plan = editsOrRefusal(label, () =>
        markDownloadedEdits(session.document, uids, new Date()),
      );
      if ('ok' in plan) return plan;
      const { edits, skipped } = plan;
      const marked = `Mark ${plural(edits.length, 'UID')} as downloaded`;
      if (edits.length === 0 && skipped.length > 0) {
        const message = `${label}: ${skippedText(skipped)}`;
        uiActions().notify('error', message);
        return { ok: false, message };
      }
      const outcome = applyChange(marked, edits, 'inserted');
      if (outcome.ok && (skipped.length > 0 || leftOutNew > 0)) {
        uiActions().notify(
          skipped.length > 0 ? 'error' : 'info',
          repairNotice(edits.length, leftOutNew, skipped),
        );
      }
      return outcome;
    },

    removeStale(comparison, uids) {
      const session = repairable();
      if ('ok' in session) return session;
      const edits = editsOrRefusal('Remove stale entries', () =>
        removeStaleEdits(session.document, comparison, uids),
      );
      if ('ok' in edits) return edits;
      const what = plural(edits.length, 'stale entry', 'stale entries');
      return applyChange(`Remove ${what}`, edits);
    },
  };
  return commands;
}
