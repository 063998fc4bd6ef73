/**
 * What a first-time analyst sees at the two common laptop sizes (1440x900 and 1366x768): the
 * findings column in view without scrolling, columns chosen and resized and remembered, row
 * positions that agree with the row count for screen readers whatever the sort and filter,
 * and notices that never cover the grids and do not outlive the next open.
 */
import type { Locator, Page } from '@playwright/test';
import { buildBlob } from '../../test/fixtures/blobs.js';
import { CHROMIUM, expect, test, writeFixture, type Workspace } from './fixtures.js';

test.skip(!CHROMIUM.found, CHROMIUM.found ? '' : CHROMIUM.reason);

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1366, height: 768 },
] as const;

/** 60 tags, times out of order, every fifth UID in lower case. */
const TAGS = Array.from({ length: 60 }, (_, i) => ({
  op: '+' as const,
  content: 'b' as const,
  timestamp: `2024${String((i % 12) + 1).padStart(2, '0')}${String((i % 27) + 1).padStart(2, '0')}101500`,
  uid: i % 5 === 0 ? `uid-${String(i).padStart(3, '0')}` : `UID-${String(i).padStart(3, '0')}`,
}));
const HISTORY = buildBlob(TAGS);

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('element has no box');
  return found;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function openHistory(workspace: Workspace, dir: string): Promise<void> {
  await workspace.load();
  await workspace.open(await writeFixture(dir, 'layout.bin', HISTORY));
  await expect(workspace.count).toHaveText(`${TAGS.length} of ${TAGS.length} entries`);
}

function header(page: Page, name: RegExp | string): Locator {
  return page
    .getByRole('grid', { name: 'Entries' })
    .getByRole('columnheader', { name: typeof name === 'string' ? new RegExp(`^${name}`) : name });
}

/** Every rendered row's aria-rowindex is its position among the rows shown, plus the header. */
async function expectRowPositions(workspace: Workspace, expectedOrder: number[]): Promise<void> {
  await expect(workspace.grid).toHaveAttribute('aria-rowcount', String(expectedOrder.length + 1));
  const rendered = await workspace.rows.evaluateAll((rows) =>
    rows.map((row) => ({
      entry: Number(row.getAttribute('data-entry-index')),
      position: Number(row.getAttribute('aria-rowindex')),
    })),
  );
  expect(rendered.length).toBeGreaterThan(0);
  for (const { entry, position } of rendered) {
    expect(position).toBeGreaterThanOrEqual(2);
    expect(position).toBeLessThanOrEqual(expectedOrder.length + 1);
    expect(expectedOrder[position - 2]).toBe(entry);
  }
}

