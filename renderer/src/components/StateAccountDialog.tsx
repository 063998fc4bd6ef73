/**
 * Another client's state file with several accounts (a popstate.dat of several POP3 accounts,
 * a .fetchids of several users) is a container: the user picks the account to open, as the
 * container chooser picks a history in a store.
 */
import { useState, type FormEvent } from 'react';
import { useUi } from '../app-context';
import type { DialogState } from '../state/stores/ui-store';
import { Dialog } from './Dialog';

type StateAccountState = Extract<DialogState, { name: 'state-account' }>;

export function StateAccountDialog({ dialog }: { readonly dialog: StateAccountState }) {
  const closeDialog = useUi((state) => state.actions.closeDialog);
  const [chosen, setChosen] = useState(dialog.accounts[0] ?? '');

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (chosen) dialog.choose(chosen);
  };

  return (
    <Dialog title={`Choose an account of ${dialog.fileName}`} onClose={closeDialog}>
      <form onSubmit={onSubmit}>
        <p className="dialog__subtitle">{dialog.message}</p>
        <fieldset>
          <legend>Accounts</legend>
          {dialog.accounts.map((account, index) => (
            <label key={account} className="check">
              <input
                type="radio"
                name="state-account"
                value={account}
                checked={chosen === account}
                onChange={() => setChosen(account)}
                onDoubleClick={() => dialog.choose(account)}
                {...(index === 0 ? { 'data-autofocus': true } : {})}
              />
              <span>
                #{index + 1} <code>{account}</code>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="dialog__actions">
          <button type="button" onClick={closeDialog}>
            Cancel
          </button>
          <button type="submit" className="button--primary" disabled={!chosen}>
            Open
          </button>
        </div>
      </form>
    </Dialog>
  );
}
