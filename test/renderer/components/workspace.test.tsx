// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { act, fireEvent } from '@testing-library/react';
import { buildBlob, CLEAN_TAGS, problemBlob } from '../../fixtures/blobs.js';
import { sha256Hex } from '../../../shared/hash.js';
import { parse } from '../../../shared/codec/parse.js';
import {
  cellText,
  grid,
  installLayout,
  openFile,
  range,
  renderApp,
  row,
  rowIndexes,
  screen,
  selectedOffsets,
  within,
} from '../support/render';
import { openedFile, pickedFile } from '../support/fake-host';

installLayout();

// Tags of `clean`: #0 at 4 (61 bytes, "0BC535DB-..."), #1 at 65 (26, "UID_two"), #2 at 91 (18, "1").
const clean = buildBlob(CLEAN_TAGS);
const status = () => screen.getByRole('status');

describe('opening', () => {
  it('shows the empty state, then the document opened through "Open file"', async () => {
    const rendered = renderApp();
    expect(screen.getByRole('heading', { name: 'Open a UIDL history' })).toBeTruthy();
    await openFile(rendered, clean);
    expect(rendered.host.openPicked).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'history.bin' }),
      { readOnly: false },
    );
    expect(status().textContent).toBe('3 of 3 entries');
    expect(grid().getAttribute('aria-rowcount')).toBe('4');
    expect(rowIndexes()).toEqual([0, 1, 2]);
    expect(row(1).getAttribute('aria-rowindex')).toBe('3');
    expect(cellText(1, 4)).toBe('UID_two');
    expect(cellText(1, 6)).toBe('UID$5ftwo');
    expect(cellText(0, 3)).toBe('2012-09-06 13:11:38');
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(within(summary).getByTestId('summary-count').textContent).toBe(
      'Count declared 3, 3 tags found',
    );
    expect(within(summary).getByRole('button', { name: '+ get: 1' })).toBeTruthy();
    expect(within(summary).getByRole('button', { name: 'Errors: 0' })).toBeTruthy();
    expect(rendered.host.setDocumentState).toHaveBeenLastCalledWith({
      title: 'history.bin',
      dirty: false,
    });
  });

  it('offers one Open… (no second "Open file…"), and it opens through the host dialog', async () => {
    const { host, user } = renderApp();
    host.openResult = openedFile(clean, { name: 'chosen.bin' });
    const file = screen.getByRole('group', { name: 'File' });
    const openControls = within(file)
      .getAllByRole('button')
      .filter((button) => /^Open/.test(button.textContent ?? ''));
    expect(openControls.map((button) => button.textContent)).toEqual(['Open…']);
    // The automation input is out of sight and out of the accessibility tree.
    expect(screen.getByLabelText('Open file').hidden).toBe(true);
    expect(screen.queryByRole('button', { name: /Open file/ })).toBeNull();
    expect(screen.getByText(/choose one with/).textContent).toBe(
      'Drop a file anywhere on this page, choose one with Open… (Ctrl+O, ⌘O on a Mac), or use ' +
        'Paste dump for hex or base64 text.',
    );
    await user.click(within(file).getByRole('button', { name: 'Open…' }));
    expect(host.openDialog).toHaveBeenCalledWith({ readOnly: false });
    expect(await screen.findByText('3 of 3 entries')).toBeTruthy();
    expect(screen.getByTestId('document-name').textContent).toContain('chosen.bin');
  });

  it('opens a file the host sends, and shows a failure the host reports', async () => {
    const { host } = renderApp({ nativeMenus: true });
    await screen.findByRole('heading', { name: 'Open a UIDL history' });
    await act(async () =>
      host.send({ type: 'opened', file: openedFile(problemBlob(), { name: 'sent.bin' }) }),
    );
    expect(await screen.findByText('4 of 4 entries')).toBeTruthy();
    await act(async () =>
      host.send({
        type: 'open-failed',
        failure: { status: 'failed', code: 'not-found', message: 'gone.bin was not found.' },
      }),
    );
    expect(screen.getByRole('alert').textContent).toContain('gone.bin was not found.');
  });

  it('opens a dropped file', async () => {
    renderApp();
    const transfer = new DataTransfer();
    transfer.items.add(pickedFile(clean, 'dropped.bin'));
    await act(async () => {
      fireEvent.dragEnter(window, { dataTransfer: transfer });
    });
    expect(screen.getByText('Drop the file to open it')).toBeTruthy();
    await act(async () => {
      fireEvent.drop(window, { dataTransfer: transfer });
    });
    expect(await screen.findByText('3 of 3 entries')).toBeTruthy();
    expect(screen.queryByText('Drop the file to open it')).toBeNull();
    expect(screen.getByTestId('document-name').textContent).toContain('dropped.bin');
  });

  it('opens a pasted dump, showing the kind detected', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Paste dump' }));
    const dialog = screen.getByRole('dialog', { name: 'Paste dump' });
    await user.click(within(dialog).getByLabelText('Dump text'));
    const pasted = Array.from(clean, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
    await user.paste(pasted);
    expect(within(dialog).getByTestId('paste-detected').textContent).toMatch(
      /^Detected: hex\. The text holds only hex digits/,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Open' }));
    expect(await screen.findByText('3 of 3 entries')).toBeTruthy();
    expect(screen.getByTestId('summary-input-reason').textContent).toMatch(/^hex \(spaced\)/);
    // Both hashes, labelled: the pasted text's and the BLOB's own (what the CLI calls blobSha256).
    expect(screen.getByTestId('summary-input-sha256').textContent).toBe(
      `Input SHA-256 ${sha256Hex(new TextEncoder().encode(pasted))}`,
    );
    expect(screen.getByTestId('summary-blob-sha256').textContent).toBe(
      `BLOB SHA-256 ${sha256Hex(clean)} (decoded, as opened)`,
    );
  });
});

