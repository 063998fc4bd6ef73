// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compareHistory } from '@shared/compare/compare.js';
import { parse } from '@shared/codec/parse.js';
import { listingFromHistory, parseListing } from '@shared/listing/parse-listing.js';
import {
  LARGE_LISTING_CHARS,
  TYPING_PAUSE_MS,
} from '../../../renderer/src/components/ListingDialog';
import { buildBlob } from '../../fixtures/blobs.js';
import { pickedFile } from '../support/fake-host';
import {
  act,
  installLayout,
  openFile,
  renderApp,
  screen,
  within,
  type Rendered,
} from '../support/render';

installLayout();

/**
 * Entry 0 is on the server (kept); 1 is not (stale); 2 is the server's CCC-3 in lower case (a
 * near miss, so stale, and CCC-3 will be downloaded); 3 and 4 are the same UID (kept, twice).
 */
const HISTORY = buildBlob([
  { op: '+', content: 'b', timestamp: '20240101120000', uid: 'AAA-1' },
  { op: '+', content: 'b', timestamp: '20240102120000', uid: 'BBB-2' },
  { op: '+', content: 'b', timestamp: '20240103120000', uid: 'ccc-3' },
  { op: '+', content: 'b', timestamp: '20240104120000', uid: 'DDD-4' },
  { op: '+', content: 'b', timestamp: '20240105120000', uid: 'DDD-4' },
]);

/**
 * A UIDL response whose line 5 has a bad message number. EEE-5 is listed after DDD-4, the
 * newest message the history has seen: likely new mail. CCC-3, listed among the kept ones (and
 * a near miss), was likely downloaded before.
 */
const LISTING = [
  '+OK 4 messages',
  '1 AAA-1',
  '2 CCC-3',
  '3 DDD-4',
  'x4 EEE-5',
  '5 EEE-5',
  '.',
].join('\r\n');

const region = () => screen.getByRole('region', { name: 'Comparison' });
const comparedGrid = () => screen.getByRole('grid', { name: 'Compared UIDs' });
const inRegion = (name: string | RegExp) => within(region()).getByRole('button', { name });

/** The UIDs of the compared grid's rendered rows, top to bottom. */
function comparedUids(): string[] {
  return [...comparedGrid().querySelectorAll<HTMLElement>('[data-position]')]
    .sort((a, b) => Number(a.dataset.position) - Number(b.dataset.position))
    .map((row) => within(row).getAllByRole('gridcell')[0]!.textContent ?? '');
}

function comparedRow(uid: string): HTMLElement {
  const found = [...comparedGrid().querySelectorAll<HTMLElement>('[data-position]')].find(
    (row) => within(row).getAllByRole('gridcell')[0]!.textContent === uid,
  );
  if (!found) throw new Error(`no compared row for ${uid}`);
  return found;
}

function documentOf(rendered: Rendered) {
  return rendered.services.workspace.getState().session!.document;
}

function uidsOf(rendered: Rendered): string[] {
  const document = documentOf(rendered);
  return Array.from({ length: document.entryCount }, (_, i) => document.uid(i));
}

/** Opens the history, then the Compare view, and pastes `listing` into the Server listing dialog. */
async function compareWith(rendered: Rendered, listing = LISTING): Promise<void> {
  const { user } = rendered;
  await openFile(rendered, HISTORY);
  await user.click(screen.getByRole('button', { name: 'Compare' }));
  await user.click(inRegion('Paste listing…'));
  const dialog = screen.getByRole('dialog', { name: 'Server listing' });
  await user.click(within(dialog).getByLabelText('UIDL listing'));
  await user.paste(listing);
  await user.click(within(dialog).getByRole('button', { name: 'Compare' }));
  expect(screen.queryByRole('dialog')).toBeNull();
}

