import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { updateEntry } from '../../../shared/codec/edit.js';
import { parse } from '../../../shared/codec/parse.js';
import { toRaw } from '../../../shared/export/raw.js';
import { buildBlob, CLEAN_TAGS, problemBlob } from '../../fixtures/blobs.js';

describe('toRaw', () => {
  it('gives back the parsed bytes exactly, malformed input included', () => {
    expect(toRaw(parse(problemBlob()))).toEqual(problemBlob());
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(toRaw(parse(bytes))).toEqual(bytes);
      }),
    );
  });

  it('writes an edited document with the edit applied', () => {
    const edited = updateEntry(parse(buildBlob(CLEAN_TAGS)), 1, { uid: 'changed' });
    expect(toRaw(edited)).toEqual(
      buildBlob([CLEAN_TAGS[0]!, { ...CLEAN_TAGS[1]!, uid: 'changed' }, CLEAN_TAGS[2]!]),
    );
  });
});
