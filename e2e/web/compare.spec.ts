/**
 * The Compare view end to end in the browser edition: a history opened from a file, the
 * server's UIDL listing pasted, the classes counted, the repairs applied and undone, and the
 * repaired history exported. Expected values come from the shared codec and comparison engine
 * the app uses, so a test fails only when the UI does something else.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from '@playwright/test';
import { applyEdits, parse, serialize } from '../../shared/codec.js';
import { removeStaleEdits } from '../../shared/compare/actions.js';
import { compareHistory } from '../../shared/compare/compare.js';
import { parseListing } from '../../shared/listing/parse-listing.js';
import { buildBlob } from '../../test/fixtures/blobs.js';
import { CHROMIUM, expect, snapshot, test, writeFixture, type Workspace } from './fixtures.js';

test.skip(!CHROMIUM.found, CHROMIUM.found ? '' : CHROMIUM.reason);

/** The README's screenshot, committed beside the workspace's (UPDATE_README_SCREENSHOTS=1). */
const README_SCREENSHOT = fileURLToPath(new URL('../screenshots/compare.png', import.meta.url));

/** Dovecot-style UIDs (`%08Xu%08Xv`) and one GUID, as a support case would show them. */
const uid = (n: number): string => `${n.toString(16).padStart(8, '0')}5f0e1c2d`;
const GUID = '0BC535DB-EA63-11E1-A75C-00215AD7BB74';

const tag = (uidText: string, day: number) => ({
  op: '+' as const,
  content: 'b' as const,
  timestamp: `202403${String(day).padStart(2, '0')}091500`,
  uid: uidText,
});

/**
 * Kept: 1, 2, 4 (twice: a duplicate) and 8. Stale (deleted on the server since): 3 and 7, and
 * the GUID written in lower case, which the server lists in upper case (a near miss).
 */
const HISTORY = buildBlob([
  tag(uid(1), 1),
  tag(uid(2), 2),
  tag(uid(3), 3),
  tag(uid(4), 4),
  tag(uid(4), 5),
  tag(GUID.toLowerCase(), 6),
  tag(uid(7), 7),
  tag(uid(8), 8),
]);

/**
 * Will be downloaded: the upper-case GUID (message 4, among the kept ones: downloaded before),
 * 9 and 10 (messages 6 and 7, after 5, the newest the history has seen: likely new mail).
 * Line 9 has a bad message number.
 */
const LISTING = [
  '+OK 7 messages (21344 octets)',
  `1 ${uid(1)}`,
  `2 ${uid(2)}`,
  `3 ${uid(4)}`,
  `4 ${GUID}`,
  `5 ${uid(8)}`,
  `6 ${uid(9)}`,
  `7 ${uid(10)}`,
  `x8 ${uid(11)}`,
  '.',
].join('\r\n');

/** The page's getComputedStyle: these tests compile without the DOM library. */
interface Styles {
  getComputedStyle(element: unknown): {
    readonly color: string;
    readonly backgroundColor: string;
    readonly lineHeight: string;
  };
}

const EXPECTED = compareHistory(parse(HISTORY), parseListing(LISTING), { name: 'history.bin' });

function countButton(region: Locator, label: string): Locator {
  return region.getByRole('button', { name: new RegExp(`^${label}: \\d+$`) });
}

