/**
 * The browser edition end to end: the built renderer, served as `npm run web` serves it, in
 * Chromium. Fixtures are built here from the codec's own encoders; expected bytes come from
 * the same shared codec the app uses, so a test fails only when the UI does something else.
 */
import { truncate } from 'node:fs/promises';
import { applyEdits, parse, serialize, sha256Hex, toHexDump } from '../../shared/codec.js';
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
    await expect(item).toContainText(`[${finding.start}, ${finding.end})`);
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
