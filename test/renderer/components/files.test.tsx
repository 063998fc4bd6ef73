// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildBlob, CLEAN_TAGS } from '../../fixtures/blobs.js';
import { toCsv } from '@shared/export/csv.js';
import { parse } from '@shared/codec/parse.js';
import { act, installLayout, openFile, renderApp, row, screen, within } from '../support/render';
import { pickedFile } from '../support/fake-host';

installLayout();

const clean = buildBlob(CLEAN_TAGS);

type ExportCall = {
  suggestedName: string;
  bytes: Uint8Array;
  mimeType: string;
  sourceFileId?: string;
};
function lastExport(host: ReturnType<typeof renderApp>['host']): ExportCall {
  const calls = (host.exportFile as unknown as { mock: { calls: [ExportCall][] } }).mock.calls;
  return calls[calls.length - 1]![0];
}

describe('export dialog', () => {
  it('exports the raw BLOB, identical to the input when unedited', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user, host } = rendered;
    await user.click(screen.getByRole('button', { name: 'Export' }));
    const dialog = screen.getByRole('dialog', { name: 'Export' });
    expect(within(dialog).getByTestId('export-identical').textContent).toMatch(
      /^Identical to input:/,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(lastExport(host)).toEqual({
      suggestedName: 'history-export.bin',
      bytes: clean,
      mimeType: 'application/octet-stream',
      filters: [{ name: 'UIDL history BLOB', extensions: ['bin'] }],
      sourceFileId: 'file-1',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('exports the filtered entries as CSV, and says when the document was edited', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user, host } = rendered;
    await user.click(row(0));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.type(screen.getByLabelText('Filter UIDs'), 'two');
    // Typing in the filter field: Ctrl+E is still the page's (only undo and redo belong to the text).
    await user.keyboard('{Control>}e{/Control}');
    const dialog = screen.getByRole('dialog', { name: 'Export' });
    expect(within(dialog).getByTestId('export-edited').textContent).toBe(
      'Edited: the BLOB differs from the input (2 changes; see Changes).',
    );
    await user.click(within(dialog).getByLabelText(/^CSV One row/));
    await user.click(within(dialog).getByLabelText('Filtered entries (1 of 2, in table order)'));
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    const call = lastExport(host);
    expect(call.suggestedName).toBe('history-filtered.csv');
    expect(call.mimeType).toBe('text/csv');
    const edited = parse(rendered.services.workspace.getState().session!.document.bytes);
    expect(new TextDecoder().decode(call.bytes)).toBe(toCsv(edited, { entries: [0] }));
  });

  it('exports raw CSV, values as decoded, when chosen', async () => {
    const dashed = buildBlob([
      { op: '+', content: 'b', timestamp: '20120101000000', uid: '-abc' },
      { op: '-', content: 'h', timestamp: '20120101000000', uid: '@user' },
    ]);
    const rendered = renderApp();
    await openFile(rendered, dashed);
    const { user, host } = rendered;
    await user.keyboard('{Control>}e{/Control}');
    const dialog = screen.getByRole('dialog', { name: 'Export' });
    await user.click(within(dialog).getByLabelText(/^CSV, raw values/));
    await user.click(within(dialog).getByRole('button', { name: 'Export' }));
    const call = lastExport(host);
    expect(call.suggestedName).toBe('history.raw.csv');
    const text = new TextDecoder().decode(call.bytes);
    expect(text).toBe(toCsv(parse(dashed), { raw: true }));
    expect(text.split('\r\n')[1]).toMatch(/^0,\d+,\d+,\+,get,.*,-abc,,[0-9a-f]{64}$/);
  });
});

describe('saving', () => {
  it('saves in place, once: the host asks about a file changed on disk, not the page', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user, host } = rendered;
    await user.click(row(0));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const edited = rendered.services.workspace.getState().session!.document.bytes;
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(host.save).toHaveBeenCalledTimes(1);
    expect(host.save).toHaveBeenLastCalledWith({ fileId: 'file-1', bytes: edited });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByTestId('dirty-marker')).toBeNull();
  });

  it('keeps the changes when the user declined to overwrite a file changed on disk', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user, host } = rendered;
    await user.click(row(0));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    host.saveResults.push({ status: 'canceled' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(host.save).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('dirty-marker')).toBeTruthy();
  });

  it('shows a failed save in an alert', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user, host } = rendered;
    host.saveResults.push({
      status: 'failed',
      code: 'io',
      message: 'Could not write history.bin: disk full.',
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not write history.bin: disk full.',
    );
  });

  it('keeps Save unavailable in evidence mode, and says why', async () => {
    const rendered = renderApp();
    const { user, host } = rendered;
    await user.click(screen.getByLabelText('Read-only (evidence mode)'));
    expect(host.updateSettings).toHaveBeenCalledWith({ openReadOnly: true });
    await openFile(rendered, clean);
    expect(host.openPicked).toHaveBeenCalledWith(expect.anything(), { readOnly: true });
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save.getAttribute('aria-disabled')).toBe('true');
    expect(save.getAttribute('title')).toBe(
      'Read-only (evidence mode): export or Save as to another file',
    );
    await user.click(save);
    expect(host.save).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain(
      'Read-only (evidence mode): export or Save as to another file.',
    );
  });

  it('asks before replacing an edited document with another file', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user } = rendered;
    await user.click(row(0));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.upload(screen.getByLabelText('Open file'), pickedFile(clean, 'other.bin'));
    const question = await screen.findByRole('dialog', { name: 'Discard unsaved changes?' });
    await user.click(within(question).getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByRole('status').textContent).toBe('2 of 2 entries');
    await act(async () => undefined);
    expect(screen.getByTestId('document-name').textContent).toContain('history.bin');
  });
});
