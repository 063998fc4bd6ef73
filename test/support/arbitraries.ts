/** fast-check generators of BLOBs: arbitrary bytes, and BLOB-shaped bytes with mutations. */
import fc from 'fast-check';
import { latin1 } from './blob.js';

const byte = fc.integer({ min: 0, max: 255 });

/** A UID character, mostly the kinds servers use, sometimes anything but NUL. */
const uidChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcXYZ0189-._@+$'.split('')) },
  { weight: 1, arbitrary: byte.filter((b) => b !== 0).map((b) => String.fromCharCode(b)) },
);

/** A tag as text (one char a byte), well-formed or slightly off. */
export const tagText = fc
  .record({
    op: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('+', '-', '&') },
      { weight: 1, arbitrary: fc.constantFrom('x', '\x01', '\xc3') },
    ),
    content: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(' ', 'h', 'b') },
      { weight: 1, arbitrary: fc.constantFrom('q', '\xa9') },
    ),
    time: fc.oneof(
      {
        weight: 8,
        arbitrary: fc
          .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
          .map(digits),
      },
      { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{14}$/) },
      { weight: 1, arbitrary: fc.string({ minLength: 0, maxLength: 14 }) },
    ),
    uid: fc.array(uidChar, { minLength: 0, maxLength: 80 }).map((chars) => chars.join('')),
    nul: fc.oneof(
      { weight: 12, arbitrary: fc.constant('\0') },
      { weight: 1, arbitrary: fc.constant('') },
    ),
  })
  .map(({ op, content, time, uid, nul }) => op + content + time.replace(/\0/g, '') + uid + nul);

function digits(date: Date): string {
  return date.toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

/** Header, a count near the number of tags, the tags, maybe trailing junk. */
export const blobLike = fc
  .record({
    version: fc.oneof(
      { weight: 9, arbitrary: fc.constant(3) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }) },
    ),
    tags: fc.array(tagText, { maxLength: 12 }),
    countDelta: fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: -3, max: 3 }) },
    ),
    trailing: fc.oneof(
      { weight: 6, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
    ),
  })
  .map(({ version, tags, countDelta, trailing }) => {
    const count = Math.max(0, Math.min(0xffff, tags.length + countDelta));
    const body = latin1(tags.join('') + trailing.replace(/[^\0-\xff]/g, '?'));
    const out = new Uint8Array(4 + body.length);
    out.set([version & 0xff, version >> 8, count & 0xff, count >> 8]);
    out.set(body, 4);
    return out;
  });

/** BLOB-shaped bytes after random damage: truncation, bit flips, inserted bytes. */
export const damagedBlob = fc
  .tuple(
    blobLike,
    fc.array(fc.tuple(fc.nat(), byte, fc.constantFrom('flip', 'insert', 'truncate')), {
      maxLength: 4,
    }),
  )
  .map(([bytes, damages]) => {
    let out = Array.from(bytes);
    for (const [position, value, kind] of damages) {
      if (out.length === 0) break;
      const at = position % out.length;
      if (kind === 'flip') out[at] = out[at]! ^ (1 << (value % 8));
      if (kind === 'insert') out.splice(at, 0, value);
      if (kind === 'truncate') out = out.slice(0, at);
    }
    return Uint8Array.from(out);
  });

/** Any bytes at all, and the BLOB-shaped kinds, for properties that must hold for every input. */
export const anyInput = fc.oneof(fc.uint8Array({ maxLength: 400 }), blobLike, damagedBlob);
