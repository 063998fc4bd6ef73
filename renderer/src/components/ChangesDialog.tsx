/** What differs from the opened file, entry by entry; choosing one selects it in the table. */
import { useCommands, useUi, useWorkspace } from '../app-context';
import { plural } from '@shared/wording.js';
import { changesOf, type Change } from '../state/editing/changes';
import { Dialog } from './Dialog';

/** Changes listed at once; a bulk edit of 65,535 entries is summarised past this. */
const MAX_LISTED = 1000;

function describeChange(change: Change): string {
  switch (change.kind) {
    case 'header':
      return `${change.field}: ${change.before} → ${change.after}`;
    case 'added':
      return `Added entry #${change.index}: ${change.summary}`;
    case 'deleted':
      return `Deleted entry #${change.originalIndex} of the opened file: ${change.summary}`;
    case 'modified':
      return (
        `Entry #${change.index}${change.originalIndex !== change.index ? ` (#${change.originalIndex} in the opened file)` : ''}: ` +
        change.fields
          .map(
            (field) =>
              `${field.field} ${JSON.stringify(field.before)} → ${JSON.stringify(field.after)}`,
          )
          .join('; ')
      );
  }
}

export function ChangesDialog() {
  const session = useWorkspace((state) => state.session);
  const commands = useCommands();
  const closeDialog = useUi((state) => state.actions.closeDialog);
  if (!session) return null;
  const changes = changesOf(session);
  const listed = changes.slice(0, MAX_LISTED);

  return (
    <Dialog title="Changes" onClose={closeDialog} className="dialog--wide">
      <p className="dialog__subtitle">
        {changes.length === 0
          ? 'Nothing differs from the opened file.'
          : `${plural(changes.length, 'difference')} from the opened file ${session.source.name}.`}
      </p>
      {changes.length > 0 && (
        <ul className="changes-list" aria-label="Changes from the opened file">
          {listed.map((change, k) => {
            const text = describeChange(change);
            const index =
              change.kind === 'added' || change.kind === 'modified' ? change.index : null;
            return (
              <li key={k} className={`change change--${change.kind}`}>
                {index !== null ? (
                  <button
                    type="button"
                    className="button--link"
                    onClick={() => {
                      commands.showEntry(index);
                      closeDialog();
                    }}
                  >
                    {text}
                  </button>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      )}
      {changes.length > MAX_LISTED && (
        <p className="field-hint">
          …and {changes.length - MAX_LISTED} more (export JSON to see every entry).
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" data-autofocus onClick={closeDialog}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
