/** The HostDialogs over Electron's native dialogs, attached to the app window. */
import { dialog, type BrowserWindow } from 'electron';
import { isAbsolute, join } from 'node:path';
import type { HostDialogs } from './ipc-handlers.js';
import { changedOnDiskPromptOptions, OVERWRITE_BUTTON } from './document-window.js';
import { OPEN_FILTERS } from './file-filters.js';

export function createNativeDialogs(
  getWindow: () => BrowserWindow | null,
  /** Where a save dialog starts when the document has no folder of its own. */
  defaultFolder: () => string,
): HostDialogs {
  const mutable = (filters: readonly { name: string; extensions: readonly string[] }[]) =>
    filters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] }));

  return {
    async chooseFileToOpen() {
      const options: Electron.OpenDialogOptions = {
        title: 'Open a UIDL history',
        properties: ['openFile'],
        filters: mutable(OPEN_FILTERS),
      };
      const window = getWindow();
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },

    async chooseSaveTarget({ purpose, defaultPath, filters }) {
      const options: Electron.SaveDialogOptions = {
        title: purpose === 'export' ? 'Export' : 'Save As',
        buttonLabel: purpose === 'export' ? 'Export' : 'Save',
        defaultPath: isAbsolute(defaultPath) ? defaultPath : join(defaultFolder(), defaultPath),
        filters: mutable(filters),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = getWindow();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },

    async confirmOverwriteChanged(file) {
      const options = changedOnDiskPromptOptions(file);
      const window = getWindow();
      const { response } = window
        ? await dialog.showMessageBox(window, options)
        : await dialog.showMessageBox(options);
      return response === OVERWRITE_BUTTON;
    },
  };
}
