/**
 * Other clients' state files in the browser edition: a popstate.dat with two accounts opens
 * through the account chooser, becomes a history with the file's UIDs and UTC times, and
 * exports to a BLOB and back to a popstate.dat section equal to the file's.
 */
import { parse } from '../../shared/codec.js';
import { formatUtcIso } from '../../shared/time-display.js';
import { TWO_ACCOUNTS } from '../../test/fixtures/client-state.js';
import { chooseOption, CHROMIUM, expect, test, writeFixture } from './fixtures.js';

test.skip(!CHROMIUM.found, CHROMIUM.found ? '' : CHROMIUM.reason);

test('a popstate.dat with two accounts opens through a chooser and exports both ways', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  await workspace.load();
  await workspace.open(
    await writeFixture(fixtureDir, 'popstate.dat', new TextEncoder().encode(TWO_ACCOUNTS)),
  );
  const chooser = page.getByRole('dialog', { name: 'Choose an account of popstate.dat' });
  await expect(chooser).toBeVisible();
  await expect(chooser).toContainText('#2 ann@example.org@mail.example.org (1 messages)');
  await expect(chooser.getByRole('radio')).toHaveCount(2);
  await chooser.getByRole('radio', { name: /joe@pop\.example\.com/ }).check();
  await chooser.getByRole('button', { name: 'Open', exact: true }).click();

  await expect(workspace.rows).toHaveCount(3);
  await expect(workspace.row(0)).toContainText('000000017b1c9a2e');
  await expect(workspace.row(0)).toContainText('2017-06-12 14:32:50');
  await expect(workspace.summary).toContainText(
    'Account joe@pop.example.com: 3 message(s) became tags',
  );

  // To a BLOB: the file's UIDs, operations and UTC times.
  const blob = await workspace.downloadFrom(await workspace.openRawExport());
  expect(
    parse(blob.bytes).entries.map(
      (e) => `${e.op}${e.content} ${formatUtcIso(e.timestamp!)} ${e.uid}`,
    ),
  ).toEqual([
    '+b 2017-06-12T14:32:50Z 000000017b1c9a2e',
    '+h 2017-06-12T14:33:00Z UID-with.dots_2',
    '-b 2017-06-12T14:33:20Z 0003',
  ]);
  await page.keyboard.press('Escape');

  // And back: the account is the file's own, the - entry left out and said so.
  await workspace.button('Export').click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await chooseOption(dialog, /^Thunderbird popstate\.dat/);
  await expect(dialog.getByLabel('POP3 server')).toHaveValue('pop.example.com');
  await expect(dialog.getByLabel('POP3 user name')).toHaveValue('joe');
  await dialog.getByLabel('POP3 server').fill('');
  await expect(dialog.getByRole('button', { name: /^export\b/i })).toBeDisabled();
  await expect(dialog).toContainText('Give the POP3 server');
  await dialog.getByLabel('POP3 server').fill('pop.example.com');
  await dialog.getByLabel('Line breaks').selectOption('crlf');
  const state = await workspace.downloadFrom(dialog);
  const text = new TextDecoder().decode(state.bytes);
  expect(text.split('\r\n').slice(3, -1)).toEqual(TWO_ACCOUNTS.split('\r\n').slice(3, 6));
  await expect(
    page.getByText(/2 message\(s\) written as downloaded; 1 '-' \(deleted\) entry left out/),
  ).toBeVisible();
});
