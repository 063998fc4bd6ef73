/**
 * The app's own origin, `app://uidl-studio/`, which serves the built renderer and nothing
 * else: no file outside its folder, whatever the URL says or a symbolic link in it points at,
 * and every response with the Content-Security-Policy header. A custom scheme rather than
 * `file://`, so the page has a real origin (the IPC sender check can name it) and no access to
 * the rest of the disk.
 */
import * as nodeFs from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './security.js';
import { mimeTypeOf } from '../services/mime-types.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'uidl-studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_ENTRY_URL = `${APP_ORIGIN}index.html`;

/** For `protocol.registerSchemesAsPrivileged`, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  // standard: relative URLs and a real origin; secure: a secure context, like https;
  // supportFetchAPI: the renderer's module scripts and workers load through fetch.
  // Not corsEnabled, not bypassCSP: no other origin may read it, and the CSP applies.
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** Kept under this name for the protocol's callers and tests. */
export const mimeTypeFor = mimeTypeOf;

export type AppRequestTarget =
  | { readonly kind: 'file'; readonly path: string; readonly mimeType: string }
  | { readonly kind: 'not-found'; readonly reason: string };

/**
 * The file under `root` that an `app://uidl-studio/...` URL names. Refuses other schemes and
 * hosts, encoded or literal `..` segments, backslashes, NUL and anything that would resolve
 * outside `root`.
 */
export function resolveAppRequest(url: string, root: string): AppRequestTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'not-found', reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { kind: 'not-found', reason: 'not the app origin' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { kind: 'not-found', reason: 'malformed percent-encoding' };
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const segments = pathname.split('/').slice(1);
  if (
    pathname.includes('\0') ||
    pathname.includes('\\') ||
    segments.some((segment) => segment === '..' || segment === '.' || segment === '')
  ) {
    return { kind: 'not-found', reason: 'path outside the app' };
  }
  const base = resolve(root);
  const path = resolve(base, ...segments);
  if (!isInside(base, path)) return { kind: 'not-found', reason: 'path outside the app' };
  return { kind: 'file', path, mimeType: mimeTypeFor(path) };
}

const COMMON_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** Whether `path` is `root` itself or under it (both real paths). */
function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

/**
 * The real path of the file, or null when a symbolic link (of the file or of a folder on the
 * way) leads out of `root`: the URL check alone sees only the link's name.
 */
async function realFileInside(
  root: string,
  path: string,
  fs: Pick<typeof nodeFs, 'realpath'>,
): Promise<string | null> {
  try {
    const [realRoot, realPath] = await Promise.all([fs.realpath(root), fs.realpath(path)]);
    return isInside(realRoot, realPath) ? realPath : null;
  } catch {
    return null; // missing or unreadable
  }
}

/** The protocol handler: serves `request` from `root`, a 404 for anything else. */
export async function serveAppRequest(
  request: { readonly url: string; readonly method: string },
  root: string,
  fs: Pick<typeof nodeFs, 'readFile' | 'realpath'> = nodeFs,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', {
      status: 405,
      headers: { ...COMMON_HEADERS, Allow: 'GET, HEAD' },
    });
  }
  const target = resolveAppRequest(request.url, root);
  if (target.kind !== 'file') return notFound();
  const real = await realFileInside(root, target.path, fs);
  if (real === null) return notFound();
  let body: Uint8Array;
  try {
    body = await fs.readFile(real);
  } catch {
    return notFound(); // missing, a folder, or unreadable: the page gets nothing either way
  }
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { ...COMMON_HEADERS, 'Content-Type': target.mimeType },
  });
}
