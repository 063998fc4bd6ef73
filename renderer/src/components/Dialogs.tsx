/** The dialog open now, if any. */
import { useUi } from '../app-context';
import { BulkEditDialog } from './BulkEditDialog';
import { ChangesDialog } from './ChangesDialog';
import { ContainerChooserDialog } from './ContainerChooserDialog';
import { EntryEditorDialog } from './EntryEditorDialog';
import { ExportDialog } from './ExportDialog';
import { ListingDialog } from './ListingDialog';
import { LiveCheckDialog } from './LiveCheckDialog';
import { PasteDumpDialog } from './PasteDumpDialog';
import { ScanProgressDialog } from './ScanProgressDialog';
import { StateAccountDialog } from './StateAccountDialog';

export function Dialogs() {
  const dialog = useUi((state) => state.dialog);
  switch (dialog?.name) {
    case 'edit':
      return <EntryEditorDialog key={`edit-${dialog.index}`} index={dialog.index} />;
    case 'add':
      return <EntryEditorDialog key="add" index={null} />;
    case 'bulk':
      return <BulkEditDialog />;
    case 'export':
      return <ExportDialog />;
    case 'paste':
      return <PasteDumpDialog />;
    case 'changes':
      return <ChangesDialog />;
    case 'listing':
      return <ListingDialog />;
    case 'live-check':
      return <LiveCheckDialog />;
    case 'container':
      return (
        <ContainerChooserDialog key={dialog.container.containerId} container={dialog.container} />
      );
    case 'scan':
      return <ScanProgressDialog />;
    case 'state-account':
      return <StateAccountDialog key={dialog.fileName} dialog={dialog} />;
    case undefined:
      return null;
  }
}
