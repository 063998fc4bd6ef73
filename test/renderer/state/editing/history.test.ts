import { describe, expect, it } from 'vitest';
import { buildBlob, CLEAN_TAGS, EXAMPLE_TAG, problemBlob } from '../../../fixtures/blobs.js';
import { dirtyOf } from '../../../../renderer/src/state/stores/workspace-store';
import { MAX_UNDO_STEPS } from '../../../../renderer/src/state/editing/history';
import {
  deleteEdits,
  duplicateEdits,
  updateEdits,
} from '../../../../renderer/src/state/editing/edits';
import { currentBytes, selected, storeWith, uids } from '../../support/workspace';

const clean = buildBlob(CLEAN_TAGS);

describe('undo and redo', () => {
  it('undoes and redoes add, edit, delete, duplicate and bulk changes exactly', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    const states: Uint8Array[] = [currentBytes(store)];
    const doc = () => store.getState().session!.document;

    expect(
      actions.change(
        'Add entry',
        [{ kind: 'insert', index: 3, fields: { ...EXAMPLE_TAG, uid: 'new' } }],
        'inserted',
      ),
    ).toEqual({ ok: true });
    states.push(currentBytes(store));
    expect(uids(store)).toEqual(['0BC535DB-EA63-11E1-A75C-00215AD7BB74', 'UID_two', '1', 'new']);
    expect(selected(store)).toEqual([3]);

    actions.change('Edit entry #1', updateEdits([1], { uid: 'edited', op: '+' }));
    states.push(currentBytes(store));
    expect(doc().entry(1).op).toBe('+');
    expect(doc().entry(1).rawUid).toBe('edited');

    actions.change('Delete 2 entries', deleteEdits([0, 2]));
    states.push(currentBytes(store));
    expect(uids(store)).toEqual(['edited', 'new']);

    actions.change('Duplicate entry #0', duplicateEdits(doc(), [0]), 'inserted');
    states.push(currentBytes(store));
    expect(uids(store)).toEqual(['edited', 'edited', 'new']);

    actions.change('Set operation of 3 entries', updateEdits([0, 1, 2], { op: '&' }));
    states.push(currentBytes(store));
    expect([0, 1, 2].map((i) => doc().entry(i).op)).toEqual(['&', '&', '&']);
    expect(doc().declaredCount.value).toBe(3);

    for (let k = states.length - 2; k >= 0; k--) {
      expect(actions.undo()).not.toBeNull();
      expect(currentBytes(store)).toEqual(states[k]);
    }
    expect(actions.undo()).toBeNull();
    expect(currentBytes(store)).toEqual(clean);
    for (let k = 1; k < states.length; k++) {
      actions.redo();
      expect(currentBytes(store)).toEqual(states[k]);
    }
    expect(actions.redo()).toBeNull();
  });

  it('returns the label of the step undone and redone', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.change('Delete entry #1', deleteEdits([1]));
    expect(actions.undo()).toBe('Delete entry #1');
    expect(actions.redo()).toBe('Delete entry #1');
  });

  it('restores the selection of before and after each step', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.clickRow(1);
    actions.change('Delete entry #1', deleteEdits([1]));
    // The entry that took the deleted one's place is selected.
    expect(selected(store)).toEqual([1]);
    expect(uids(store)[1]).toBe('1');
    actions.undo();
    expect(selected(store)).toEqual([1]);
    expect(uids(store)[1]).toBe('UID_two');
    actions.clickRow(0);
    actions.clickRow(2, { toggle: true });
    actions.change(
      'Duplicate 2 entries',
      duplicateEdits(store.getState().session!.document, [0, 2]),
      'inserted',
    );
    expect(selected(store)).toEqual([1, 4]);
  });

  it('follows selected entries through inserts and deletes before them', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.clickRow(2);
    actions.change('Delete entry #0', deleteEdits([0]));
    expect(selected(store)).toEqual([1]);
    actions.change('Add', [{ kind: 'insert', index: 0, fields: { ...EXAMPLE_TAG, uid: 'first' } }]);
    expect(selected(store)).toEqual([2]);
    expect(uids(store)[2]).toBe('1');
  });

  it('refuses an edit the codec refuses, leaving the document and history alone', () => {
    const store = storeWith(clean);
    const outcome = store
      .getState()
      .actions.change('Edit entry #0', updateEdits([0], { timestamp: '2012-02-30 00:00' }));
    expect(outcome).toEqual({
      ok: false,
      message: expect.stringMatching(/^Edit entry #0: time '2012-02-30 00:00' is not a real date/),
    });
    expect(currentBytes(store)).toEqual(clean);
    expect(store.getState().history.undo).toHaveLength(0);
    const badUid = store
      .getState()
      .actions.change('Edit entry #0', updateEdits([0], { uid: 'a b' }));
    expect(badUid.ok).toBe(false);
  });

  it('clears the redo list on a new change', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.change('Delete entry #0', deleteEdits([0]));
    actions.undo();
    actions.change('Delete entry #2', deleteEdits([2]));
    expect(actions.redo()).toBeNull();
    expect(uids(store)).toEqual(['0BC535DB-EA63-11E1-A75C-00215AD7BB74', 'UID_two']);
  });

  it('keeps entry ids through undo and redo', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    const ids = () => Array.from(store.getState().session!.ids);
    actions.change('Delete 2 entries', deleteEdits([0, 1]));
    expect(ids()).toEqual([2]);
    actions.change('Add', [{ kind: 'insert', index: 0, fields: { ...EXAMPLE_TAG, uid: 'x' } }]);
    expect(ids()).toEqual([3, 2]);
    actions.undo();
    actions.undo();
    expect(ids()).toEqual([0, 1, 2]);
    actions.redo();
    actions.redo();
    expect(ids()).toEqual([3, 2]);
  });

  it('forgets the oldest steps beyond the limit', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    for (let k = 0; k < MAX_UNDO_STEPS + 3; k++) {
      actions.change('Flip', updateEdits([2], { op: k % 2 === 0 ? '+' : '&' }));
    }
    expect(store.getState().history.undo).toHaveLength(MAX_UNDO_STEPS);
    // The opened state can no longer be reached by undoing: dirty for good.
    expect(store.getState().history.savedDepth).toBeNull();
  });
});

