/** The dialog open now, if any. */
import { useUi } from '../app-context';
import { BulkEditDialog } from './BulkEditDialog';
import { ChangesDialog } from './ChangesDialog';
import { EntryEditorDialog } from './EntryEditorDialog';
import { ExportDialog } from './ExportDialog';
import { PasteDumpDialog } from './PasteDumpDialog';

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
    case undefined:
      return null;
  }
}
