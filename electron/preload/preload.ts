/**
 * The preload script: runs sandboxed, before the page, with contextIsolation. Exposes the host
 * API as `window.uidlHost` and nothing else. Bundled to one CommonJS file by
 * vite.preload.config.ts, because a sandboxed preload can require only `electron`.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createHostApi, watchPickedFiles, type PickEventTarget } from './host-api.js';

const pathOf = (file: unknown): string =>
  // The page's File, as the DOM gives it; the contract declares only the fields it reads.
  webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]);

// The preload's own view of the window (isolated world): the page cannot fake its events.
watchPickedFiles(globalThis as unknown as PickEventTarget, ipcRenderer, pathOf);
const api = createHostApi(ipcRenderer, pathOf);

contextBridge.exposeInMainWorld('uidlHost', api);
