/**
 * A container scan in progress: what is being done, how far it is when that is known, and
 * Cancel (Escape too). Shown once a scan has run a moment and reported, until the open answers.
 */
import { useCommands } from '../app-context';
import { useContainerSession } from '../hooks/useContainerSession';
import { Dialog } from './Dialog';

export function ScanProgressDialog() {
  const { containers } = useCommands();
  const scan = useContainerSession((state) => state.scan);
  const progress = scan?.progress ?? null;
  const known = progress !== null && progress.total !== null;
  const canceled = scan?.canceled ?? false;

  return (
    <Dialog title="Searching for histories" onClose={containers.cancelScan}>
      <p aria-live="polite" data-testid="scan-phase">
        {canceled ? 'Stopping…' : (progress?.phase ?? 'Starting…')}
        {known && !canceled
          ? ` (${progress.done.toLocaleString('en-US')} of ${progress.total!.toLocaleString('en-US')})`
          : ''}
      </p>
      <progress
        aria-label="Scan progress"
        className="scan-progress"
        {...(known ? { value: progress.done, max: progress.total! } : {})}
      />
      <p className="field-hint">The file is read where needed, by offset, and never changed.</p>
      <div className="dialog__actions">
        <button type="button" data-autofocus onClick={containers.cancelScan} disabled={canceled}>
          {canceled ? 'Canceling…' : 'Cancel'}
        </button>
      </div>
    </Dialog>
  );
}
