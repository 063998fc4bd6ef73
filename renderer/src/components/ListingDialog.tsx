/**
 * The server side from text: a UIDL listing pasted, or loaded from a file. Shows what the text
 * is read as and why, and every line that could not be read with its line number; the lines
 * that could be read are compared. Loading a file here never replaces the open document.
 */
import {
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
} from 'react';
import { plural } from '@shared/wording.js';
import { decodeListingText } from '@shared/listing/listing-text.js';
import { parseListing } from '@shared/listing/parse-listing.js';
import { useServices, useUi } from '../app-context';
import { Dialog, FormDialogFooter } from './Dialog';
import { ListingProblems, SHAPE_LABELS } from './CompareView';

const PASTED_NAME = 'Pasted listing';

/**
 * Text this long is read again only once typing pauses: a 65,535-line listing takes about
 * 100 ms to parse, and a parse is one call that no deferred render can interrupt, so reading it
 * at every keystroke made typing in it lag. A paste or a loaded file is read at once.
 */
export const LARGE_LISTING_CHARS = 50_000;
export const TYPING_PAUSE_MS = 300;

export function ListingDialog() {
  const { host, ui, comparison } = useServices();
  const closeDialog = useUi((state) => state.actions.closeDialog);
  const [text, setText] = useState('');
  /** The text the preview reads: `text`, or what it was before the keystrokes of a pause. */
  const [readText, setReadText] = useState('');
  const [name, setName] = useState(PASTED_NAME);
  const [failure, setFailure] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const pause = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const deferredText = useDeferredValue(readText);
  const listing = useMemo(
    () => (deferredText.trim() === '' ? null : parseListing(deferredText)),
    [deferredText],
  );
  const ids = { text: useId(), detected: useId() };
  useEffect(() => () => clearTimeout(pause.current), []);

  const changeText = (value: string, atOnce: boolean): void => {
    setText(value);
    clearTimeout(pause.current);
    if (atOnce || value.length < LARGE_LISTING_CHARS) {
      setReadText(value);
    } else {
      pause.current = setTimeout(() => setReadText(value), TYPING_PAUSE_MS);
    }
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again still loads it.
    event.target.value = '';
    if (!file) return;
    setLoading(true);
    try {
      const result = await host.openPicked(file, { readOnly: true, purpose: 'listing' });
      if (result.status === 'opened') {
        // UTF-8, or UTF-16 by its byte order mark (PowerShell's `>` writes UTF-16LE).
        const loaded = decodeListingText(result.bytes).text;
        if (textRef.current) textRef.current.value = loaded;
        changeText(loaded, true);
        setName(result.name);
        setFailure(null);
      } else if (result.status === 'container') {
        setFailure(`${result.name} is a ${result.kind.toUpperCase()} file, not a UIDL listing.`);
      } else if (result.status === 'failed') {
        setFailure(result.message);
      }
    } finally {
      setLoading(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (text.trim() === '') return;
    // The text as it is now, not the deferred parse that may be a keystroke behind.
    const parsed = deferredText === text && listing ? listing : parseListing(text);
    comparison.getState().actions.setSide({ kind: 'listing', name, listing: parsed });
    closeDialog();
    ui.getState().actions.announce(
      `Comparing with ${name}: ${parsed.messages.length} messages listed.`,
    );
  };

  const skipped = listing?.problems.filter((problem) => problem.severity === 'error').length ?? 0;

  return (
    <Dialog title="Server listing" onClose={closeDialog} className="dialog--wide">
      <form onSubmit={onSubmit}>
        <p className="dialog__note">
          The server&apos;s answer to <code>UIDL</code> (with or without <code>+OK</code> and the
          closing <code>.</code>), a whole POP3 session transcript, or one UID a line.
        </p>
        <div className="listing-source">
          <label htmlFor={ids.text} className="form-row">
            UIDL listing
          </label>
          <label className="button file-button">
            {loading ? 'Loading…' : 'Load listing file…'}
            <input
              type="file"
              aria-label="Load listing file"
              className="file-button__input"
              accept=".txt,.log,text/plain"
              disabled={loading}
              onChange={(event) => void onFile(event)}
            />
          </label>
          {name !== PASTED_NAME && <span className="listing-source__name">{name}</span>}
        </div>
        <textarea
          id={ids.text}
          data-autofocus
          className="input--mono paste-text"
          rows={10}
          spellCheck={false}
          placeholder={'+OK\n1 0BC535DB-EA63-11E1-A75C-00215AD7BB74\n2 000012ab5f0e1c2d\n.'}
          // Uncontrolled: a controlled textarea has React copy the whole text into its default
          // value at every keystroke, 1.5 MB for a 65,535-line listing.
          ref={textRef}
          onChange={(event) => {
            const { inputType } = event.nativeEvent as InputEvent;
            changeText(event.target.value, inputType === 'insertFromPaste');
            setFailure(null);
          }}
          aria-describedby={ids.detected}
        />
        <p
          id={ids.detected}
          className="paste-detected"
          aria-live="polite"
          data-testid="listing-detected"
        >
          {listing === null
            ? 'Paste a listing to see what it is read as.'
            : `Read as: ${SHAPE_LABELS[listing.shape]}. ${listing.reason} ` +
              plural(listing.messages.length, 'message') +
              (skipped > 0 ? `; ${plural(skipped, 'line')} not read (the rest are kept).` : '.') +
              (listing.complete ? '' : " No closing '.' line: the listing may be cut short.")}
        </p>
        {listing && listing.problems.length > 0 && <ListingProblems listing={listing} />}
        <FormDialogFooter
          error={failure}
          submitLabel="Compare"
          submitDisabled={text.trim() === '' || loading}
          onCancel={closeDialog}
        />
      </form>
    </Dialog>
  );
}
