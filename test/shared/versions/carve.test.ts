/**
 * The shape search at the heart of carving: a BLOB planted anywhere in arbitrary bytes is found
 * at its exact offset with its exact length, through a bytewise encoding too; a copy cut off or
 * running past the bytes given says so with how many tags it kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodedCopy,
  encodingOf,
  findBlobShapes,
  readBlobShape,
  shapeLength,
} from '../../../shared/versions/carve.js';
import { MPBB_I } from '../../../electron/containers/pst/crypt-tables.js';
import { outlookBlob } from '../../../bench/generate-store.js';

const uid = fc.stringMatching(/^[A-Za-z0-9$]{1,40}$/);
const uids = fc.array(uid, { minLength: 1, maxLength: 30 });
const digits = fc.stringMatching(/^[0-9]{14}$/);

function planted(noise: Uint8Array, at: number, blob: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(noise.length + blob.length);
  bytes.set(noise.subarray(0, at), 0);
  bytes.set(blob, at);
  bytes.set(noise.subarray(at), at + blob.length);
  return bytes;
}

describe('findBlobShapes', () => {
  it('finds a BLOB planted at any offset of random bytes, with its exact offset and length', () => {
    fc.assert(
      fc.property(
        uids,
        digits,
        fc.uint8Array({ maxLength: 2000 }),
        fc.nat(),
        (list, time, noise, pick) => {
          const blob = outlookBlob(list, time);
          const at = pick % (noise.length + 1);
          const bytes = planted(noise, at, blob);
          const shape = findBlobShapes(bytes, 0, bytes.length, bytes.length).find(
            (s) => s.start === at,
          );
          expect(shape).toMatchObject({
            start: at,
            declaredCount: list.length,
            tagsRead: list.length,
            end: 'complete',
          });
          expect(shapeLength(shape!, bytes.length)).toBe(blob.length);
          expect(decodedCopy(bytes, at, blob.length)).toEqual(blob);
        },
      ),
    );
  });

  it('finds it through the compressible encoding without decoding the rest', () => {
    const encode = encodingOf(MPBB_I);
    fc.assert(
      fc.property(
        uids,
        digits,
        fc.uint8Array({ maxLength: 1000 }),
        fc.nat(),
        (list, time, noise, pick) => {
          const blob = outlookBlob(list, time);
          const at = pick % (noise.length + 1);
          const encoded = planted(
            noise,
            at,
            blob.map((b) => encode[b]!),
          );
          const shape = findBlobShapes(encoded, 0, encoded.length, encoded.length, MPBB_I).find(
            (s) => s.start === at,
          );
          expect(shape?.tagsRead).toBe(list.length);
          expect(decodedCopy(encoded, at, blob.length, MPBB_I)).toEqual(blob);
        },
      ),
    );
  });

  it('finds a shape that starts before `to` and runs on to `limit` once, by its start', () => {
    const blob = outlookBlob(['1', '2', '3'], '20170605203421');
    const bytes = planted(new Uint8Array(100), 90, blob);
    expect(findBlobShapes(bytes, 0, 91, bytes.length).map((s) => s.start)).toEqual([90]);
    expect(findBlobShapes(bytes, 91, bytes.length, bytes.length)).toEqual([]);
  });
});

describe('readBlobShape', () => {
  const blob = outlookBlob(['1', '2', '3', '4'], '20170612143250');
  const tag = 18; // `+b` + 14 digits + one-character UID + NUL

  it('stops at an overwritten tag, keeping the whole tags before it', () => {
    const cut = blob.slice();
    cut[4 + 2 * tag] = 0x41; // the third tag's operation
    expect(readBlobShape(cut, 0, cut.length)).toEqual({
      start: 0,
      declaredCount: 4,
      tagsRead: 2,
      tagsEnd: 4 + 2 * tag,
      end: 'cut',
    });
  });

  it('says "more" when the bytes end inside a tag', () => {
    const shape = readBlobShape(blob, 0, 4 + tag + 5);
    expect(shape).toMatchObject({ tagsRead: 1, tagsEnd: 4 + tag, end: 'more' });
    expect(shapeLength(shape!, 4 + tag + 5)).toBe(4 + tag);
  });

  it('keeps only the tags when the slack does not fit', () => {
    const limit = 4 + 4 * tag + 3;
    const shape = readBlobShape(blob, 0, limit);
    expect(shape?.end).toBe('complete');
    expect(shapeLength(shape!, limit)).toBe(4 + 4 * tag);
  });

  it('is no shape without a whole tag, with a Count of 0, or without 03 00', () => {
    const zeroCount = blob.slice();
    zeroCount[2] = 0;
    const badFirst = blob.slice();
    badFirst[5] = 0x78; // content 'x'
    const emptyUid = new TextEncoder().encode(
      '\x03\x00\x01\x00+b20170612143250\x00\x00\x00\x00\x00\x00',
    );
    const version4 = blob.slice();
    version4[0] = 4;
    for (const bytes of [zeroCount, badFirst, emptyUid, version4]) {
      expect(readBlobShape(bytes, 0, bytes.length)).toBeNull();
    }
  });
});
