/** One change to many entries: the selection or everything the filters show. */
import { useId, useState, type FormEvent } from 'react';
import type { TagFields } from '../../../shared/codec/edit.js';
import type { Content, Operation } from '../../../shared/codec/types.js';
import { parseTimestampText } from '../../../shared/codec/timestamp.js';
import { useCommands, useServices, useUi, useWorkspace } from '../app-context';
import { CONTENT_LABELS, OPERATION_LABELS } from '../state/edits';
import { selectedIndexes } from '../state/selection';
import { formatWritten, writtenNow, writtenOfDisplayed, zoneLabel } from '../state/time-zone';
import { viewOf } from '../state/workspace-store';
import { Dialog, FormDialogFooter } from './Dialog';

type Scope = 'selected' | 'filtered';
type Action = 'delete' | 'operation' | 'content' | 'timestamp';

const ACTION_LABELS: Record<Action, string> = {
  delete: 'Delete',
  operation: 'Set operation',
  content: 'Set content',
  timestamp: 'Set timestamp',
};

export function BulkEditDialog() {
  const { workspace } = useServices();
  const commands = useCommands();
  const closeDialog = useUi((state) => state.actions.closeDialog);
  const selectedCount = useWorkspace((state) => state.selection.entries.size);
  const view = useWorkspace(viewOf);
  const zone = useWorkspace((state) => state.timeZone);
  const [scope, setScope] = useState<Scope>(selectedCount > 0 ? 'selected' : 'filtered');
  const [action, setAction] = useState<Action>('operation');
  const [op, setOp] = useState<Operation>('+');
  const [content, setContent] = useState<Content>('b');
  const [timestamp, setTimestamp] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const timeId = useId();
  if (!view) return null;
  const filteredCount = view.rows.length;
  const count = scope === 'selected' ? selectedCount : filteredCount;
  // Typed in the displayed zone, written in UTC.
  const typed = action === 'timestamp' ? parseTimestampText(timestamp) : null;
  const time = typed ? writtenOfDisplayed(typed, zone) : null;
  const timeError =
    action === 'timestamp' && timestamp !== '' && time === null
      ? 'Not a real date and time: write YYYY-MM-DD hh:mm:ss or 14 digits.'
      : null;
  const ready = count > 0 && (action !== 'timestamp' || time !== null);

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (!ready) return;
    const state = workspace.getState();
    const indexes =
      scope === 'selected'
        ? selectedIndexes(state.selection)
        : Array.from(viewOf(state)!.rows).sort((a, b) => a - b);
    let outcome;
    if (action === 'delete') {
      outcome = commands.bulkDelete(indexes);
    } else {
      const fields: Partial<TagFields> =
        action === 'operation' ? { op } : action === 'content' ? { content } : { timestamp: time! };
      outcome = commands.bulkUpdate(indexes, fields, ACTION_LABELS[action]);
    }
    if (outcome.ok) closeDialog();
    else setRefusal(outcome.message);
  };

  return (
    <Dialog title="Bulk edit" onClose={closeDialog}>
      <form onSubmit={onSubmit} className="bulk-form">
        <fieldset>
          <legend>Entries</legend>
          <label className="check">
            <input
              type="radio"
              name="bulk-scope"
              checked={scope === 'selected'}
              disabled={selectedCount === 0}
              onChange={() => setScope('selected')}
            />
            Selected entries ({selectedCount})
          </label>
          <label className="check">
            <input
              type="radio"
              name="bulk-scope"
              checked={scope === 'filtered'}
              onChange={() => setScope('filtered')}
            />
            Filtered entries ({filteredCount} of {view.total})
          </label>
        </fieldset>
        <fieldset>
          <legend>Change</legend>
          {(Object.keys(ACTION_LABELS) as Action[]).map((name) => (
            <label key={name} className="check">
              <input
                type="radio"
                name="bulk-action"
                checked={action === name}
                onChange={() => setAction(name)}
              />
              {ACTION_LABELS[name]}
            </label>
          ))}
        </fieldset>
        {action === 'operation' && (
          <label className="field">
            New operation
            <select value={op} onChange={(event) => setOp(event.target.value as Operation)}>
              {Object.entries(OPERATION_LABELS).map(([value, name]) => (
                <option key={value} value={value}>
                  {value} {name}
                </option>
              ))}
            </select>
          </label>
        )}
        {action === 'content' && (
          <label className="field">
            New content
            <select value={content} onChange={(event) => setContent(event.target.value as Content)}>
              {Object.entries(CONTENT_LABELS).map(([value, name]) => (
                <option key={value} value={value}>
                  {value === ' ' ? name : `${value} ${name}`}
                </option>
              ))}
            </select>
          </label>
        )}
        {action === 'timestamp' && (
          <label className="field">
            New time ({zoneLabel(zone)})
            <input
              className="input--mono"
              value={timestamp}
              placeholder="YYYY-MM-DD hh:mm:ss"
              onChange={(event) => setTimestamp(event.target.value)}
              aria-invalid={timeError ? true : undefined}
              aria-describedby={timeId}
            />
            <span id={timeId} className={timeError ? 'field-error' : 'field-hint'}>
              {timeError ??
                (zone === 'utc' || !time
                  ? 'Written in UTC, as Outlook writes it.'
                  : `Written as ${formatWritten(time, 'utc')} UTC.`)}
            </span>
          </label>
        )}
        {action === 'timestamp' && (
          <button
            type="button"
            onClick={() => setTimestamp(formatWritten(writtenNow(new Date()), zone))}
          >
            Now
          </button>
        )}
        <p className="dialog__note">
          {ACTION_LABELS[action]} on {count} {count === 1 ? 'entry' : 'entries'}. Undo (Ctrl+Z)
          reverses it in one step.
        </p>
        <FormDialogFooter
          error={refusal}
          submitLabel="Apply"
          submitDisabled={!ready}
          danger={action === 'delete'}
          onCancel={closeDialog}
        />
      </form>
    </Dialog>
  );
}
