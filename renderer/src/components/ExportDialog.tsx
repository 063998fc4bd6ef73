/**
 * Export: every format of shared/export, of the whole document or (JSON, CSV) the filtered
 * entries, with the unchanged-bytes guarantee said out loud.
 */
import { useState, type FormEvent } from 'react';
import { useCommands, useServices, useUi, useWorkspace } from '../app-context';
import { changesOf } from '../state/editing/changes';
import {
  EXPORT_FORMATS,
  exportFormat,
  isClientStateFormat,
  suggestedExportName,
  type ExportChoice,
  type ExportFormatId,
} from '../state/export/export-formats';
import { ClientStateFields, useClientStateFields } from './ExportClientStateFields';
import { blobSha256Of, identicalToInputOf } from '../state/document/summary';
import { viewOf } from '../state/stores/workspace-store';
import { WriteBackSection } from './ContainerWriteBack';
import { Dialog } from './Dialog';

type Scope = 'whole' | 'filtered';

export function ExportDialog() {
  const { workspace } = useServices();
  const commands = useCommands();
  const closeDialog = useUi((state) => state.actions.closeDialog);
  const session = useWorkspace((state) => state.session);
  const view = useWorkspace(viewOf);
  const [format, setFormat] = useState<ExportFormatId>('raw');
  const [scope, setScope] = useState<Scope>('whole');
  const [mimeLines, setMimeLines] = useState(false);
  const [exporting, setExporting] = useState(false);
  const account = useClientStateFields(session?.source.clientState ?? null);
  if (!session || !view) return null;
  const chosen = exportFormat(format);
  const filtered = chosen.scoped && scope === 'filtered';
  const stateFormat = isClientStateFormat(format) ? format : null;
  const accountMissing = stateFormat !== null && account.missing(stateFormat).length > 0;

  const choiceFor = (rows: Int32Array | null): ExportChoice => ({
    format,
    ...(filtered && rows ? { entries: Array.from(rows) } : {}),
    ...(format === 'base64' ? { mimeLines } : {}),
    ...(stateFormat ? account.choice(stateFormat) : {}),
  });
  const identical = identicalToInputOf(session);
  const changeCount = identical ? 0 : changesOf(session).length;

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setExporting(true);
    try {
      const status = await commands.exportFile(
        choiceFor(viewOf(workspace.getState())?.rows ?? null),
      );
      if (status === 'saved') closeDialog();
    } finally {
      setExporting(false);
    }
  };

  return (
    <Dialog title="Export" onClose={closeDialog} className="dialog--wide">
      <form onSubmit={(event) => void onSubmit(event)}>
        <fieldset>
          <legend>Format</legend>
          {EXPORT_FORMATS.map((option) => (
            <label key={option.id} className="check check--described">
              <input
                type="radio"
                name="export-format"
                value={option.id}
                checked={format === option.id}
                onChange={() => setFormat(option.id)}
              />
              <span>
                {option.label}
                <span className="field-hint"> {option.description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {format === 'base64' && (
          <label className="check">
            <input
              type="checkbox"
              checked={mimeLines}
              onChange={(event) => setMimeLines(event.target.checked)}
            />
            Wrap lines at 76 characters (MIME)
          </label>
        )}
        {stateFormat && <ClientStateFields format={stateFormat} fields={account} />}
        <fieldset disabled={!chosen.scoped}>
          <legend>Scope</legend>
          <label className="check">
            <input
              type="radio"
              name="export-scope"
              checked={!filtered}
              onChange={() => setScope('whole')}
            />
            Whole document ({view.total} entries)
          </label>
          <label className="check">
            <input
              type="radio"
              name="export-scope"
              checked={filtered}
              onChange={() => setScope('filtered')}
            />
            Filtered entries ({view.rows.length} of {view.total}, in table order)
          </label>
          {!chosen.scoped && (
            <p className="field-hint">{chosen.label} always holds the whole BLOB.</p>
          )}
        </fieldset>
        {identical ? (
          <p className="export-status export-status--identical" data-testid="export-identical">
            <strong>Identical to input:</strong> nothing was edited, so the BLOB exported is byte
            for byte the one opened (SHA-256 <code>{blobSha256Of(session.original)}</code>).
          </p>
        ) : (
          <p className="export-status export-status--edited" data-testid="export-edited">
            <strong>Edited:</strong> the BLOB differs from the input ({changeCount}{' '}
            {changeCount === 1 ? 'change' : 'changes'}; see Changes).
          </p>
        )}
        <p className="field-hint">
          Suggested file name:{' '}
          {suggestedExportName(session, choiceFor(filtered ? view.rows : null))}
        </p>
        <WriteBackSection onWritten={closeDialog} />
        <div className="dialog__actions">
          <button type="button" onClick={closeDialog}>
            Cancel
          </button>
          <button type="submit" className="button--primary" disabled={exporting || accountMissing}>
            Export
          </button>
        </div>
      </form>
    </Dialog>
  );
}
