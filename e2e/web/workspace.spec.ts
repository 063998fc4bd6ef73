/**
 * The browser edition end to end: the built renderer, served as `npm run web` serves it, in
 * Chromium. Fixtures are built here from the codec's own encoders; expected bytes come from
 * the same shared codec the app uses, so a test fails only when the UI does something else.
 */
import { truncate } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { applyEdits, parse, serialize, sha256Hex, toHexDump } from '../../shared/codec.js';
import { formatByteRange } from '../../shared/byte-range.js';
import { MAX_INPUT_BYTES } from '../../shared/limits.js';
import { buildBlob, CLEAN_TAGS, problemBlob } from '../../test/fixtures/blobs.js';
import {
  CHROMIUM,
  downloadedBytes,
  expect,
  snapshot,
  test,
  writeFixture,
  type Workspace,
} from './fixtures.js';

test.skip(!CHROMIUM.found, CHROMIUM.found ? '' : CHROMIUM.reason);

const CLEAN = buildBlob(CLEAN_TAGS);
const CLEAN_DOC = parse(CLEAN);
const EDITED_UID = 'UID_edited-1';
const EDITED = serialize(
  applyEdits(CLEAN_DOC, [{ kind: 'update', index: 1, fields: { uid: EDITED_UID } }]),
);

/** Compares as hex, so a failure shows where the bytes differ. */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(Buffer.from(actual).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
}

async function openClean(workspace: Workspace, dir: string, name = 'clean.bin'): Promise<void> {
  await workspace.load();
  await workspace.open(await writeFixture(dir, name, CLEAN));
  await expect(workspace.rows).toHaveCount(3);
}

async function editUid(workspace: Workspace, index: number, uid: string): Promise<void> {
  const { page } = workspace;
  await workspace.row(index).dblclick();
  const dialog = page.getByRole('dialog', { name: 'Edit entry' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('UID', { exact: true }).fill(uid);
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('opens a history by the file input and shows its summary and rows', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await openClean(workspace, fixtureDir);

  await expect(workspace.count).toHaveText('3 of 3 entries');
  const summary = workspace.summary;
  await expect(summary).toContainText(sha256Hex(CLEAN));
  await expect(summary).toContainText(`${CLEAN.length} bytes`);
  await expect(summary).toContainText('declared 3, 3 tags found');
  await expect(summary).toContainText('Version 3');

  await expect(workspace.grid).toHaveAttribute('aria-rowcount', '4');
  for (const [index, tag] of CLEAN_TAGS.entries()) {
    const row = workspace.row(index);
    await expect(row).toHaveAttribute('aria-rowindex', String(index + 2));
    await expect(row).toContainText(tag.uid);
    await expect(row).toContainText(String(CLEAN_DOC.entry(index).offset));
  }
  await expect(page).toHaveTitle(/clean\.bin/);
  await snapshot(page, '01-workspace-opened');
});

test('filters by UID text and by regular expression, and clears the filters', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await openClean(workspace, fixtureDir);
  // By label: the field is a search box (role searchbox), which the contract calls a textbox.
  const filter = page.getByLabel('Filter UIDs', { exact: true });

  await filter.fill('UID_two');
  await expect(workspace.count).toHaveText('1 of 3 entries');
  await expect(workspace.rows).toHaveCount(1);
  await expect(workspace.rows.first()).toHaveAttribute('data-entry-index', '1');
  await expect(workspace.grid).toHaveAttribute('aria-rowcount', '2');
  await snapshot(page, '02-filtered');

  await page.getByRole('checkbox', { name: 'Regular expression' }).check();
  await filter.fill('^\\d+$');
  await expect(workspace.count).toHaveText('1 of 3 entries');
  await expect(workspace.rows.first()).toHaveAttribute('data-entry-index', '2');

  // Matches nothing: the table empties but still says how many there are.
  await filter.fill('^nomatch$');
  await expect(workspace.count).toHaveText('0 of 3 entries');
  await expect(workspace.rows).toHaveCount(0);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(workspace.count).toHaveText('3 of 3 entries');
  await expect(filter).toHaveValue('');
  await expect(workspace.rows).toHaveCount(3);
});

test('selecting an entry highlights exactly its bytes in the hex view', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await openClean(workspace, fixtureDir);
  for (const index of [1, 0, 2]) {
    const entry = CLEAN_DOC.entry(index);
    await workspace.row(index).click();
    await expect(workspace.row(index)).toHaveAttribute('aria-selected', 'true');
    const expected = Array.from({ length: entry.length }, (_, i) => entry.offset + i);
    await expect.poll(() => workspace.selectedOffsets()).toEqual(expected);
  }
  await snapshot(page, '03-entry-selected-hex');

  // And back: clicking a byte of another tag selects that tag.
  const target = CLEAN_DOC.entry(1);
  await workspace.hex.locator(`[data-offset="${target.spans.uid.start}"]`).first().click();
  await expect(workspace.row(1)).toHaveAttribute('aria-selected', 'true');
});

