/** Adding an entry or editing one: every field with live validation, the UID typed decoded. */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useCommands, useUi, useWorkspace } from '../app-context';
import { CONTENT_LABELS, OPERATION_LABELS } from '../state/edits';
import { checkEntryForm, formOf, newEntryForm, type EntryForm } from '../state/entry-form';
import { zoneLabel } from '../state/time-zone';
import { Dialog, FormDialogFooter } from './Dialog';

interface FieldMessageProps {
  readonly id: string;
  readonly error: string | null;
  readonly warning?: string | null;
  readonly hint?: string;
}

function FieldMessages({ id, error, warning, hint }: FieldMessageProps) {
  return (
    <span id={id} className="field-messages">
      {hint && <span className="field-hint">{hint}</span>}
      {error && <span className="field-error">{error}</span>}
      {warning && <span className="field-warning">{warning}</span>}
    </span>
  );
}

export function EntryEditorDialog({ index }: { readonly index: number | null }) {
  const document = useWorkspace((state) => state.session?.document ?? null);
  const closeDialog = useUi((state) => state.actions.closeDialog);
  const zone = useWorkspace((state) => state.timeZone);
  const commands = useCommands();
  // The form starts from the entry as it is when the dialog opens.
  const [initial] = useState<EntryForm | null>(() =>
    document && index !== null && index < document.entryCount
      ? formOf(document, index, zone)
      : null,
  );
  const [form, setForm] = useState<EntryForm>(() => initial ?? newEntryForm(new Date(), zone));
  const [refusal, setRefusal] = useState<string | null>(null);
  const ids = { uid: useId(), op: useId(), content: useId(), time: useId(), encoded: useId() };
  const check = useMemo(
    () => (document ? checkEntryForm(form, initial, document, index, zone) : null),
    [document, form, initial, index, zone],
  );
  if (!document || !check) return null;
  const editing = index !== null && initial !== null;

  const update = (changes: Partial<EntryForm>): void => {
    setForm((current) => ({ ...current, ...changes }));
    setRefusal(null);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (!check.fields) return;
    if (editing && Object.keys(check.fields).length === 0) {
      closeDialog();
      return;
    }
    const outcome = editing
      ? commands.updateEntry(index, check.fields)
      : commands.addEntry({
          op: '+',
          content: 'b',
          timestamp: form.timestamp,
          uid: form.uid,
          ...check.fields,
        });
    if (outcome.ok) closeDialog();
    else setRefusal(outcome.message);
  };

  const opOptions = Object.entries(OPERATION_LABELS);
  const contentOptions = Object.entries(CONTENT_LABELS);
  const unknownOp = initial && !OPERATION_LABELS[initial.op] ? initial.op : null;
  const unknownContent = initial && !CONTENT_LABELS[initial.content] ? initial.content : null;

  return (
    <Dialog title={editing ? 'Edit entry' : 'Add entry'} onClose={closeDialog}>
      <form className="entry-form" onSubmit={onSubmit} noValidate>
        {editing && (
          <p className="dialog__subtitle">
            Entry #{index}: fields you leave alone keep their bytes as written.
          </p>
        )}
        <label className="form-row" htmlFor={ids.uid}>
          UID
        </label>
        <input
          id={ids.uid}
          data-autofocus
          className="input--mono"
          value={form.uid}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => update({ uid: event.target.value })}
          aria-invalid={check.uidError ? true : undefined}
          aria-describedby={`${ids.encoded} ${ids.uid}-messages`}
        />
        <output
          id={ids.encoded}
          htmlFor={ids.uid}
          className="encoded-uid"
          data-testid="encoded-uid"
        >
          Written as: <code>{check.encodedUid ?? '(cannot be encoded)'}</code>
        </output>
        <FieldMessages
          id={`${ids.uid}-messages`}
          error={check.uidError}
          warning={check.uidWarning}
          hint="The UID as the server lists it; escaping is done for you."
        />

        <label className="form-row" htmlFor={ids.op}>
          Operation
        </label>
        <select
          id={ids.op}
          value={form.op}
          onChange={(event) => update({ op: event.target.value })}
          aria-invalid={check.opError ? true : undefined}
        >
          {opOptions.map(([op, name]) => (
            <option key={op} value={op}>
              {op} {name}
            </option>
          ))}
          {unknownOp !== null && (
            <option value={unknownOp}>{unknownOp || '(missing)'} as written (unknown)</option>
          )}
        </select>
        <FieldMessages id={`${ids.op}-messages`} error={check.opError} />

        <label className="form-row" htmlFor={ids.content}>
          Content
        </label>
        <select
          id={ids.content}
          value={form.content}
          onChange={(event) => update({ content: event.target.value })}
          aria-invalid={check.contentError ? true : undefined}
        >
          {contentOptions.map(([content, name]) => (
            <option key={content} value={content}>
              {content === ' ' ? name : `${content} ${name}`}
            </option>
          ))}
          {unknownContent !== null && (
            <option value={unknownContent}>
              {unknownContent || '(missing)'} as written (unknown)
            </option>
          )}
        </select>
        <FieldMessages id={`${ids.content}-messages`} error={check.contentError} />

        <label className="form-row" htmlFor={ids.time}>
          Time ({zoneLabel(zone)})
        </label>
        <input
          id={ids.time}
          className="input--mono"
          value={form.timestamp}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => update({ timestamp: event.target.value })}
          aria-invalid={check.timestampError ? true : undefined}
          aria-describedby={`${ids.time}-messages`}
        />
        <FieldMessages
          id={`${ids.time}-messages`}
          error={check.timestampError}
          hint={
            zone === 'utc'
              ? 'YYYY-MM-DD hh:mm:ss or 14 digits, UTC as Outlook writes it.'
              : `YYYY-MM-DD hh:mm:ss or 14 digits, in ${zoneLabel(zone)}; written as ${
                  check.writtenTimestamp ?? '…'
                } UTC.`
          }
        />

        <FormDialogFooter
          error={refusal}
          submitLabel="Apply"
          submitDisabled={check.fields === null}
          onCancel={closeDialog}
        />
      </form>
    </Dialog>
  );
}
