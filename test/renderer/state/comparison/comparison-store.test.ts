import { describe, expect, it } from 'vitest';
import { markDownloadedEdits } from '@shared/compare/actions.js';
import { parseListing } from '@shared/listing/parse-listing.js';
import {
  actionTargets,
  comparisonOf,
  createComparisonStore,
  visibleRowsOf,
} from '../../../../renderer/src/state/comparison/comparison-store';
import { buildBlob } from '../../../fixtures/blobs.js';
import { currentBytes, storeWith } from '../../support/workspace';

const HISTORY = buildBlob([
  { op: '+', content: 'b', timestamp: '20240101120000', uid: 'A' },
  { op: '+', content: 'b', timestamp: '20240102120000', uid: 'B' },
  { op: '+', content: 'b', timestamp: '20240103120000', uid: 'B' },
]);
const LISTING = parseListing('1 A\n2 C\n3 D\n');

describe('the comparison derived from the document', () => {
  it('is computed once per document and follows edits, undo and redo', () => {
    const store = storeWith(HISTORY);
    const document = () => store.getState().session!.document;
    const first = comparisonOf(document(), LISTING, 'history.bin');
    expect(comparisonOf(document(), LISTING, 'history.bin')).toBe(first);
    expect(first.counts).toMatchObject({ kept: 1, willDownload: 2, stale: 1 });

    const outcome = store
      .getState()
      .actions.change(
        'Mark',
        markDownloadedEdits(document(), ['C', 'D'], new Date(2024, 5, 1, 8, 30, 0)).edits,
      );
    expect(outcome).toEqual({ ok: true });
    const marked = comparisonOf(document(), LISTING, 'history.bin');
    expect(marked.counts).toMatchObject({ kept: 3, willDownload: 0, stale: 1 });
    expect(document().entry(3).timestampText).toBe('20240601083000');

    store.getState().actions.undo();
    expect(currentBytes(store)).toEqual(HISTORY);
    expect(comparisonOf(document(), LISTING, 'history.bin').counts).toEqual(first.counts);
    store.getState().actions.redo();
    expect(comparisonOf(document(), LISTING, 'history.bin').counts).toEqual(marked.counts);
  });

  it('filters rows by class or flag, in the comparison’s order', () => {
    const comparison = comparisonOf(storeWith(HISTORY).getState().session!.document, LISTING, 'h');
    const uids = (filter: Parameters<typeof visibleRowsOf>[1]) =>
      visibleRowsOf(comparison, filter).map((row) => row.uid);
    expect(uids(null)).toEqual(['A', 'C', 'D', 'B']);
    expect(uids('will-download')).toEqual(['C', 'D']);
    expect(uids('stale')).toEqual(['B']);
    expect(uids('duplicated')).toEqual(['B']);
    expect(uids('kept')).toEqual(['A']);
    expect(visibleRowsOf(comparison, 'stale')).toBe(visibleRowsOf(comparison, 'stale'));
  });

  it('applies an action to the selected rows of its class, or to all of the class', () => {
    const comparison = comparisonOf(storeWith(HISTORY).getState().session!.document, LISTING, 'h');
    const all = comparison.uids;
    const targets = (selected: string[]) =>
      actionTargets(comparison, all, new Set(selected), 'will-download');
    expect(targets([])).toMatchObject({ scope: 'all' });
    expect(targets([]).rows.map((row) => row.uid)).toEqual(['C', 'D']);
    // A selection without a will-download UID leaves the action on all of them.
    expect(targets(['A', 'B']).rows.map((row) => row.uid)).toEqual(['C', 'D']);
    expect(targets(['A', 'D'])).toMatchObject({ scope: 'selected' });
    expect(targets(['A', 'D']).rows.map((row) => row.uid)).toEqual(['D']);
    // Selected but filtered out: not acted on.
    const hidden = actionTargets(comparison, [all[0]!], new Set(['D']), 'will-download');
    expect(hidden).toMatchObject({ scope: 'all' });
  });
});

describe('the comparison store', () => {
  it('shows the view when a side is set, and restarts its filter and selection', () => {
    const state = createComparisonStore().getState;
    state().actions.setFilter('stale');
    state().actions.selectOnly('B');
    state().actions.setSide({ kind: 'listing', name: 'uidl.txt', listing: LISTING });
    expect(state()).toMatchObject({ open: true, filter: null, active: null });
    expect([...state().selected]).toEqual([]);
    state().actions.clear();
    expect(state().side).toBeNull();
    expect(state().open).toBe(true);
    state().actions.hide();
    expect(state().open).toBe(false);
  });

  it('selects with click, Ctrl+click, Shift ranges and select-all over the visible rows', () => {
    const comparison = comparisonOf(storeWith(HISTORY).getState().session!.document, LISTING, 'h');
    const rows = comparison.uids; // A, C, D, B
    const state = createComparisonStore().getState;
    const selected = () => [...state().selected].sort();
    state().actions.selectOnly('C');
    state().actions.extendTo('B', rows);
    expect(selected()).toEqual(['B', 'C', 'D']);
    expect(state().active).toBe('B');
    state().actions.extendTo('A', rows);
    expect(selected()).toEqual(['A', 'C']);
    state().actions.toggleSelected('D');
    expect(selected()).toEqual(['A', 'C', 'D']);
    state().actions.toggleSelected('A');
    expect(selected()).toEqual(['C', 'D']);
    state().actions.selectAll(rows);
    expect(selected()).toEqual(['A', 'B', 'C', 'D']);
    expect(state().active).toBe('A');
    state().actions.setFilter('stale');
    expect(selected()).toEqual([]);
  });
});