describe('Compare view with a pasted listing', () => {
  it('shows what the listing is read as and its bad line by number, keeping the rest', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    await openFile(rendered, HISTORY);
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    await user.click(inRegion('Paste listing…'));
    const dialog = screen.getByRole('dialog', { name: 'Server listing' });
    await user.click(within(dialog).getByLabelText('UIDL listing'));
    await user.paste(LISTING);
    expect(within(dialog).getByTestId('listing-detected').textContent).toBe(
      `Read as: UIDL response. ${parseListing(LISTING).reason} 4 messages; 1 line not read (the rest are kept).`,
    );
    const problems = within(dialog).getByRole('list', { name: 'Lines not read' });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(["left out line 5: message number 'x4' is not a number; the line is left out"]);
  });

  it('lists the first 100 lines not read and counts the rest, in the dialog and the view', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    const bad = Array.from({ length: 250 }, (_, k) => `x${k} UID-${k}`);
    await openFile(rendered, HISTORY);
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    await user.click(inRegion('Paste listing…'));
    const dialog = screen.getByRole('dialog', { name: 'Server listing' });
    await user.click(within(dialog).getByLabelText('UIDL listing'));
    await user.paste(['+OK', '1 AAA-1', ...bad, '.'].join('\n'));
    const inDialog = within(dialog).getByRole('list', { name: 'Lines not read' });
    expect(within(inDialog).getAllByRole('listitem')).toHaveLength(100);
    expect(within(dialog).getByTestId('listing-problems-more').textContent).toMatch(
      /^…and 150 more lines/,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Compare' }));

    expect(within(region()).getByText('250 lines of the listing need a look')).toBeTruthy();
    const problems = within(region()).getByRole('list', { name: 'Lines not read', hidden: true });
    const items = within(problems).getAllByRole('listitem', { hidden: true });
    expect(items).toHaveLength(100);
    expect(items[0]!.textContent).toBe(
      "left out line 3: message number 'x0' is not a number; the line is left out",
    );
    expect(items[99]!.textContent).toContain("line 102: message number 'x99'");
    expect(within(region()).getByTestId('listing-problems-more').textContent).toBe(
      '…and 150 more lines (the first 100 are listed; the command line’s uidl-studio ' +
        'compare --json reports every one).',
    );
  });

  describe('with a long listing', () => {
    // Fake timeouts: the pause after typing passes when the test says so (Testing Library lets
    // its own zero timeouts pass only where it sees Jest's fake timers).
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
    });
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    });

    it('reads a paste at once, and typed text once typing pauses', async () => {
      const rendered = renderApp({}, { delay: null });
      const { user } = rendered;
      const lines = Array.from({ length: 4000 }, (_, k) => `${k + 1} UID-${k + 1}-0123456789`);
      const pasted = ['+OK', ...lines].join('\n');
      expect(pasted.length).toBeGreaterThan(LARGE_LISTING_CHARS);
      await openFile(rendered, HISTORY);
      await user.click(screen.getByRole('button', { name: 'Compare' }));
      await user.click(inRegion('Paste listing…'));
      const dialog = screen.getByRole('dialog', { name: 'Server listing' });
      const detected = () => within(dialog).getByTestId('listing-detected').textContent;
      await user.click(within(dialog).getByLabelText('UIDL listing'));
      await user.paste(pasted);
      expect(detected()).toMatch(/ 4,000 messages\. No closing '\.' line/);

      await user.type(within(dialog).getByLabelText('UIDL listing'), '\n4001 NEW-1');
      expect(detected()).toMatch(/ 4,000 messages\./);
      await act(async () => vi.advanceTimersByTime(TYPING_PAUSE_MS));
      expect(detected()).toMatch(/ 4,001 messages\./);

      // Compare reads the text as it is, pause or not.
      await user.type(within(dialog).getByLabelText('UIDL listing'), '\n4002 NEW-2\n.');
      expect(detected()).toMatch(/ 4,001 messages\./);
      await user.click(within(dialog).getByRole('button', { name: 'Compare' }));
      expect(rendered.services.comparison.getState().side!.listing.messages).toHaveLength(4002);
      expect(rendered.services.comparison.getState().side!.listing.complete).toBe(true);
    });
  });

  it('counts each class, shows the summary sentence and lists every UID', async () => {
    const rendered = renderApp();
    await compareWith(rendered);
    const expected = compareHistory(parse(HISTORY), parseListing(LISTING));

    expect(inRegion(/^Will be downloaded:/).textContent).toBe('Will be downloaded: 2');
    expect(inRegion(/^Stale:/).textContent).toBe('Stale: 2');
    expect(inRegion(/^Kept:/).textContent).toBe('Kept: 2');
    expect(inRegion(/^Duplicated in history:/).textContent).toBe('Duplicated in history: 1');
    expect(inRegion(/^Near misses:/).textContent).toBe(
      `Near misses: ${expected.counts.nearMisses}`,
    );
    // One pair (CCC-3 on the server, ccc-3 in the history), though both of its UIDs are flagged.
    expect(expected.counts.nearMisses).toBe(1);
    expect(expected.uids.filter((c) => c.nearMiss !== null)).toHaveLength(2);
    expect(within(region()).getByRole('status').textContent).toContain('1 of the 2 differs');
    expect(within(region()).getByRole('status').textContent).toBe(expected.summary);
    expect(comparedUids().sort()).toEqual(['AAA-1', 'BBB-2', 'CCC-3', 'DDD-4', 'EEE-5', 'ccc-3']);

    const cells = (uid: string) =>
      within(comparedRow(uid))
        .getAllByRole('gridcell')
        .map((cell) => cell.textContent);
    expect(cells('DDD-4').slice(0, 4)).toEqual(['DDD-4', 'Kept ×2 in history', '3', '#3#4']);
    expect(cells('EEE-5').slice(0, 4)).toEqual(['EEE-5', 'Will be downloaded · new mail', '5', '']);
    expect(cells('CCC-3')[1]).toBe('Will be downloaded');
    expect(cells('BBB-2').slice(0, 4)).toEqual(['BBB-2', 'Stale', '', '#1']);
    expect(cells('CCC-3')[4]).toMatch(/^Case: /);
    expect(cells('CCC-3')[4]).toContain('ccc-3');
  });

  it('filters by class with the count buttons', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    await compareWith(rendered);
    const willDownload = inRegion(/^Will be downloaded:/);
    await user.click(willDownload);
    expect(willDownload.getAttribute('aria-pressed')).toBe('true');
    expect(comparedUids()).toEqual(['CCC-3', 'EEE-5']);
    await user.click(inRegion(/^Duplicated in history:/));
    expect(comparedUids()).toEqual(['DDD-4']);
    await user.click(inRegion(/^Stale:/));
    expect(comparedUids()).toEqual(['BBB-2', 'ccc-3']);
    await user.click(inRegion(/^Stale:/));
    expect(comparedUids()).toHaveLength(6);
    expect(inRegion(/^All:/).getAttribute('aria-pressed')).toBe('true');
  });

  it('marks only the UIDs likely downloaded before, in one step that Undo reverses exactly', async () => {
    const rendered = renderApp();
    const { user, host } = rendered;
    await compareWith(rendered);
    expect(screen.getByTestId('repair-scope').textContent).toBe(
      'The UID likely downloaded before gets a +b entry dated now (UTC); 1 new message is left ' +
        'out, so Outlook still downloads it (Mark new mail too… includes it); the 2 entries of ' +
        'all 2 “Stale” UIDs are deleted. Undo reverses each.',
    );
    await user.click(inRegion('Mark as downloaded'));

    const document = documentOf(rendered);
    expect(uidsOf(rendered)).toEqual(['AAA-1', 'BBB-2', 'ccc-3', 'DDD-4', 'DDD-4', 'CCC-3']);
    expect(document.entry(5).op).toBe('+');
    expect(document.entry(5).content).toBe('b');
    expect(document.timestampOf(5)).not.toBeNull();
    expect(inRegion(/^Will be downloaded:/).textContent).toBe('Will be downloaded: 1');
    expect(inRegion(/^Kept:/).textContent).toBe('Kept: 3');
    expect(inRegion('Mark as downloaded').hasAttribute('disabled')).toBe(true);
    // The summary says what happens to the new mail, never that nothing will be downloaded.
    expect(within(region()).getByRole('status').textContent).toContain(
      'Outlook will download 1 new message on the next check (listed after the newest message ' +
        'the history has seen)',
    );
    expect(
      screen.getByText(/^Marked 1 UID as downloaded\. Left out 1 new message/).textContent,
    ).toBe(
      'Marked 1 UID as downloaded. Left out 1 new message (listed after the newest message the ' +
        'history has seen): Outlook downloads it on the next check.',
    );
    expect(screen.getByTestId('dirty-marker')).toBeTruthy();
    // The new entry is selected in the Entries table.
    expect([...rendered.services.workspace.getState().selection.entries]).toEqual([5]);

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(documentOf(rendered).bytes).toEqual(HISTORY);
    expect(inRegion(/^Will be downloaded:/).textContent).toBe('Will be downloaded: 2');
    expect(host.setDocumentState).toHaveBeenLastCalledWith({ title: 'history.bin', dirty: false });
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(uidsOf(rendered)).toHaveLength(6);
  });

  it('marks new mail too only after a confirm that says it will never be downloaded', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    await compareWith(rendered);
    await user.click(inRegion('Mark new mail too…'));
    const question = screen.getByRole('dialog', { name: 'Mark new mail as downloaded?' });
    expect(question.textContent).toContain(
      '1 message is likely new mail (listed after the newest message the history has seen). ' +
        'Marked as downloaded, it will never be downloaded: Outlook skips 1 new message.',
    );
    await user.click(within(question).getByRole('button', { name: 'Leave new mail out' }));
    expect(documentOf(rendered).bytes).toEqual(HISTORY);

    await user.click(inRegion('Mark new mail too…'));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Mark new mail as downloaded?' })).getByRole(
        'button',
        { name: 'Mark all 2 UIDs, new mail included' },
      ),
    );
    expect(uidsOf(rendered)).toEqual([
      'AAA-1',
      'BBB-2',
      'ccc-3',
      'DDD-4',
      'DDD-4',
      'CCC-3',
      'EEE-5',
    ]);
    expect(inRegion(/^Will be downloaded:/).textContent).toBe('Will be downloaded: 0');
    expect(within(region()).getByRole('status').textContent).toContain(
      'Outlook will download nothing again on the next check',
    );
    expect(within(region()).queryByRole('button', { name: 'Mark new mail too…' })).toBeNull();
    // One step.
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(documentOf(rendered).bytes).toEqual(HISTORY);
  });

  it('marks only the selected will-download UIDs, asking first when one is new mail', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    await compareWith(rendered);
    await user.click(comparedRow('EEE-5'));
    expect(screen.getByTestId('repair-scope').textContent).toBe(
      'The 1 selected UID gets a +b entry dated now (UTC); the 2 entries of all 2 “Stale” UIDs are ' +
        'deleted. Undo reverses each.',
    );
    await user.click(inRegion('Mark as downloaded'));
    const question = screen.getByRole('dialog', { name: 'Mark new mail as downloaded?' });
    await user.click(within(question).getByRole('button', { name: 'Mark 1 new message too' }));
    expect(uidsOf(rendered)).toEqual(['AAA-1', 'BBB-2', 'ccc-3', 'DDD-4', 'DDD-4', 'EEE-5']);
    expect(inRegion(/^Will be downloaded:/).textContent).toBe('Will be downloaded: 1');

    await user.click(comparedRow('CCC-3'));
    await user.click(inRegion('Mark as downloaded'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(inRegion(/^Will be downloaded:/).textContent).toBe('Will be downloaded: 0');
  });

  it('removes the selected stale entries, or all of them, each undoable', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    await compareWith(rendered);
    await user.click(comparedRow('BBB-2'));
    await user.click(inRegion('Remove stale entries'));
    expect(uidsOf(rendered)).toEqual(['AAA-1', 'ccc-3', 'DDD-4', 'DDD-4']);
    expect(inRegion(/^Stale:/).textContent).toBe('Stale: 1');

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(documentOf(rendered).bytes).toEqual(HISTORY);

    await user.click(inRegion(/^All:/)); // clears the selection
    await user.click(inRegion('Remove stale entries'));
    expect(uidsOf(rendered)).toEqual(['AAA-1', 'DDD-4', 'DDD-4']);
    expect(inRegion(/^Stale:/).textContent).toBe('Stale: 0');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(documentOf(rendered).bytes).toEqual(HISTORY);
  });

  it('refuses to mark a UID Outlook could not have written, and changes nothing', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    await compareWith(rendered, '1 bad\u0001uid\n2 AAA-1\n');
    await user.click(inRegion('Mark as downloaded'));
    expect(screen.getByRole('alert').textContent).toMatch(
      /^Mark 1 UID as downloaded: Skipped 1 UID that cannot be written: 'bad\\x01uid': .*0x01/,
    );
    expect(documentOf(rendered).bytes).toEqual(HISTORY);
    expect(screen.getByRole('button', { name: 'Undo' }).hasAttribute('disabled')).toBe(true);
  });

  it('skips the UIDs that cannot be written, names them, and marks the rest in one step', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    const long = `L${'x'.repeat(70)}`;
    await compareWith(rendered, `1 bad\u0001uid\n2 ${long}\n3 FFF-6\n4 AAA-1\n`);
    await user.click(inRegion('Mark as downloaded'));
    expect(uidsOf(rendered)).toEqual(['AAA-1', 'BBB-2', 'ccc-3', 'DDD-4', 'DDD-4', 'FFF-6']);
    expect(within(screen.getByRole('alert')).getByText(/^Marked/).textContent).toBe(
      "Marked 1 UID as downloaded. Skipped 2 UIDs that cannot be written: 'bad\\x01uid': " +
        'character 0x01 at position 4 is outside the printable ASCII RFC 1939 allows; ' +
        `'${long}': the UID has 71 characters; RFC 1939 allows at most 70. Outlook downloads ` +
        'those messages again.',
    );
    expect(inRegion(/^Will be downloaded:/).textContent).toBe('Will be downloaded: 2');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(documentOf(rendered).bytes).toEqual(HISTORY);
  });

  it('repairs a read-only document in memory, as any edit, while its source stays protected', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    await user.click(screen.getByRole('checkbox', { name: 'Read-only (evidence mode)' }));
    await compareWith(rendered);
    const source = () => rendered.services.workspace.getState().session!.source;
    expect(source().readOnly).toBe(true);
    const before = documentOf(rendered).entryCount;
    await user.click(inRegion('Mark as downloaded'));
    expect(documentOf(rendered).entryCount).toBeGreaterThan(before);
    expect(source().readOnly).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(documentOf(rendered).bytes).toEqual(HISTORY);
  });

  it('selects a UID’s history entries in the Entries table with Enter or a click', async () => {
    const rendered = renderApp();
    const { user, services } = rendered;
    await compareWith(rendered);
    const selection = () => [...services.workspace.getState().selection.entries].sort();
    comparedGrid().focus();
    await user.keyboard('{Home}');
    const order = comparedUids();
    const position = order.indexOf('DDD-4');
    for (let k = 0; k < position; k++) await user.keyboard('{ArrowDown}');
    expect(comparedGrid().getAttribute('aria-activedescendant')).toBe(`compared-row-${position}`);
    await user.keyboard('{Enter}');
    expect(selection()).toEqual([3, 4]);
    await user.click(within(comparedRow('BBB-2')).getByRole('button', { name: 'Show entry #1' }));
    expect(selection()).toEqual([1]);
    expect(services.workspace.getState().selection.active).toBe(1);
  });

  it('copies the summary sentence', async () => {
    const rendered = renderApp();
    const { user, host } = rendered;
    await compareWith(rendered);
    await user.click(inRegion('Copy summary'));
    expect(host.copied).toEqual([within(region()).getByRole('status').textContent]);
    expect(screen.getByText('Copied the summary.')).toBeTruthy();
  });

  it('loads a listing file as text without replacing the open document', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    await openFile(rendered, HISTORY);
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    await user.click(inRegion('Paste listing…'));
    const dialog = screen.getByRole('dialog', { name: 'Server listing' });
    await user.upload(
      within(dialog).getByLabelText('Load listing file'),
      pickedFile(new TextEncoder().encode('\uFEFFAAA-1\nZZZ-9\n'), 'uids.txt'),
    );
    await within(dialog).findByText('uids.txt');
    expect((within(dialog).getByLabelText('UIDL listing') as HTMLTextAreaElement).value).toBe(
      'AAA-1\nZZZ-9\n',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Compare' }));
    expect(within(region()).getByRole('heading').textContent).toBe('Comparison with uids.txt');
    expect(inRegion(/^Will be downloaded:/).textContent).toBe('Will be downloaded: 1');
    expect(screen.getByTestId('document-name').textContent).toBe('history.bin');
    expect(documentOf(rendered).bytes).toEqual(HISTORY);
  });

  it('loads a UTF-16 listing file, as PowerShell’s > writes it', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    await openFile(rendered, HISTORY);
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    await user.click(inRegion('Paste listing…'));
    const dialog = screen.getByRole('dialog', { name: 'Server listing' });
    const text = '+OK\r\n1 AAA-1\r\n2 ZZZ-9\r\n.\r\n';
    const utf16le = Uint8Array.of(0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0]));
    await user.upload(
      within(dialog).getByLabelText('Load listing file'),
      pickedFile(utf16le, 'session.txt'),
    );
    await within(dialog).findByText('session.txt');
    expect((within(dialog).getByLabelText('UIDL listing') as HTMLTextAreaElement).value).toBe(text);
    expect(within(dialog).getByTestId('listing-detected').textContent).toMatch(
      /^Read as: UIDL response\. .* 2 messages\.$/,
    );
  });

  it('speaks of two histories when the other side is a history', async () => {
    const rendered = renderApp();
    await openFile(rendered, HISTORY);
    const other = parse(
      buildBlob([
        { op: '+', content: 'b', timestamp: '20240101120000', uid: 'AAA-1' },
        { op: '+', content: 'b', timestamp: '20240101120000', uid: 'NEW-7' },
      ]),
    );
    act(() =>
      rendered.services.comparison.getState().actions.setSide({
        kind: 'history',
        name: 'B.bin',
        listing: listingFromHistory(other, 'B.bin'),
      }),
    );
    expect(inRegion(/^Only in B\.bin:/).textContent).toBe('Only in B.bin: 1');
    expect(inRegion(/^Only in this document:/).textContent).toBe('Only in this document: 3');
    expect(inRegion(/^In both:/).textContent).toBe('In both: 1');
    expect(within(comparedRow('NEW-7')).getAllByRole('gridcell')[1]!.textContent).toBe(
      'Only in B.bin',
    );
  });

  it('shows and hides the view with Ctrl+Shift+L', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    await openFile(rendered, HISTORY);
    expect(screen.queryByRole('region', { name: 'Comparison' })).toBeNull();
    await user.keyboard('{Control>}{Shift>}L{/Shift}{/Control}');
    expect(region()).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Compare' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.queryByRole('region', { name: /^Diagnostics/ })).toBeNull();
    await user.keyboard('{Control>}{Shift>}L{/Shift}{/Control}');
    expect(screen.queryByRole('region', { name: 'Comparison' })).toBeNull();
  });
});

