/** Opening a BLOB pasted as hex or base64 text, with the detected kind shown and overridable. */
import { useDeferredValue, useId, useMemo, useState, type FormEvent } from 'react';
import { detectInputFormat } from '@shared/input/detect.js';
import { InputDecodeError } from '@shared/input/types.js';
import { useCommands, useUi } from '../app-context';
import type { RequestedFormat } from '../state/input/input-decoding';
import { Dialog, FormDialogFooter } from './Dialog';

type PasteKind = Extract<RequestedFormat, 'auto' | 'hex' | 'base64'>;

/** What detection makes of the text: its choice and reason, or why it cannot read it. */
function detect(text: string): { kind: string; reason: string } | { error: string } | null {
  if (text.trim() === '') return null;
  try {
    const { format, reason } = detectInputFormat(new TextEncoder().encode(text));
    return { kind: format, reason };
  } catch (error) {
    if (error instanceof InputDecodeError) return { error: error.message };
    throw error;
  }
}

export function PasteDumpDialog() {
  const commands = useCommands();
  const closeDialog = useUi((state) => state.actions.closeDialog);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<PasteKind>('auto');
  const [failure, setFailure] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const deferredText = useDeferredValue(text);
  const detection = useMemo(() => detect(deferredText), [deferredText]);
  const ids = { text: useId(), kind: useId(), detected: useId() };

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setOpening(true);
    try {
      const outcome = await commands.openPasted(text, kind);
      // Cancelled ("Keep editing"): the dialog stays, with the text, for another try.
      if (outcome.status === 'opened') closeDialog();
      else if (outcome.status === 'failed') setFailure(outcome.message);
    } finally {
      setOpening(false);
    }
  };

  return (
    <Dialog title="Paste dump" onClose={closeDialog} className="dialog--wide">
      <form onSubmit={(event) => void onSubmit(event)}>
        <label htmlFor={ids.text} className="form-row">
          Dump text
        </label>
        <textarea
          id={ids.text}
          data-autofocus
          className="input--mono paste-text"
          rows={10}
          spellCheck={false}
          placeholder="Hex (continuous, spaced, hexdump/xxd, .reg, MFCMAPI) or base64"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setFailure(null);
          }}
          aria-describedby={ids.detected}
        />
        <label htmlFor={ids.kind} className="form-row">
          Input kind
        </label>
        <select
          id={ids.kind}
          value={kind}
          onChange={(event) => setKind(event.target.value as PasteKind)}
        >
          <option value="auto">Auto-detect</option>
          <option value="hex">Hex</option>
          <option value="base64">Base64</option>
          <option value="raw" disabled>
            Raw BLOB (not applicable to pasted text)
          </option>
        </select>
        <p
          id={ids.detected}
          className="paste-detected"
          aria-live="polite"
          data-testid="paste-detected"
        >
          {detection === null
            ? 'Paste text to see what it is read as.'
            : 'error' in detection
              ? `Not recognised: ${detection.error}`
              : `Detected: ${detection.kind}. ${detection.reason}${kind !== 'auto' && kind !== detection.kind ? ` Reading it as ${kind} instead, as chosen.` : ''}`}
        </p>
        <FormDialogFooter
          error={failure}
          submitLabel="Open"
          submitDisabled={text.trim() === '' || opening}
          onCancel={closeDialog}
        />
      </form>
    </Dialog>
  );
}