test('edits a UID, then undoes and redoes by buttons and keyboard', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await openClean(workspace, fixtureDir);
  const undo = workspace.button('Undo');
  const redo = workspace.button('Redo');
  await expect(undo).toBeDisabled();

  await editUid(workspace, 1, EDITED_UID);
  await expect(workspace.row(1)).toContainText(EDITED_UID);
  await expect(page).toHaveTitle(/^• clean\.bin/);
  await snapshot(page, '04-edited');

  await undo.click();
  await expect(workspace.row(1)).toContainText('UID_two');
  await expect(workspace.row(1)).not.toContainText(EDITED_UID);
  await expect(page).not.toHaveTitle(/^•/);
  await redo.click();
  await expect(workspace.row(1)).toContainText(EDITED_UID);

  // The shortcuts act on the document while the table has the focus.
  await workspace.row(0).click();
  await page.keyboard.press('Control+z');
  await expect(workspace.row(1)).toContainText('UID_two');
  await page.keyboard.press('Control+Shift+z');
  await expect(workspace.row(1)).toContainText(EDITED_UID);
});

test('the edit dialog refuses a UID that cannot be written, and Cancel changes nothing', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await openClean(workspace, fixtureDir);
  await workspace.row(2).dblclick();
  const dialog = page.getByRole('dialog', { name: 'Edit entry' });
  const uid = dialog.getByLabel('UID', { exact: true });
  await uid.fill('');
  await expect(uid).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Apply', exact: true })).toBeDisabled();
  await snapshot(page, '05-edit-invalid');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(workspace.row(2)).toContainText(CLEAN_TAGS[2]!.uid);
  await expect(workspace.button('Undo')).toBeDisabled();
});

test('exports raw bytes: identical to the input, then exactly the edited bytes', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await openClean(workspace, fixtureDir);

  let dialog = await workspace.openRawExport();
  await expect(dialog.getByText('Identical to input')).toBeVisible();
  await snapshot(page, '06-export-dialog');
  const unchanged = await workspace.downloadFrom(dialog);
  expect(unchanged.download.suggestedFilename()).toMatch(/\.bin$/);
  expectSameBytes(unchanged.bytes, CLEAN);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await editUid(workspace, 1, EDITED_UID);
  dialog = await workspace.openRawExport();
  await expect(dialog.getByText('Identical to input')).toBeHidden();
  const edited = await workspace.downloadFrom(dialog);
  expectSameBytes(edited.bytes, EDITED);
});

test('Save downloads the edited bytes under the opened file name', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await openClean(workspace, fixtureDir, 'history.bin');
  await editUid(workspace, 1, EDITED_UID);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    workspace.button('Save').click(),
  ]);
  expect(download.suggestedFilename()).toBe('history.bin');
  const bytes = await downloadedBytes(download);
  expectSameBytes(bytes, EDITED);
  // Saved: no longer dirty.
  await expect(page).not.toHaveTitle(/^•/);
});

test('read-only evidence mode refuses Save but still exports', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await workspace.load();
  await page.getByRole('checkbox', { name: 'Read-only (evidence mode)' }).check();
  await workspace.open(await writeFixture(fixtureDir, 'evidence.bin', CLEAN));
  await expect(workspace.rows).toHaveCount(3);
  await expect(workspace.button('Save')).toBeDisabled();
  const dialog = await workspace.openRawExport();
  const exported = await workspace.downloadFrom(dialog);
  expectSameBytes(exported.bytes, CLEAN);
  await snapshot(page, '07-read-only');
});

test('opens a hex dump and exports the BLOB it holds', async ({ workspace, fixtureDir }) => {
  await workspace.load();
  const dump = new TextEncoder().encode(toHexDump(CLEAN));
  await workspace.open(await writeFixture(fixtureDir, 'history.txt', dump));
  await expect(workspace.rows).toHaveCount(3);
  await expect(workspace.row(0)).toContainText(CLEAN_TAGS[0]!.uid);
  // The input's own fingerprint is of the text as given.
  await expect(workspace.summary).toContainText(sha256Hex(dump));
  const exported = await workspace.downloadFrom(await workspace.openRawExport());
  expectSameBytes(exported.bytes, CLEAN);
});

