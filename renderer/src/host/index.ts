/**
 * The renderer's one way to its host: the desktop app's preload exposes `window.uidlHost`;
 * anywhere else (a browser tab) the browser host stands in.
 */
import type { HostApi } from '@shared/host/contract';
import { createBrowserHost } from './browser-host';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in a browser tab. */
    uidlHost?: HostApi;
  }
}

let browserHost: HostApi | undefined;

export function getHost(): HostApi {
  if (window.uidlHost) return window.uidlHost;
  browserHost ??= createBrowserHost();
  return browserHost;
}

export { createBrowserHost } from './browser-host';
export type * from '@shared/host/contract';
