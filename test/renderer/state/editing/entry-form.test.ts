/** The entry editor names every character of a UID that cannot be written, not only the first. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBlob, CLEAN_TAGS } from '../../../fixtures/blobs.js';
import { parseDocument } from '../../../../renderer/src/state/document/document';
import {
  checkEntryForm,
  MAX_NAMED_UNENCODABLE,
  newEntryForm,
  unencodableMessage,
} from '../../../../renderer/src/state/editing/entry-form';

const document = parseDocument(buildBlob(CLEAN_TAGS));
const form = newEntryForm(new Date(Date.UTC(2020, 0, 2, 3, 4, 5)), 'utc');

describe('a UID with characters no escape can hold', () => {
  it('names each of them with its position', () => {
    const check = checkEntryForm({ ...form, uid: 'a€b✓c' }, null, document, null, 'utc');
    expect(check.uidError).toBe(
      'The UID cannot be written: 2 characters cannot be escaped (an escape holds one byte): ' +
        "'€' (U+20AC) at position 2 and '✓' (U+2713) at position 4.",
    );
    expect(check.encodedUid).toBeNull();
    expect(check.fields).toBeNull();
  });

  it('says "character" for one, and counts positions in characters, not UTF-16 units', () => {
    expect(unencodableMessage('😀x€')).toBe(
      'The UID cannot be written: 2 characters cannot be escaped (an escape holds one byte): ' +
        "'😀' (U+1F600) at position 1 and '€' (U+20AC) at position 3.",
    );
    expect(unencodableMessage('ab€')).toBe(
      "The UID cannot be written: character '€' (U+20AC) at position 3 cannot be escaped " +
        '(an escape holds one byte).',
    );
  });

  it(`names the first ${MAX_NAMED_UNENCODABLE} and counts the rest`, () => {
    const message = unencodableMessage('€'.repeat(MAX_NAMED_UNENCODABLE + 3));
    expect(message).toContain(`${MAX_NAMED_UNENCODABLE + 3} characters cannot be escaped`);
    expect(message.match(/U\+20AC/g)).toHaveLength(MAX_NAMED_UNENCODABLE);
    expect(message).toMatch(/at position 5 and 3 more\.$/);
  });

  it('counts exactly the characters past U+00FF, whatever the UID', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (uid) => {
        const bad = [...uid].filter((c) => c.codePointAt(0)! > 0xff);
        fc.pre(bad.length > 0);
        const message = unencodableMessage(uid);
        const named = message.match(/\(U\+[0-9A-F]{4,6}\) at position \d+/g) ?? [];
        expect(named).toHaveLength(Math.min(bad.length, MAX_NAMED_UNENCODABLE));
        if (bad.length > 1) expect(message).toContain(`${bad.length} characters`);
      }),
    );
  });
});