describe('dirty tracking', () => {
  it('is clean when opened, dirty after a change, clean again after undoing it', () => {
    const store = storeWith(problemBlob());
    const { actions } = store.getState();
    expect(dirtyOf(store.getState())).toBe(false);
    actions.change('Delete entry #1', deleteEdits([1]));
    actions.change('Delete entry #0', deleteEdits([0]));
    expect(dirtyOf(store.getState())).toBe(true);
    actions.undo();
    expect(dirtyOf(store.getState())).toBe(true);
    actions.undo();
    expect(dirtyOf(store.getState())).toBe(false);
    actions.redo();
    expect(dirtyOf(store.getState())).toBe(true);
  });

  it('is clean at the saved state, dirty on either side of it', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.change('Delete entry #0', deleteEdits([0]));
    actions.saved({ fileId: 'file-1', name: 'history.bin', path: null, readOnly: false }, true);
    expect(dirtyOf(store.getState())).toBe(false);
    actions.undo();
    expect(dirtyOf(store.getState())).toBe(true);
    actions.redo();
    expect(dirtyOf(store.getState())).toBe(false);
    actions.change('Delete entry #0', deleteEdits([0]));
    expect(dirtyOf(store.getState())).toBe(true);
  });

  it('stays dirty when a change after undoing past the saved state makes it unreachable', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.change('Delete entry #0', deleteEdits([0]));
    actions.saved({ fileId: 'file-1', name: 'history.bin', path: null, readOnly: false }, true);
    actions.undo();
    actions.change('Delete entry #2', deleteEdits([2]));
    actions.undo();
    expect(dirtyOf(store.getState())).toBe(true);
  });

  it('stays dirty when the document changed while it was being saved', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.change('Delete entry #0', deleteEdits([0]));
    actions.saved({ fileId: 'file-1', name: 'history.bin', path: null, readOnly: false }, false);
    expect(dirtyOf(store.getState())).toBe(true);
    expect(store.getState().session!.source.fileId).toBe('file-1');
  });
});
