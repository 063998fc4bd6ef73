/**
 * Compare with another history… in the browser edition: the open history against a backup
 * picked through the page's file chooser, the diff's grid, a row selecting its entries in the
 * Entries grid and the hex view, and Export report… downloading the report of the document.
 * Expected values come from the shared diff the app uses.
 */
import { createHash } from 'node:crypto';
import { parse } from '../../shared/codec.js';
import { diffHistories } from '../../shared/diff/diff.js';
import { buildBlob } from '../../test/fixtures/blobs.js';
import { CHROMIUM, downloadedBytes, expect, snapshot, test, writeFixture } from './fixtures.js';

test.skip(!CHROMIUM.found, CHROMIUM.found ? '' : CHROMIUM.reason);

const tag = (uid: string, day: number) => ({
  op: '+' as const,
  content: 'b' as const,
  timestamp: `202403${String(day).padStart(2, '0')}091500`,
  uid,
});
/** The backup: 1-4, with 3 at an earlier time than today. */
const BACKUP = buildBlob([tag('uid-1', 1), tag('uid-2', 2), tag('uid-3', 3), tag('uid-4', 4)]);
/** Today: 2 and 4 gone, 3 downloaded again later, 5 and 6 new (5 twice). */
const TODAY = buildBlob([
  tag('uid-1', 1),
  tag('uid-3', 9),
  tag('uid-5', 10),
  tag('uid-5', 11),
  tag('uid-6', 12),
]);

test('compares the open history with a backup and links the rows to the entries', async ({
  page,
  workspace,
  fixtureDir,
}) => {
  const todayFile = await writeFixture(fixtureDir, 'today.bin', TODAY);
  const backupFile = await writeFixture(fixtureDir, 'backup.bin', BACKUP);
  await workspace.load();
  await workspace.open(todayFile);
  await expect(workspace.rows).toHaveCount(5);

  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    workspace.button('Compare with another history…').click(),
  ]);
  await chooser.setFiles(backupFile);

  const expected = diffHistories(parse(BACKUP), parse(TODAY));
  const view = page.getByTestId('history-diff');
  await expect(view.getByTestId('history-diff-summary')).toHaveText(expected.summary);
  expect(expected.summary).toBe(
    '2 UIDs added, 2 removed (deleted on the server and dropped by Outlook), 1 changed.',
  );
  const grid = page.getByRole('grid', { name: 'Differences between the two histories' });
  const rows = grid.locator('[data-position]');
  await expect(rows).toHaveCount(expected.rows.length);
  const texts = await rows.evaluateAll((elements) =>
    elements.map((row) =>
      [...row.querySelectorAll('[role="gridcell"]')].map((cell) => cell.textContent),
    ),
  );
  expect(texts).toEqual([
    ['Changed', 'uid-3', '#1', '#2', 'timestamp 20240303091500 → 20240309091500'],
    ['Added', 'uid-5', '#2#3', '', ''],
    ['Added', 'uid-6', '#4', '', ''],
    ['Removed', 'uid-2', '', '#1', ''],
    ['Removed', 'uid-4', '', '#3', ''],
  ]);
  await snapshot(page, '20-history-diff');

  // A click on uid-5 selects its two entries in the Entries grid; on uid-3, its one entry and
  // its bytes in the hex view.
  await rows.nth(1).getByRole('gridcell').nth(1).click();
  await expect(workspace.row(2)).toHaveAttribute('aria-selected', 'true');
  await expect(workspace.row(3)).toHaveAttribute('aria-selected', 'true');
  await rows.nth(0).getByRole('gridcell').nth(0).click();
  await expect(workspace.row(1)).toHaveAttribute('aria-selected', 'true');
  await expect(workspace.row(2)).toHaveAttribute('aria-selected', 'false');
  const entry = parse(TODAY).entry(1);
  const offsets = await workspace.selectedOffsets();
  expect(offsets[0]).toBe(entry.offset);
  expect(offsets[offsets.length - 1]).toBe(entry.offset + entry.length - 1);

  // The filter buttons count the kinds.
  await view.getByRole('button', { name: 'Removed: 2' }).click();
  await expect(rows).toHaveCount(2);

  // Export report… downloads the report of the document, with its hash.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    workspace.button('Export report…').click(),
  ]);
  expect(download.suggestedFilename()).toBe('today-report.html');
  const html = new TextDecoder().decode(await downloadedBytes(download));
  const digest = createHash('sha256').update(TODAY).digest('hex');
  expect(html).toContain(`<span class="hash" id="input-sha256">${digest}</span>`);
  expect(html).toContain('<dt>Entries</dt><dd>5 (Count declares 5)</dd>');

  await view.getByRole('button', { name: 'Close comparison' }).click();
  await expect(view).toHaveCount(0);
});