test('shows every finding of a malformed history in the Diagnostics list', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  const bytes = problemBlob();
  const doc = parse(bytes);
  const expectedCodes = [...new Set(doc.diagnostics.map((finding) => finding.code))].sort();
  // The fixture's promise, so a changed fixture cannot make this test vacuous.
  expect(expectedCodes).toEqual([
    'timestamp.invalid-date',
    'trailing.bytes',
    'uid.duplicate',
    'uid.uppercase-escape',
  ]);

  await workspace.load();
  await workspace.open(await writeFixture(fixtureDir, 'problem.bin', bytes));
  await expect(workspace.rows).toHaveCount(4);
  const items = workspace.diagnostics.getByRole('listitem');
  await expect(items).toHaveCount(doc.diagnostics.length);
  for (const [i, finding] of doc.diagnostics.entries()) {
    const item = items.nth(i);
    await expect(item).toContainText(finding.code);
    await expect(item).toContainText(finding.severity);
    await expect(item).toContainText(formatByteRange(finding.start, finding.end));
    await expect(item).toContainText(finding.message);
  }
  await snapshot(page, '08-diagnostics');

  // "Has diagnostics" keeps the entries that have findings of their own.
  const withFindings = doc.entries.filter((entry) => entry.diagnostics.length > 0).length;
  await page.getByRole('checkbox', { name: 'Has diagnostics' }).check();
  await expect(workspace.count).toHaveText(`${withFindings} of 4 entries`);
  await page.getByRole('checkbox', { name: 'Has diagnostics' }).uncheck();
  await page.getByRole('checkbox', { name: 'Duplicate UIDs' }).check();
  await expect(workspace.count).toHaveText('2 of 4 entries');
  await expect(workspace.rows.nth(0)).toHaveAttribute('data-entry-index', '0');
  await expect(workspace.rows.nth(1)).toHaveAttribute('data-entry-index', '2');
});

test('opens a file dropped on the page', async ({ workspace, page }) => {
  await workspace.load();
  // A real drag from the desktop cannot be scripted; a drop event carrying a File is what the
  // page receives from one.
  const dataTransfer = await page.evaluateHandle(
    ({ bytes, name }) => {
      const dom = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: unknown[], name: string) => unknown;
      };
      const transfer = new dom.DataTransfer();
      transfer.items.add(new dom.File([new Uint8Array(bytes)], name));
      return transfer;
    },
    { bytes: Array.from(CLEAN), name: 'dropped.bin' },
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(workspace.rows).toHaveCount(3);
  await expect(workspace.summary).toContainText(sha256Hex(CLEAN));
  await expect(page).toHaveTitle(/dropped\.bin/);
});

test('opens a dump pasted as hex', async ({ workspace, page }) => {
  await workspace.load();
  await workspace.button('Paste dump').click();
  const dialog = page.getByRole('dialog', { name: 'Paste dump' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Dump text').fill(Buffer.from(CLEAN).toString('hex'));
  await expect(dialog).toContainText('Detected: hex');
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(workspace.rows).toHaveCount(3);
  await expect(workspace.row(1)).toContainText('UID_two');
  const exported = await workspace.downloadFrom(await workspace.openRawExport());
  expectSameBytes(exported.bytes, CLEAN);
});

test('refuses a file over 64 MiB with a message, before reading it', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await workspace.load();
  // Sparse: the size is what matters, the host must refuse it by size alone.
  const path = await writeFixture(fixtureDir, 'huge.pst', new Uint8Array());
  await truncate(path, MAX_INPUT_BYTES + 1);
  await workspace.open(path);
  const alert = page.getByRole('alert').filter({ hasText: 'huge.pst' });
  await expect(alert).toContainText(
    'huge.pst is 67,108,865 bytes; UIDL Studio opens files up to 64 MiB',
  );
  await expect(workspace.rows).toHaveCount(0);
  await snapshot(page, '09-too-large');
});

type Box = { x: number; y: number; width: number; height: number };

/** Whether two boxes share any area. */
function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, 'the element is laid out').not.toBeNull();
  return box!;
}

/**
 * The on-screen part of every control, text field, grid and chart (clipped by scrolling
 * parents). Run in the page as text: the end-to-end tests are typed without the DOM library.
 */
async function visibleControlBoxes(page: Page): Promise<Box[]> {
  return page.evaluate<Box[]>(`(() => {
    const selector =
      'button, input, select, textarea, [role="grid"], [role="group"], [data-testid="timeline-chart"]';
    const boxes = [];
    for (const element of document.querySelectorAll(selector)) {
      if (element.closest('.notices')) continue;
      let { left, top, right, bottom } = element.getBoundingClientRect();
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowY === 'visible') continue;
        const clip = parent.getBoundingClientRect();
        left = Math.max(left, clip.left);
        top = Math.max(top, clip.top);
        right = Math.min(right, clip.right);
        bottom = Math.min(bottom, clip.bottom);
      }
      bottom = Math.min(bottom, window.innerHeight);
      if (right - left > 1 && bottom - top > 1)
        boxes.push({ x: left, y: top, width: right - left, height: bottom - top });
    }
    return boxes;
  })()`);
}

