import { describe, expect, it } from 'vitest';
import { ascii, buildBlob, CLEAN_TAGS, EXAMPLE_TAG } from '../../fixtures/blobs.js';
import { changesOf } from '../../../renderer/src/state/changes';
import { deleteEdits, duplicateEdits, updateEdits } from '../../../renderer/src/state/edits';
import { storeWith } from '../support/workspace';

const clean = buildBlob(CLEAN_TAGS);
const changes = (store: ReturnType<typeof storeWith>) => changesOf(store.getState().session!);

describe('changes view', () => {
  it('is empty for an unedited document', () => {
    expect(changes(storeWith(clean))).toEqual([]);
  });

  it('lists an edited entry with each field before and after, as written', () => {
    const store = storeWith(clean);
    store
      .getState()
      .actions.change('Edit', updateEdits([1], { uid: 'UID-2', timestamp: '2011-01-02 03:04:06' }));
    expect(changes(store)).toEqual([
      {
        kind: 'modified',
        index: 1,
        originalIndex: 1,
        fields: [
          { field: 'Timestamp', before: '20110102030405', after: '20110102030406' },
          { field: 'UID', before: 'UID$5ftwo', after: 'UID$2d2' },
        ],
      },
    ]);
  });

  it('lists a deletion once, with the Count change, not every later entry as moved', () => {
    const store = storeWith(clean);
    store.getState().actions.change('Delete', deleteEdits([0]));
    expect(changes(store)).toEqual([
      { kind: 'header', field: 'Count', before: '3', after: '2' },
      {
        kind: 'deleted',
        originalIndex: 0,
        summary: '+b 2012-09-06 13:11:38 UTC 0BC535DB-EA63-11E1-A75C-00215AD7BB74',
      },
    ]);
  });

  it('lists added and duplicated entries where they stand', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.change('Duplicate', duplicateEdits(store.getState().session!.document, [2]));
    actions.change('Add', [{ kind: 'insert', index: 0, fields: { ...EXAMPLE_TAG, uid: 'n' } }]);
    expect(changes(store)).toEqual([
      { kind: 'header', field: 'Count', before: '3', after: '5' },
      { kind: 'added', index: 0, summary: '+b 2012-09-06 13:11:38 UTC n' },
      { kind: 'added', index: 4, summary: '&  2013-01-01 00:00:00 UTC 1' },
    ]);
  });

  it('reports a byte change with the same fields, and an unknown time as written', () => {
    // "$2D" rewritten as "$2d": same decoded UID, other bytes.
    const store = storeWith(buildBlob([ascii('+b20121332000000a$2Db\0')]));
    store
      .getState()
      .actions.change('Edit', [
        { kind: 'replace', index: 0, bytes: ascii('+b20121332000000a$2db\0') },
      ]);
    expect(changes(store)).toEqual([
      {
        kind: 'modified',
        index: 0,
        originalIndex: 0,
        fields: [{ field: 'UID', before: 'a$2Db', after: 'a$2db' }],
      },
    ]);
  });

  it('is empty again once every change is undone', () => {
    const store = storeWith(clean);
    const { actions } = store.getState();
    actions.change('Delete', deleteEdits([0, 1]));
    actions.change('Edit', updateEdits([0], { op: '+' }));
    actions.undo();
    actions.undo();
    expect(changes(store)).toEqual([]);
  });
});
