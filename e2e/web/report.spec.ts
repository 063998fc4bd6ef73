/**
 * The forensic report opened in Chromium: written by the CLI (`uidl-studio report`) from the
 * real Outlook-written store and from a BLOB with hostile UIDs, then read as a person would.
 * The hashes it shows must match `sha256sum` of the input and of the history's bytes; it runs
 * no script (a script smuggled into a copy is blocked by its CSP) and loads nothing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { run } from '../../electron/cli/run.js';
import type { CliIo } from '../../electron/cli/io.js';
import { scanFile } from '../../electron/containers/scan.js';
import { buildBlob } from '../../test/fixtures/blobs.js';
import { RUN_SAMPLE_TESTS, sample } from '../../test/fixtures/samples.js';
import { CHROMIUM } from './fixtures.js';

test.skip(!CHROMIUM.found, CHROMIUM.found ? '' : CHROMIUM.reason);

/** The README's screenshot (UPDATE_README_SCREENSHOTS=1 rewrites it). */
const README_SCREENSHOT = fileURLToPath(new URL('../screenshots/report.png', import.meta.url));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** `sha256sum FILE`'s digest: the tool an examiner would check the report against. */
function sha256sum(path: string): string {
  return execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]!;
}

async function writeReport(input: string, output: string): Promise<void> {
  const silent = { write: () => undefined };
  const errors: string[] = [];
  const io: CliIo = {
    readStdin: async () => new Uint8Array(),
    stdout: silent,
    stderr: { write: (chunk) => void errors.push(String(chunk)) },
  };
  expect(await run(['report', input, '-o', output], io), errors.join('')).toBe(0);
}

/** Opens a report file, recording every request and console message it causes. */
async function openReport(page: Page, path: string) {
  const requests: string[] = [];
  const messages: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => messages.push(message.text()));
  page.on('pageerror', (error) => messages.push(`uncaught: ${error.message}`));
  const url = pathToFileURL(path).href;
  await page.goto(url);
  return { url, requests, messages };
}

let folder = '';
test.beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'uidl-report-e2e-'));
});
test.afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

test('a report of the real store shows the hashes sha256sum gives', async ({ page }) => {
  test.skip(!RUN_SAMPLE_TESTS, 'the real sample files are not here');
  const store = sample('tghanem-pst_user1-test-lab_39ba6b1.pst');
  const report = join(folder, 'store-report.html');
  await writeReport(store, report);
  const { url, requests, messages } = await openReport(page, report);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Forensic report: POP3 UIDL history',
  );
  const inputHash = (await page.locator('#input-sha256').textContent())!;
  expect(inputHash).toBe(sha256sum(store));
  expect(inputHash).toBe(sha256(await readFile(store)));

  // The history's hash is that of the attachment's bytes, as the store holds them.
  const scanned = await scanFile(store);
  const history = scanned.report.messages
    .flatMap((message) => message.attachments)
    .find((attachment) => attachment.rule !== null)!;
  const blob = scanned.attachmentData(history.number)!;
  const blobFile = join(folder, 'history.bin');
  await writeFile(blobFile, blob);
  await expect(page.locator('#history-1-sha256')).toHaveText(sha256sum(blobFile));

  const entries = page.locator('section.history table').nth(1).locator('tbody tr');
  await expect(entries).toHaveCount(6);
  await expect(entries.nth(5).locator('td').nth(4)).toHaveText('6');
  expect(requests).toEqual([url]);
  expect(messages).toEqual([]);
  await expect(page.locator('script, img, link, iframe, object, embed')).toHaveCount(0);

  if (process.env['UPDATE_README_SCREENSHOTS'] === '1') {
    await page.setViewportSize({ width: 1200, height: 1000 });
    await page.screenshot({ path: README_SCREENSHOT });
  }
});

test('a report runs no script: hostile UIDs are text, and its CSP blocks a smuggled one', async ({
  page,
}) => {
  const hostile = '<script>document.title="ran"</script>';
  const blob = buildBlob([
    { op: '+', content: 'b', timestamp: '20240101120000', uid: hostile },
    { op: '+', content: 'b', timestamp: '20240102120000', uid: '"><img/src=x/onerror=alert(1)>' },
  ]);
  const input = join(folder, 'hostile.bin');
  await writeFile(input, blob);
  const report = join(folder, 'hostile-report.html');
  await writeReport(input, report);

  const shown = await openReport(page, report);
  await expect(page.locator('#input-sha256')).toHaveText(sha256sum(input));
  await expect(page.getByRole('cell', { name: hostile, exact: true })).toHaveCount(1);
  expect(await page.title()).not.toBe('ran');
  await expect(page.locator('script, img, link, iframe, object, embed')).toHaveCount(0);
  expect(shown.requests).toEqual([shown.url]);

  // A copy with a script put in by hand: the page's own policy refuses to run it.
  const tampered = join(folder, 'tampered-report.html');
  const html = await readFile(report, 'utf8');
  await writeFile(
    tampered,
    html.replace('</body>', '<script>document.title="ran"</script></body>'),
  );
  const second = await page.context().newPage();
  const opened = await openReport(second, tampered);
  await expect(second.locator('#input-sha256')).toHaveText(sha256sum(input));
  expect(await second.title()).not.toBe('ran');
  expect(opened.messages.join('\n')).toMatch(/Content Security Policy/);
});