test.describe('at 125% zoom on a 1440x900 laptop', () => {
  test.use({ viewport: { width: 1152, height: 720 }, deviceScaleFactor: 1.25 });

  test('an error notice that stays never covers a control, and the chart keeps its axis', async ({
    workspace,
    fixtureDir,
    page,
  }) => {
    await workspace.load();
    await page.getByRole('checkbox', { name: 'Read-only (evidence mode)' }).check();
    await workspace.open(await writeFixture(fixtureDir, 'evidence.bin', problemBlob()));
    await expect(workspace.rows).toHaveCount(4);
    await workspace.grid.focus();
    await page.keyboard.press('Control+S');
    const notice = page.getByRole('alert').filter({ hasText: 'Read-only (evidence mode)' });
    await expect(notice).toBeVisible();
    const noticeBox = await boxOf(notice);
    const covered = (await visibleControlBoxes(page)).filter((box) => overlaps(box, noticeBox));
    expect(covered, 'controls under the notice').toEqual([]);
    // The timeline's plot fits its short panel: its x axis is drawn inside the panel.
    const chart = await boxOf(page.getByTestId('timeline-chart'));
    const canvas = await boxOf(page.getByTestId('timeline-chart').locator('canvas'));
    expect(canvas.y + canvas.height).toBeLessThanOrEqual(chart.y + chart.height + 1);
    await snapshot(page, '10-zoom-125-notice');
    await notice.getByRole('button', { name: 'Dismiss message' }).click();
    await expect(notice).toBeHidden();
  });
});

test('a narrow window stacks the table, hex view, findings and timeline without overlap', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await workspace.load();
  await workspace.open(await writeFixture(fixtureDir, 'problem.bin', problemBlob()));
  await expect(workspace.rows).toHaveCount(4);
  const parts = {
    entries: await boxOf(workspace.grid),
    hex: await boxOf(workspace.hex),
    diagnostics: await boxOf(page.getByRole('region', { name: /^Diagnostics/ })),
    timeline: await boxOf(page.getByRole('region', { name: 'Timeline' })),
  };
  const names = Object.keys(parts) as (keyof typeof parts)[];
  for (const [k, a] of names.entries()) {
    for (const b of names.slice(k + 1)) {
      expect(overlaps(parts[a], parts[b]), `${a} and ${b} overlap`).toBe(false);
    }
    // Stacked: one under the other.
    if (k > 0) expect(parts[a].y).toBeGreaterThan(parts[names[k - 1]!].y);
  }
  expect(parts.hex.height).toBeGreaterThan(150);
  expect(parts.timeline.height).toBeGreaterThan(150);
  await page.getByRole('region', { name: 'Timeline' }).scrollIntoViewIfNeeded();
  await expect(page.getByTestId('timeline-chart').locator('canvas')).toBeVisible();
  await snapshot(page, '11-narrow');
});

test('selected bytes keep a distinct colour per field', async ({ workspace, fixtureDir }) => {
  await openClean(workspace, fixtureDir);
  await workspace.row(1).click();
  // Entry #1 at 65: operation 65, content 66, timestamp 67-80, UID 81-89, NUL 90.
  await expect(workspace.selectedBytes).toHaveCount(26);
  const background = (offset: number) =>
    workspace.page.evaluate<string>(
      `getComputedStyle(document.querySelector('[data-offset="${offset}"]')).backgroundColor`,
    );
  const selected = await Promise.all([65, 66, 67, 81, 90].map(background));
  expect(new Set(selected).size, `backgrounds ${selected.join(' ')}`).toBe(5);
  // And each differs from the same field unselected (entry #0 at 4: op 4, content 5...).
  const unselected = await Promise.all([4, 5, 6, 20, 64].map(background));
  selected.forEach((colour, k) => expect(colour).not.toBe(unselected[k]));
});

test('a date filter shows its focus on the calendar button too', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await openClean(workspace, fixtureDir);
  const from = page.getByLabel('From date');
  await from.focus();
  // Month, day, year, then the calendar button inside the field.
  for (let k = 0; k < 3; k++) await page.keyboard.press('Tab');
  await expect(from).toBeFocused();
  await expect(from).toHaveCSS('outline-style', 'solid');
});
