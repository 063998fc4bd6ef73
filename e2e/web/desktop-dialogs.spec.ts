/**
 * The desktop app's own dialogs (the container chooser, the live check) laid out in Chromium.
 * The built page takes its host from `window.uidlHost` when one is there, as the desktop
 * preload provides it; here a scripted stand-in answers instead (desktop-host.ts), so that
 * layouts that only a real browser computes (long account names, narrow windows) are checked
 * without Electron, and axe-core finds no serious or critical violation in them.
 */
import type { Locator } from '@playwright/test';
import { expectNoSeriousViolations } from './axe.js';
import { installDesktopHost, LONG_ACCOUNT } from './desktop-host.js';
import { CHROMIUM, expect, snapshot, test } from './fixtures.js';

test.skip(!CHROMIUM.found, CHROMIUM.found ? '' : CHROMIUM.reason);

/** How far `inner` reaches past the right edge of `outer`, in CSS pixels (0 when inside). */
async function overflowRight(inner: Locator, outer: Locator): Promise<number> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  expect(a && b, 'both are laid out').toBeTruthy();
  return Math.max(0, Math.round(a!.x + a!.width - (b!.x + b!.width)));
}

for (const width of [1440, 900]) {
  test(`the container chooser keeps every column in view at ${width} pixels, long names wrapped`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await installDesktopHost(page);
    await page.goto('/');
    await page.getByRole('button', { name: 'Open…', exact: true }).click();
    const chooser = page.getByRole('dialog', { name: 'Histories in Outlook.pst' });
    const grid = chooser.getByRole('grid', { name: 'Attachments found' });
    await expect(grid).toBeFocused();
    const frame = grid.locator('xpath=..');
    for (const header of await grid.getByRole('columnheader').all()) {
      expect(await overflowRight(header, frame), await header.innerText()).toBe(0);
    }
    const account = grid.getByRole('gridcell', { name: LONG_ACCOUNT, exact: true });
    const lineHeight = await account.evaluate((cell) =>
      parseFloat(
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { lineHeight: string } }
        ).getComputedStyle(cell).lineHeight,
      ),
    );
    expect((await account.boundingBox())!.height).toBeGreaterThan(1.5 * lineHeight);
    await expectNoSeriousViolations(page, `the container chooser at ${width} pixels`);
    await snapshot(page, `15-container-chooser-${width}`);
  });
}

test('the chooser lists earlier versions under their account, with the timeline, and opens one', async ({
  page,
}) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await installDesktopHost(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Open…', exact: true }).click();
  const chooser = page.getByRole('dialog', { name: 'Histories in Outlook.pst' });
  const versions = chooser.getByRole('region', { name: 'Earlier versions (carved)' });
  const table = versions.getByRole('table', { name: 'Earlier versions of joe@example.com' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('versions/1');
  await expect(table.getByRole('row').nth(1)).toContainText('2 of 3');
  await expect(table.getByRole('row').nth(1)).toContainText(
    'cut off: overwritten at byte 37690 (0x933A)',
  );
  // Only carved copies are listed here: the current one is the history above.
  await expect(versions.getByText('versions/2', { exact: true })).toHaveCount(0);
  for (const cell of await table.getByRole('columnheader').all()) {
    expect(await overflowRight(cell, chooser)).toBe(0);
  }
  await versions.getByRole('button', { name: 'Timeline of versions' }).click();
  const timeline = versions.getByRole('table', { name: 'Timeline of joe@example.com' });
  await expect(timeline.getByRole('row').nth(1)).toContainText('still held');
  await snapshot(page, '17-container-versions');
  await table.getByRole('button', { name: 'Open versions/1' }).click();
  await expect(page.getByRole('grid', { name: 'Entries' })).toBeVisible();
  await expect(chooser).toHaveCount(0);
});

test('a carved version compares with its account’s current history, as the older side', async ({
  page,
}) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await installDesktopHost(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Open…', exact: true }).click();
  const chooser = page.getByRole('dialog', { name: 'Histories in Outlook.pst' });
  await chooser
    .getByRole('table', { name: 'Earlier versions of joe@example.com' })
    .getByRole('button', { name: 'Compare versions/1 with the current history' })
    .click();
  await expect(chooser).toHaveCount(0);
  const diff = page.getByTestId('history-diff');
  await expect(diff.getByRole('heading', { level: 2 })).toHaveText(
    'Comparison with versions/1 of Outlook.pst',
  );
  await expect(page.getByTestId('history-diff-summary')).toHaveText(
    '1 UID added, 0 removed, 0 changed.',
  );
  await expect(page.getByTestId('history-diff-direction')).toContainText(
    'Older: versions/1 of Outlook.pst',
  );
});

test('the live check keeps a long remembered account inside the dialog', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await installDesktopHost(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Open…', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Histories in Outlook.pst' })
    .getByRole('grid', { name: 'Attachments found' })
    .press('Enter');
  await expect(page.getByRole('grid', { name: 'Entries' })).toBeVisible();
  await page.keyboard.press('Control+Shift+L');
  await page
    .getByRole('region', { name: 'Comparison' })
    .getByRole('button', { name: 'Live check…' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Live check' });
  const account = dialog.getByLabel('Remembered account');
  await account.selectOption({ index: 1 });
  await expect(dialog.getByLabel('User')).toHaveValue(LONG_ACCOUNT);
  expect(await overflowRight(account, dialog)).toBe(0);
  expect(await overflowRight(dialog.getByRole('button', { name: 'Forget account' }), dialog)).toBe(
    0,
  );
  await expectNoSeriousViolations(page, 'the live check with a remembered account');
  await snapshot(page, '16-live-check');
});