describe('filters', () => {
  it('updates the visible count as the UID filter is typed, and reports an invalid regex', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user } = rendered;
    const box = screen.getByLabelText('Filter UIDs');
    await user.type(box, 'uid_');
    expect(status().textContent).toBe('1 of 3 entries');
    expect(rowIndexes()).toEqual([1]);
    expect(grid().getAttribute('aria-rowcount')).toBe('2');
    await user.clear(box);
    expect(status().textContent).toBe('3 of 3 entries');
    await user.click(screen.getByLabelText('Regular expression'));
    await user.type(box, '^\\d+$');
    expect(status().textContent).toBe('1 of 3 entries');
    await user.clear(box);
    await user.type(box, '(');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/^Invalid regular expression/);
    expect(status().textContent).toBe('3 of 3 entries');
  });

  it('combines filters and clears them', async () => {
    const rendered = renderApp();
    await openFile(rendered, problemBlob());
    const { user } = rendered;
    await user.click(screen.getByRole('checkbox', { name: 'Duplicate UIDs' }));
    expect(status().textContent).toBe('2 of 4 entries');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Operation' }), '&');
    expect(status().textContent).toBe('1 of 4 entries');
    expect(rowIndexes()).toEqual([2]);
    fireEvent.change(screen.getByLabelText('From date'), { target: { value: '2012-06-01' } });
    expect(status().textContent).toBe('0 of 4 entries');
    expect(screen.getByText('No entry matches the filters.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(status().textContent).toBe('4 of 4 entries');
  });

  it('filters from the summary numbers', async () => {
    const rendered = renderApp();
    await openFile(rendered, problemBlob());
    const errors = screen.getByRole('button', { name: 'Errors: 2' });
    await rendered.user.click(errors);
    expect(status().textContent).toBe('1 of 4 entries');
    expect(errors.getAttribute('aria-pressed')).toBe('true');
    await rendered.user.click(screen.getByRole('button', { name: 'Duplicate UIDs: 1' }));
    expect(status().textContent).toBe('0 of 4 entries');
    await rendered.user.click(screen.getByRole('button', { name: 'Entries: 4' }));
    expect(status().textContent).toBe('4 of 4 entries');
  });
});

