/**
 * axe-core over the workspace, the Compare view and every dialog of the browser edition, at
 * 1440x900 and 1366x768: no serious or critical violation. The desktop app's own dialogs
 * (container chooser with its earlier versions, live check, scan progress) run on the scripted
 * desktop host of desktop-host.ts.
 */
import type { Page } from '@playwright/test';
import { buildBlob, CLEAN_TAGS, problemBlob } from '../../test/fixtures/blobs.js';
import { expectNoSeriousViolations } from './axe.js';
import { TWO_ACCOUNTS } from '../../test/fixtures/client-state.js';
import { installDesktopHost, PENDING_SCAN_PHASE } from './desktop-host.js';
import { chooseOption, CHROMIUM, expect, test, writeFixture, type Workspace } from './fixtures.js';

test.skip(!CHROMIUM.found, CHROMIUM.found ? '' : CHROMIUM.reason);

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1366, height: 768 },
] as const;

const LISTING = `+OK\r\n1 ${CLEAN_TAGS[0]!.uid}\r\n2 new-uid\r\n.\r\n`;

async function openProblem(workspace: Workspace, dir: string): Promise<void> {
  await workspace.load();
  await workspace.open(await writeFixture(dir, 'problem.bin', problemBlob()));
  await expect(workspace.count).toHaveText('4 of 4 entries');
}

