import { describe, expect, it, vi } from 'vitest';
import { buildBlob, CLEAN_TAGS, problemBlob } from '../../fixtures/blobs.js';
import { toHexDump, toHexLine } from '@shared/export/hex.js';
import { toCsv } from '@shared/export/csv.js';
import { sha256Hex } from '@shared/hash.js';
import { createCommands } from '../../../renderer/src/commands/commands';
import { deleteEdits } from '../../../renderer/src/state/editing/edits';
import { createUiStore, type UiStore } from '../../../renderer/src/state/stores/ui-store';
import { createComparisonStore } from '../../../renderer/src/state/comparison/comparison-store';
import { createWorkspaceStore, dirtyOf } from '../../../renderer/src/state/stores/workspace-store';
import { createFakeHost, openedFile, pickedFile, savedResult } from '../support/fake-host';

const clean = buildBlob(CLEAN_TAGS);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function setup(capabilities = {}) {
  const host = createFakeHost(capabilities);
  const workspace = createWorkspaceStore();
  const ui = createUiStore();
  const commands = createCommands(workspace, ui, host, createComparisonStore());
  return { host, workspace, ui, commands };
}

/** Answers the next question the page asks, and records it. */
function answerNext(ui: UiStore, answer: boolean): { title: string | null } {
  const seen = { title: null as string | null };
  const unsubscribe = ui.subscribe((state) => {
    if (state.question) {
      seen.title = state.question.title;
      unsubscribe();
      queueMicrotask(() => state.actions.answer(answer));
    }
  });
  return seen;
}

