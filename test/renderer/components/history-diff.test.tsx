// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { diffHistories } from '@shared/diff/diff.js';
import { parse } from '@shared/codec/parse.js';
import { toHexLine } from '@shared/export/hex.js';
import { buildBlob } from '../../fixtures/blobs.js';
import { openedFile } from '../support/fake-host';
import { installLayout, openFile, renderApp, screen, within } from '../support/render';

installLayout();

const tag = (uid: string, timestamp = '20240101120000') =>
  ({ op: '+', content: 'b', timestamp, uid }) as const;
/** The backup: AAA-1 and BBB-2 (gone since), CCC-3 at another time. */
const BACKUP = buildBlob([tag('AAA-1'), tag('BBB-2'), tag('CCC-3', '20230101000000')]);
/** Today's history, the document: CCC-3 (entry 0), AAA-1 (1), then DDD-4 twice (2, 3). */
const TODAY = buildBlob([tag('CCC-3'), tag('AAA-1'), tag('DDD-4'), tag('DDD-4')]);

const diffGrid = () => screen.getByRole('grid', { name: 'Differences between the two histories' });
function rowOf(uid: string): HTMLElement {
  const row = [...diffGrid().querySelectorAll<HTMLElement>('[data-position]')].find(
    (element) => within(element).getAllByRole('gridcell')[1]!.textContent === uid,
  );
  if (!row) throw new Error(`no diff row for ${uid}`);
  return row;
}
const cells = (uid: string) =>
  within(rowOf(uid))
    .getAllByRole('gridcell')
    .map((cell) => cell.textContent);

describe('Compare with another history…', () => {
  it('opens the other file through the host and shows the diff, linked to the entries', async () => {
    const rendered = renderApp();
    await openFile(rendered, TODAY, 'today.bin');
    rendered.host.openResult = openedFile(BACKUP, { name: 'backup.bin', fileId: 'file-2' });
    await rendered.user.click(
      screen.getByRole('button', { name: 'Compare with another history…' }),
    );
    expect(rendered.host.openDialog).toHaveBeenCalledWith({ readOnly: true, purpose: 'listing' });
    const expected = diffHistories(parse(BACKUP), parse(TODAY));
    expect(await screen.findByTestId('history-diff-summary')).toHaveProperty(
      'textContent',
      expected.summary,
    );
    expect(expected.summary).toBe(
      '1 UID added, 1 removed (deleted on the server and dropped by Outlook), 1 changed.',
    );
    expect(screen.getByTestId('history-diff-direction').textContent).toBe(
      'Older: backup.bin; newer: this document',
    );
    expect(cells('CCC-3')).toEqual([
      'Changed',
      'CCC-3',
      '#0',
      '#2',
      'timestamp 20230101000000 → 20240101120000',
    ]);
    expect(cells('DDD-4')).toEqual(['Added', 'DDD-4', '#2#3', '', '']);
    expect(cells('BBB-2')).toEqual(['Removed', 'BBB-2', '', '#1', '']);

    // A click selects the row's entries of this document in the Entries grid.
    const selection = () => [...rendered.services.workspace.getState().selection.entries].sort();
    await rendered.user.click(within(rowOf('DDD-4')).getAllByRole('gridcell')[1]!);
    expect(selection()).toEqual([2, 3]);
    await rendered.user.click(within(rowOf('CCC-3')).getAllByRole('gridcell')[0]!);
    expect(selection()).toEqual([0]);
    expect(rendered.services.workspace.getState().selection.active).toBe(0);
  });

  it('swaps older and newer, and follows edits of the document', async () => {
    const rendered = renderApp();
    await openFile(rendered, TODAY, 'today.bin');
    const ok = await rendered.services.commands.historyDiff.compareWithOtherHistory(
      new TextEncoder().encode(toHexLine(BACKUP)),
      'version 1 of store.pst',
    );
    expect(ok).toBe(true);
    await rendered.user.click(await screen.findByRole('button', { name: 'Swap older and newer' }));
    expect(screen.getByTestId('history-diff-direction').textContent).toBe(
      'Older: this document; newer: version 1 of store.pst',
    );
    expect(screen.getByTestId('history-diff-summary').textContent).toBe(
      '1 UID added, 1 removed (deleted on the server and dropped by Outlook), 1 changed.',
    );
    // Deleting DDD-4's entries from the document leaves it in neither history.
    rendered.services.commands.bulkDelete([2, 3]);
    expect((await screen.findByTestId('history-diff-summary')).textContent).toBe(
      '1 UID added, 0 removed, 1 changed.',
    );
  });

  it('says why bytes that are not a history cannot be compared', async () => {
    const rendered = renderApp();
    await openFile(rendered, TODAY, 'today.bin');
    const ok = await rendered.services.commands.historyDiff.compareWithOtherHistory(
      new TextEncoder().encode('not hex, not base64!'),
      'notes.txt',
    );
    expect(ok).toBe(false);
    expect(screen.queryByTestId('history-diff')).toBeNull();
    expect(await screen.findByText(/^notes\.txt cannot be compared: /)).toBeTruthy();
  });
});

describe('Export report…', () => {
  it('writes the HTML report of the document as opened through the host', async () => {
    const rendered = renderApp();
    await openFile(rendered, TODAY, 'today.bin');
    await rendered.user.click(screen.getByRole('button', { name: 'Export report…' }));
    const exportFile = rendered.host.exportFile as unknown as {
      mock: { calls: [{ suggestedName: string; bytes: Uint8Array; mimeType: string }][] };
    };
    const request = exportFile.mock.calls[0]![0];
    expect(request.suggestedName).toBe('today-report.html');
    expect(request.mimeType).toBe('text/html');
    const html = new TextDecoder().decode(request.bytes);
    const session = rendered.services.workspace.getState().session!;
    expect(html).toContain(
      `<span class="hash" id="input-sha256">${session.source.inputSha256}</span>`,
    );
    expect(html).toContain('<dt>Entries</dt><dd>4 (Count declares 4)</dd>');
    expect(html).toMatch(/<dt>Tool<\/dt><dd>UIDL Studio \d+\.\d+\.\d+<\/dd>/);
  });
});