async function openAndPaste(workspace: Workspace, dir: string): Promise<Locator> {
  const { page } = workspace;
  await workspace.load();
  await workspace.open(await writeFixture(dir, 'history.bin', HISTORY));
  await expect(workspace.count).toHaveText('8 of 8 entries');
  await workspace.button('Compare').click();
  const region = page.getByRole('region', { name: 'Comparison' });
  await expect(region).toBeVisible();
  await region.getByRole('button', { name: 'Paste listing…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Server listing' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('UIDL listing').fill(LISTING);
  await expect(dialog.getByTestId('listing-detected')).toContainText(
    'Read as: UIDL response. Line 1 is the status line of a UIDL response',
  );
  await expect(dialog.getByTestId('listing-detected')).toContainText(
    '7 messages; 1 line not read (the rest are kept).',
  );
  await expect(dialog.getByRole('list', { name: 'Lines not read' })).toHaveText(
    "left out line 9: message number 'x8' is not a number; the line is left out",
  );
  await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(dialog).toBeHidden();
  return region;
}

test('compares a history with a pasted UIDL listing: classes, summary, bad line', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  const region = await openAndPaste(workspace, fixtureDir);
  await expect(countButton(region, 'Will be downloaded')).toHaveText('Will be downloaded: 3');
  await expect(countButton(region, 'Stale')).toHaveText('Stale: 3');
  await expect(countButton(region, 'Kept')).toHaveText('Kept: 4');
  await expect(countButton(region, 'Duplicated in history')).toHaveText('Duplicated in history: 1');
  await expect(countButton(region, 'Near misses')).toHaveText(
    `Near misses: ${EXPECTED.counts.nearMisses}`,
  );
  await expect(region.getByRole('status')).toHaveText(EXPECTED.summary);
  await expect(region.getByRole('status')).toContainText(
    'Outlook will download 1 message again and 2 new messages on the next check',
  );
  await expect(region).toContainText("line 9: message number 'x8' is not a number");

  const grid = page.getByRole('grid', { name: 'Compared UIDs' });
  await expect(grid).toHaveAttribute('aria-rowcount', String(EXPECTED.uids.length + 1));
  const rowOf = (uidText: string): Locator =>
    grid
      .getByRole('row')
      .filter({ has: page.getByRole('gridcell', { name: uidText, exact: true }) });
  const guidRow = rowOf(GUID);
  await expect(guidRow).toContainText('Will be downloaded');
  await expect(guidRow).toContainText('Case:');

  // The README's screenshot (the history beside its comparison with the server) is rewritten
  // only on request, so a test run leaves the work tree as it was.
  if (process.env['UPDATE_README_SCREENSHOTS'] === '1') {
    await mkdir(dirname(README_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: README_SCREENSHOT });
  }
  await snapshot(page, '12-compare');

  // The near miss's history entry, selected in the Entries table and highlighted in the hex view.
  const lowerRow = rowOf(GUID.toLowerCase());
  await lowerRow.getByRole('button', { name: 'Show entry #5' }).click();
  await expect(workspace.row(5)).toHaveAttribute('aria-selected', 'true');
  await expect(workspace.selectedBytes).not.toHaveCount(0);

  await region.getByRole('button', { name: 'Copy summary' }).click();
  await expect(page.getByText('Copied the summary.')).toBeVisible();
});

test('marks the UIDs downloaded before, leaves new mail out unless asked, removes stale entries and exports', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  const region = await openAndPaste(workspace, fixtureDir);
  const newRow = page
    .getByRole('grid', { name: 'Compared UIDs' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: uid(9), exact: true }) });
  await expect(newRow).toContainText('Will be downloaded · new mail');
  await expect(region.getByTestId('repair-scope')).toContainText(
    '2 new messages are left out, so Outlook still downloads them',
  );

  // By default, only the message downloaded before: the new mail stays to be downloaded.
  await region.getByRole('button', { name: 'Mark as downloaded' }).click();
  await expect(countButton(region, 'Will be downloaded')).toHaveText('Will be downloaded: 2');
  await expect(workspace.count).toHaveText('9 of 9 entries');
  await expect(workspace.row(8)).toContainText(GUID);
  await expect(workspace.row(8)).toContainText('+ get');
  await expect(region.getByRole('status')).toContainText(
    'Outlook will download 2 new messages on the next check (listed after the newest message ' +
      'the history has seen)',
  );
  await expect(
    page.getByText(/^Marked 1 UID as downloaded\. Left out 2 new messages/),
  ).toBeVisible();
  await expect(page.getByTestId('dirty-marker')).toBeVisible();

  // New mail only by an explicit choice, after a confirm that says what it costs.
  await region.getByRole('button', { name: 'Mark new mail too…' }).click();
  const question = page.getByRole('dialog', { name: 'Mark new mail as downloaded?' });
  await expect(question).toContainText(
    'Marked as downloaded, they will never be downloaded: Outlook skips 2 new messages.',
  );
  await question.getByRole('button', { name: 'Mark all 2 UIDs, new mail included' }).click();
  await expect(countButton(region, 'Will be downloaded')).toHaveText('Will be downloaded: 0');
  await expect(workspace.count).toHaveText('11 of 11 entries');
  for (const [index, added] of [uid(9), uid(10)].entries()) {
    await expect(workspace.row(9 + index)).toContainText(added);
    await expect(workspace.row(9 + index)).toContainText('+ get');
  }
  await expect(region.getByRole('status')).toContainText(
    'Outlook will download nothing again on the next check',
  );

  await workspace.button('Undo').click();
  await expect(workspace.count).toHaveText('9 of 9 entries');
  await workspace.button('Undo').click();
  await expect(workspace.count).toHaveText('8 of 8 entries');
  await expect(countButton(region, 'Will be downloaded')).toHaveText('Will be downloaded: 3');

  await region.getByRole('button', { name: 'Remove stale entries' }).click();
  await expect(countButton(region, 'Stale')).toHaveText('Stale: 0');
  await expect(workspace.count).toHaveText('5 of 5 entries');
  await snapshot(page, '13-compare-repaired');

  const exported = await workspace.downloadFrom(await workspace.openRawExport());
  const expected = serialize(
    applyEdits(parse(HISTORY), removeStaleEdits(parse(HISTORY), EXPECTED)),
  );
  expect(Buffer.from(exported.bytes).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
  const reread = parse(exported.bytes);
  expect(Array.from({ length: reread.entryCount }, (_, i) => reread.uid(i))).toEqual([
    uid(1),
    uid(2),
    uid(4),
    uid(4),
    uid(8),
  ]);
});