describe('opening', () => {
  it('opens a picked file through the host, read-only when the box is ticked', async () => {
    const { host, workspace, ui, commands } = setup();
    ui.getState().actions.setOpenReadOnly(true);
    await commands.openPicked(pickedFile(clean, 'inbox.bin'));
    expect(host.openPicked).toHaveBeenCalledWith(expect.objectContaining({ name: 'inbox.bin' }), {
      readOnly: true,
    });
    const session = workspace.getState().session!;
    expect(session.document.entryCount).toBe(3);
    expect(session.source).toMatchObject({
      name: 'inbox.bin',
      readOnly: true,
      format: 'raw',
      inputSha256: sha256Hex(clean),
      blobSha256: sha256Hex(clean),
    });
    expect(ui.getState().busy).toBeNull();
  });

  it('decodes a hex dump file and keeps its input for re-reading', async () => {
    const { workspace, commands } = setup();
    const dump = new TextEncoder().encode(toHexDump(clean));
    await commands.openHostFile(openedFile(dump, { name: 'dump.txt' }));
    const { source, document } = workspace.getState().session!;
    expect(document.bytes).toEqual(clean);
    expect(source).toMatchObject({ format: 'hex', shape: 'offset-dump', inputBytes: dump });
    expect(source.reason).toMatch(/offset/i);
  });

  it('shows why an input cannot be read, with where', async () => {
    const { workspace, ui, commands } = setup();
    const outcome = await commands.openPasted('0300 0100\nzz', 'hex');
    expect(outcome).toEqual({
      status: 'failed',
      message: expect.stringMatching(/^Pasted dump: Could not read the input as hex: .*line 2/),
    });
    expect(workspace.getState().session).toBeNull();
    expect(ui.getState().notices).toEqual([]);
  });

  it('opens pasted base64 and hashes the pasted text', async () => {
    const { workspace, commands } = setup();
    const pasted = btoa(String.fromCharCode(...clean));
    expect(await commands.openPasted(pasted, 'auto')).toEqual({ status: 'opened' });
    const { source, document } = workspace.getState().session!;
    expect(document.bytes).toEqual(clean);
    expect(source).toMatchObject({
      name: 'Pasted dump',
      fileId: null,
      format: 'base64',
      inputSha256: sha256Hex(new TextEncoder().encode(pasted)),
      blobSha256: sha256Hex(clean),
    });
  });

  it('re-reads the same input as another format on request', async () => {
    const { workspace, ui, commands } = setup();
    const hexText = new TextEncoder().encode(toHexLine(clean));
    await commands.openHostFile(openedFile(hexText, { name: 'line.txt' }));
    await commands.rereadAs('raw');
    expect(workspace.getState().session!.source).toMatchObject({
      format: 'raw',
      requestedFormat: 'raw',
    });
    expect(workspace.getState().session!.document.bytes).toEqual(hexText);
    await commands.rereadAs('hex');
    expect(workspace.getState().session!.document.bytes).toEqual(clean);
    expect(ui.getState().notices).toEqual([]);
    // 218 hex digits are not whole base64 quanta: the override is refused, the document kept.
    await commands.rereadAs('base64');
    expect(ui.getState().notices[0]).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(
        /^line\.txt: Could not read the input as base64: .*The document was left as it was\.$/,
      ),
    });
    expect(workspace.getState().session!.source.format).toBe('hex');
  });

  it('asks before replacing an edited document, and keeps it when told no', async () => {
    const { workspace, ui, commands, host } = setup();
    await commands.openHostFile(openedFile(clean));
    workspace.getState().actions.change('Delete entry #0', deleteEdits([0]));
    const asked = answerNext(ui, false);
    await commands.openPicked(pickedFile(problemBlob(), 'other.bin'));
    expect(asked.title).toBe('Discard unsaved changes?');
    expect(host.openPicked).not.toHaveBeenCalled();
    expect(workspace.getState().session!.document.entryCount).toBe(2);
    answerNext(ui, true);
    await commands.openPicked(pickedFile(problemBlob(), 'other.bin'));
    expect(workspace.getState().session!.source.name).toBe('other.bin');
  });

  it('asks before closing an edited document, and closes an unedited one at once', async () => {
    const { workspace, ui, commands } = setup();
    await commands.openHostFile(openedFile(clean));
    workspace.getState().actions.change('Delete entry #0', deleteEdits([0]));
    answerNext(ui, false);
    await commands.close();
    expect(workspace.getState().session!.document.entryCount).toBe(2);
    const asked = answerNext(ui, true);
    await commands.close();
    expect(asked.title).toBe('Discard unsaved changes?');
    expect(workspace.getState().session).toBeNull();

    await commands.openHostFile(openedFile(clean));
    await commands.close();
    expect(workspace.getState().session).toBeNull();
    expect(ui.getState().question).toBeNull();
  });

  it('shows a failed open', async () => {
    const { host, ui, commands } = setup();
    host.openResult = {
      status: 'failed',
      code: 'too-large',
      message: 'big.bin is 70.0 MiB; too large.',
    };
    await commands.openWithDialog();
    expect(ui.getState().notices).toEqual([
      { id: 1, kind: 'error', message: 'big.bin is 70.0 MiB; too large.' },
    ]);
  });
});

