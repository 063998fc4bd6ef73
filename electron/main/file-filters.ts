/** The filters of the native open and save dialogs. */
import type { FileFilter } from '../../shared/host/contract.js';

const ALL_FILES: FileFilter = { name: 'All files', extensions: ['*'] };

/** Every input kind the app reads (see the README's "Inputs"), together and one by one. */
export const OPEN_FILTERS: readonly FileFilter[] = [
  {
    name: 'UIDL histories, dumps and Outlook files',
    extensions: ['uidl', 'bin', 'dat', 'txt', 'hex', 'reg', 'b64', 'pst', 'ost', 'msg'],
  },
  { name: 'Outlook data files and messages', extensions: ['pst', 'ost', 'msg'] },
  { name: 'Raw BLOB', extensions: ['uidl', 'bin', 'dat'] },
  { name: 'Hex dump', extensions: ['txt', 'hex'] },
  { name: 'MFCMAPI property dump', extensions: ['txt'] },
  { name: 'Registry export', extensions: ['reg'] },
  { name: 'Base64', extensions: ['b64', 'txt'] },
  {
    name: 'Other clients: popstate.dat, .fetchids (getmail oldmail: All files)',
    extensions: ['dat', 'fetchids'],
  },
  ALL_FILES,
];

/**
 * The save dialog's filters: those the renderer asked for, or else one for the suggested
 * name's extension; always ending with "All files" so any name can be typed.
 */
export function saveFilters(
  suggestedName: string,
  requested: readonly FileFilter[] | undefined,
): FileFilter[] {
  const filters = [...(requested ?? [])];
  if (filters.length === 0) {
    const extension = /\.([A-Za-z0-9]{1,16})$/.exec(suggestedName)?.[1];
    if (extension)
      filters.push({ name: `${extension.toUpperCase()} file`, extensions: [extension] });
  }
  if (!filters.some((filter) => filter.extensions.includes('*'))) filters.push(ALL_FILES);
  return filters;
}
