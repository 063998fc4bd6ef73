import { describe, expect, it } from 'vitest';
import { buildBlob, CLEAN_TAGS } from '../../fixtures/blobs.js';
import { createCommands } from '../../../renderer/src/state/commands';
import { createComparisonStore } from '../../../renderer/src/state/comparison-store';
import { changesOf } from '../../../renderer/src/state/changes';
import { ownerOf } from '../../../renderer/src/state/byte-owner';
import { parseDocument } from '../../../renderer/src/state/document';
import { createUiStore } from '../../../renderer/src/state/ui-store';
import { createWorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { createFakeHost, openedFile } from '../support/fake-host';

/** Three tags, then Count + 4 = 7 bytes of leftover memory, as Outlook leaves them. */
const SLACK = Uint8Array.of(0, 0, 0, 0, 0x78, 0x56, 0x9b);
const withSlack = buildBlob(CLEAN_TAGS, { trailing: SLACK });
const tagsEnd = withSlack.length - SLACK.length;

async function opened(bytes: Uint8Array) {
  const workspace = createWorkspaceStore();
  const ui = createUiStore();
  const commands = createCommands(workspace, ui, createFakeHost(), createComparisonStore());
  await commands.openHostFile(openedFile(bytes));
  return { workspace, ui, commands, document: () => workspace.getState().session!.document };
}

describe("Outlook's slack in the workspace", () => {
  it('owns its bytes in the hex view, apart from stray trailing bytes', () => {
    const document = parseDocument(withSlack);
    expect(document.slack).toEqual({ start: tagsEnd, end: withSlack.length });
    expect(ownerOf(document, tagsEnd)).toEqual({ kind: 'slack' });
    expect(ownerOf(document, withSlack.length - 1)).toEqual({ kind: 'slack' });
    expect(ownerOf(document, tagsEnd - 1)).toMatchObject({ kind: 'entry', index: 2 });
    // Three stray bytes after three tags are not Count + 4: trailing, not slack.
    const stray = parseDocument(buildBlob(CLEAN_TAGS, { trailing: Uint8Array.of(1, 2, 3) }));
    expect(stray.slack).toBeNull();
    expect(ownerOf(stray, stray.bytes.length - 1)).toEqual({ kind: 'trailing' });
  });

  it('drops the slack as one undoable step, and undo puts back the exact bytes', async () => {
    const { workspace, commands, document } = await opened(withSlack);
    expect(commands.dropSlack()).toEqual({ ok: true });
    expect(Array.from(document().bytes)).toEqual(Array.from(withSlack.subarray(0, tagsEnd)));
    expect(document().slack).toBeNull();
    expect(workspace.getState().history.undo.map((step) => step.label)).toEqual([
      "Drop Outlook's slack",
    ]);
    expect(changesOf(workspace.getState().session!)).toEqual([
      {
        kind: 'header',
        field: 'Trailing bytes',
        before: "7 bytes (Outlook's slack)",
        after: 'none',
      },
    ]);
    commands.undo();
    expect(Array.from(document().bytes)).toEqual(Array.from(withSlack));
    expect(document().slack).toEqual({ start: tagsEnd, end: withSlack.length });
    commands.redo();
    expect(document().bytes.length).toBe(tagsEnd);
  });

  it("keeps the slack through other edits in Outlook's Count + 4 shape, and refuses to drop what is not there", async () => {
    const { commands, document } = await opened(withSlack);
    expect(
      commands.addEntry({ op: '+', content: 'b', timestamp: '20170612143250', uid: 'x' }).ok,
    ).toBe(true);
    // One more tag: the slack's bytes stay in place and one zero byte keeps it Count + 4.
    const bytes = document().bytes;
    const grown = SLACK.length + 1;
    expect(Array.from(bytes.subarray(bytes.length - grown))).toEqual([...SLACK, 0]);
    expect(document().slack).toEqual({ start: bytes.length - grown, end: bytes.length });

    const plain = await opened(buildBlob(CLEAN_TAGS));
    expect(plain.commands.dropSlack()).toEqual({
      ok: false,
      message: 'The history has no Outlook slack to drop.',
    });
    expect(plain.workspace.getState().history.undo).toEqual([]);
  });
});