describe('saving', () => {
  it('saves in place and marks the document clean', async () => {
    const { host, workspace, commands } = setup();
    await commands.openHostFile(openedFile(clean));
    workspace.getState().actions.change('Delete entry #0', deleteEdits([0]));
    await commands.save();
    expect(host.save).toHaveBeenCalledWith({
      fileId: 'file-1',
      bytes: workspace.getState().session!.document.bytes,
    });
    expect(dirtyOf(workspace.getState())).toBe(false);
  });

  it('leaves a file changed on disk to the host: a declined overwrite stays dirty, unasked', async () => {
    const { host, workspace, ui, commands } = setup();
    await commands.openHostFile(openedFile(clean));
    workspace.getState().actions.change('Delete entry #0', deleteEdits([0]));
    host.saveResults.push({ status: 'canceled' });
    await commands.save();
    expect(host.save).toHaveBeenCalledTimes(1);
    expect(host.save).toHaveBeenLastCalledWith({
      fileId: expect.any(String),
      bytes: workspace.getState().session!.document.bytes,
    });
    expect(ui.getState().question).toBeNull();
    expect(dirtyOf(workspace.getState())).toBe(true);
  });

  it('shows a failed save and stays dirty', async () => {
    const { host, workspace, ui, commands } = setup();
    await commands.openHostFile(openedFile(clean));
    workspace.getState().actions.change('Delete entry #0', deleteEdits([0]));
    host.saveResults.push({
      status: 'failed',
      code: 'permission',
      message: 'Cannot write /evidence/history.bin: permission denied.',
    });
    await commands.save();
    expect(ui.getState().notices.at(-1)).toMatchObject({
      kind: 'error',
      message: 'Cannot write /evidence/history.bin: permission denied.',
    });
    expect(dirtyOf(workspace.getState())).toBe(true);
  });

  it('refuses to save a read-only document', async () => {
    const { host, ui, commands } = setup();
    await commands.openHostFile(openedFile(clean, { readOnly: true }));
    await commands.save();
    expect(host.save).not.toHaveBeenCalled();
    expect(ui.getState().notices.at(-1)!.message).toBe(
      'Read-only (evidence mode): export or Save as to another file.',
    );
  });

  it('saves as a new .bin file for hex input, or where the host cannot save in place', async () => {
    const { host, workspace, commands } = setup();
    await commands.openHostFile(
      openedFile(new TextEncoder().encode(toHexLine(clean)), { name: 'dump.txt' }),
    );
    await commands.save();
    expect(host.save).not.toHaveBeenCalled();
    expect(host.saveAs).toHaveBeenCalledWith({
      suggestedName: 'dump.bin',
      bytes: clean,
      filters: [{ name: 'UIDL history BLOB', extensions: ['bin'] }],
      sourceFileId: 'file-1',
    });
    expect(workspace.getState().session!.source).toMatchObject({
      fileId: 'file-2',
      name: 'dump.bin',
    });
    const browser = setup({ saveInPlace: false });
    await browser.commands.openHostFile(openedFile(clean));
    await browser.commands.save();
    expect(browser.host.saveAs).toHaveBeenCalledWith(
      expect.objectContaining({ suggestedName: 'history.bin' }),
    );
  });

  it('does nothing more when a save dialog is canceled', async () => {
    const { host, workspace, ui, commands } = setup();
    await commands.openHostFile(openedFile(clean));
    workspace.getState().actions.change('Delete entry #0', deleteEdits([0]));
    host.saveResults.push({ status: 'canceled' });
    await commands.saveAs();
    expect(dirtyOf(workspace.getState())).toBe(true);
    expect(ui.getState().notices).toEqual([]);
  });
});