test('the live check explains that it is the desktop app’s', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await workspace.load();
  await workspace.open(await writeFixture(fixtureDir, 'history.bin', HISTORY));
  await page.keyboard.press('Control+Shift+L');
  const region = page.getByRole('region', { name: 'Comparison' });
  await expect(region).toBeFocused();
  await region.getByRole('button', { name: 'Live check…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Live check' });
  await expect(dialog).toContainText(
    'The live check needs the desktop app: a browser page cannot open a connection',
  );
  await dialog.getByRole('button', { name: 'Paste a listing instead' }).click();
  await expect(page.getByRole('dialog', { name: 'Server listing' })).toBeVisible();
});

test('the keyboard never falls to the page: dialogs, repairs and closing the view', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await workspace.load();
  await workspace.open(await writeFixture(fixtureDir, 'history.bin', HISTORY));
  await page.keyboard.press('Control+Shift+L');
  const region = page.getByRole('region', { name: 'Comparison' });
  await expect(region).toBeFocused();
  const liveCheck = region.getByRole('button', { name: 'Live check…' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(liveCheck).toBeFocused();
  await page.keyboard.press('Enter');
  // One dialog opens another: closing the second goes back to where the first came from.
  await expect(page.getByRole('button', { name: 'Paste a listing instead' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Server listing' });
  await expect(dialog.getByLabel('UIDL listing')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(liveCheck).toBeFocused();

  await region.getByRole('button', { name: 'Paste listing…' }).press('Enter');
  await dialog.getByLabel('UIDL listing').fill(LISTING);
  await dialog.getByRole('button', { name: 'Compare', exact: true }).press('Enter');
  const mark = region.getByRole('button', { name: 'Mark as downloaded' });
  await mark.press('Enter');
  await expect(mark).toBeDisabled();
  await expect(page.getByRole('grid', { name: 'Compared UIDs' })).toBeFocused();

  await region.getByRole('button', { name: 'Close comparison' }).press('Enter');
  await expect(region).toBeHidden();
  await expect(workspace.button('Compare')).toBeFocused();
});

test('long UIDs and near-miss explanations wrap inside the grid, 1440 and 900 pixels wide', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  const region = await openAndPaste(workspace, fixtureDir);
  const grid = page.getByRole('grid', { name: 'Compared UIDs' });
  await countButton(region, 'Near misses').click();
  const guidRow = grid
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: GUID, exact: true }) });
  const nearMiss = guidRow.getByRole('gridcell').nth(4);
  await expect(nearMiss).toContainText(/^Case: .* differ only in letter case\.$/);
  for (const width of [1440, 900]) {
    await page.setViewportSize({ width, height: 900 });
    await grid.scrollIntoViewIfNeeded();
    const fit = await nearMiss.evaluate((cell) => {
      const box = cell.getBoundingClientRect();
      const gridBox = cell.closest('[role="grid"]')!.getBoundingClientRect();
      const row = cell.closest('[role="row"]')!;
      const next = row.parentElement!.querySelector(
        `[data-index="${Number(row.getAttribute('data-index')) + 1}"]`,
      );
      const { lineHeight } = (globalThis as unknown as Styles).getComputedStyle(cell);
      return {
        clipped: cell.scrollWidth > cell.clientWidth || cell.scrollHeight > cell.clientHeight,
        pastGrid: box.right > gridBox.right,
        lines: Math.round(box.height / parseFloat(lineHeight)),
        overlap: next
          ? next.getBoundingClientRect().top < row.getBoundingClientRect().bottom - 1
          : null,
      };
    });
    const { lines, ...fits } = fit;
    expect(fits, `${width} pixels wide`).toEqual({
      clipped: false,
      pastGrid: false,
      overlap: false,
    });
    expect(lines, `${width} pixels wide`).toBeGreaterThan(1);
    // Whatever is cut visually stays reachable by pointer too.
    await expect(nearMiss).toHaveAttribute(
      'title',
      EXPECTED.uids.find((u) => u.uid === GUID)!.nearMiss!.explanation,
    );
  }
});