describe('Compare from the keyboard and the desktop menus', () => {
  const toolbarCompare = () => screen.getByRole('button', { name: 'Compare' });

  it('leaves Ctrl+Shift+L to the desktop menu, whose commands show, hide and check', async () => {
    const rendered = renderApp({ nativeMenus: true, network: true });
    const { host, user } = rendered;
    await openFile(rendered, HISTORY);
    // The menu's accelerator sends the command; the page acting on the key too would undo it.
    await user.keyboard('{Control>}{Shift>}L{/Shift}{/Control}');
    expect(screen.queryByRole('region', { name: 'Comparison' })).toBeNull();

    await act(async () => host.send({ type: 'compare' }));
    await vi.waitFor(() => expect(document.activeElement).toBe(region()));
    await act(async () => host.send({ type: 'compare' }));
    expect(screen.queryByRole('region', { name: 'Comparison' })).toBeNull();
    expect(document.activeElement).toBe(toolbarCompare());

    await act(async () => host.send({ type: 'live-check' }));
    // Behind the dialog (hidden from the accessibility tree while it is open).
    expect(screen.getByRole('region', { name: 'Comparison', hidden: true })).toBeTruthy();
    const dialog = screen.getByRole('dialog', { name: 'Live check' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Host'));
  });

  it('says what to do first when the menu asks to compare with no history open', async () => {
    const { host } = renderApp({ nativeMenus: true, network: true });
    await act(async () => host.send({ type: 'live-check' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(
      screen.getByText(
        'Open a history first: the comparison shows it beside the server’s UIDL listing.',
      ),
    ).toBeTruthy();
  });

  it('keeps the keyboard in place when the view, or its Clear button, goes away', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    await openFile(rendered, HISTORY);
    await user.keyboard('{Control>}{Shift>}L{/Shift}{/Control}');
    await vi.waitFor(() => expect(document.activeElement).toBe(region()));
    await user.keyboard('{Control>}{Shift>}L{/Shift}{/Control}');
    expect(document.activeElement).toBe(toolbarCompare());

    await user.click(toolbarCompare());
    await user.click(inRegion('Paste listing…'));
    await user.paste(LISTING);
    await user.click(
      within(screen.getByRole('dialog', { name: 'Server listing' })).getByRole('button', {
        name: 'Compare',
      }),
    );
    await user.click(inRegion('Clear'));
    expect(document.activeElement).toBe(inRegion('Paste listing…'));
    await user.click(inRegion('Close comparison'));
    expect(screen.queryByRole('region', { name: 'Comparison' })).toBeNull();
    expect(document.activeElement).toBe(toolbarCompare());
  });

  it('moves on to the compared UIDs when a repair leaves nothing to repair', async () => {
    const rendered = renderApp();
    const { user } = rendered;
    await compareWith(rendered);
    await user.click(inRegion('Mark as downloaded'));
    expect(inRegion('Mark as downloaded').hasAttribute('disabled')).toBe(true);
    expect(document.activeElement).toBe(comparedGrid());
    await user.click(comparedRow('BBB-2'));
    await user.click(inRegion('Remove stale entries'));
    // One of two stale UIDs removed: the button stays, and so does the keyboard.
    expect(document.activeElement).toBe(inRegion('Remove stale entries'));
    await user.click(inRegion('Remove stale entries'));
    expect(inRegion('Remove stale entries').hasAttribute('disabled')).toBe(true);
    expect(document.activeElement).toBe(comparedGrid());
  });
});
