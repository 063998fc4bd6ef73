import { describe, expect, it } from 'vitest';
import { ascii, buildBlob, CLEAN_TAGS, problemBlob } from '../../../fixtures/blobs.js';
import { parseDocument } from '../../../../renderer/src/state/document/document';
import { entryAt, ownerOf, ownersOf } from '../../../../renderer/src/state/document/byte-owner';

describe('byte owners', () => {
  const document = parseDocument(buildBlob(CLEAN_TAGS)); // tags at 4 (61 bytes), 65 (26), 91 (18)

  it('names header fields, entry fields and the terminator', () => {
    expect(ownerOf(document, 0)).toEqual({ kind: 'version' });
    expect(ownerOf(document, 3)).toEqual({ kind: 'count' });
    expect(ownerOf(document, 4)).toEqual({ kind: 'entry', index: 0, field: 'op' });
    expect(ownerOf(document, 5)).toEqual({ kind: 'entry', index: 0, field: 'content' });
    expect(ownerOf(document, 6)).toEqual({ kind: 'entry', index: 0, field: 'timestamp' });
    expect(ownerOf(document, 19)).toEqual({ kind: 'entry', index: 0, field: 'timestamp' });
    expect(ownerOf(document, 20)).toEqual({ kind: 'entry', index: 0, field: 'uid' });
    expect(ownerOf(document, 64)).toEqual({ kind: 'entry', index: 0, field: 'nul' });
    expect(ownerOf(document, 65)).toEqual({ kind: 'entry', index: 1, field: 'op' });
    expect(ownerOf(document, 108)).toEqual({ kind: 'entry', index: 2, field: 'nul' });
    expect(ownerOf(document, 109)).toEqual({ kind: 'none' });
  });

  it('finds trailing bytes and the entry of any byte by binary search', () => {
    const problem = parseDocument(problemBlob());
    expect(ownerOf(problem, 178)).toEqual({ kind: 'trailing' });
    expect(ownerOf(problem, 180)).toEqual({ kind: 'trailing' });
    expect([4, 64, 65, 91, 92, 152, 153, 177].map((offset) => entryAt(problem, offset))).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3,
    ]);
  });

  it('gives an unterminated tag no NUL field', () => {
    const open = parseDocument(buildBlob([ascii('+b20120101000000abc')]));
    expect(ownerOf(open, 22)).toEqual({ kind: 'entry', index: 0, field: 'uid' });
  });
});

describe('owners of a range', () => {
  it('agrees with ownerOf byte by byte across tags, header and trailing bytes', () => {
    const document = parseDocument(problemBlob());
    for (const [start, end] of [
      [0, 16],
      [60, 100],
      [160, 181],
      [0, 181],
    ] as const) {
      expect(ownersOf(document, start, end)).toEqual(
        Array.from({ length: end - start }, (_, k) => ownerOf(document, start + k)),
      );
    }
  });
});
