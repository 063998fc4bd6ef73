/** The filters above the table, and how many entries they let through. */
import { useId } from 'react';
import { useWorkspace } from '../app-context';
import {
  filtersActive,
  type ContentFilter,
  type OperationFilter,
  type SeverityFilter,
} from '../state/table/filters';
import { zoneLabel } from '../state/time-zone';
import { viewOf } from '../state/stores/workspace-store';
import { UID_FILTER_ID } from '../hooks/keyboard';
import { ColumnChooser } from './ColumnChooser';

export function FilterBar() {
  const filters = useWorkspace((state) => state.filters);
  const view = useWorkspace(viewOf);
  const zone = useWorkspace((state) => state.timeZone);
  const { setFilters, clearFilters } = useWorkspace((state) => state.actions);
  const errorId = useId();
  if (!view) return null;
  const uidError = view.filter.uidError;

  return (
    <form
      className="filters"
      role="search"
      aria-label="Filters"
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="filters__uid">
        <input
          id={UID_FILTER_ID}
          type="search"
          aria-label="Filter UIDs"
          placeholder="Filter UIDs (Ctrl+F)"
          value={filters.uidQuery}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setFilters({ uidQuery: event.target.value })}
          aria-invalid={uidError ? true : undefined}
          aria-describedby={uidError ? errorId : undefined}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={filters.uidRegex}
            onChange={(event) => setFilters({ uidRegex: event.target.checked })}
          />
          Regular expression
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filters.uidMatchCase}
            onChange={(event) => setFilters({ uidMatchCase: event.target.checked })}
          />
          Match case
        </label>
        {uidError && (
          <span id={errorId} role="alert" className="field-error">
            {uidError}
          </span>
        )}
      </div>
      <label className="field">
        Operation
        <select
          value={filters.operation}
          onChange={(event) => setFilters({ operation: event.target.value as OperationFilter })}
        >
          <option value="any">Any</option>
          <option value="+">+ get</option>
          <option value="-">- delete</option>
          <option value="&amp;">&amp; get-and-delete</option>
          <option value="unknown">Unknown</option>
        </select>
      </label>
      <label className="field">
        Content
        <select
          value={filters.content}
          onChange={(event) => setFilters({ content: event.target.value as ContentFilter })}
        >
          <option value="any">Any</option>
          <option value="b">b body</option>
          <option value="h">h header</option>
          <option value=" ">none</option>
          <option value="unknown">Unknown</option>
        </select>
      </label>
      <label className="field">
        Severity
        <select
          value={filters.severity}
          onChange={(event) => setFilters({ severity: event.target.value as SeverityFilter })}
        >
          <option value="any">Any</option>
          <option value="error">Errors</option>
          <option value="warning">Warnings</option>
          <option value="info">Info</option>
        </select>
      </label>
      <label className="field">
        From date
        <input
          type="date"
          value={filters.dateFrom}
          onChange={(event) => setFilters({ dateFrom: event.target.value })}
        />
      </label>
      <label className="field">
        To date
        <input
          type="date"
          value={filters.dateTo}
          onChange={(event) => setFilters({ dateTo: event.target.value })}
        />
      </label>
      <span className="filters__zone" data-testid="filter-zone">
        days in {zoneLabel(zone)}
      </span>
      <label className="check">
        <input
          type="checkbox"
          checked={filters.hasDiagnostics}
          onChange={(event) => setFilters({ hasDiagnostics: event.target.checked })}
        />
        Has diagnostics
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={filters.duplicatesOnly}
          onChange={(event) => setFilters({ duplicatesOnly: event.target.checked })}
        />
        Duplicate UIDs
      </label>
      <button type="button" onClick={clearFilters} disabled={!filtersActive(filters)}>
        Clear filters
      </button>
      <span role="status" className="filters__count">
        {view.filter.count} of {view.total} entries
      </span>
      <ColumnChooser />
    </form>
  );
}
