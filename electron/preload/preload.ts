/**
 * The preload script: runs sandboxed, before the page, with contextIsolation. Exposes the host
 * API as `window.uidlHost` and nothing else. Bundled to one CommonJS file by
 * vite.preload.config.ts, because a sandboxed preload can require only `electron`.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createHostApi } from './host-api.js';

const api = createHostApi(ipcRenderer, (file) =>
  // The page's File, as the DOM gives it; the contract declares only the fields it reads.
  webUtils.getPathForFile(file as unknown as Parameters<typeof webUtils.getPathForFile>[0]),
);

contextBridge.exposeInMainWorld('uidlHost', api);