for (const size of SIZES) {
  test.describe(`${size.width}x${size.height}`, () => {
    test.use({ viewport: size });

    test('the findings column is in view without scrolling sideways', async ({
      workspace,
      fixtureDir,
      page,
    }) => {
      await openHistory(workspace, fixtureDir);
      const grid = await box(workspace.grid);
      for (const name of ['#', 'Operation', 'Content', 'Time', 'UID', 'Findings']) {
        const column = await box(header(page, name === '#' ? /^#/ : `${name}\\b`).first());
        expect(column.x, `${name} starts inside the grid`).toBeGreaterThanOrEqual(grid.x);
        expect(column.x + column.width, `${name} ends inside the grid`).toBeLessThanOrEqual(
          grid.x + grid.width,
        );
      }
      // The rest stays one scroll away, in the same grid.
      await expect(header(page, 'Raw UID')).toHaveCount(1);
      await expect(header(page, 'Offset')).toHaveCount(1);
    });

    test('row positions agree with the row count after sorting and filtering', async ({
      workspace,
      fixtureDir,
      page,
    }) => {
      await openHistory(workspace, fixtureDir);
      const all = TAGS.map((_, i) => i);
      await expectRowPositions(workspace, all);

      // Sorted by UID, descending: the last entry by UID comes first.
      const byUid = [...all].sort((a, b) =>
        TAGS[a]!.uid < TAGS[b]!.uid ? -1 : TAGS[a]!.uid > TAGS[b]!.uid ? 1 : a - b,
      );
      await header(page, 'UID\\b').getByRole('button').click();
      await header(page, 'UID\\b').getByRole('button').click();
      await expect(header(page, 'UID\\b')).toHaveAttribute('aria-sort', 'descending');
      await expectRowPositions(workspace, [...byUid].reverse());

      // Scrolled to the end: the last row says it is the last.
      await workspace.grid.focus();
      await page.keyboard.press('End');
      const lastRendered = workspace.rows.last();
      await expect(lastRendered).toHaveAttribute('aria-rowindex', String(TAGS.length + 1));

      // Filtered to the lower-case UIDs (case matters with Match case).
      await page.getByLabel('Filter UIDs', { exact: true }).fill('uid');
      await page.getByRole('checkbox', { name: 'Match case' }).check();
      const lower = [...byUid].reverse().filter((i) => TAGS[i]!.uid.includes('uid'));
      expect(lower.length).toBe(12);
      await expect(workspace.count).toHaveText(`12 of ${TAGS.length} entries`);
      await expectRowPositions(workspace, lower);

      // Without Match case the filter finds every UID again.
      await page.getByRole('checkbox', { name: 'Match case' }).uncheck();
      await expect(workspace.count).toHaveText(`${TAGS.length} of ${TAGS.length} entries`);
    });

    test('notices never cover the grids, and an open replaces the previous open’s notices', async ({
      workspace,
      fixtureDir,
      page,
    }) => {
      await openHistory(workspace, fixtureDir);
      // A file that is not a BLOB: an error notice that stays until dismissed.
      await workspace.open(
        await writeFixture(fixtureDir, 'bad.txt', new TextEncoder().encode('zz not hex')),
      );
      const notices = page.locator('.notice');
      await expect(notices).toHaveCount(1);
      await expect(notices.first()).toHaveAttribute('role', 'alert');
      const notice = await box(notices.first());
      expect(overlaps(notice, await box(workspace.grid))).toBe(false);

      // The Compare view's grid: the notice sits below it too.
      await workspace.button('Compare').click();
      const region = page.getByRole('region', { name: 'Comparison' });
      await region.getByRole('button', { name: 'Paste listing…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Server listing' });
      await dialog.getByLabel('UIDL listing').fill(`1 UID-001\n2 UID-777\n`);
      await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
      const compared = page.getByRole('grid', { name: 'Compared UIDs' });
      await expect(compared).toBeVisible();
      await expect(notices).toHaveCount(1);
      const after = await box(notices.first());
      expect(overlaps(after, await box(compared))).toBe(false);
      expect(overlaps(after, await box(workspace.grid))).toBe(false);
      // Inside the window: nothing to scroll to find it.
      expect(after.y + after.height).toBeLessThanOrEqual(size.height);

      // The next open replaces it.
      await workspace.open(await writeFixture(fixtureDir, 'again.bin', HISTORY));
      await expect(workspace.count).toHaveText(`${TAGS.length} of ${TAGS.length} entries`);
      await expect(page.locator('.notice--error')).toHaveCount(0);
    });

    test('the timeline fits its panel with its legend, and shows a filter over the whole', async ({
      workspace,
      fixtureDir,
      page,
    }) => {
      await openHistory(workspace, fixtureDir);
      const panel = page.getByRole('region', { name: 'Timeline' });
      const legend = panel.getByRole('list', { name: 'Timeline legend' });
      await expect(legend.getByRole('listitem')).toHaveText([
        `Get (+) ${TAGS.length}`,
        'Delete (-) 0',
        'Get-and-delete (&) 0',
        'Unknown operation 0',
      ]);
      const canvas = panel.getByTestId('timeline-chart').locator('canvas').first();
      await expect(canvas).toBeVisible();
      const region = await box(panel);
      for (const part of [await box(legend), await box(canvas)]) {
        expect(part.y).toBeGreaterThanOrEqual(region.y);
        expect(part.y + part.height).toBeLessThanOrEqual(region.y + region.height + 1);
      }
      await page.getByLabel('Filter UIDs', { exact: true }).fill('uid-');
      await page.getByRole('checkbox', { name: 'Match case' }).check();
      await expect(legend.getByRole('listitem')).toHaveText([
        'Get (+) 12',
        'Delete (-) 0',
        'Get-and-delete (&) 0',
        'Unknown operation 0',
        `All entries ${TAGS.length}`,
      ]);
      await expect(panel.getByTestId('timeline-chart')).toHaveAttribute(
        'aria-label',
        /^12 of 60 tags per month \(UTC\)/,
      );
    });

    test('columns can be hidden, resized and are remembered after a reload', async ({
      workspace,
      fixtureDir,
      page,
    }) => {
      await openHistory(workspace, fixtureDir);
      await page.getByText('Columns', { exact: true }).click();
      await page.getByRole('checkbox', { name: 'Content' }).uncheck();
      await expect(header(page, 'Content')).toHaveCount(0);
      await expect(workspace.rows.first().getByRole('gridcell')).toHaveCount(8);
      await expect(workspace.grid).toHaveAttribute('aria-colcount', '8');

      const resizer = page.getByRole('separator', { name: /^Resize UID$/ });
      const before = Number(await resizer.getAttribute('aria-valuenow'));
      await resizer.focus();
      await page.keyboard.press('Shift+ArrowRight');
      await expect(resizer).toHaveAttribute('aria-valuenow', String(before + 64));
      const uidHeader = await box(header(page, 'UID\\b'));
      expect(Math.round(uidHeader.width)).toBe(before + 64);

      // By pointer: drag the Findings column's edge 40 px to the left.
      const findings = page.getByRole('separator', { name: 'Resize Findings' });
      const findingsWidth = Number(await findings.getAttribute('aria-valuenow'));
      const handle = await box(findings);
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
      await page.mouse.down();
      await page.mouse.move(handle.x + handle.width / 2 - 40, handle.y + handle.height / 2, {
        steps: 4,
      });
      await page.mouse.up();
      await expect(findings).toHaveAttribute('aria-valuenow', String(findingsWidth - 40));

      await page.reload();
      await workspace.open(await writeFixture(fixtureDir, 'layout.bin', HISTORY));
      await expect(workspace.count).toHaveText(`${TAGS.length} of ${TAGS.length} entries`);
      await expect(header(page, 'Content')).toHaveCount(0);
      await expect(page.getByRole('separator', { name: /^Resize UID$/ })).toHaveAttribute(
        'aria-valuenow',
        String(before + 64),
      );

      await page.getByText('Columns', { exact: true }).click();
      await page.getByRole('button', { name: 'Default columns and widths' }).click();
      await expect(header(page, 'Content')).toHaveCount(1);
      await expect(page.getByRole('separator', { name: /^Resize UID$/ })).toHaveAttribute(
        'aria-valuenow',
        String(before),
      );
    });
  });
}
