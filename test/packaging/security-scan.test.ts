/**
 * electronegativity, run the way CI runs it, over small apps: it must work offline, read
 * modern TypeScript, see a window's webPreferences, and flag an insecure window.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gate, readFindings, type SarifFinding } from '../../electron/tools/sarif.js';
import { securityScan } from '../../electron/tools/security-scan.js';

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'" />
    <title>t</title>
    <script type="module" src="./main.js"></script>
  </head>
  <body></body>
</html>
`;

/** A hardened main process in current TypeScript (satisfies, private fields, type imports). */
const secureMain = `import { app, BrowserWindow, session, type WebContents } from 'electron';
import path from 'node:path';

interface Bounds { readonly width: number; readonly height: number }
const defaults = { width: 1200, height: 800 } as const satisfies Bounds;

class Windows {
  #open = new Set<BrowserWindow>();
  add(win: BrowserWindow): void { this.#open.add(win); }
}

function harden(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }) as const);
}

export async function createWindow(saved?: Partial<Bounds>): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    width: saved?.width ?? defaults.width,
    height: saved?.height ?? defaults.height,
    webPreferences: {
      preload: path.join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  harden(win.webContents);
  new Windows().add(win);
  await win.loadURL('app://bundle/index.html');
  return win;
}

await app.whenReady();
session.defaultSession.setPermissionRequestHandler((_contents, _permission, done) => done(false));
await createWindow();
`;

const insecureMain = `import { BrowserWindow } from 'electron';
export const win = new BrowserWindow({
  webPreferences: { contextIsolation: false, sandbox: false, nodeIntegration: true },
});
`;

let root: string;

async function scan(name: string, files: Record<string, string>): Promise<SarifFinding[]> {
  const dir = path.join(root, name);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  const report = path.join(root, `${name}.sarif`);
  const result = await securityScan(dir, report);
  expect(result.unparsed, 'every file parsed').toEqual([]);
  return readFindings(JSON.parse(await readFile(report, 'utf8')));
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'security-scan-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('security scan', () => {
  it('passes a hardened app and sees its window (preload note), offline', async () => {
    const findings = await scan('secure', { 'main.ts': secureMain, 'index.html': page });
    const outcome = gate(findings, 'note', ['PRELOAD_JS_CHECK']);
    expect(outcome.offending).toEqual([]);
    expect(outcome.ok).toBe(true);
    const preload = findings.find((f) => f.ruleId === 'PRELOAD_JS_CHECK');
    expect(preload).toMatchObject({ level: 'note', file: 'main.ts', line: 22 });
  }, 60_000);

  it('flags an insecure window above "note"', async () => {
    const findings = await scan('insecure', { 'main.ts': insecureMain, 'index.html': page });
    const flagged = new Set(gate(findings, 'note').offending.map((line) => line.split(' ')[1]));
    for (const rule of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
    ]) {
      expect(flagged, rule).toContain(rule);
    }
    expect(findings.some((f) => f.ruleId === 'AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK')).toBe(false);
  }, 60_000);

  it('reports a file it cannot parse instead of passing it unchecked', async () => {
    const dir = path.join(root, 'broken');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'main.ts'), 'export const = ;\n');
    const result = await securityScan(dir, path.join(root, 'broken.sarif'));
    expect(result.unparsed.map((e) => path.basename(e.file))).toEqual(['main.ts']);
  }, 60_000);

  it('says what to run when the input is missing', async () => {
    await expect(
      securityScan(path.join(root, 'nothing.asar'), path.join(root, 'x.sarif')),
    ).rejects.toThrow('run `npm run build` and `npm run package:check`');
  });
});
