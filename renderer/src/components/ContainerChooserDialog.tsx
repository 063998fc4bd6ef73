/**
 * The chooser shown when a PST, OST or `.msg` is opened: the histories found (account, where
 * they are, entries, last activity, findings), the `Restags…` companions of those accounts
 * (never histories), then the other binary attachments; companions and others open as BLOBs
 * on request. Open one (button, double-click or Enter), or compare two histories.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ContainerChoice, OpenedContainer } from '@shared/host/contract.js';
import { PST_WRITE_BACK_UNSUPPORTED } from '@shared/input/container-signature.js';
import { useCommands, useUi, useWorkspace } from '../app-context';
import { formatIsoWritten, zoneLabel, type TimeZonePreference } from '../state/time-zone';
import '../styles/containers.css';
import { ContainerVersionsSection } from './ContainerVersionsSection';
import { Dialog } from './Dialog';
import { findingsText } from './findings-text';

export { findingsText };

const COLUMNS = [
  'Account',
  'Store path',
  'Attachment',
  'Entries',
  'Last activity',
  'Findings',
  'Size',
] as const;

function accountText(choice: ContainerChoice): string {
  const companion = choice.companion;
  if (companion) {
    const account = companion.account ?? choice.account;
    return `${account ?? '(mini UID, no address)'} (companion${
      companion.historyNumber === null ? ', no history found' : ` of #${companion.historyNumber}`
    })`;
  }
  if (choice.account !== null) return choice.account;
  return choice.rule === 'mini-uid' ? '(mini UID, no address)' : '—';
}

/**
 * The filename's `%08x` against PR_ATTACH_ADDITIONAL_INFO (0x370F): Outlook writes the same
 * 32-bit value in both, byte-reversed; a mismatch is worth a look.
 */
export function miniUidText(check: ContainerChoice['miniUid']): string | null {
  if (!check) return null;
  const info = check.additionalInfo ?? 'absent';
  const name = check.filename ?? 'none';
  if (check.matches === true) return `mini UID ${name} matches 0x370F ${info}`;
  if (check.matches === false) return `mini UID mismatch: filename ${name}, 0x370F ${info}`;
  return `mini UID: filename ${name}, 0x370F ${info}`;
}

/** A history in a select: its number, account (or name) and entry count. */
function choiceLabel(choice: ContainerChoice): string {
  const entries =
    choice.entryCount === null ? '' : `, ${choice.entryCount.toLocaleString('en-US')} entries`;
  return `#${choice.number} ${choice.account ?? choice.attachmentName}${entries}`;
}

function ChoiceRow({
  choice,
  id,
  selected,
  onSelect,
  onOpen,
  zone,
}: {
  readonly choice: ContainerChoice;
  readonly zone: TimeZonePreference;
  readonly id: string;
  readonly selected: boolean;
  readonly onSelect: () => void;
  readonly onOpen: () => void;
}) {
  const miniUid = miniUidText(choice.miniUid);
  return (
    <tr
      id={id}
      role="row"
      aria-selected={selected}
      data-number={choice.number}
      className={`chooser__row${selected ? ' chooser__row--selected' : ''}`}
      onClick={onSelect}
      onDoubleClick={onOpen}
    >
      <td role="gridcell" className="chooser__name">
        {accountText(choice)}
      </td>
      <td role="gridcell" className="chooser__path">
        {choice.storePath}
      </td>
      <td role="gridcell" className="chooser__name">
        {choice.attachmentName}
      </td>
      <td role="gridcell" className="cell--number">
        {choice.entryCount?.toLocaleString('en-US') ?? '—'}
      </td>
      <td role="gridcell" className="cell--mono chooser__wraps">
        {choice.lastActivity === null ? '—' : formatIsoWritten(choice.lastActivity, zone)}
      </td>
      <td role="gridcell" className="chooser__wraps">
        {choice.companion ? 'not a history' : findingsText(choice.diagnostics)}
        {miniUid && (
          <span
            className={`chooser__mini-uid${choice.miniUid?.matches === false ? ' text-warning' : ''}`}
          >
            {' '}
            ({miniUid})
          </span>
        )}
      </td>
      <td role="gridcell" className="cell--number">
        {choice.bytes.toLocaleString('en-US')} bytes
      </td>
    </tr>
  );
}