/** WCAG contrast of a locator's text colour on its background colour (both opaque rgb). */
async function contrastOf(locator: Locator): Promise<number> {
  const [text, background] = await locator.evaluate((element) => {
    const style = (globalThis as unknown as Styles).getComputedStyle(element);
    return [style.color, style.backgroundColor];
  });
  const luminance = (css: string): number => {
    const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
      const c = Number(part) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [high, low] = [luminance(text), luminance(background)].sort((a, b) => b - a);
  return (high! + 0.05) / (low! + 0.05);
}

test('pressed toggles stay readable under the pointer and look pressed, light and dark', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  const region = await openAndPaste(workspace, fixtureDir);
  const background = (locator: Locator) =>
    locator.evaluate(
      (element) => (globalThis as unknown as Styles).getComputedStyle(element).backgroundColor,
    );
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const stale = countButton(region, 'Stale');
    await stale.click();
    await expect(stale).toHaveAttribute('aria-pressed', 'true');
    await stale.hover();
    expect(await contrastOf(stale), `${colorScheme}, pressed and hovered`).toBeGreaterThan(4.5);
    await stale.click();
    await expect(stale).toHaveAttribute('aria-pressed', 'false');

    // The toolbar's Compare is on while the view is shown, and says so without the pointer.
    const toggle = workspace.button('Compare');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await page.mouse.move(0, 0);
    expect(await background(toggle), colorScheme).not.toBe(
      await background(workspace.button('Changes')),
    );
  }
});

test('a narrow window stacks the comparison’s parts without overlap', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await page.setViewportSize({ width: 900, height: 800 });
  const region = await openAndPaste(workspace, fixtureDir);
  const parts = [
    region.getByRole('group', { name: 'Server side' }),
    region.getByRole('group', { name: 'Classes' }),
    region.getByRole('status'),
    region.getByRole('group', { name: 'Repairs' }),
    page.getByRole('grid', { name: 'Compared UIDs' }),
  ];
  await parts[4]!.scrollIntoViewIfNeeded();
  const boxes = [];
  for (const part of parts) {
    const box = await part.boundingBox();
    expect(box, 'the part is laid out').not.toBeNull();
    boxes.push(box!);
  }
  for (let k = 1; k < boxes.length; k++) {
    const above = boxes[k - 1]!;
    expect(boxes[k]!.y, `part ${k} starts below part ${k - 1}`).toBeGreaterThanOrEqual(
      above.y + above.height,
    );
  }
  expect(boxes[4]!.height).toBeGreaterThan(200);
  await snapshot(page, '14-compare-narrow');
});