describe('exporting', () => {
  it('exports the raw BLOB identical to the input, with a suggested name', async () => {
    const { host, commands } = setup();
    await commands.openHostFile(openedFile(clean));
    expect(await commands.exportFile({ format: 'raw' })).toBe('saved');
    expect(host.exportFile).toHaveBeenCalledWith({
      suggestedName: 'history-export.bin',
      bytes: clean,
      mimeType: 'application/octet-stream',
      filters: [{ name: 'UIDL history BLOB', extensions: ['bin'] }],
      sourceFileId: 'file-1',
    });
  });

  it('exports the filtered entries as CSV, and the text formats with a final line break', async () => {
    const { host, workspace, commands } = setup();
    await commands.openHostFile(openedFile(clean));
    await commands.exportFile({ format: 'csv', entries: [2, 0] });
    const csvCall = (
      host.exportFile as unknown as {
        mock: { calls: [{ bytes: Uint8Array; suggestedName: string }][] };
      }
    ).mock.calls[0]![0];
    expect(csvCall.suggestedName).toBe('history-filtered.csv');
    expect(text(csvCall.bytes)).toBe(
      toCsv(workspace.getState().session!.document, { entries: [2, 0] }),
    );
    await commands.exportFile({ format: 'hex' });
    expect(host.exportFile).toHaveBeenLastCalledWith(
      expect.objectContaining({
        suggestedName: 'history.hex.txt',
        bytes: new TextEncoder().encode(toHexLine(clean) + '\n'),
      }),
    );
  });

  it('exports JSON with the input hash and the filtered count', async () => {
    const { host, commands } = setup();
    await commands.openHostFile(openedFile(clean));
    await commands.exportFile({ format: 'json', entries: [1] });
    const call = (host.exportFile as unknown as { mock: { calls: [{ bytes: Uint8Array }][] } }).mock
      .calls[0]![0];
    const json = JSON.parse(text(call.bytes));
    expect(json).toMatchObject({
      sha256: sha256Hex(clean),
      inputFormat: 'raw',
      filtered: { entries: 1, of: 3 },
    });
    expect(json.entries.map((entry: { uid: string }) => entry.uid)).toEqual(['UID_two']);
  });

  it('reports a failed export', async () => {
    const { host, ui, commands } = setup();
    await commands.openHostFile(openedFile(clean));
    host.saveResults.push({
      status: 'failed',
      code: 'io',
      message: 'Disk full writing export.csv.',
    });
    expect(await commands.exportFile({ format: 'csv' })).toBe('failed');
    expect(ui.getState().notices.at(-1)).toMatchObject({
      kind: 'error',
      message: 'Disk full writing export.csv.',
    });
    host.saveResults.push(savedResult('x.csv'));
  });
});

describe('editing commands', () => {
  it('deletes and duplicates the selection, and reports refused edits', async () => {
    const { workspace, ui, commands } = setup();
    await commands.openHostFile(openedFile(clean));
    workspace.getState().actions.selectEntries([0, 2]);
    commands.duplicateSelected();
    expect(workspace.getState().session!.document.entryCount).toBe(5);
    commands.undo();
    commands.deleteSelected();
    expect(workspace.getState().session!.document.entryCount).toBe(1);
    commands.undo();
    expect(commands.updateEntry(1, { uid: '' })).toEqual({
      ok: false,
      message: expect.stringMatching(/^Edit entry #1: cannot write UID '': the UID is empty/),
    });
    // The editor shows that refusal itself; no notice.
    expect(ui.getState().notices).toEqual([]);
    workspace.getState().actions.selectEntries([2]);
    workspace
      .getState()
      .actions.change('Make 2 unterminated', [
        { kind: 'replace', index: 2, bytes: new TextEncoder().encode('&h20130101000000x') },
      ]);
    commands.duplicateSelected();
    expect(ui.getState().notices.at(-1)!.message).toMatch(
      /^Duplicate entry #2: .*no NUL terminator/,
    );
    expect(ui.getState().announcement).toBe('Undid Delete 2 entries');
  });
});

describe('copying', () => {
  it('copies UIDs one a line and says how many, grouping thousands', async () => {
    const { host, ui, commands } = setup();
    const uids = Array.from({ length: 1200 }, (_, i) => `uid-${i}`);
    await commands.copyUids(uids);
    await commands.copyUids(['only']);
    expect(host.copied).toEqual([uids.join('\n'), 'only']);
    expect(ui.getState().notices.map((notice) => [notice.kind, notice.message])).toEqual([
      ['info', 'Copied 1,200 UIDs.'],
      ['info', 'Copied 1 UID.'],
    ]);
  });

  it('copies nothing for no UIDs, and says so when the clipboard refuses', async () => {
    const { host, ui, commands } = setup();
    await commands.copyUids([]);
    expect(host.copyText).not.toHaveBeenCalled();
    vi.mocked(host.copyText).mockResolvedValueOnce(false);
    await commands.copyText('the summary', 'Copied the summary.');
    expect(ui.getState().notices.map((notice) => [notice.kind, notice.message])).toEqual([
      ['error', 'Could not copy: the clipboard is not available here.'],
    ]);
  });
});
