/** The commands: open, save, export, undo and redo, editing, changes, theme. */
import { useId, type ChangeEvent } from 'react';
import { plural } from '@shared/wording.js';
import type { ThemePreference, TimeZonePreference } from '@shared/host/contract.js';
import { useCommands, useComparison, useServices, useUi, useWorkspace } from '../app-context';
import { changesOf } from '../state/editing/changes';
import { READ_ONLY_EXPLANATION } from '../commands/commands';
import { zoneLabel } from '../state/time-zone';
import { dirtyOf } from '../state/stores/workspace-store';
import { WriteBackButton } from './ContainerWriteBack';
import { COMPARE_TOGGLE_ID } from '../hooks/keyboard';

const MOD =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

export function Toolbar() {
  const { host, ui, workspace } = useServices();
  const commands = useCommands();
  const session = useWorkspace((state) => state.session);
  const history = useWorkspace((state) => state.history);
  const dirty = useWorkspace(dirtyOf);
  const selection = useWorkspace((state) => state.selection);
  const openReadOnly = useUi((state) => state.openReadOnly);
  const theme = useUi((state) => state.theme);
  const timeZone = useWorkspace((state) => state.timeZone);
  const openDialog = useUi((state) => state.actions.openDialog);
  const readOnlyNoteId = useId();
  const comparing = useComparison((state) => state.open);

  const readOnly = session?.source.readOnly ?? false;
  const undoStep = history.undo[history.undo.length - 1];
  const redoStep = history.redo[history.redo.length - 1];
  const changeCount = session ? changesOf(session).length : 0;

  const onFile = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again still opens it.
    event.target.value = '';
    if (file) void commands.openPicked(file);
  };
  const onReadOnly = (event: ChangeEvent<HTMLInputElement>): void => {
    ui.getState().actions.setOpenReadOnly(event.target.checked);
    void host.updateSettings({ openReadOnly: event.target.checked }).catch(() => undefined);
  };
  const onTheme = (event: ChangeEvent<HTMLSelectElement>): void => {
    const value = event.target.value as ThemePreference;
    ui.getState().actions.setTheme(value);
    void host.updateSettings({ theme: value }).catch(() => undefined);
  };
  const onTimeZone = (event: ChangeEvent<HTMLSelectElement>): void => {
    const value = event.target.value as TimeZonePreference;
    workspace.getState().actions.setTimeZone(value);
    void host.updateSettings({ timeZone: value }).catch(() => undefined);
  };
  const onSave = (): void => {
    // Kept focusable when read-only so its explanation can be reached; clicking says it again.
    if (session) void commands.save();
  };

  return (
    <header className="toolbar">
      <div className="toolbar__title">
        <h1 className="app-name">UIDL Studio</h1>
        {session && (
          <span className="document-name" data-testid="document-name">
            {session.source.name}
            {dirty && (
              <span className="dirty-marker" title="Unsaved changes" data-testid="dirty-marker">
                {' '}
                ● <span className="visually-hidden">(unsaved changes)</span>
              </span>
            )}
            {readOnly && <span className="badge badge--read-only">Read-only</span>}
          </span>
        )}
      </div>

      <div role="group" aria-label="File" className="toolbar__group">
        <button
          type="button"
          onClick={() => void commands.openWithDialog()}
          title={`Open a history file (${MOD}O)`}
        >
          Open…
        </button>
        {/* One Open… for users. Both hosts' dialogs end in the same open as this file input, kept
            out of sight and of the accessibility tree for automation (Playwright's
            setInputFiles, user-event's upload), which cannot drive a native dialog. */}
        <input type="file" aria-label="Open file" hidden onChange={onFile} />
        <label className="check">
          <input type="checkbox" checked={openReadOnly} onChange={onReadOnly} />
          Read-only (evidence mode)
        </label>
        <button type="button" onClick={() => openDialog({ name: 'paste' })}>
          Paste dump
        </button>
        <button
          type="button"
          onClick={onSave}
          disabled={!session}
          aria-disabled={readOnly ? true : undefined}
          aria-describedby={readOnly ? readOnlyNoteId : undefined}
          title={readOnly ? READ_ONLY_EXPLANATION : `Save (${MOD}S)`}
          className={readOnly ? 'button--unavailable' : undefined}
        >
          Save
        </button>
        <button
          type="button"
          onClick={() => void commands.saveAs()}
          disabled={!session}
          title={`Save as another file (${MOD}Shift+S)`}
        >
          Save as
        </button>
        <button
          type="button"
          onClick={() => openDialog({ name: 'export' })}
          disabled={!session}
          title={`Export (${MOD}E)`}
        >
          Export
        </button>
        <WriteBackButton />
        {readOnly && (
          <span id={readOnlyNoteId} className="toolbar__note">
            {READ_ONLY_EXPLANATION}
          </span>
        )}
      </div>

      <div role="group" aria-label="History" className="toolbar__group">
        <button
          type="button"
          onClick={commands.undo}
          disabled={!undoStep}
          title={undoStep ? `Undo ${undoStep.label} (${MOD}Z)` : 'Nothing to undo'}
        >
          Undo
        </button>
        <button
          type="button"
          onClick={commands.redo}
          disabled={!redoStep}
          title={redoStep ? `Redo ${redoStep.label} (${MOD}Shift+Z)` : 'Nothing to redo'}
        >
          Redo
        </button>
      </div>

      <div role="group" aria-label="Edit" className="toolbar__group">
        <button type="button" onClick={() => openDialog({ name: 'add' })} disabled={!session}>
          Add entry
        </button>
        <button
          type="button"
          onClick={() =>
            selection.active !== null && openDialog({ name: 'edit', index: selection.active })
          }
          disabled={selection.active === null}
          title="Edit the active entry (Enter or double-click in the table)"
        >
          Edit entry
        </button>
        <button
          type="button"
          onClick={commands.deleteSelected}
          disabled={selection.entries.size === 0}
          title="Delete the selected entries (Delete)"
        >
          Delete
        </button>
        <button
          type="button"
          onClick={commands.duplicateSelected}
          disabled={selection.entries.size === 0}
          title="Copy the selected entries byte for byte"
        >
          Duplicate
        </button>
        <button type="button" onClick={() => openDialog({ name: 'bulk' })} disabled={!session}>
          Bulk edit…
        </button>
        <button
          type="button"
          onClick={() => openDialog({ name: 'changes' })}
          disabled={!session}
          title={`${plural(changeCount, 'difference')} from the opened file`}
        >
          Changes
          {changeCount > 0 && (
            <span className="badge" aria-hidden="true">
              {changeCount}
            </span>
          )}
        </button>
      </div>

      <div role="group" aria-label="Compare" className="toolbar__group">
        <button
          id={COMPARE_TOGGLE_ID}
          type="button"
          onClick={() => commands.comparison.toggle()}
          disabled={!session}
          aria-pressed={comparing}
          title={`Compare the history with the server's UIDL listing (${MOD}Shift+L)`}
        >
          Compare
        </button>
        <button
          type="button"
          onClick={() => void commands.historyDiff.pickOtherHistory()}
          disabled={!session}
          title={`Compare this history with another one: UIDs added, removed and changed (${MOD}Shift+H)`}
        >
          Compare with another history…
        </button>
        <button
          type="button"
          onClick={() => void commands.report.exportReport()}
          disabled={!session}
          title="A self-contained HTML forensic report: input hashes, the history, every entry"
        >
          Export report…
        </button>
      </div>

      <label
        className="field field--inline toolbar__theme"
        title="Outlook writes UTC; local time is converted for display only"
      >
        Times
        <select value={timeZone} onChange={onTimeZone}>
          <option value="utc">UTC (as written)</option>
          <option value="local">Local ({zoneLabel('local')})</option>
        </select>
      </label>
      <label className="field field--inline toolbar__theme">
        Theme
        <select value={theme} onChange={onTheme}>
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
    </header>
  );
}