function GroupHeading({ children }: { readonly children: string }) {
  return (
    <tr role="row" className="chooser__group">
      <th role="columnheader" scope="colgroup" colSpan={COLUMNS.length}>
        {children}
      </th>
    </tr>
  );
}

export function ContainerChooserDialog({ container }: { readonly container: OpenedContainer }) {
  const { containers } = useCommands();
  const closeDialog = useUi((state) => state.actions.closeDialog);
  const zone = useWorkspace((state) => state.timeZone);
  const histories = container.choices.filter((choice) => choice.rule !== null);
  const companions = container.choices.filter((choice) => choice.rule === null && choice.companion);
  const others = container.choices.filter((choice) => choice.rule === null && !choice.companion);
  const ordered = [...histories, ...companions, ...others];
  const [selected, setSelected] = useState<number | null>(ordered[0]?.number ?? null);
  const [comparing, setComparing] = useState(false);
  const [documentNumber, setDocumentNumber] = useState(histories[0]?.number ?? 0);
  const [otherNumber, setOtherNumber] = useState(histories[1]?.number ?? 0);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const ids = { summary: useId(), rows: useId(), note: useId(), same: useId() };
  const rowId = (number: number) => `${ids.rows}-${number}`;
  const gridRef = useRef<HTMLTableElement>(null);
  const firstSelectRef = useRef<HTMLSelectElement>(null);
  const wasComparing = useRef(false);

  // The button pressed disappears with the mode it belongs to: focus moves to what replaces it.
  useEffect(() => {
    if (comparing) firstSelectRef.current?.focus();
    else if (wasComparing.current) gridRef.current?.focus();
    wasComparing.current = comparing;
  }, [comparing]);

  const run = async (action: () => Promise<string | null>): Promise<void> => {
    setWorking(true);
    setError(null);
    try {
      // On success the chooser closes; otherwise it stays with the reason.
      setError(await action());
    } finally {
      setWorking(false);
    }
  };
  const open = (number: number | null): void => {
    if (number === null || working) return;
    void run(() => containers.openChoice(container, number));
  };
  const compare = (): void => {
    if (working) return;
    void run(() => containers.compareChoices(container, documentNumber, otherNumber));
  };
  const startComparing = (): void => {
    // The selected history becomes the document; the other side the next history.
    const first = histories.find((h) => h.number === selected) ?? histories[0];
    const second = histories.find((h) => h.number !== first?.number);
    if (!first || !second) return;
    setDocumentNumber(first.number);
    setOtherNumber(second.number);
    setError(null);
    setComparing(true);
  };

  const onGridKey = (event: KeyboardEvent<HTMLTableElement>): void => {
    const at = ordered.findIndex((choice) => choice.number === selected);
    const moveTo = (index: number): void => {
      const target = ordered[Math.max(0, Math.min(ordered.length - 1, index))];
      if (!target) return;
      setSelected(target.number);
      document.getElementById(rowId(target.number))?.scrollIntoView?.({ block: 'nearest' });
    };
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(at + 1),
      ArrowUp: () => moveTo(at < 0 ? 0 : at - 1),
      Home: () => moveTo(0),
      End: () => moveTo(ordered.length - 1),
      Enter: () => open(selected),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const row = (choice: ContainerChoice) => (
    <ChoiceRow
      key={choice.number}
      id={rowId(choice.number)}
      choice={choice}
      selected={choice.number === selected}
      onSelect={() => setSelected(choice.number)}
      onOpen={() => open(choice.number)}
      zone={zone}
    />
  );

  const compareTitle =
    histories.length < 2
      ? `Comparing needs two histories; ${container.name} holds ${histories.length}.`
      : 'Open one history and compare it with another';

  return (
    <Dialog
      title={`Histories in ${container.name}`}
      onClose={closeDialog}
      className="dialog--wide chooser"
      describedBy={ids.summary}
    >
      <p id={ids.summary} data-testid="container-summary">
        {container.summary}
      </p>
      {container.messages.length > 0 && (
        <ul className="chooser__messages" aria-label="Messages searched">
          {container.messages.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
      <div className="chooser__table-wrap">
        <table
          ref={gridRef}
          role="grid"
          aria-label="Attachments found"
          aria-readonly="true"
          aria-activedescendant={selected !== null ? rowId(selected) : undefined}
          tabIndex={ordered.length > 0 ? 0 : -1}
          data-autofocus={ordered.length > 0 ? true : undefined}
          className="chooser__table"
          onKeyDown={onGridKey}
        >
          <thead>
            <tr role="row">
              {COLUMNS.map((column) => (
                <th key={column} role="columnheader" scope="col">
                  {column === 'Last activity' ? `Latest (${zoneLabel(zone)})` : column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <GroupHeading>{`POP3 account histories (${histories.length})`}</GroupHeading>
            {histories.length > 0 ? (
              histories.map(row)
            ) : (
              <tr role="row">
                <td role="gridcell" colSpan={COLUMNS.length} className="chooser__empty">
                  No POP3 account history was found in this file.
                </td>
              </tr>
            )}
          </tbody>
          {companions.length > 0 && (
            <tbody>
              <GroupHeading>{`Companions of the histories (Restags, not histories; open as a BLOB on request) (${companions.length})`}</GroupHeading>
              {companions.map(row)}
            </tbody>
          )}
          {others.length > 0 && (
            <tbody>
              <GroupHeading>{`Other binary attachments (open as a BLOB on request) (${others.length})`}</GroupHeading>
              {others.map(row)}
            </tbody>
          )}
        </table>
      </div>
      <ContainerVersionsSection container={container} />
      <p id={ids.note} className="field-hint" data-testid="container-write-back">
        Opened read-only: the file is never changed; Save as and Export write copies.{' '}
        {container.writeBack === 'msg-copy'
          ? 'A repaired history can be written into a copy of this .msg from Export (Write into a copy of the .msg…).'
          : PST_WRITE_BACK_UNSUPPORTED}
      </p>

      {comparing && (
        <fieldset className="chooser__compare">
          <legend>Compare two histories</legend>
          <label className="field">
            Open as the document
            <select
              ref={firstSelectRef}
              value={documentNumber}
              onChange={(event) => setDocumentNumber(Number(event.target.value))}
            >
              {histories.map((choice) => (
                <option key={choice.number} value={choice.number}>
                  {choiceLabel(choice)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Compare with
            <select
              value={otherNumber}
              onChange={(event) => setOtherNumber(Number(event.target.value))}
            >
              {histories.map((choice) => (
                <option key={choice.number} value={choice.number}>
                  {choiceLabel(choice)}
                </option>
              ))}
            </select>
          </label>
          {/* Said in words: the disabled Compare button's tooltip is out of the keyboard's reach. */}
          {documentNumber === otherNumber && (
            <p id={ids.same} className="field-hint chooser__same" role="status">
              Both sides are the same history: choose another one to compare with.
            </p>
          )}
        </fieldset>
      )}

      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        {comparing ? (
          <>
            <button type="button" onClick={() => setComparing(false)}>
              Back
            </button>
            <button
              type="button"
              className="button--primary"
              onClick={compare}
              disabled={working || documentNumber === otherNumber}
              aria-describedby={documentNumber === otherNumber ? ids.same : undefined}
            >
              Compare
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={closeDialog}>
              Cancel
            </button>
            <button
              type="button"
              onClick={startComparing}
              disabled={histories.length < 2 || working}
              title={compareTitle}
            >
              Compare two…
            </button>
            <button
              type="button"
              className="button--primary"
              onClick={() => open(selected)}
              disabled={selected === null || working}
            >
              Open
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
