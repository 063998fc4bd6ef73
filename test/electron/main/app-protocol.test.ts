import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  mimeTypeFor,
  resolveAppRequest,
  serveAppRequest,
} from '../../../electron/main/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security.js';

const root = '/app/dist/renderer';

describe('resolveAppRequest', () => {
  it.each([
    ['app://uidl-studio/index.html', '/app/dist/renderer/index.html', 'text/html; charset=utf-8'],
    ['app://uidl-studio/', '/app/dist/renderer/index.html', 'text/html; charset=utf-8'],
    [
      'app://uidl-studio/assets/index-3f2a.js',
      '/app/dist/renderer/assets/index-3f2a.js',
      'text/javascript; charset=utf-8',
    ],
    [
      'app://uidl-studio/assets/a.css?v=1#x',
      '/app/dist/renderer/assets/a.css',
      'text/css; charset=utf-8',
    ],
    [
      'app://uidl-studio/fonts/with%20space.woff2',
      '/app/dist/renderer/fonts/with space.woff2',
      'font/woff2',
    ],
    // The URL parser resolves dot segments before we see them: they stay inside the root.
    [
      'app://uidl-studio/../../etc/passwd',
      '/app/dist/renderer/etc/passwd',
      'application/octet-stream',
    ],
    [
      'app://uidl-studio/%2e%2e/%2E%2e/etc/passwd',
      '/app/dist/renderer/etc/passwd',
      'application/octet-stream',
    ],
    [
      'app://uidl-studio/assets/../index.html',
      '/app/dist/renderer/index.html',
      'text/html; charset=utf-8',
    ],
  ])('serves %s from %s', (url, path, mimeType) => {
    expect(resolveAppRequest(url, root)).toEqual({ kind: 'file', path, mimeType });
  });

  it.each([
    ['an encoded slash', 'app://uidl-studio/..%2f..%2fetc%2fpasswd'],
    ['an encoded backslash', 'app://uidl-studio/..%5c..%5cwindows%5cwin.ini'],
    ['an encoded NUL', 'app://uidl-studio/index.html%00.png'],
    ['bad percent-encoding', 'app://uidl-studio/%E0%A4%A'],
    ['an empty segment', 'app://uidl-studio//etc/passwd'],
    ['another host', 'app://other/index.html'],
    ['a look-alike host', 'app://uidl-studio.evil/index.html'],
    ['another scheme', 'file:///app/dist/renderer/index.html'],
    ['not a URL', 'index.html'],
  ])('refuses %s', (_, url) => {
    expect(resolveAppRequest(url, root).kind).toBe('not-found');
  });

  it('gives unknown extensions a neutral type', () => {
    expect(mimeTypeFor('a.exe')).toBe('application/octet-stream');
    expect(mimeTypeFor('A.SVG')).toBe('image/svg+xml');
  });

  it('registers a standard, secure scheme that fetch can load, without CORS or CSP bypass', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(APP_ENTRY_URL).toBe('app://uidl-studio/index.html');
  });
});

describe('serveAppRequest', () => {
  let folder: string;
  let rendererRoot: string;
  beforeAll(async () => {
    folder = await fs.mkdtemp(join(tmpdir(), 'uidl-protocol-'));
    rendererRoot = join(folder, 'renderer');
    await fs.mkdir(join(rendererRoot, 'assets'), { recursive: true });
    await fs.writeFile(join(rendererRoot, 'index.html'), '<!doctype html><title>x</title>');
    await fs.writeFile(join(rendererRoot, 'assets', 'main.js'), 'export {};');
    await fs.writeFile(join(folder, 'secret.txt'), 'secret');
    await fs.mkdir(join(folder, 'private'));
    await fs.writeFile(join(folder, 'private', 'key.txt'), 'secret');
    // Links inside the folder: to a file and a folder outside it, and to a file inside it.
    await fs.symlink(join(folder, 'secret.txt'), join(rendererRoot, 'assets', 'leak.js'));
    await fs.symlink(join(folder, 'private'), join(rendererRoot, 'private'));
    await fs.symlink(join(rendererRoot, 'assets', 'main.js'), join(rendererRoot, 'alias.js'));
    // The folder itself reached through a link, as a packaged or relocated app may be.
    await fs.symlink(rendererRoot, join(folder, 'linked-renderer'));
  });
  afterAll(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET') => serveAppRequest({ url, method }, rendererRoot);

  it('serves a file with its type, the CSP and nosniff', async () => {
    const response = await get('app://uidl-studio/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>x</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('app://uidl-studio/assets/main.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://uidl-studio/missing.js',
    'app://uidl-studio/assets',
    'app://uidl-studio/%2e%2e/secret.txt',
    'app://uidl-studio/..%2fsecret.txt',
  ])('answers 404 for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(['app://uidl-studio/assets/leak.js', 'app://uidl-studio/private/key.txt'])(
    'does not follow a symbolic link out of its folder: %s',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Not found');
    },
  );

  it('serves a link that stays inside its folder, also when the folder is reached by a link', async () => {
    const alias = await get('app://uidl-studio/alias.js');
    expect(alias.status).toBe(200);
    expect(await alias.text()).toBe('export {};');
    const linked = await serveAppRequest(
      { url: 'app://uidl-studio/assets/main.js', method: 'GET' },
      join(folder, 'linked-renderer'),
    );
    expect(await linked.text()).toBe('export {};');
    const leak = await serveAppRequest(
      { url: 'app://uidl-studio/private/key.txt', method: 'GET' },
      join(folder, 'linked-renderer'),
    );
    expect(leak.status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://uidl-studio/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('app://uidl-studio/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
