// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildBlob, CLEAN_TAGS } from '../../fixtures/blobs.js';
import {
  cellText,
  grid,
  installLayout,
  openFile,
  renderApp,
  row,
  screen,
  within,
} from '../support/render';

installLayout();

const clean = buildBlob(CLEAN_TAGS);
const status = () => screen.getByRole('status');

describe('entry editor', () => {
  it('edits a UID typed decoded, showing it encoded, then undoes and redoes it', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user, host } = rendered;
    await user.dblClick(row(1));
    const dialog = screen.getByRole('dialog', { name: 'Edit entry' });
    const uid = within(dialog).getByLabelText('UID');
    expect((uid as HTMLInputElement).value).toBe('UID_two');
    expect(within(dialog).getByTestId('encoded-uid').textContent).toBe('Written as: UID$5ftwo');
    await user.clear(uid);
    await user.type(uid, 'new uid');
    expect(uid.getAttribute('aria-invalid')).toBe('true');
    expect(
      within(dialog).getByText(/Character 0x20 at position 4 is outside the printable ASCII/),
    ).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Apply' }).hasAttribute('disabled')).toBe(
      true,
    );
    await user.clear(uid);
    await user.type(uid, 'new-uid');
    expect(within(dialog).getByTestId('encoded-uid').textContent).toBe('Written as: new$2duid');
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(cellText(1, 4)).toBe('new-uid');
    expect(cellText(1, 6)).toBe('new$2duid');
    expect(host.setDocumentState).toHaveBeenLastCalledWith({ title: 'history.bin', dirty: true });

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(cellText(1, 4)).toBe('UID_two');
    expect(host.setDocumentState).toHaveBeenLastCalledWith({ title: 'history.bin', dirty: false });
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(cellText(1, 4)).toBe('new-uid');
    expect(screen.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe(
      'Undo Edit entry #1 (Ctrl+Z)',
    );
  });

  it('opens with Enter on the active row, validates the time, and cancels with Escape', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user } = rendered;
    grid().focus();
    await user.keyboard('{ArrowDown}{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Edit entry' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('UID'));
    const time = within(dialog).getByLabelText('Time (UTC)');
    expect((time as HTMLInputElement).value).toBe('2012-09-06 13:11:38');
    await user.clear(time);
    await user.type(time, '2012-02-30 10:00');
    expect(within(dialog).getByText(/^Not a real date and time/)).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(cellText(0, 3)).toBe('2012-09-06 13:11:38');
    expect(document.activeElement).toBe(grid());
  });

  it('changes only the fields edited', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user, services } = rendered;
    await user.dblClick(row(2));
    const dialog = screen.getByRole('dialog', { name: 'Edit entry' });
    await user.selectOptions(within(dialog).getByLabelText('Operation'), '+');
    await user.selectOptions(within(dialog).getByLabelText('Content'), 'h');
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    const document = services.workspace.getState().session!.document;
    expect(new TextDecoder().decode(document.bytes.subarray(91))).toBe('+h201301010000001\0');
    expect(document.bytes.subarray(0, 91)).toEqual(clean.subarray(0, 91));
  });

  it('adds an entry at the end and selects it', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user } = rendered;
    await user.click(screen.getByRole('button', { name: 'Add entry' }));
    const dialog = screen.getByRole('dialog', { name: 'Add entry' });
    await user.type(within(dialog).getByLabelText('UID'), 'UID_two');
    expect(within(dialog).getByText(/Entry #1 already has this UID/)).toBeTruthy();
    const time = within(dialog).getByLabelText('Time (UTC)');
    await user.clear(time);
    await user.type(time, '20240229235959');
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(status().textContent).toBe('4 of 4 entries');
    expect(row(3).getAttribute('aria-selected')).toBe('true');
    expect(cellText(3, 3)).toBe('2024-02-29 23:59:59');
    expect(screen.getByRole('button', { name: 'Warnings: 2' })).toBeTruthy();
  });
});

describe('bulk edits and duplicates', () => {
  it('sets the operation of the filtered entries in one undoable step', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user } = rendered;
    await user.type(screen.getByLabelText('Filter UIDs'), '1');
    await user.click(screen.getByRole('button', { name: 'Bulk edit…' }));
    const dialog = screen.getByRole('dialog', { name: 'Bulk edit' });
    await user.click(within(dialog).getByLabelText('Filtered entries (2 of 3)'));
    await user.click(within(dialog).getByLabelText('Set operation'));
    await user.selectOptions(within(dialog).getByLabelText('New operation'), '-');
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(cellText(0, 1)).toBe('- delete');
    expect(cellText(2, 1)).toBe('- delete');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(cellText(0, 1)).toBe('+ get');
    expect(cellText(2, 1)).toBe('& get-and-delete');
  });

  it('duplicates the selection byte for byte and lists it in Changes', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user } = rendered;
    await user.click(row(2));
    await user.click(screen.getByRole('button', { name: 'Duplicate' }));
    expect(status().textContent).toBe('4 of 4 entries');
    expect(row(3).getAttribute('aria-selected')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Changes' }));
    const dialog = screen.getByRole('dialog', { name: 'Changes' });
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Count: 3 → 4', 'Added entry #3: &  2013-01-01 00:00:00 UTC 1']);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await user.click(screen.getByRole('button', { name: 'Changes' }));
    expect(screen.getByText('Nothing differs from the opened file.')).toBeTruthy();
  });
});
