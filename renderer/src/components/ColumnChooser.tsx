/**
 * "Columns": which of the Entries grid's columns are shown, and back to the default layout.
 * A disclosure, so it takes no room until opened; the choice is remembered (ui-store).
 */
import { useUi } from '../app-context';
import {
  columnDefinition,
  DEFAULT_COLUMN_LAYOUT,
  toggleColumn,
  visibleColumns,
} from '../state/table/columns';

export function ColumnChooser() {
  const layout = useUi((state) => state.entryColumns);
  const setEntryColumns = useUi((state) => state.actions.setEntryColumns);
  const onlyOne = visibleColumns(layout).length === 1;
  return (
    <details className="column-chooser">
      <summary>Columns</summary>
      <fieldset className="column-chooser__panel">
        <legend>Columns shown in Entries</legend>
        {layout.map((item) => (
          <label key={item.id} className="check">
            <input
              type="checkbox"
              checked={item.visible}
              // The last shown column stays: a grid without columns shows nothing.
              disabled={item.visible && onlyOne}
              onChange={() => setEntryColumns(toggleColumn(layout, item.id))}
            />
            {columnDefinition(item.id).label}
          </label>
        ))}
        <button type="button" onClick={() => setEntryColumns(DEFAULT_COLUMN_LAYOUT)}>
          Default columns and widths
        </button>
      </fieldset>
    </details>
  );
}
