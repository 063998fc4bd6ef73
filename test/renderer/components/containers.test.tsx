// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ContainerChoice,
  HostFailure,
  OpenedContainer,
  OpenResult,
  OpenOptions,
} from '@shared/host/contract.js';
import { PST_WRITE_BACK_UNSUPPORTED } from '@shared/input/container-signature.js';
import { parse } from '@shared/codec/parse.js';
import { SCAN_DIALOG_DELAY_MS } from '../../../renderer/src/commands/container-commands';
import { buildBlob, CLEAN_TAGS, EXAMPLE_TAG } from '../../fixtures/blobs.js';
import { openedFile } from '../support/fake-host';
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

const ALICE = buildBlob(CLEAN_TAGS);
const BOB = buildBlob([
  EXAMPLE_TAG,
  { op: '+', content: 'b', timestamp: '20240301101500', uid: 'bob-only' },
]);

function history(number: number, account: string, overrides: Partial<ContainerChoice> = {}) {
  return {
    number,
    account,
    storePath: 'manager.msg',
    attachmentName: `BlobPOP${account}`,
    rule: 'long-filename',
    bytes: 61,
    entryCount: 3,
    lastActivity: '2013-01-01T00:00:00',
    diagnostics: { error: 0, warning: 0, info: 0 },
    ...overrides,
  } satisfies ContainerChoice;
}

const OTHER: ContainerChoice = {
  number: 1,
  account: null,
  storePath: 'manager.msg',
  attachmentName: 'notes.txt',
  rule: null,
  bytes: 13,
  entryCount: null,
  lastActivity: null,
  diagnostics: null,
};

const MSG: OpenedContainer = {
  status: 'container',
  containerId: 'container-msg-1',
  name: 'manager.msg',
  path: '/evidence/manager.msg',
  kind: 'msg',
  summary: '2 POP3 account histories.',
  messages: ['manager.msg: 2 POP3 account histories'],
  choices: [
    history(2, 'alice@example.com'),
    history(3, 'bob@example.com', {
      entryCount: 2,
      lastActivity: '2024-03-01T10:15:00',
      diagnostics: { error: 1, warning: 2, info: 1 },
    }),
    OTHER,
  ],
  writeBack: 'msg-copy',
};

const PST: OpenedContainer = {
  ...MSG,
  containerId: 'container-pst-1',
  name: 'Outlook.pst',
  path: '/evidence/Outlook.pst',
  kind: 'pst',
  summary: '1 POP3 account history in 1 IPM.MessageManager message(s).',
  messages: ['Top of Personal Folders/Inbox › Outlook Message Manager: 1 POP3 account history'],
  choices: [
    history(1, 'carol@example.com', {
      storePath: 'Top of Personal Folders/Inbox › Outlook Message Manager',
    }),
  ],
  writeBack: 'unsupported',
};

/** The host answers attachment numbers with these histories, read-only as evidence. */
function serveChoices(rendered: Rendered, container: OpenedContainer): void {
  const blobs = new Map([
    [1, ALICE],
    [2, ALICE],
    [3, BOB],
  ]);
  for (const choice of container.choices) {
    const name = `${choice.account ?? choice.attachmentName} — ${container.name} #${choice.number}.bin`;
    rendered.host.containerChoices.set(
      choice.number,
      openedFile(blobs.get(choice.number) ?? new Uint8Array(0), {
        name,
        fileId: `contained-${choice.number}`,
        path: container.path,
        readOnly: true,
      }),
    );
  }
}

async function openContainer(container: OpenedContainer): Promise<Rendered> {
  const rendered = renderApp({ containers: true });
  serveChoices(rendered, container);
  rendered.host.openResult = container;
  await rendered.user.click(screen.getByRole('button', { name: 'Open…' }));
  await screen.findByRole('dialog', { name: `Histories in ${container.name}` });
  return rendered;
}

