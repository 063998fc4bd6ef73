import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import {
  blockRemoteRequests,
  CONTENT_SECURITY_POLICY,
  denyPermissions,
  hardenWebContents,
  type HardenableContents,
  type PermissionSession,
} from '../../../electron/main/security.js';

const APP = 'app://uidl-studio/';

describe('CONTENT_SECURITY_POLICY', () => {
  it('is exactly the policy of renderer/index.html plus frame-ancestors', async () => {
    const html = await readFile('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(CONTENT_SECURITY_POLICY).toBe(`${meta}; frame-ancestors 'none'`);
  });

  it('allows no eval, no inline script and no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
  });
});

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents = {
    on(event: string, listener: (event: { preventDefault(): void }, url?: string) => void) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  } as HardenableContents;
  return { contents, listeners, open: (url: string) => openHandler?.({ url }) };
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const { contents, listeners } = fakeContents();
    const log = vi.fn();
    hardenWebContents(contents, log);
    const event = { preventDefault: vi.fn() };
    listeners.get(name)!(event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('denies every new window', () => {
    const { contents, open } = fakeContents();
    hardenWebContents(contents);
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open(`${APP}index.html`)).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  function fakeSession() {
    const handlers: {
      request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
      check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
      device?: () => boolean;
    } = {};
    const session: PermissionSession = {
      setPermissionRequestHandler: (handler) => (handlers.request = handler),
      setPermissionCheckHandler: (handler) => (handlers.check = handler),
      setDevicePermissionHandler: (handler) => (handlers.device = handler),
    };
    denyPermissions(session);
    const request = (permission: string, url: string) => {
      let granted: boolean | undefined;
      handlers.request!(null, permission, (value) => (granted = value), { requestingUrl: url });
      return granted;
    };
    const check = (permission: string, origin: string) => handlers.check!(null, permission, origin);
    return { request, check, device: () => handlers.device!() };
  }

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'fullscreen',
  ])('denies %s, even to the app', (permission) => {
    const { request, check } = fakeSession();
    expect(request(permission, `${APP}index.html`)).toBe(false);
    expect(check(permission, 'app://uidl-studio')).toBe(false);
  });

  it('denies every device', () => {
    expect(fakeSession().device()).toBe(false);
  });
});

describe('blockRemoteRequests', () => {
  it('cancels every request to a network scheme', () => {
    let filter: { urls: string[] } | undefined;
    let listener:
      | ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void)
      | undefined;
    const log = vi.fn();
    blockRemoteRequests(
      {
        webRequest: {
          onBeforeRequest: (f, l) => {
            filter = f;
            listener = l;
          },
        },
      },
      log,
    );
    expect(filter).toEqual({
      urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'],
    });
    const callback = vi.fn();
    listener!({ url: 'https://evil.example/x' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
    expect(log).toHaveBeenCalledWith('Blocked a request to https://evil.example/x');
  });
});
