// @vitest-environment happy-dom
/**
 * The chooser's "Earlier versions (carved)" (issue 12): searched when the chooser opens, with
 * progress and Stop; carved versions listed under the account they precede; one opened
 * read-only through openContainerVersion, or compared with its account's current history; the
 * timeline of versions; the report of a history of the store lists the versions and their diff.
 */
import { describe, expect, it, vi } from 'vitest';
import type {
  ContainerVersions,
  ContainerVersionsResult,
  OpenedContainer,
} from '@shared/host/contract.js';
import type { VersionRecord } from '@shared/versions/types.js';
import { buildBlob, CLEAN_TAGS } from '../../fixtures/blobs.js';
import { openedFile } from '../support/fake-host';
import { act, installLayout, renderApp, screen, within } from '../support/render';

installLayout();

const STORE: OpenedContainer = {
  status: 'container',
  containerId: 'container-pst-1',
  name: 'user1.pst',
  path: '/evidence/user1.pst',
  kind: 'pst',
  summary: '1 POP3 account history.',
  messages: [],
  choices: [
    {
      number: 1,
      account: 'user1@test.lab',
      storePath: 'Inbox › Outlook Message Manager',
      attachmentName: 'BlobPOPuser1@test.lab',
      rule: 'long-filename',
      bytes: 122,
      entryCount: 6,
      lastActivity: '2017-06-12T14:32:50Z',
      diagnostics: { error: 0, warning: 0, info: 1 },
    },
  ],
  writeBack: 'unsupported',
};

function version(number: number, overrides: Partial<VersionRecord>): VersionRecord {
  return {
    number,
    locations: [{ offset: 37650, blockId: '0xeb4', encoding: 'compressible' }],
    offset: 37650,
    bytes: 103,
    sha256: '0'.repeat(64),
    entryCount: 5,
    declaredCount: 5,
    firstTimestamp: '2017-06-05T20:34:21Z',
    lastTimestamp: '2017-06-06T19:23:51Z',
    current: null,
    precedes: { account: 'user1@test.lab', sharedUids: 5 },
    truncated: false,
    diagnostics: { error: 0, warning: 0, info: 1 },
    findings: [],
    ...overrides,
  };
}

const FOUND: ContainerVersions = {
  status: 'versions',
  versions: [
    version(1, {}),
    version(2, {
      offset: 43410,
      locations: [{ offset: 43410, blockId: '0x169c', encoding: 'compressible' }],
      entryCount: 6,
      lastTimestamp: '2017-06-12T14:32:50Z',
      current: { account: 'user1@test.lab', attachmentNumber: 1 },
      precedes: null,
    }),
  ],
  timeline: [
    {
      account: 'user1@test.lab',
      versions: [1, 2],
      rows: [
        {
          uid: '5',
          firstVersion: 1,
          firstTimestamp: '2017-06-06T19:23:51Z',
          lastVersion: 2,
          lastTimestamp: '2017-06-06T19:23:51Z',
          goneInVersion: null,
        },
        {
          uid: '6',
          firstVersion: 2,
          firstTimestamp: '2017-06-12T14:32:50Z',
          lastVersion: 2,
          lastTimestamp: '2017-06-12T14:32:50Z',
          goneInVersion: null,
        },
      ],
    },
  ],
  findings: [],
};

async function openChooser(answer: Promise<ContainerVersionsResult>) {
  const rendered = renderApp({ containers: true });
  rendered.host.openResult = STORE;
  vi.mocked(rendered.host.findContainerVersions).mockImplementation(() => answer);
  await rendered.user.click(screen.getByRole('button', { name: 'Open…' }));
  const chooser = await screen.findByRole('dialog', { name: 'Histories in user1.pst' });
  return { ...rendered, chooser };
}

