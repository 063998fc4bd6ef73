/**
 * PST, OST and `.msg` files in the browser edition: a page cannot search a store, so opening
 * or dropping one says what the file is, that the desktop app searches it, and how to get the
 * history out with the command-line tool; nothing is read as a damaged BLOB. The real sample
 * files are used as they are, by path (see the shared samples' README).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { containerMessage } from '../../shared/input/container-signature.js';
import { sample } from '../../test/electron/containers/msg-fixtures.js';
import { CHROMIUM, expect, test, type Workspace } from './fixtures.js';

test.skip(!CHROMIUM.found, CHROMIUM.found ? '' : CHROMIUM.reason);

const PST = sample('aspose-net_source_msgmanager-no-blob.pst');
const OST = sample('aspose-net_SampleOstFile_msgmanager-no-blob.ost');
const MSG = sample('msgreader_attachmentFiles.msg');

async function expectRefused(workspace: Workspace, message: string): Promise<void> {
  const { page } = workspace;
  const alert = page.getByRole('alert').filter({ hasText: 'not a UIDL history' });
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText(message);
  // Nothing was opened: no entries, the empty state and the page's title stay.
  await expect(workspace.grid).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Open a UIDL history' })).toBeVisible();
  await expect(page).toHaveTitle('UIDL Studio');
}

test('a PST opened in the browser says the desktop app searches it, and how to get the history out', async ({
  workspace,
}) => {
  await workspace.load();
  await workspace.open(PST);
  await expectRefused(workspace, containerMessage('pst'));
  const text = containerMessage('pst');
  expect(text).toMatch(/^This is an Outlook data file \(PST\), not a UIDL history/);
  expect(text).toContain('The desktop app searches PST, OST and .msg files for histories');
  expect(text).toContain('uidl-studio scan FILE');
  expect(text).toContain('uidl-studio export FILE#account --format bin -o history.bin');
});

test('an OST opened in the browser is named as an OST', async ({ workspace }) => {
  await workspace.load();
  await workspace.open(OST);
  await expectRefused(workspace, containerMessage('ost'));
});

test('a .msg dropped on the page is refused the same way', async ({ workspace, page }) => {
  await workspace.load();
  const bytes = new Uint8Array(await readFile(MSG));
  // A real drag from the desktop cannot be scripted; a drop event carrying a File is what the
  // page receives from one.
  const dataTransfer = await page.evaluateHandle(
    ({ content, name }) => {
      const dom = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: unknown[], name: string) => unknown;
      };
      const transfer = new dom.DataTransfer();
      transfer.items.add(new dom.File([new Uint8Array(content)], name));
      return transfer;
    },
    { content: Array.from(bytes), name: basename(MSG) },
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expectRefused(workspace, containerMessage('compound-file'));
  await expect(page.getByRole('alert')).toContainText(
    'This is a Compound File (an Outlook .msg message, most likely), not a UIDL history',
  );
});