const chooser = () => screen.getByRole('dialog', { name: /^Histories in / });
const choicesGrid = () => within(chooser()).getByRole('grid', { name: 'Attachments found' });

/** The attachment numbers of the chooser's rows, top to bottom. */
function rowNumbers(): number[] {
  return [...choicesGrid().querySelectorAll<HTMLElement>('tr[data-number]')].map((row) =>
    Number(row.dataset.number),
  );
}

function selectedNumber(): number | null {
  const row = choicesGrid().querySelector<HTMLElement>('tr[aria-selected="true"]');
  return row ? Number(row.dataset.number) : null;
}

function cells(number: number): string[] {
  const row = choicesGrid().querySelector<HTMLElement>(`tr[data-number="${number}"]`)!;
  return within(row)
    .getAllByRole('gridcell')
    .map((cell) => cell.textContent ?? '');
}

const documentName = () => screen.getByTestId('document-name').textContent;

describe('the container chooser', () => {
  it('lists the histories first, then the other attachments, with what was found', async () => {
    await openContainer(MSG);
    expect(within(chooser()).getByTestId('container-summary').textContent).toBe(
      '2 POP3 account histories.',
    );
    expect(
      within(within(chooser()).getByRole('list', { name: 'Messages searched' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['manager.msg: 2 POP3 account histories']);
    expect(rowNumbers()).toEqual([2, 3, 1]);
    expect(
      within(choicesGrid())
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual([
      'Account',
      'Store path',
      'Attachment',
      'Entries',
      'Latest (UTC)',
      'Findings',
      'Size',
      'POP3 account histories (2)',
      'Other binary attachments (open as a BLOB on request) (1)',
    ]);
    expect(cells(3)).toEqual([
      'bob@example.com',
      'manager.msg',
      'BlobPOPbob@example.com',
      '2',
      '2024-03-01 10:15:00',
      '1 error, 2 warnings, 1 info',
      '61 bytes',
    ]);
    expect(cells(1)).toEqual(['—', 'manager.msg', 'notes.txt', '—', '—', '—', '13 bytes']);
    expect(selectedNumber()).toBe(2);
    expect(within(chooser()).getByTestId('container-write-back').textContent).toMatch(
      /written into a copy of this \.msg/,
    );
  });

  it('opens the chosen history read-only, and closes', async () => {
    const { host, user } = await openContainer(MSG);
    await user.click(within(choicesGrid()).getByRole('row', { name: /bob@example\.com/ }));
    expect(selectedNumber()).toBe(3);
    await user.click(within(chooser()).getByRole('button', { name: 'Open' }));
    expect(host.openContainerChoice).toHaveBeenCalledWith('container-msg-1', 3);
    await screen.findByRole('grid', { name: 'Entries' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(documentName()).toBe('bob@example.com — manager.msg #3.binRead-only');
    expect(screen.getByRole('status').textContent).toBe('2 of 2 entries');
    // Evidence: never saved over the store; Save As writes a copy, as a raw BLOB.
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(host.save).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Save as' }));
    expect(host.saveAs).toHaveBeenCalledWith(
      expect.objectContaining({
        suggestedName: 'bob@example.com — manager.msg #3.bin',
        bytes: BOB,
        sourceFileId: 'contained-3',
      }),
    );
  });

  it('works from the keyboard: arrows, Home, End, Enter; and by double-click', async () => {
    const { host, user } = await openContainer(MSG);
    expect(document.activeElement).toBe(choicesGrid());
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(selectedNumber()).toBe(1);
    await user.keyboard('{ArrowDown}');
    expect(selectedNumber()).toBe(1);
    await user.keyboard('{Home}');
    expect(selectedNumber()).toBe(2);
    await user.keyboard('{End}{ArrowUp}');
    expect(selectedNumber()).toBe(3);
    expect(choicesGrid().getAttribute('aria-activedescendant')).toBe(
      choicesGrid().querySelector('tr[data-number="3"]')!.id,
    );
    await user.keyboard('{Enter}');
    await screen.findByRole('grid', { name: 'Entries' });
    expect(host.openContainerChoice).toHaveBeenLastCalledWith('container-msg-1', 3);

    // Opening the container again, a double-click opens a row at once.
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    await screen.findByRole('dialog', { name: 'Histories in manager.msg' });
    await user.dblClick(within(choicesGrid()).getByRole('row', { name: /notes\.txt/ }));
    await vi.waitFor(() => expect(documentName()).toBe('notes.txt — manager.msg #1.binRead-only'));
    expect(host.openContainerChoice).toHaveBeenLastCalledWith('container-msg-1', 1);
  });

  it('opens one of the other binary attachments from the keyboard, read-only, with write-back', async () => {
    const { host, user, services } = await openContainer(MSG);
    await user.keyboard('{End}');
    expect(selectedNumber()).toBe(1);
    expect(choicesGrid().getAttribute('aria-activedescendant')).toBe(
      choicesGrid().querySelector('tr[data-number="1"]')!.id,
    );
    // Comparing starts from the histories, whatever row is selected.
    await user.click(within(chooser()).getByRole('button', { name: 'Compare two…' }));
    expect(
      (within(chooser()).getByLabelText('Open as the document') as HTMLSelectElement).value,
    ).toBe('2');
    expect(
      [...within(chooser()).getByLabelText<HTMLSelectElement>('Compare with').options].map(
        (option) => option.value,
      ),
    ).toEqual(['2', '3']);
    await user.click(within(chooser()).getByRole('button', { name: 'Back' }));
    expect(selectedNumber()).toBe(1);
    await user.keyboard('{Enter}');
    await screen.findByRole('grid', { name: 'Entries' });
    expect(host.openContainerChoice).toHaveBeenCalledWith('container-msg-1', 1);
    expect(documentName()).toBe('notes.txt — manager.msg #1.binRead-only');
    expect(services.workspace.getState().session!.source.readOnly).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Write into a copy of the .msg…' }));
    expect(host.writeBackMsg).toHaveBeenCalledWith(expect.objectContaining({ number: 1 }));
  });

  it('keeps the chooser open with the reason when a choice cannot be opened', async () => {
    const rendered = await openContainer(MSG);
    const failure: HostFailure = {
      status: 'failed',
      code: 'unknown-file',
      message: 'That PST, OST or .msg file is no longer open in this session; open it again.',
    };
    rendered.host.containerChoices.set(2, failure);
    await rendered.user.click(within(chooser()).getByRole('button', { name: 'Open' }));
    expect((await within(chooser()).findByRole('alert')).textContent).toBe(failure.message);
    expect(screen.queryByRole('grid', { name: 'Entries' })).toBeNull();
  });

  it('compares two histories: the first as the document, the second as the other side', async () => {
    const rendered = await openContainer(MSG);
    const { host, user } = rendered;
    await user.click(within(chooser()).getByRole('button', { name: 'Compare two…' }));
    const documentSelect = within(chooser()).getByLabelText('Open as the document');
    const otherSelect = within(chooser()).getByLabelText('Compare with');
    expect((documentSelect as HTMLSelectElement).value).toBe('2');
    expect((otherSelect as HTMLSelectElement).value).toBe('3');
    // The same history twice cannot be compared, and the chooser says so in words.
    await user.selectOptions(otherSelect, '2');
    const compareButton = within(chooser()).getByRole('button', { name: 'Compare' });
    expect(compareButton.hasAttribute('disabled')).toBe(true);
    const same = 'Both sides are the same history: choose another one to compare with.';
    expect(within(chooser()).getByRole('status').textContent).toBe(same);
    expect(
      document.getElementById(compareButton.getAttribute('aria-describedby')!)!.textContent,
    ).toBe(same);
    await user.selectOptions(documentSelect, '3');
    expect(within(chooser()).queryByRole('status')).toBeNull();
    await user.click(within(chooser()).getByRole('button', { name: 'Compare' }));
    await screen.findByRole('grid', { name: 'Entries' });
    expect(vi.mocked(host.openContainerChoice).mock.calls).toEqual([
      ['container-msg-1', 2],
      ['container-msg-1', 3],
    ]);
    expect(documentName()).toBe('bob@example.com — manager.msg #3.binRead-only');
    const side = rendered.services.comparison.getState().side!;
    expect(side.kind).toBe('history');
    expect(side.name).toBe('alice@example.com — manager.msg #2.bin');
    expect(side.listing.messages.map((message) => message.uid)).toEqual(parse(ALICE).uidList());
    expect(rendered.services.comparison.getState().open).toBe(true);
  });

  it('keeps the keyboard in the chooser when switching to comparing and back', async () => {
    const { host, user } = await openContainer(MSG);
    await user.click(within(chooser()).getByRole('button', { name: 'Compare two…' }));
    expect(document.activeElement).toBe(within(chooser()).getByLabelText('Open as the document'));
    await user.click(within(chooser()).getByRole('button', { name: 'Back' }));
    expect(document.activeElement).toBe(choicesGrid());
    await user.keyboard('{ArrowDown}{Enter}');
    await screen.findByRole('grid', { name: 'Entries' });
    expect(host.openContainerChoice).toHaveBeenCalledWith('container-msg-1', 3);
  });

  it('offers Compare only with two histories, and says why', async () => {
    await openContainer(PST);
    const compare = within(chooser()).getByRole('button', { name: 'Compare two…' });
    expect(compare.hasAttribute('disabled')).toBe(true);
    expect(compare.getAttribute('title')).toBe(
      'Comparing needs two histories; Outlook.pst holds 1.',
    );
  });

  it('says when no history was found; other attachments can still be opened', async () => {
    const empty: OpenedContainer = {
      ...PST,
      summary: 'Message manager present, no POP3 account history attached.',
      choices: [],
    };
    await openContainer(empty);
    expect(
      within(choicesGrid()).getByText('No POP3 account history was found in this file.'),
    ).toBeTruthy();
    expect(rowNumbers()).toEqual([]);
    expect(within(chooser()).getByRole('button', { name: 'Open' }).hasAttribute('disabled')).toBe(
      true,
    );
  });

  it('opens when the host hands over a container itself (command line, Open Recent)', async () => {
    const rendered = renderApp({ containers: true });
    await act(async () => rendered.host.send({ type: 'opened', file: MSG }));
    expect(await screen.findByRole('dialog', { name: 'Histories in manager.msg' })).toBeTruthy();
  });
});

describe('the scan in progress', () => {
  // Fake timeouts only: the dialog's delay passes when a test says so. Testing Library lets
  // its own zero timeouts pass only where it sees Jest's fake timers, so it is shown the way.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });
  const renderScanning = () => renderApp({ containers: true }, { delay: null });
  const pass = (ms: number) => act(async () => vi.advanceTimersByTime(ms));
  const scanDialog = () => screen.queryByRole('dialog', { name: 'Searching for histories' });

  function pendingOpen(rendered: Rendered) {
    let finish: (result: OpenResult) => void = () => undefined;
    let options: OpenOptions | undefined;
    vi.mocked(rendered.host.openDialog).mockImplementationOnce((given) => {
      options = given;
      return new Promise((resolve) => {
        finish = resolve;
      });
    });
    return { finish: (result: OpenResult) => finish(result), options: () => options };
  }

  it('shows the host’s progress for its task, with Cancel', async () => {
    const rendered = renderScanning();
    const { host, user } = rendered;
    const open = pendingOpen(rendered);
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    const taskId = open.options()!.taskId!;
    expect(taskId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(open.options()).toEqual({ readOnly: false, taskId });
    // Nothing is shown until the host reports: a plain file never flashes it.
    await pass(SCAN_DIALOG_DELAY_MS);
    expect(screen.queryByRole('dialog')).toBeNull();

    await act(async () =>
      host.progress({
        taskId,
        task: 'scan',
        phase: 'Reading Outlook.pst: 24.0 KiB read',
        done: 24576,
        total: null,
      }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Searching for histories' });
    expect(within(dialog).getByTestId('scan-phase').textContent).toBe(
      'Reading Outlook.pst: 24.0 KiB read',
    );
    expect(within(dialog).getByLabelText('Scan progress').hasAttribute('value')).toBe(false);

    await act(async () =>
      host.progress({ taskId, task: 'scan', phase: 'Searching folders', done: 3, total: 8 }),
    );
    // Another task's progress (a live check, an older scan) is not this one's.
    await act(async () =>
      host.progress({
        taskId: 'other-task',
        task: 'pop3',
        phase: 'Receiving UIDL',
        done: 1,
        total: 2,
      }),
    );
    expect(within(dialog).getByTestId('scan-phase').textContent).toBe('Searching folders (3 of 8)');
    const bar = within(dialog).getByLabelText('Scan progress') as HTMLProgressElement;
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['3', '8']);

    await act(async () => open.finish(PST));
    expect(await screen.findByRole('dialog', { name: 'Histories in Outlook.pst' })).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Searching for histories' })).toBeNull();
  });

  it('does not flash for a scan that answers at once', async () => {
    const rendered = renderScanning();
    const { host, user, services } = rendered;
    const shown: string[] = [];
    services.ui.subscribe((state) => {
      if (state.dialog) shown.push(state.dialog.name);
    });
    const open = pendingOpen(rendered);
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    const taskId = open.options()!.taskId!;
    await act(async () =>
      host.progress({ taskId, task: 'scan', phase: 'Reading manager.msg', done: 0, total: null }),
    );
    await pass(SCAN_DIALOG_DELAY_MS / 4);
    expect(scanDialog()).toBeNull();
    await act(async () => open.finish(MSG));
    expect(screen.getByRole('dialog', { name: 'Histories in manager.msg' })).toBeTruthy();
    await pass(SCAN_DIALOG_DELAY_MS);
    expect(shown).toEqual(['container']);
    expect(scanDialog()).toBeNull();
  });

  it('shows a scan that is still running once it has taken a moment', async () => {
    const rendered = renderScanning();
    const { host, user } = rendered;
    const open = pendingOpen(rendered);
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    const taskId = open.options()!.taskId!;
    await act(async () =>
      host.progress({ taskId, task: 'scan', phase: 'Listing folders', done: 1, total: null }),
    );
    await pass(SCAN_DIALOG_DELAY_MS - 1);
    expect(scanDialog()).toBeNull();
    await pass(1);
    expect(within(scanDialog()!).getByTestId('scan-phase').textContent).toBe('Listing folders');
    await act(async () => open.finish(PST));
    expect(scanDialog()).toBeNull();
  });

  it('cancels the scan: the host is told, and nothing opens, with no error', async () => {
    const rendered = renderScanning();
    const { host, user } = rendered;
    const open = pendingOpen(rendered);
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    const taskId = open.options()!.taskId!;
    await act(async () =>
      host.progress({ taskId, task: 'scan', phase: 'Listing folders', done: 4, total: null }),
    );
    await pass(SCAN_DIALOG_DELAY_MS);
    const dialog = screen.getByRole('dialog', { name: 'Searching for histories' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(host.cancelTask).toHaveBeenCalledWith(taskId);
    const stopping = within(dialog).getByRole('button', { name: 'Canceling…' });
    expect(stopping.hasAttribute('disabled')).toBe(true);
    expect(within(dialog).getByTestId('scan-phase').textContent).toBe('Stopping…');

    await act(async () =>
      open.finish({
        status: 'failed',
        code: 'io',
        message: "Canceled: the search of 'Outlook.pst' was stopped; nothing was opened.",
      }),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Stopped searching the file; nothing was opened.')).toBeTruthy();
    expect(host.cancelTask).toHaveBeenCalledTimes(1);
  });

  it('cancels with Escape too, and drops a container that arrives anyway', async () => {
    const rendered = renderScanning();
    const { host, user } = rendered;
    const open = pendingOpen(rendered);
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    const taskId = open.options()!.taskId!;
    await act(async () =>
      host.progress({ taskId, task: 'scan', phase: 'Opening Outlook.pst', done: 0, total: null }),
    );
    await pass(SCAN_DIALOG_DELAY_MS);
    expect(scanDialog()).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(host.cancelTask).toHaveBeenCalledWith(taskId);
    await act(async () => open.finish(PST));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('writing back', () => {
  async function openChoice(container: OpenedContainer, number: number): Promise<Rendered> {
    const rendered = await openContainer(container);
    const row = choicesGrid().querySelector<HTMLElement>(`tr[data-number="${number}"]`)!;
    await rendered.user.dblClick(row);
    await screen.findByRole('grid', { name: 'Entries' });
    return rendered;
  }

  it('writes the edited history into a copy of the .msg it came from', async () => {
    const rendered = await openChoice(MSG, 2);
    const { host, user, services } = rendered;
    rendered.host.saveResults.push({
      status: 'saved',
      fileId: 'copy-1',
      name: 'manager-repaired.msg',
      path: '/evidence/manager-repaired.msg',
      sha256: '0'.repeat(64),
      backupPath: null,
    });
    await user.click(screen.getByRole('button', { name: 'Write into a copy of the .msg…' }));
    expect(host.writeBackMsg).toHaveBeenCalledWith({
      containerId: 'container-msg-1',
      number: 2,
      bytes: services.workspace.getState().session!.document.bytes,
      suggestedName: 'manager-repaired.msg',
    });
    expect(
      screen.getByText(
        'Wrote the history into /evidence/manager-repaired.msg, a copy of manager.msg (which is unchanged).',
      ),
    ).toBeTruthy();
    // The document stays attached to the history, not to the .msg copy.
    expect(services.workspace.getState().session!.source.fileId).toBe('contained-2');
  });

  it('offers it in the Export dialog too, and closes it once written', async () => {
    const { host, user } = await openChoice(MSG, 3);
    await user.click(screen.getByRole('button', { name: 'Export' }));
    const dialog = screen.getByRole('dialog', { name: 'Export' });
    const section = within(dialog).getByTestId('write-back');
    expect(section.textContent).toMatch(
      /came from manager\.msg, attachment #3 \(BlobPOPbob@example\.com\)/,
    );
    await user.click(
      within(section).getByRole('button', { name: 'Write into a copy of the .msg…' }),
    );
    expect(host.writeBackMsg).toHaveBeenCalledWith(expect.objectContaining({ number: 3 }));
    expect(screen.queryByRole('dialog', { name: 'Export' })).toBeNull();
  });

  it('says plainly that a PST cannot be written back, where one would look', async () => {
    const { host, user } = await openChoice(PST, 1);
    const button = screen.getByRole('button', { name: 'Write back into the PST…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('title')).toBe(PST_WRITE_BACK_UNSUPPORTED);
    expect(PST_WRITE_BACK_UNSUPPORTED).toMatch(
      /^Writing back into a PST or OST is not supported: export the repaired BLOB instead/,
    );
    await user.click(button);
    expect(screen.getByRole('alert').textContent).toContain(PST_WRITE_BACK_UNSUPPORTED);

    await user.click(screen.getByRole('button', { name: 'Export' }));
    const section = within(screen.getByRole('dialog', { name: 'Export' })).getByTestId(
      'write-back',
    );
    expect(section.textContent).toContain(PST_WRITE_BACK_UNSUPPORTED);
    expect(within(section).queryByRole('button')).toBeNull();
    expect(host.writeBackMsg).not.toHaveBeenCalled();
  });

  it('is not offered for a file opened on its own, nor after another file replaces the history', async () => {
    const rendered = await openChoice(MSG, 2);
    expect(screen.getByRole('button', { name: 'Write into a copy of the .msg…' })).toBeTruthy();
    await openFile(rendered, ALICE, 'plain.bin');
    expect(documentName()).toBe('plain.bin');
    expect(screen.queryByRole('button', { name: /^Write / })).toBeNull();
  });
});

describe("the container chooser with Outlook's Restags companion", () => {
  const REAL: OpenedContainer = {
    ...PST,
    containerId: 'container-pst-real',
    name: 'user1.pst',
    summary: '1 POP3 account history in 1 IPM.MessageManager message(s).',
    choices: [
      history(1, 'user1@test.lab', {
        attachmentName: 'BlobPOPuser1@test.lab',
        storePath: 'Top of Personal Folders/Inbox › Outlook Message Manager',
        lastActivity: '2017-06-12T14:32:50Z',
        diagnostics: { error: 0, warning: 0, info: 1 },
        miniUid: { filename: 'da8ea945', additionalInfo: '45a98eda', matches: true },
      }),
      {
        number: 2,
        account: 'user1@test.lab',
        storePath: 'Top of Personal Folders/Inbox › Outlook Message Manager',
        attachmentName: 'RestagsPOPuser1@test.lab',
        rule: null,
        bytes: 0,
        entryCount: null,
        lastActivity: null,
        diagnostics: null,
        companion: { account: 'user1@test.lab', historyNumber: 1, rule: 'long-filename' },
        miniUid: { filename: 'da8ea945', additionalInfo: '00000000', matches: false },
      },
      { ...OTHER, number: 3 },
    ],
  };

  it("lists Restags as the account's companion, apart from the histories, with its size and mini-UID check", async () => {
    await openContainer(REAL);
    const headings = within(choicesGrid())
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent)
      .slice(7);
    expect(headings).toEqual([
      'POP3 account histories (1)',
      'Companions of the histories (Restags, not histories; open as a BLOB on request) (1)',
      'Other binary attachments (open as a BLOB on request) (1)',
    ]);
    expect(rowNumbers()).toEqual([1, 2, 3]);
    expect(cells(1)).toEqual([
      'user1@test.lab',
      'Top of Personal Folders/Inbox › Outlook Message Manager',
      'BlobPOPuser1@test.lab',
      '3',
      '2017-06-12 14:32:50',
      '1 info (mini UID da8ea945 matches 0x370F 45a98eda)',
      '61 bytes',
    ]);
    expect(cells(2)).toEqual([
      'user1@test.lab (companion of #1)',
      'Top of Personal Folders/Inbox › Outlook Message Manager',
      'RestagsPOPuser1@test.lab',
      '—',
      '—',
      'not a history (mini UID mismatch: filename da8ea945, 0x370F 00000000)',
      '0 bytes',
    ]);
    // A mismatch is a finding: shown in the warning colour.
    const row = choicesGrid().querySelector<HTMLElement>('tr[data-number="2"]')!;
    expect(row.querySelector('.chooser__mini-uid')!.className).toContain('text-warning');
    // Comparing offers histories only: one here, so the button is disabled.
    expect(
      (within(chooser()).getByRole('button', { name: 'Compare two…' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
  });

  it('still opens the companion as bytes when asked', async () => {
    const { host, user } = await openContainer(REAL);
    await user.click(within(choicesGrid()).getByRole('row', { name: /RestagsPOPuser1/ }));
    expect(selectedNumber()).toBe(2);
    await user.click(within(chooser()).getByRole('button', { name: 'Open' }));
    expect(host.openContainerChoice).toHaveBeenCalledWith('container-pst-real', 2);
  });
});
