/**
 * Whole-history operations stay exact on 65,535 tags. How long they take is measured by
 * `npm run bench:state` (workspace-state.bench.ts), never asserted here.
 */
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../../bench/generate-history.js';
import { updateEdits } from '../../../renderer/src/state/editing/edits';
import { storeWith } from '../support/workspace';

describe('65,535 tags', () => {
  it('a bulk edit of every tag is one undo step that restores the bytes exactly', () => {
    const blob = generateHistory(65_535, 11);
    const store = storeWith(blob);
    const all = Array.from({ length: 65_535 }, (_, index) => index);
    store.getState().actions.change('Set operation', updateEdits(all, { op: '&' }));
    const edited = store.getState().session!.document;
    expect(edited.bytes).not.toEqual(blob);
    for (const index of [0, 32_767, 65_534]) expect(edited.entry(index).op).toBe('&');
    expect(store.getState().history.undo).toHaveLength(1);
    store.getState().actions.undo();
    expect(store.getState().session!.document.bytes).toEqual(blob);
  });
});
