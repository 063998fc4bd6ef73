/**
 * A history Outlook itself wrote (the 6-entry BLOB of the tghanem/PST sample at commit
 * 39ba6b1), extracted at test time by the built CLI, in the browser edition: times labelled
 * UTC and shown as written, Outlook's slack an info finding (never uncounted tags), and the
 * local-time display labelled with its zone. Expected values come from the shared codec.
 * Nothing extracted is committed; under CI a missing sample fails instead of skipping.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTimestampIso, parse } from '../../shared/codec.js';
import { RUN_SAMPLE_TESTS, sample } from '../../test/fixtures/samples.js';
import { CHROMIUM, expect, snapshot, test } from './fixtures.js';

test.skip(!CHROMIUM.found, CHROMIUM.found ? '' : CHROMIUM.reason);
test.skip(!RUN_SAMPLE_TESTS, 'the real sample files (shared/samples) are not beside the repo');

/** The README's screenshot of the workspace (UPDATE_README_SCREENSHOTS=1). */
const README_SCREENSHOT = fileURLToPath(new URL('../screenshots/workspace.png', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/electron/cli/main.js', import.meta.url));
const SAMPLE = 'tghanem-pst_user1-test-lab_39ba6b1.pst';

// Riyadh is UTC+03:00 all year: local display must move every time by exactly three hours.
test.use({ timezoneId: 'Asia/Riyadh' });

/** Extracts the account's history from the real PST with the built CLI, as a user would. */
function extractHistory(dir: string): string {
  const out = join(dir, 'user1-39ba6b1.bin');
  execFileSync(
    process.execPath,
    [CLI, 'export', `${sample(SAMPLE)}#user1@test.lab`, '--format', 'bin', '-o', out],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return out;
}

/** `YYYY-MM-DD hh:mm:ss` of a written time moved by `hours`. */
function shifted(written: string, hours: number): string {
  const moved = new Date(Date.parse(`${written.replace(' ', 'T')}Z`) + hours * 3_600_000);
  return moved.toISOString().slice(0, 19).replace('T', ' ');
}

test('shows a real Outlook history in UTC with its slack as info, and local time labelled', async ({
  workspace,
  fixtureDir,
  page,
}) => {
  const path = extractHistory(fixtureDir);
  const bytes = new Uint8Array(await readFile(path));
  const document = parse(bytes);
  const count = document.entryCount;
  expect(count).toBe(6);
  const slackBytes = document.slack ? document.slack.end - document.slack.start : 0;
  expect(slackBytes).toBe(count + 4);
  const times = document.entries.map((entry) =>
    formatTimestampIso(entry.timestamp!).replace('T', ' '),
  );

  await workspace.load();
  await workspace.open(path);
  await expect(workspace.rows).toHaveCount(count);

  // UTC by default, labelled, and the written digits unshifted.
  const timeHeader = workspace.grid.getByRole('columnheader').nth(3);
  await expect(timeHeader).toHaveText('Time (UTC)');
  for (let i = 0; i < count; i++) {
    await expect(workspace.row(i).getByRole('gridcell').nth(3)).toHaveText(times[i]!);
  }
  await expect(page.getByTestId('summary-zone')).toHaveText('UTC');
  await expect(page.getByTestId('timeline-zone')).toHaveText('days in UTC');

  // The slack: an info line and finding, never uncounted tags; its bytes in their own colour.
  await expect(page.getByTestId('summary-slack')).toContainText(
    `Outlook slack: ${slackBytes} bytes (info)`,
  );
  await expect(workspace.diagnostics).toContainText('trailing.slack');
  await expect(workspace.diagnostics).not.toContainText('uncounted');
  await expect(workspace.hex.getByText('Outlook slack (Count+4, harmless)')).toBeVisible();
  await expect(workspace.hex.locator('.byte--slack')).not.toHaveCount(0);

  // The README's screenshot: the real history, an entry selected with its bytes.
  await workspace.row(count - 1).click();
  await expect(workspace.selectedBytes).not.toHaveCount(0);
  if (process.env['UPDATE_README_SCREENSHOTS'] === '1') {
    await mkdir(dirname(README_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: README_SCREENSHOT });
  }
  await snapshot(page, '14-real-history-utc');

  // Local time, labelled with its zone: every time three hours later, the digits unchanged.
  await page.getByRole('combobox', { name: /^Times/ }).selectOption('local');
  await expect(timeHeader).toHaveText('Time (UTC+03:00 Asia/Riyadh)');
  await expect(page.getByTestId('summary-zone')).toHaveText('UTC+03:00 Asia/Riyadh');
  for (let i = 0; i < count; i++) {
    await expect(workspace.row(i).getByRole('gridcell').nth(3)).toHaveText(shifted(times[i]!, 3));
  }
});
