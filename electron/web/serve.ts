/**
 * `npm run web`: serves the built renderer (dist/renderer) to a browser on this machine only.
 * A deliberately small static server on node:http: GET and HEAD of files under the root,
 * nothing else, with the page's own Content-Security-Policy sent as a header too (a header
 * can say `frame-ancestors`, which a meta tag cannot).
 */
import { createReadStream, type Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RENDERER_CSP } from '../../shared/host/content-security-policy.js';
import { mimeTypeOf } from '../services/mime-types.js';

export const DEFAULT_HOST = '127.0.0.1';
/** Not Vite's 5173 or 4173, so `npm run web` and a Vite dev server can run side by side. */
export const DEFAULT_PORT = 5190;

/** renderer/index.html's policy, used only if the built page has lost its meta tag. */
export const FALLBACK_CSP = RENDERER_CSP;

/** A problem the user can fix (missing build, port in use): printed as one line, no stack. */
export class ServeError extends Error {
  override name = 'ServeError';
}

export interface ServerOptions {
  /** The folder to serve: the renderer build. */
  readonly root: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface RunningServer {
  /** `http://HOST:PORT/`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The meta tag's Content-Security-Policy of a page, or null when it has none. */
export function cspFromHtml(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?content-security-policy["']?/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    const value = content?.[1] ?? content?.[2];
    if (value) return value.trim();
  }
  return null;
}

/** The header policy: the page's own, plus what only a header can say. */
export function headerCsp(pageCsp: string): string {
  const base = pageCsp.replace(/;\s*$/, '');
  return /(^|;)\s*frame-ancestors\b/.test(base) ? base : `${base}; frame-ancestors 'none'`;
}

function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    // A local tool: always revalidate, so a rebuild is never hidden behind a stale cache.
    'Cache-Control': 'no-cache',
  };
}

/**
 * The file a URL path names under `root`, or null for anything that is not plainly inside it:
 * `..` segments, encoded slashes or backslashes, NUL, or a symbolic link leading outside.
 */
async function resolveFile(
  root: string,
  urlPath: string,
): Promise<{ path: string; stats: Stats } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) return null;
  let candidate = join(root, ...segments);
  let stats: Stats;
  try {
    stats = await stat(candidate);
    if (stats.isDirectory()) {
      candidate = join(candidate, 'index.html');
      stats = await stat(candidate);
    }
    if (!stats.isFile()) return null;
    const real = await realpath(candidate);
    if (!real.startsWith(root + sep)) return null;
    return { path: real, stats };
  } catch {
    return null;
  }
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
  head: boolean,
): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
  });
  response.end(head ? undefined : body);
}

/**
 * The `host:port` names this server answers to: the loopback names with the bound port (and
 * the bound address itself). A page on any other name reaching this port is a DNS rebinding
 * attack (a hostile site whose name now points at 127.0.0.1), so it gets nothing.
 */
export function allowedHosts(boundHost: string, port: number): string[] {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  const bound = boundHost.includes(':') ? `[${boundHost}]` : boundHost;
  if (!names.includes(bound.toLowerCase())) names.push(bound.toLowerCase());
  return names.map((name) => `${name}:${port}`);
}

/** The path a request target names (origin-form or absolute-form), or why it has none. */
function targetPath(
  target: string,
  allowed: readonly string[],
): { path: string } | { status: 400 | 421 } {
  // Origin-form, `/path?query`, the only form browsers send to a server that is no proxy.
  if (target.startsWith('/') && !target.startsWith('//'))
    return { path: target.split(/[?#]/, 1)[0]! };
  // Absolute-form (RFC 9112, 3.2.2): its authority, not the Host header, names the server.
  if (!/^http:\/\//i.test(target) || !URL.canParse(target)) return { status: 400 };
  const url = new URL(target);
  return allowed.includes(url.host.toLowerCase()) ? { path: url.pathname } : { status: 421 };
}

function handler(root: string, csp: string, allowed: () => readonly string[]) {
  const headers = securityHeaders(csp);
  return (request: IncomingMessage, response: ServerResponse): void => {
    const method = request.method ?? 'GET';
    const head = method === 'HEAD';
    if (method !== 'GET' && !head) {
      sendText(response, 405, 'Method not allowed', { ...headers, Allow: 'GET, HEAD' }, false);
      return;
    }
    const names = allowed();
    const misdirected = `This server answers only to ${names.slice(0, -1).join(', ')} and ${names.at(-1)}, not to the host the request names`;
    const host = request.headers.host;
    if (host === undefined) {
      sendText(response, 400, 'Bad request: no Host header', headers, head);
      return;
    }
    if (!names.includes(host.toLowerCase())) {
      sendText(response, 421, misdirected, headers, head);
      return;
    }
    const target = targetPath(request.url ?? '', names);
    if ('status' in target) {
      sendText(
        response,
        target.status,
        target.status === 400 ? 'Bad request: the request target is not a path' : misdirected,
        headers,
        head,
      );
      return;
    }
    const pathname = target.path;
    void resolveFile(root, pathname).then(
      (file) => {
        if (!file) {
          sendText(response, 404, 'Not found', headers, head);
          return;
        }
        response.writeHead(200, {
          ...headers,
          'Content-Type': mimeTypeOf(file.path),
          'Content-Length': String(file.stats.size),
        });
        if (head) {
          response.end();
          return;
        }
        const stream = createReadStream(file.path);
        stream.on('error', () => response.destroy());
        stream.pipe(response);
      },
      () => sendText(response, 500, 'Internal error', headers, head),
    );
  };
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolvePromise, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(
          new ServeError(
            `port ${port} on ${host} is already in use; set PORT to another port, or PORT=0 for any free one`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new ServeError(`not allowed to listen on port ${port} of ${host}; set PORT above 1023`),
        );
      } else {
        reject(new ServeError(`cannot listen on ${host}:${port}: ${error.message}`));
      }
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolvePromise(server.address() as AddressInfo);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Serves `root` until `close()`; rejects with a ServeError when it cannot. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  let root: string;
  let html: string;
  try {
    root = await realpath(resolve(options.root));
    html = await readFile(join(root, 'index.html'), 'utf8');
  } catch {
    throw new ServeError(
      `no renderer build at ${resolve(options.root)} (index.html is missing); run npm run build:renderer first`,
    );
  }
  const csp = headerCsp(cspFromHtml(html) ?? FALLBACK_CSP);
  let names: readonly string[] = [];
  const server = createServer(handler(root, csp, () => names));
  const address = await listen(server, port, host);
  names = allowedHosts(address.address, address.port);
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        // Browsers keep idle connections open; do not let them hold the shutdown.
        server.closeAllConnections();
      }),
  };
}

/** PORT from the environment: unset means the default, 0 any free port. */
export function portFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535) {
    throw new ServeError(`PORT must be a number from 0 to 65535, not '${value}'`);
  }
  return port;
}

async function main(): Promise<void> {
  // dist/electron/web/serve.js → dist/renderer
  const root = fileURLToPath(new URL('../../renderer/', import.meta.url));
  const server = await startServer({ root, port: portFromEnv(process.env['PORT']) });
  process.stdout.write(`UIDL Studio (browser edition) at ${server.url}\n`);
  const stop = (): void => {
    void server.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(invokedPath).href) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`uidl-studio web: ${message}\n`);
    process.exit(1);
  });
}
