import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASH_START, KeyIndex, mixHash } from '../../../shared/compare/key-index.js';

const fold = (uid: string): string => uid.replace(/[A-Z]/g, (c) => c.toLowerCase());
const foldedHash = (uid: string): number => {
  let hash = HASH_START;
  for (const char of fold(uid)) hash = mixHash(hash, char.charCodeAt(0));
  return hash;
};
const sameFolded = (a: string, b: string): boolean => fold(a) === fold(b);

function indexOf(uids: readonly string[], hash: (uid: string) => number): KeyIndex {
  return new KeyIndex(uids, Int32Array.from(uids, hash), sameFolded);
}

describe('KeyIndex', () => {
  it('finds the first UID with the same key, and nothing for another key', () => {
    const index = indexOf(['abc', 'ABC', 'x-Y'], foldedHash);
    expect(index.find('aBc', foldedHash('aBc'))).toBe('abc');
    expect(index.find('X-y', foldedHash('X-y'))).toBe('x-Y');
    expect(index.find('abd', foldedHash('abd'))).toBeUndefined();
  });

  it('confirms every hash hit, so colliding hashes never match different keys', () => {
    // Every key hashing alike: only the comparison tells them apart.
    const index = indexOf(['one', 'two', 'TWO'], () => 7);
    expect(index.find('TWO', 7)).toBe('two');
    expect(index.find('three', 7)).toBeUndefined();
  });

  it('agrees with a search of the list for any UIDs', () => {
    const uid = fc.stringMatching(/^[aAbB]{0,4}$/);
    fc.assert(
      fc.property(fc.array(uid, { maxLength: 40 }), fc.array(uid, { maxLength: 20 }), (a, b) => {
        const index = indexOf(a, foldedHash);
        for (const probe of b) {
          expect(index.find(probe, foldedHash(probe))).toBe(
            a.find((candidate) => sameFolded(candidate, probe)),
          );
        }
      }),
    );
  });
});
