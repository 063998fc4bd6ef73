import { describe, expect, it } from 'vitest';
import { createCommands } from '../../../renderer/src/commands/commands';
import { createComparisonStore } from '../../../renderer/src/state/comparison/comparison-store';
import { createUiStore } from '../../../renderer/src/state/stores/ui-store';
import { createWorkspaceStore } from '../../../renderer/src/state/stores/workspace-store';
import { TWO_ACCOUNTS } from '../../fixtures/client-state.js';
import { createFakeHost, openedFile } from '../support/fake-host';

function setup() {
  const host = createFakeHost();
  const workspace = createWorkspaceStore();
  const ui = createUiStore();
  const commands = createCommands(workspace, ui, host, createComparisonStore());
  return { host, workspace, ui, commands };
}

const popstate = new TextEncoder().encode(TWO_ACCOUNTS);

describe('state files in the workspace', () => {
  it('a popstate.dat with two accounts asks which, then opens the one chosen', async () => {
    const { workspace, ui, commands } = setup();
    await commands.openHostFile(openedFile(popstate, { name: 'popstate.dat' }));
    expect(workspace.getState().session).toBeNull();
    const dialog = ui.getState().dialog;
    expect(dialog).toMatchObject({
      name: 'state-account',
      fileName: 'popstate.dat',
      accounts: ['joe@pop.example.com', 'ann@example.org@mail.example.org'],
    });
    expect(dialog?.name === 'state-account' && dialog.message).toContain(
      '#2 ann@example.org@mail.example.org (1 messages)',
    );
    if (dialog?.name !== 'state-account') throw new Error('no chooser');
    dialog.choose('ann@example.org@mail.example.org');
    await expect.poll(() => workspace.getState().session?.document.entryCount).toBe(1);
    const { source, document } = workspace.getState().session!;
    expect(document.uid(0)).toBe('AAA1');
    expect(source.format).toBe('popstate');
    expect(source.clientState).toMatchObject({ host: 'mail.example.org', user: 'ann@example.org' });
    expect(ui.getState().dialog).toBeNull();
  });

  it('exports popstate with the account given, and says what was left out', async () => {
    const { host, ui, workspace, commands } = setup();
    await commands.openHostFile(openedFile(popstate, { name: 'popstate.dat' }));
    const dialog = ui.getState().dialog;
    if (dialog?.name !== 'state-account') throw new Error('no chooser');
    dialog.choose('joe@pop.example.com');
    await expect.poll(() => workspace.getState().session?.document.entryCount).toBe(3);
    expect(
      await commands.exportFile({
        format: 'popstate',
        host: 'h.example',
        user: 'u',
        lineBreak: '\n',
      }),
    ).toBe('saved');
    expect(host.exportFile).toHaveBeenLastCalledWith(
      expect.objectContaining({
        suggestedName: 'popstate-popstate.dat',
        bytes: new TextEncoder().encode(
          '# POP3 State File\n# This is a generated file!  Do not edit.\n\n*h.example u\n' +
            'k 000000017b1c9a2e 1497277970\nb UID-with.dots_2 1497277980\n',
        ),
      }),
    );
    expect(ui.getState().notices.at(-1)?.message).toMatch(
      /2 message\(s\) written as downloaded; 1 '-' \(deleted\) entry left out/,
    );
  });

  it('pasted, a state file of several accounts hands over to the chooser', async () => {
    const { ui, commands } = setup();
    ui.getState().actions.openDialog({ name: 'paste' });
    expect(await commands.openPasted(TWO_ACCOUNTS, 'auto')).toEqual({ status: 'choosing' });
    expect(ui.getState().dialog).toMatchObject({ name: 'state-account', fileName: 'Pasted dump' });
  });

  it('never saves over the state file: Save goes to Save as a .bin', async () => {
    const { host, commands } = setup();
    await commands.openHostFile(
      openedFile(new TextEncoder().encode('A1\x001497277970\n'), { name: 'oldmail-x' }),
    );
    await commands.save();
    expect(host.save).not.toHaveBeenCalled();
    expect(host.saveAs).toHaveBeenCalledWith(
      expect.objectContaining({ suggestedName: 'oldmail-x.bin' }),
    );
  });
});
