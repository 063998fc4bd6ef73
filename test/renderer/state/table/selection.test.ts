import { describe, expect, it } from 'vitest';
import { buildBlob, CLEAN_TAGS } from '../../../fixtures/blobs.js';
import { generateHistory } from '../../../../bench/generate-history.js';
import { deleteEdits, updateEdits } from '../../../../renderer/src/state/editing/edits';
import { NO_FILTERS } from '../../../../renderer/src/state/table/filters';
import { selectedIndexes } from '../../../../renderer/src/state/table/selection';
import { selected, storeWith } from '../../support/workspace';

const ten = generateHistory(10, 3);

describe('selection', () => {
  it('selects one row on click and moves the anchor there', () => {
    const store = storeWith(ten);
    store.getState().actions.clickRow(4);
    expect(selected(store)).toEqual([4]);
    expect(store.getState().selection).toMatchObject({ anchor: 4, active: 4, bytes: null });
  });

  it('selects a range from the anchor on shift+click, in either direction', () => {
    const store = storeWith(ten);
    const { actions } = store.getState();
    actions.clickRow(3);
    actions.clickRow(6, { range: true });
    expect(selected(store)).toEqual([3, 4, 5, 6]);
    actions.clickRow(1, { range: true });
    expect(selected(store)).toEqual([1, 2, 3]);
    expect(store.getState().selection).toMatchObject({ anchor: 3, active: 1 });
  });

  it('follows the displayed order for ranges when sorted', () => {
    const store = storeWith(ten);
    const { actions } = store.getState();
    actions.setSort({ column: 'index', direction: 'descending' });
    actions.clickRow(7);
    actions.clickRow(5, { range: true });
    expect(selected(store)).toEqual([5, 6, 7]);
  });

  it('skips hidden entries in a range', () => {
    const store = storeWith(buildBlob(CLEAN_TAGS));
    const { actions } = store.getState();
    actions.setFilters({ dateFrom: '2012-01-01' }); // hides entry 1
    actions.clickRow(0);
    actions.clickRow(2, { range: true });
    expect(selected(store)).toEqual([0, 2]);
  });

  it('toggles single rows on ctrl+click and adds ranges on ctrl+shift+click', () => {
    const store = storeWith(ten);
    const { actions } = store.getState();
    actions.clickRow(1);
    actions.clickRow(3, { toggle: true });
    actions.clickRow(5, { toggle: true });
    expect(selected(store)).toEqual([1, 3, 5]);
    actions.clickRow(3, { toggle: true });
    expect(selected(store)).toEqual([1, 5]);
    actions.clickRow(8, { range: true, toggle: true }); // anchor is 3 (last toggled)
    expect(selected(store)).toEqual([1, 3, 4, 5, 6, 7, 8]);
  });

  it('moves with the keyboard: arrows, pages, first and last, extending with shift', () => {
    const store = storeWith(ten);
    const { actions } = store.getState();
    actions.move({ by: 1 }, false); // from nothing: the first row
    expect(selected(store)).toEqual([0]);
    actions.move({ by: 1 }, false);
    actions.move({ by: 1 }, false);
    expect(selected(store)).toEqual([2]);
    actions.move({ by: 2 }, true);
    expect(selected(store)).toEqual([2, 3, 4]);
    actions.move({ by: -3 }, true);
    expect(selected(store)).toEqual([1, 2]);
    actions.move({ by: 100 }, false); // Page Down past the end stops at the last row
    expect(selected(store)).toEqual([9]);
    actions.move({ to: 'first' }, false);
    expect(selected(store)).toEqual([0]);
    actions.move({ to: 'last' }, true);
    expect(selected(store)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(store.getState().selection.active).toBe(9);
  });

  it('selects every visible row', () => {
    const store = storeWith(buildBlob(CLEAN_TAGS));
    const { actions } = store.getState();
    actions.setFilters({ operation: '-' });
    actions.selectAllVisible();
    expect(selected(store)).toEqual([1]);
  });

  it('highlights explicit bytes with or without an entry', () => {
    const store = storeWith(buildBlob(CLEAN_TAGS));
    const { actions } = store.getState();
    actions.selectEntry(1, { start: 67, end: 81, label: 'Timestamp' });
    expect(store.getState().selection).toMatchObject({
      active: 1,
      bytes: { start: 67, end: 81, label: 'Timestamp' },
    });
    actions.selectBytes({ start: 2, end: 4, label: 'Count' });
    expect(selected(store)).toEqual([]);
    expect(store.getState().selection.bytes).toEqual({ start: 2, end: 4, label: 'Count' });
    actions.clickRow(0);
    expect(store.getState().selection.bytes).toBeNull();
  });
});

describe('the selection holds only entries the table shows', () => {
  const clean = buildBlob(CLEAN_TAGS);

  it('drops an entry an edit hides from the filters, so Delete cannot reach it', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.setFilters({ operation: '-' });
    actions.clickRow(1);
    actions.change('Edit entry #1', updateEdits([1], { op: '+' }));
    expect(store.getState().session!.document.entry(1).op).toBe('+');
    expect(selected(store)).toEqual([]);
    expect(store.getState().selection.active).toBeNull();
    // What Delete and the bulk dialog's "Selected entries" act on.
    expect(selectedIndexes(store.getState().selection)).toEqual([]);
  });

  it('does not bring back, on undo or redo, a selection the filters now hide', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.clickRow(0);
    actions.change('Delete entry #0', deleteEdits([0]));
    actions.setFilters({ uidQuery: 'UID_two' });
    actions.undo();
    expect(store.getState().session!.document.entryCount).toBe(3);
    expect(selected(store)).toEqual([]);
    actions.clearFilters();
    actions.clickRow(1);
    actions.change('Set operation of entry #1', updateEdits([1], { op: '+' }));
    actions.undo();
    actions.setFilters({ operation: '-' });
    actions.clickRow(1);
    actions.redo();
    expect(selected(store)).toEqual([]);
  });

  it('clears the filters to show an entry selected by its bytes or a finding', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.setFilters({ operation: '&' });
    expect(actions.selectEntry(2)).toBe(false);
    expect(store.getState().filters.operation).toBe('&');
    expect(actions.selectEntry(0, { start: 5, end: 6, label: 'content' })).toBe(true);
    expect(store.getState().filters).toEqual(NO_FILTERS);
    expect(selected(store)).toEqual([0]);
    expect(store.getState().selection.bytes).toEqual({ start: 5, end: 6, label: 'content' });
  });
});