describe('table', () => {
  it('sorts by a column header, both ways, with aria-sort', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const header = screen.getByRole('columnheader', { name: 'Time (UTC)' });
    expect(header.getAttribute('aria-sort')).toBe('none');
    await rendered.user.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(rowIndexes()).toEqual([1, 0, 2]);
    await rendered.user.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(rowIndexes()).toEqual([2, 0, 1]);
  });

  it('selects with click, shift+click and ctrl+click, and moves with the keyboard', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user } = rendered;
    await user.click(row(0));
    await user.keyboard('{Shift>}');
    await user.click(row(2));
    await user.keyboard('{/Shift}');
    expect([0, 1, 2].map((i) => row(i).getAttribute('aria-selected'))).toEqual([
      'true',
      'true',
      'true',
    ]);
    await user.keyboard('{Control>}');
    await user.click(row(1));
    await user.keyboard('{/Control}');
    expect([0, 1, 2].map((i) => row(i).getAttribute('aria-selected'))).toEqual([
      'true',
      'false',
      'true',
    ]);
    grid().focus();
    await user.keyboard('{Home}');
    expect(grid().getAttribute('aria-activedescendant')).toBe('entry-row-0');
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    expect([0, 1, 2].map((i) => row(i).getAttribute('aria-selected'))).toEqual([
      'true',
      'true',
      'false',
    ]);
    await user.keyboard('{End}');
    expect(grid().getAttribute('aria-activedescendant')).toBe('entry-row-2');
  });

  it('deletes the selection with the Delete key and undoes it with Ctrl+Z', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user } = rendered;
    grid().focus();
    await user.keyboard('{ArrowDown}{Shift>}{ArrowDown}{/Shift}{Delete}');
    expect(status().textContent).toBe('1 of 1 entries');
    expect(cellText(0, 4)).toBe('1');
    expect(screen.getByTestId('dirty-marker')).toBeTruthy();
    expect(rendered.host.setDocumentState).toHaveBeenLastCalledWith({
      title: 'history.bin',
      dirty: true,
    });
    await user.keyboard('{Control>}z{/Control}');
    expect(status().textContent).toBe('3 of 3 entries');
    expect(screen.queryByTestId('dirty-marker')).toBeNull();
    expect(rendered.host.setDocumentState).toHaveBeenLastCalledWith({
      title: 'history.bin',
      dirty: false,
    });
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(status().textContent).toBe('1 of 1 entries');
  });

  it('leaves shortcuts to native menus on the desktop, and runs their commands once', async () => {
    const rendered = renderApp({ nativeMenus: true });
    await openFile(rendered, clean);
    const { user, host } = rendered;
    grid().focus();
    await user.keyboard('{ArrowDown}{Delete}');
    expect(status().textContent).toBe('2 of 2 entries');
    await user.keyboard('{Control>}z{/Control}');
    expect(status().textContent).toBe('2 of 2 entries');
    await act(async () => host.send({ type: 'undo' }));
    expect(status().textContent).toBe('3 of 3 entries');
    await act(async () => host.send({ type: 'redo' }));
    expect(status().textContent).toBe('2 of 2 entries');
  });
});

