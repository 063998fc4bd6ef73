/**
 * The window's hardening, by Electron's security checklist (the isolated, sandboxed renderer
 * without Node is the window's webPreferences, in main.ts): a strict Content-Security-Policy;
 * no navigation, new windows or webviews; every permission denied. Written over narrow
 * interfaces of the Electron objects, so it is tested without Electron.
 */
import { RENDERER_HEADER_CSP } from '../../shared/host/content-security-policy.js';

/** The renderer's policy as the app protocol sends it: the meta tag's, plus `frame-ancestors`. */
export const CONTENT_SECURITY_POLICY = RENDERER_HEADER_CSP;

export interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of a WebContents the hardening touches. */
export interface HardenableContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: PreventableEvent, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Denies every navigation, redirect, webview and new window. The app is one page; links to the
 * outside world are not followed (the renderer shows them as text to copy).
 */
export function hardenWebContents(
  contents: HardenableContents,
  log: (message: string) => void = () => {},
): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log(`Blocked navigation to ${url}`);
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    log(`Blocked redirect to ${url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`Blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}

/** The parts of a Session the permission policy sets. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

/**
 * Denies every permission request and check (camera, notifications, clipboard, devices...):
 * the app needs none. Copying goes through the host API to the main process's clipboard.
 */
export function denyPermissions(
  session: PermissionSession,
  log: (message: string) => void = () => {},
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    log(`Denied the ${permission} permission to ${details.requestingUrl || 'a page'}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** URL patterns of every network scheme a page could reach out with. */
export const REMOTE_URL_PATTERNS = [
  'http://*/*',
  'https://*/*',
  'ws://*/*',
  'wss://*/*',
  'ftp://*/*',
];

/** The part of Session.webRequest used. */
export interface RequestFilterSession {
  readonly webRequest: {
    onBeforeRequest(
      filter: { urls: string[] },
      listener: (
        details: { url: string },
        callback: (response: { cancel: boolean }) => void,
      ) => void,
    ): void;
  };
}

/**
 * Cancels every request to the network, behind the CSP: the app works offline on local files,
 * and nothing a BLOB contains can make it fetch anything.
 */
export function blockRemoteRequests(
  session: RequestFilterSession,
  log: (message: string) => void = () => {},
): void {
  session.webRequest.onBeforeRequest({ urls: [...REMOTE_URL_PATTERNS] }, (details, callback) => {
    log(`Blocked a request to ${details.url}`);
    callback({ cancel: true });
  });
}
