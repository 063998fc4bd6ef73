/**
 * Writing a repaired history back where it came from, offered only for a document opened from
 * a container: into a copy of a `.msg`; for a PST or OST, a plain statement that it is not
 * supported and what to do instead (where a user would look for it).
 */
import { useId } from 'react';
import { PST_WRITE_BACK_UNSUPPORTED } from '@shared/input/container-signature.js';
import { useCommands, useUi } from '../app-context';
import { useContainerSession } from '../hooks/useContainerSession';

/** The toolbar's entry: a button for a `.msg`, an unavailable one that explains for a store. */
export function WriteBackButton() {
  const { containers } = useCommands();
  const notify = useUi((state) => state.actions.notify);
  const origin = useContainerSession((state) => state.origin);
  const noteId = useId();
  if (!origin) return null;
  if (origin.writeBack === 'msg-copy') {
    return (
      <button
        type="button"
        onClick={() => void containers.writeBack()}
        title={`Write the history into a copy of ${origin.containerName} (which is never changed)`}
      >
        Write into a copy of the .msg…
      </button>
    );
  }
  return (
    <>
      {/* Focusable, so its explanation can be reached; clicking says it again. */}
      <button
        type="button"
        aria-disabled="true"
        aria-describedby={noteId}
        className="button--unavailable"
        title={PST_WRITE_BACK_UNSUPPORTED}
        onClick={() => notify('error', PST_WRITE_BACK_UNSUPPORTED)}
      >
        Write back into the {origin.kind.toUpperCase()}…
      </button>
      <span id={noteId} className="visually-hidden">
        {PST_WRITE_BACK_UNSUPPORTED}
      </span>
    </>
  );
}

/** The Export dialog's part: write into a `.msg` copy, or why a store cannot be written. */
export function WriteBackSection({ onWritten }: { readonly onWritten: () => void }) {
  const { containers } = useCommands();
  const origin = useContainerSession((state) => state.origin);
  if (!origin) return null;
  const from = `${origin.containerName}, attachment #${origin.choice.number} (${origin.choice.attachmentName})`;
  return (
    <fieldset className="write-back" data-testid="write-back">
      <legend>Write back</legend>
      {origin.writeBack === 'msg-copy' ? (
        <>
          <p className="field-hint">
            This history came from {from}. Write it into a copy of that .msg, ready to import with
            MAPI tools; the original is never changed.
          </p>
          <div>
            <button
              type="button"
              onClick={() =>
                void containers.writeBack().then((status) => status === 'saved' && onWritten())
              }
            >
              Write into a copy of the .msg…
            </button>
          </div>
        </>
      ) : (
        <p className="field-hint" role="note">
          This history came from {from}. {PST_WRITE_BACK_UNSUPPORTED}
        </p>
      )}
    </fieldset>
  );
}
