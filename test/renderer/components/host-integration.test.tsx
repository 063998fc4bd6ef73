// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildBlob, CLEAN_TAGS } from '../../fixtures/blobs.js';
import { toHexLine } from '../../../shared/export/hex.js';
import { act, installLayout, openFile, renderApp, row, screen, within } from '../support/render';

installLayout();

const clean = buildBlob(CLEAN_TAGS);

describe('host integration', () => {
  it('applies the theme setting to the page and saves a new choice', async () => {
    const rendered = renderApp();
    await act(async () => undefined);
    expect(document.documentElement.dataset.theme).toBeUndefined();
    await rendered.user.selectOptions(screen.getByLabelText('Theme'), 'dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(rendered.host.updateSettings).toHaveBeenCalledWith({ theme: 'dark' });
    await rendered.user.selectOptions(screen.getByLabelText('Theme'), 'system');
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('runs menu commands: find, export, paste dump and close', async () => {
    const rendered = renderApp({ nativeMenus: true });
    await openFile(rendered, clean);
    const { host, user } = rendered;
    await act(async () => host.send({ type: 'find' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Filter UIDs'));
    await act(async () => host.send({ type: 'export' }));
    expect(screen.getByRole('dialog', { name: 'Export' })).toBeTruthy();
    await user.keyboard('{Escape}');
    await act(async () => host.send({ type: 'paste-dump' }));
    expect(screen.getByRole('dialog', { name: 'Paste dump' })).toBeTruthy();
    await user.keyboard('{Escape}');
    await user.click(row(0));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await act(async () => host.send({ type: 'close' }));
    const question = screen.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await user.click(within(question).getByRole('button', { name: 'Discard changes' }));
    expect(await screen.findByRole('heading', { name: 'Open a UIDL history' })).toBeTruthy();
    expect(host.setDocumentState).toHaveBeenLastCalledWith({ title: '', dirty: false });
  });

  it('reads the input again as another kind from the summary', async () => {
    const rendered = renderApp();
    await openFile(rendered, new TextEncoder().encode(toHexLine(clean)), 'line.txt');
    expect(screen.getByRole('status').textContent).toBe('3 of 3 entries');
    await rendered.user.selectOptions(screen.getByLabelText('Read as'), 'raw');
    // Hex text read as raw bytes: its first characters "03" become version 0x3330.
    expect((await screen.findByTestId('summary-version')).textContent).toBe('Version 13104');
    expect(screen.getByTestId('summary-input-reason').textContent).toBe(
      'raw: Raw was requested, so the bytes are used exactly as given.',
    );
  });

  it('shows in the paste dialog why text cannot be read, with where', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Paste dump' }));
    const dialog = screen.getByRole('dialog', { name: 'Paste dump' });
    await user.click(within(dialog).getByLabelText('Dump text'));
    await user.paste('0300 0100 2b62 zz');
    await user.selectOptions(within(dialog).getByLabelText('Input kind'), 'hex');
    await user.click(within(dialog).getByRole('button', { name: 'Open' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toMatch(
      /^Pasted dump: Could not read the input as hex: .*line 1, column 16/,
    );
    expect(screen.getByRole('dialog', { name: 'Paste dump' })).toBeTruthy();
  });

  it('keeps the paste dialog and its text when the user keeps editing the document', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user, services } = rendered;
    await user.click(row(0));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Paste dump' }));
    const dialog = screen.getByRole('dialog', { name: 'Paste dump' });
    await user.click(within(dialog).getByLabelText('Dump text'));
    await user.paste('0300 0000');
    await user.click(within(dialog).getByRole('button', { name: 'Open' }));
    const question = await screen.findByRole('dialog', { name: 'Discard unsaved changes?' });
    await user.click(within(question).getByRole('button', { name: 'Keep editing' }));

    const still = screen.getByRole('dialog', { name: 'Paste dump' });
    expect((within(still).getByLabelText('Dump text') as HTMLTextAreaElement).value).toBe(
      '0300 0000',
    );
    expect(services.workspace.getState().session!.document.entryCount).toBe(2);
    // Escape on the question is "Keep editing" too.
    await user.click(within(still).getByRole('button', { name: 'Open' }));
    await screen.findByRole('dialog', { name: 'Discard unsaved changes?' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Discard unsaved changes?' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Paste dump' })).toBeTruthy();
  });

  it('describes the timeline in words where the canvas cannot draw', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    expect(screen.getByTestId('timeline-chart').getAttribute('aria-label')).toBe(
      '3 tags per month (UTC) from 2011-01 to 2013-01, stacked by operation. Drag across the chart to filter the table to those dates.',
    );
  });
});