/** Opens a dialog with `open`, checks it, and closes it with Escape. */
async function checkDialog(
  page: Page,
  name: string,
  open: () => Promise<void>,
  where: string,
): Promise<void> {
  await open();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await expectNoSeriousViolations(page, `the ${name} dialog at ${where}`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

for (const size of SIZES) {
  const where = `${size.width}x${size.height}`;
  test.describe(where, () => {
    test.use({ viewport: size });

    test('the empty workspace', async ({ workspace, page }) => {
      await workspace.load();
      await expectNoSeriousViolations(page, `the empty workspace at ${where}`);
    });

    test('the workspace with a history, a selection and a filter', async ({
      workspace,
      fixtureDir,
      page,
    }) => {
      await openProblem(workspace, fixtureDir);
      await workspace.row(1).click();
      await expectNoSeriousViolations(page, `the workspace at ${where}`);
      await page.getByLabel('Filter UIDs', { exact: true }).fill('up');
      await page.getByText('Columns', { exact: true }).click();
      await expectNoSeriousViolations(page, `the filtered workspace at ${where}`);
    });

    test('every dialog of the workspace', async ({ workspace, fixtureDir, page }) => {
      await openProblem(workspace, fixtureDir);
      await checkDialog(page, 'Paste dump', () => workspace.button('Paste dump').click(), where);
      await checkDialog(page, 'Export', () => workspace.button('Export').click(), where);
      await checkDialog(page, 'Add entry', () => workspace.button('Add entry').click(), where);
      await checkDialog(page, 'Edit entry', () => workspace.row(1).dblclick(), where);
      await checkDialog(page, 'Bulk edit', () => workspace.button('Bulk edit…').click(), where);
      // An edit, so that Changes lists something and opening another file asks first.
      await workspace.row(0).click();
      await page.keyboard.press('Delete');
      await checkDialog(page, 'Changes', () => workspace.button('Changes').click(), where);
      await workspace.open(await writeFixture(fixtureDir, 'other.bin', buildBlob(CLEAN_TAGS)));
      const confirm = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
      await expect(confirm).toBeVisible();
      await expectNoSeriousViolations(page, `the discard question at ${where}`);
      await page.keyboard.press('Escape');
      await expect(confirm).toBeHidden();
    });

    test('the Compare view and its dialogs', async ({ workspace, fixtureDir, page }) => {
      await workspace.load();
      await workspace.open(await writeFixture(fixtureDir, 'clean.bin', buildBlob(CLEAN_TAGS)));
      await workspace.button('Compare').click();
      const region = page.getByRole('region', { name: 'Comparison' });
      await expect(region).toBeVisible();
      await expectNoSeriousViolations(page, `the empty Compare view at ${where}`);
      await checkDialog(
        page,
        'Live check',
        () => region.getByRole('button', { name: 'Live check…' }).click(),
        where,
      );
      await region.getByRole('button', { name: 'Paste listing…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Server listing' });
      await dialog.getByLabel('UIDL listing').fill(LISTING);
      await expectNoSeriousViolations(page, `the Server listing dialog at ${where}`);
      await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
      await expect(page.getByRole('grid', { name: 'Compared UIDs' })).toBeVisible();
      await expectNoSeriousViolations(page, `the Compare view at ${where}`);
      // new-uid is listed after the newest UID the history has seen: likely new mail.
      await checkDialog(
        page,
        'Mark new mail as downloaded?',
        () => region.getByRole('button', { name: 'Mark new mail too…' }).click(),
        where,
      );
    });

    test('the desktop app’s container chooser and live check', async ({ page }) => {
      await installDesktopHost(page);
      await page.goto('/');
      await page.getByRole('button', { name: 'Open…', exact: true }).click();
      const chooser = page.getByRole('dialog', { name: 'Histories in Outlook.pst' });
      await expect(chooser).toBeVisible();
      // With its earlier versions listed, the section the host's search fills in.
      await expect(
        chooser.getByRole('table', { name: 'Earlier versions of joe@example.com' }),
      ).toBeVisible();
      await expectNoSeriousViolations(page, `the container chooser at ${where}`);
      await chooser.getByRole('grid', { name: 'Attachments found' }).press('Enter');
      await expect(page.getByRole('grid', { name: 'Entries' })).toBeVisible();
      await page.keyboard.press('Control+Shift+L');
      await page
        .getByRole('region', { name: 'Comparison' })
        .getByRole('button', { name: 'Live check…' })
        .click();
      const liveCheck = page.getByRole('dialog', { name: 'Live check' });
      await expect(liveCheck).toBeVisible();
      await expectNoSeriousViolations(page, `the desktop live check at ${where}`);
      // And as it stands after the server refused: the form with its error.
      await liveCheck.getByLabel('Remembered account').selectOption({ index: 1 });
      await liveCheck.getByRole('button', { name: 'Check', exact: true }).click();
      await expect(liveCheck).toContainText('Refused.');
      await expectNoSeriousViolations(page, `the refused live check at ${where}`);
    });

    test('the desktop app’s scan progress, canceled', async ({ page }) => {
      await installDesktopHost(page, { pendingScan: true });
      await page.goto('/');
      await page.getByRole('button', { name: 'Open…', exact: true }).click();
      const progress = page.getByRole('dialog', { name: 'Searching for histories' });
      await expect(progress).toBeVisible();
      await expect(progress.getByTestId('scan-phase')).toHaveText(
        `${PENDING_SCAN_PHASE} (3 of 10)`,
      );
      await expectNoSeriousViolations(page, `the scan progress at ${where}`);
      await page.keyboard.press('Escape');
      await expect(progress).toBeHidden();
      await expect(page.getByText('Stopped searching the file; nothing was opened.')).toBeVisible();
    });

    test('the account chooser of a state file', async ({ workspace, fixtureDir, page }) => {
      await workspace.load();
      await workspace.open(
        await writeFixture(fixtureDir, 'popstate.dat', new TextEncoder().encode(TWO_ACCOUNTS)),
      );
      await checkDialog(page, 'Choose an account of popstate.dat', async () => undefined, where);
      await workspace.open(
        await writeFixture(fixtureDir, 'popstate.dat', new TextEncoder().encode(TWO_ACCOUNTS)),
      );
      const chooser = page.getByRole('dialog', { name: 'Choose an account of popstate.dat' });
      await chooser.getByRole('radio', { name: /joe@pop\.example\.com/ }).check();
      await chooser.getByRole('button', { name: 'Open', exact: true }).click();
      await expect(workspace.rows).toHaveCount(3);
      // The Export dialog's state-file fields, with the error a missing server gives.
      await workspace.button('Export').click();
      const exportDialog = page.getByRole('dialog', { name: 'Export' });
      await chooseOption(exportDialog, /^Thunderbird popstate\.dat/);
      await exportDialog.getByLabel('POP3 server').fill('');
      await expect(exportDialog).toContainText('Give the POP3 server');
      await expectNoSeriousViolations(page, `the Export dialog's state-file fields at ${where}`);
    });

    test('Compare with another history', async ({ workspace, fixtureDir, page }) => {
      await workspace.load();
      await workspace.open(await writeFixture(fixtureDir, 'clean.bin', buildBlob(CLEAN_TAGS)));
      const other = await writeFixture(fixtureDir, 'problem.bin', problemBlob());
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        workspace.button('Compare with another history…').click(),
      ]);
      await chooser.setFiles(other);
      await expect(
        page.getByRole('grid', { name: 'Differences between the two histories' }),
      ).toBeVisible();
      await expectNoSeriousViolations(page, `the history diff at ${where}`);
    });
  });
}
