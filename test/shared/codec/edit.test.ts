import { describe, expect, it } from 'vitest';
import {
  appendEntry,
  applyEdits,
  deleteEntries,
  EditError,
  encodeTag,
  insertEntry,
  updateEntry,
} from '../../../shared/codec/edit.js';
import { parse } from '../../../shared/codec/parse.js';
import { serialize } from '../../../shared/codec/serialize.js';
import { blob, latin1, WORKED_EXAMPLE, WORKED_EXAMPLE_TAG } from '../../fixtures/raw-blob.js';

const ascii = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

describe('encodeTag writes tags the way Outlook does', () => {
  it('reproduces the worked example byte for byte', () => {
    const tag = encodeTag({
      op: '+',
      content: 'b',
      timestamp: '20120906131138',
      uid: '0BC535DB-EA63-11E1-A75C-00215AD7BB74',
    });
    expect(Array.from(tag)).toEqual(Array.from(WORKED_EXAMPLE_TAG));
  });

  it('accepts an ISO-like time and a Timestamp object', () => {
    expect(
      ascii(encodeTag({ op: '-', content: ' ', timestamp: '2024-02-29 23:59:58', uid: 'x' })),
    ).toBe('- 20240229235958x\0');
    expect(
      ascii(
        encodeTag({
          op: '&',
          content: 'h',
          timestamp: { year: 2001, month: 1, day: 2, hour: 3, minute: 4, second: 5 },
          uid: 'a.b',
        }),
      ),
    ).toBe('&h20010102030405a$2eb\0');
  });

  it.each([
    [{ op: '*' }, "operation '*' is not one of '+', '-', '&'"],
    [{ content: 'x' }, "content 'x' is not one of"],
    [{ timestamp: '20121306000000' }, "time '20121306000000' is not a real date"],
    [{ timestamp: 'yesterday' }, "time 'yesterday' is not a real date"],
    [{ uid: '' }, 'the UID is empty'],
    [{ uid: 'a b' }, 'character 0x20 at position 2'],
  ])('refuses %o with a clear message', (override, message) => {
    const fields = {
      op: '+' as const,
      content: 'b' as const,
      timestamp: '20120906131138',
      uid: 'abc',
      ...override,
    };
    expect(() => encodeTag(fields as never)).toThrow(EditError);
    expect(() => encodeTag(fields as never)).toThrow(message);
  });
});

describe('document edits', () => {
  const doc = parse(
    blob(3, '+b20120906131138one\0', '-h20120907131138t$2dwo\0', '&b20120908131138three\0'),
  );

  it('update changes only the given field; the rest keeps its bytes as written', () => {
    const edited = updateEntry(doc, 1, { op: '+' });
    expect(ascii(edited.bytes)).toBe(ascii(doc.bytes).replace('-h2012', '+h2012'));
    expect(edited.entries[1]!.rawUid).toBe('t$2dwo');
  });

  it('update of the UID encodes it and keeps a malformed neighbour untouched', () => {
    const odd = parse(blob(2, '+b20120906131138a$2Db\0', '+b20120906131138keep$zz\0'));
    const edited = updateEntry(odd, 0, { uid: 'new-uid' });
    expect(ascii(edited.bytes)).toBe(
      ascii(blob(2, '+b20120906131138new$2duid\0', '+b20120906131138keep$zz\0')),
    );
    expect(edited.entries[1]!.diagnostics.map((d) => d.code)).toEqual(['uid.bad-escape']);
  });

  it('insert, append and delete change Count by their difference', () => {
    const inserted = insertEntry(doc, 0, {
      op: '+',
      content: 'b',
      timestamp: '20200101000000',
      uid: 'first',
    });
    expect(inserted.declaredCount.value).toBe(4);
    expect(inserted.entries.map((e) => e.uid)).toEqual(['first', 'one', 't-wo', 'three']);
    const appended = appendEntry(doc, {
      op: '+',
      content: 'b',
      timestamp: '20200101000000',
      uid: 'last',
    });
    expect(appended.entries.map((e) => e.uid)).toEqual(['one', 't-wo', 'three', 'last']);
    const deleted = deleteEntries(doc, [0, 2]);
    expect(ascii(deleted.bytes)).toBe(ascii(blob(1, '-h20120907131138t$2dwo\0')));
  });

  it('keeps a wrong Count wrong by the same amount (repairing it is a separate, explicit edit)', () => {
    const short = parse(blob(5, '+b20120906131138one\0'));
    const edited = appendEntry(short, {
      op: '+',
      content: 'b',
      timestamp: '20200101000000',
      uid: 'x',
    });
    expect(edited.declaredCount.value).toBe(6);
    const repaired = applyEdits(edited, [{ kind: 'setCount', count: edited.entries.length }]);
    expect(repaired.declaredCount.value).toBe(2);
    expect(repaired.diagnostics).toEqual([]);
  });

  it('inserts before uncounted trailing tags, which stay as they were', () => {
    const withTrailing = parse(blob(1, '+b20120906131138one\0', '+b20120906131138lost\0'));
    const edited = appendEntry(withTrailing, {
      op: '+',
      content: 'b',
      timestamp: '20200101000000',
      uid: 'two',
    });
    expect(edited.entries.map((e) => e.uid)).toEqual(['one', 'two']);
    expect(ascii(edited.bytes.subarray(edited.trailing.start))).toBe('+b20120906131138lost\0');
  });

  it('completes a truncated header when a tag is added', () => {
    const edited = appendEntry(parse(new Uint8Array(0)), {
      op: '+',
      content: 'b',
      timestamp: '20200101000000',
      uid: 'x',
    });
    expect(ascii(edited.bytes)).toBe(ascii(blob(1, '+b20200101000000x\0')));
    expect(edited.diagnostics).toEqual([]);
  });

  it('editing an unterminated last tag terminates it; adding after it is refused', () => {
    const open = parse(blob(1, '+b20120906131138open'));
    expect(ascii(updateEntry(open, 0, { content: 'h' }).bytes)).toBe(
      ascii(blob(1, '+h20120906131138open\0')),
    );
    expect(() =>
      appendEntry(open, { op: '+', content: 'b', timestamp: '20200101000000', uid: 'x' }),
    ).toThrow(/tag #0 has no NUL terminator, so nothing can follow it/);
  });

  it.each([
    [[{ kind: 'delete', index: 3 }], 'there is no tag #3 (the history has 3)'],
    [
      [
        { kind: 'delete', index: 0 },
        { kind: 'update', index: 0, fields: { op: '-' } },
      ],
      'tag #0 is edited twice',
    ],
    [[{ kind: 'setCount', count: 65_536 }], 'Count must be a whole number from 0 to 65535'],
    [
      [{ kind: 'replace', index: 0, bytes: latin1('+b20120906131138a\0b\0') }],
      'hold a NUL at byte 17',
    ],
  ])('refuses %o', (edits, message) => {
    expect(() => applyEdits(doc, edits as never)).toThrow(message);
  });

  it('refuses to grow past 65,535 tags', () => {
    const full = parse(blob(65_535, '+b20120906131138x\0'.repeat(65_535)));
    expect(() =>
      appendEntry(full, { op: '+', content: 'b', timestamp: '20200101000000', uid: 'y' }),
    ).toThrow('the history would hold 65536 tags');
  });

  it('an empty edit list returns the same document; serialize gives the input back', () => {
    const original = parse(WORKED_EXAMPLE);
    expect(applyEdits(original, [])).toBe(original);
    expect(Array.from(serialize(original))).toEqual(Array.from(WORKED_EXAMPLE));
  });
});