describe('hex view', () => {
  it('highlights the selected entry’s bytes with data-selected, and selects the owner of a clicked byte', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const { user } = rendered;
    expect(selectedOffsets()).toEqual([]);
    await user.click(row(1));
    expect(selectedOffsets()).toEqual(range(65, 91));
    const hex = screen.getByRole('region', { name: 'Hex' });
    const byteAt = (offset: number) => hex.querySelector<HTMLElement>(`[data-offset="${offset}"]`)!;
    expect(byteAt(65).className).toContain('byte--op');
    expect(byteAt(66).className).toContain('byte--content');
    expect(byteAt(67).className).toContain('byte--timestamp');
    expect(byteAt(81).className).toContain('byte--uid');
    expect(byteAt(90).className).toContain('byte--nul');
    expect(byteAt(0).className).toContain('byte--header');
    expect(byteAt(64).getAttribute('data-selected')).toBeNull();

    await user.click(byteAt(100));
    expect(row(2).getAttribute('aria-selected')).toBe('true');
    expect(row(1).getAttribute('aria-selected')).toBe('false');
    expect(selectedOffsets()).toEqual(range(91, 109));

    await user.click(byteAt(3));
    expect(selectedOffsets()).toEqual([2, 3]);
    expect(within(hex).getByTestId('hex-caption').textContent).toBe(
      'Count (header): bytes 2–3 (2 bytes; 0x2–0x3)',
    );
    expect(grid().querySelectorAll('[aria-selected="true"]')).toHaveLength(0);
  });

  it('selects an entry and its bytes from the diagnostics list', async () => {
    const rendered = renderApp();
    await openFile(rendered, problemBlob());
    const list = screen.getByRole('list', { name: 'Diagnostics' });
    const items = within(list).getAllByRole('button');
    expect(items.map((item) => item.textContent?.slice(0, 40))).toHaveLength(6);
    const invalidDate = items.find((item) => item.textContent?.includes('month 13'))!;
    expect(invalidDate.textContent).toMatch(
      /^error timestamp\.invalid-date bytes 71–72 \(2 bytes\) entry #1/,
    );
    await rendered.user.click(invalidDate);
    expect(row(1).getAttribute('aria-selected')).toBe('true');
    expect(selectedOffsets()).toEqual([71, 72]);
    const trailing = items.find((item) => item.textContent?.includes('trailing.bytes'))!;
    await rendered.user.click(trailing);
    expect(selectedOffsets()).toEqual([178, 179, 180]);
  });

  it('shows an entry the filters hide when its byte or finding is clicked, and says so', async () => {
    const rendered = renderApp();
    await openFile(rendered, problemBlob());
    const { user } = rendered;
    await user.type(screen.getByLabelText('Filter UIDs'), 'up-per');
    expect(status().textContent).toBe('1 of 4 entries');
    const items = within(screen.getByRole('list', { name: 'Diagnostics' })).getAllByRole('button');
    await user.click(items.find((item) => item.textContent?.includes('month 13'))!);
    expect(status().textContent).toBe('4 of 4 entries');
    expect((screen.getByLabelText('Filter UIDs') as HTMLInputElement).value).toBe('');
    expect(row(1).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('Cleared the filters to show entry #1.')).toBeTruthy();

    await user.type(screen.getByLabelText('Filter UIDs'), 'up-per');
    const hex = screen.getByRole('region', { name: 'Hex' });
    await user.click(hex.querySelector<HTMLElement>('[data-offset="100"]')!);
    expect(status().textContent).toBe('4 of 4 entries');
    expect(row(2).getAttribute('aria-selected')).toBe('true');
  });
});

describe('counts that explain themselves', () => {
  it('says what "- delete", "none ( )" and the timeline\'s unknown operations count', async () => {
    const rendered = renderApp();
    await openFile(rendered, clean);
    const entries = parse(clean).entries;
    const count = (predicate: (entry: (typeof entries)[number]) => boolean) =>
      entries.filter(predicate).length;
    const summary = screen.getByRole('region', { name: 'Summary' });
    const deletes = within(summary).getByRole('button', {
      name: `- delete: ${count((e) => e.op === '-')}`,
    });
    expect(deletes.title).toBe('Operation -: the message was deleted. Show only these entries');
    const none = within(summary).getByRole('button', {
      name: `none ( ): ${count((e) => e.content === ' ')}`,
    });
    expect(none.title).toBe(
      "Content ' ' (a space): nothing, neither headers nor body. Show only these entries",
    );
    const legend = screen.getByRole('list', { name: 'Timeline legend' });
    const items = within(legend).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      `Get (+) ${count((e) => e.op === '+')}`,
      `Delete (-) ${count((e) => e.op === '-')}`,
      `Get-and-delete (&) ${count((e) => e.op === '&')}`,
      'Unknown operation 0',
    ]);
    expect(items[3]!.title).toBe('An operation byte other than +, - or & (an error finding)');
  });
});