describe('earlier versions in the container chooser', () => {
  it('lists the carved version under its account, and opens it read-only', async () => {
    const { host, user, chooser } = await openChooser(Promise.resolve(FOUND));
    const table = await within(chooser).findByRole('table', {
      name: 'Earlier versions of user1@test.lab',
    });
    expect(host.findContainerVersions).toHaveBeenCalledWith(
      'container-pst-1',
      expect.stringMatching(/^versions-[0-9a-f]{18}$/),
    );
    const rows = within(table).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'VersionFound atEntriesLatest (UTC)FindingsOpen or compare',
      'versions/1byte 37650 (0x9312), block 0xeb452017-06-06 19:23:511 infoOpen Compare',
    ]);
    host.containerVersions.set(
      1,
      openedFile(buildBlob(CLEAN_TAGS), { readOnly: true, name: 'v1.bin' }),
    );
    await user.click(within(table).getByRole('button', { name: 'Open versions/1' }));
    expect(host.openContainerVersion).toHaveBeenCalledWith('container-pst-1', 1);
    await screen.findByRole('grid', { name: 'Entries' });
    expect(screen.queryByRole('dialog', { name: 'Histories in user1.pst' })).toBeNull();
  });

  it('shows the timeline of versions on request', async () => {
    const { user, chooser } = await openChooser(Promise.resolve(FOUND));
    const toggle = await within(chooser).findByRole('button', { name: 'Timeline of versions' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    const timeline = within(chooser).getByRole('table', { name: 'Timeline of user1@test.lab' });
    expect(
      within(timeline)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual([
      'UIDFirst versionFirst seen (UTC)Last versionLast seen (UTC)Gone in',
      '5versions/12017-06-06 19:23:51versions/22017-06-06 19:23:51still held',
      '6versions/22017-06-12 14:32:50versions/22017-06-12 14:32:50still held',
    ]);
  });

  it('shows progress while searching, and Stop cancels the task', async () => {
    let resolve: (value: ContainerVersionsResult) => void = () => undefined;
    const { host, user, chooser } = await openChooser(
      new Promise((done) => {
        resolve = done;
      }),
    );
    const taskId = vi.mocked(host.findContainerVersions).mock.calls[0]![1];
    act(() =>
      host.progress({
        taskId,
        task: 'versions',
        phase: 'Searching',
        done: 1048576,
        total: 4194304,
      }),
    );
    expect(within(chooser).getByRole('status').textContent).toBe(
      'Searching user1.pst for earlier versions: 1.0 of 4.0 MiB',
    );
    const bar = within(chooser).getByRole('progressbar', { name: 'Search for earlier versions' });
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['1048576', '4194304']);
    await user.click(within(chooser).getByRole('button', { name: 'Stop searching' }));
    expect(host.cancelTask).toHaveBeenCalledWith(taskId);
    await act(async () => resolve({ status: 'canceled' }));
    expect(within(chooser).getByRole('status').textContent).toMatch(
      /^The search for earlier versions was stopped\./,
    );
  });

  it('says when no earlier version was found', async () => {
    const { chooser } = await openChooser(
      Promise.resolve({ ...FOUND, versions: [FOUND.versions[1]!], timeline: [] }),
    );
    expect((await within(chooser).findByTestId('versions-none')).textContent).toBe(
      'No earlier version of a history was found in the file (1 current history).',
    );
  });

  it('compares a carved version with its account’s current history, the version as the older', async () => {
    const { host, user, chooser, services } = await openChooser(Promise.resolve(FOUND));
    const table = await within(chooser).findByRole('table', {
      name: 'Earlier versions of user1@test.lab',
    });
    host.containerChoices.set(1, openedFile(buildBlob(CLEAN_TAGS), { readOnly: true }));
    host.containerVersions.set(
      1,
      openedFile(buildBlob(CLEAN_TAGS.slice(0, 2)), { readOnly: true }),
    );
    await user.click(
      within(table).getByRole('button', { name: 'Compare versions/1 with the current history' }),
    );
    expect(host.openContainerVersion).toHaveBeenCalledWith('container-pst-1', 1);
    expect(host.openContainerChoice).toHaveBeenCalledWith('container-pst-1', 1);
    expect(await screen.findByTestId('history-diff-summary')).toHaveProperty(
      'textContent',
      '1 UID added, 0 removed, 0 changed.',
    );
    expect(services.historyDiff.getState()).toMatchObject({
      open: true,
      otherIs: 'older',
      other: { label: 'versions/1 of user1.pst' },
    });
    expect(services.workspace.getState().session?.document.entries).toHaveLength(3);
    expect(screen.queryByRole('dialog', { name: 'Histories in user1.pst' })).toBeNull();
  });

  it('offers no Compare for a version whose account has no current history in the file', async () => {
    const orphan: ContainerVersions = {
      ...FOUND,
      versions: [version(1, { precedes: { account: 'gone@test.lab', sharedUids: 0 } })],
      timeline: [],
    };
    const { chooser } = await openChooser(Promise.resolve(orphan));
    const table = await within(chooser).findByRole('table', {
      name: 'Earlier versions of gone@test.lab',
    });
    expect(within(table).getByRole('button', { name: 'Open versions/1' })).toBeTruthy();
    expect(within(table).queryByRole('button', { name: /^Compare/ })).toBeNull();
  });

  it('lists the versions the search found, and their diff, in the report of a history of the store', async () => {
    const { host, user, chooser, services } = await openChooser(Promise.resolve(FOUND));
    await within(chooser).findByRole('table', { name: 'Earlier versions of user1@test.lab' });
    host.containerChoices.set(1, openedFile(buildBlob(CLEAN_TAGS), { readOnly: true }));
    host.containerVersions.set(
      1,
      openedFile(buildBlob(CLEAN_TAGS.slice(0, 2)), { readOnly: true }),
    );
    host.containerVersions.set(2, openedFile(buildBlob(CLEAN_TAGS), { readOnly: true }));
    await user.click(within(chooser).getByRole('grid', { name: 'Attachments found' }));
    await user.keyboard('{Enter}');
    await screen.findByRole('grid', { name: 'Entries' });
    await act(() => services.commands.report.exportReport());
    const request = vi.mocked(host.exportFile).mock.calls.at(-1)![0];
    const html = new TextDecoder().decode(request.bytes);
    expect(html).toContain('<h2>Versions (2)</h2>');
    expect(html).toContain(
      '<h3>Version 1 → version 2 (user1@test.lab)</h3><p>1 UID added, 0 removed, 0 changed.</p>',
    );
    expect(host.openContainerVersion).toHaveBeenCalledWith('container-pst-1', 2);
  });
});
