/** The yes/no question the page is waiting on (discard changes, overwrite a changed file). */
import { useId } from 'react';
import { useUi } from '../app-context';
import { Dialog } from './Dialog';

export function ConfirmDialog() {
  const question = useUi((state) => state.question);
  const answer = useUi((state) => state.actions.answer);
  const messageId = useId();
  if (!question) return null;
  return (
    <Dialog title={question.title} onClose={() => answer(false)} describedBy={messageId}>
      <p id={messageId}>{question.message}</p>
      <div className="dialog__actions">
        <button type="button" data-autofocus onClick={() => answer(false)}>
          {question.cancelLabel ?? 'Cancel'}
        </button>
        <button type="button" className="button--danger" onClick={() => answer(true)}>
          {question.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
