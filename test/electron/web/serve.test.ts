import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest, createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mimeTypeOf } from '../../../electron/services/mime-types.js';
import {
  DEFAULT_PORT,
  FALLBACK_CSP,
  ServeError,
  cspFromHtml,
  headerCsp,
  portFromEnv,
  startServer,
  type RunningServer,
} from '../../../electron/web/serve.js';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const PAGE_CSP = "default-src 'none'; script-src 'self'; base-uri 'none'";
const INDEX = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" /></head><body>app</body></html>`;

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A request with the path sent exactly as written (fetch would normalise `..` away). */
function rawRequest(
  url: string,
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Sends `head` (the request line and headers, CRLF-separated, without the blank line) over a
 * plain socket, byte for byte as written, and returns the status line of the answer.
 */
function exchange(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n`));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      const end = answer.indexOf('\r\n');
      if (end !== -1) {
        socket.destroy();
        resolve(answer.slice(0, end));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n', 1)[0] ?? ''));
  });
}

let scratch: string;
let root: string;
let server: RunningServer;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'uidl-serve-'));
  root = join(scratch, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), INDEX);
  await writeFile(join(root, 'assets', 'app-1234.js'), 'console.log("app");');
  await writeFile(join(root, 'assets', 'app-1234.css'), 'body{}');
  await writeFile(join(root, 'assets', 'font.woff2'), Uint8Array.of(0x77, 0x4f, 0x46, 0x32));
  await writeFile(join(root, 'assets', 'data.unknownext'), 'x');
  // Outside the root: must never be served.
  await writeFile(join(scratch, 'secret.txt'), 'SECRET');
  await symlink(join(scratch, 'secret.txt'), join(root, 'assets', 'link.txt'));
  server = await startServer({ root, port: 0 });
});

afterAll(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('startServer', () => {
  it('listens on 127.0.0.1 on a free port when given 0', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves index.html at / with the security headers', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe(INDEX);
    expect(response.headers.get('content-security-policy')).toBe(
      `${PAGE_CSP}; frame-ancestors 'none'`,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('serves assets with their MIME types and lengths, ignoring the query', async () => {
    const js = await fetch(`${server.url}assets/app-1234.js?v=1`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-length')).toBe('19');
    expect(await js.text()).toBe('console.log("app");');

    const css = await fetch(`${server.url}assets/app-1234.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const font = await fetch(`${server.url}assets/font.woff2`);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(Array.from(new Uint8Array(await font.arrayBuffer()))).toEqual([0x77, 0x4f, 0x46, 0x32]);
    const other = await fetch(`${server.url}assets/data.unknownext`);
    expect(other.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('answers 404 for a missing file, with the security headers still set', async () => {
    const response = await fetch(`${server.url}assets/missing.js`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found\n');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/assets/link.txt',
    '/%00',
    '/%E0%A4%A',
  ])('refuses %s without leaking what is outside the root', async (path) => {
    const response = await rawRequest(server.url, path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('SECRET');
  });

  it('answers HEAD with headers only, and refuses other methods', async () => {
    const head = await rawRequest(server.url, '/assets/app-1234.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('19');
    expect(head.body).toBe('');
    const post = await rawRequest(server.url, '/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
  });

  it('says to build the renderer when the folder has no index.html', async () => {
    const error = await startServer({ root: join(scratch, 'nothing-here'), port: 0 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ServeError);
    expect((error as Error).message).toMatch(/run npm run build:renderer first$/);
  });

  it('says the port is taken, and how to pick another', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const error = await startServer({ root, port }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ServeError);
      expect((error as Error).message).toBe(
        `port ${port} on 127.0.0.1 is already in use; set PORT to another port, or PORT=0 for any free one`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('hostile requests', () => {
  const host = (): string => `Host: 127.0.0.1:${server.port}`;

  it.each([
    'http://a:99999/',
    'http://[::1/',
    'http:',
    '//',
    'x',
    '*',
    'http://%zz/',
    `http://127.0.0.1:99999/${'a'.repeat(300)}`,
  ])('answers 400 to the request target %s, and goes on serving', async (target) => {
    expect(await exchange(server.port, `GET ${target} HTTP/1.1\r\n${host()}`)).toBe(
      'HTTP/1.1 400 Bad Request',
    );
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('serves an absolute-form target naming this server', async () => {
    const target = `http://127.0.0.1:${server.port}/assets/app-1234.js`;
    expect(await exchange(server.port, `GET ${target} HTTP/1.1\r\n${host()}`)).toBe(
      'HTTP/1.1 200 OK',
    );
  });

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])(
    'accepts the loopback name %s with the bound port',
    async (name) => {
      expect(await exchange(server.port, `GET / HTTP/1.1\r\nHost: ${name}:${server.port}`)).toBe(
        'HTTP/1.1 200 OK',
      );
    },
  );

  it.each([
    ['another name (DNS rebinding)', 'evil.example:PORT'],
    ['a name that ends like a loopback one', 'attacker-localhost:PORT'],
    ['another port', '127.0.0.1:1'],
    ['no port', 'localhost'],
    ['a second host', '127.0.0.1:PORT, evil.example'],
  ])('refuses %s in the Host header with 421', async (_what, value) => {
    const response = await rawRequest(server.url, '/', 'GET', {
      host: value.replace('PORT', String(server.port)),
    });
    expect(response.status).toBe(421);
    expect(response.body).toBe(
      `This server answers only to 127.0.0.1:${server.port}, localhost:${server.port} and ` +
        `[::1]:${server.port}, not to the host the request names\n`,
    );
    expect(response.body).not.toContain('INDEX');
  });

  it('refuses an absolute-form target naming another host, whatever the Host header says', async () => {
    expect(await exchange(server.port, `GET http://evil.example/ HTTP/1.1\r\n${host()}`)).toBe(
      'HTTP/1.1 421 Misdirected Request',
    );
  });

  it('refuses a request without a Host header', async () => {
    expect(await exchange(server.port, 'GET / HTTP/1.0')).toBe('HTTP/1.1 400 Bad Request');
  });
});

describe('server helpers', () => {
  it('reads the CSP from the page and adds frame-ancestors', () => {
    expect(cspFromHtml(INDEX)).toBe(PAGE_CSP);
    expect(cspFromHtml('<html><meta charset="utf-8"></html>')).toBeNull();
    expect(headerCsp("default-src 'none';")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headerCsp("default-src 'none'; frame-ancestors 'self'")).toBe(
      "default-src 'none'; frame-ancestors 'self'",
    );
  });

  it("keeps the fallback policy equal to renderer/index.html's", async () => {
    const html = await readFile(join(projectRoot, 'renderer', 'index.html'), 'utf8');
    expect(cspFromHtml(html)).toBe(FALLBACK_CSP);
  });

  it('maps extensions case-insensitively', () => {
    expect(mimeTypeOf('/a/INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('x.wasm')).toBe('application/wasm');
    expect(mimeTypeOf('noext')).toBe('application/octet-stream');
  });

  it('reads PORT from the environment', () => {
    expect(portFromEnv(undefined)).toBe(DEFAULT_PORT);
    expect(portFromEnv('')).toBe(DEFAULT_PORT);
    expect(portFromEnv('0')).toBe(0);
    expect(portFromEnv('8080')).toBe(8080);
    expect(() => portFromEnv('80a')).toThrow("PORT must be a number from 0 to 65535, not '80a'");
    expect(() => portFromEnv('70000')).toThrow(ServeError);
  });
});

const builtServe = join(projectRoot, 'dist', 'electron', 'web', 'serve.js');
const builtRenderer = join(projectRoot, 'dist', 'renderer', 'index.html');
const notBuilt = !existsSync(builtServe) || !existsSync(builtRenderer);

describe('the built server', () => {
  let child: ReturnType<typeof spawn> | undefined;
  afterEach(() => {
    child?.kill('SIGTERM');
  });

  it.skipIf(notBuilt)(
    notBuilt
      ? 'runs as `node dist/electron/web/serve.js` — SKIPPED: not built (run `npm run build`)'
      : 'runs as `node dist/electron/web/serve.js` and prints its URL',
    async () => {
      child = spawn(process.execPath, [builtServe], {
        env: { ...process.env, PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child!.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          if (out.includes('\n')) resolve(out.trim());
        });
        child!.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      const match = /^UIDL Studio \(browser edition\) at (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line);
      expect(match, line).not.toBeNull();
      const page = await fetch(match![1]!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    },
  );

  it.skipIf(!existsSync(builtServe))('exits 1 with one line when PORT is invalid', async () => {
    child = spawn(process.execPath, [builtServe], {
      env: { ...process.env, PORT: 'abc' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child!.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe("uidl-studio web: PORT must be a number from 0 to 65535, not 'abc'\n");
  });
});
