import { describe, expect, it } from 'vitest';
import {
  DIAGNOSTIC_CATALOGUE,
  DIAGNOSTIC_CODES,
  type DiagnosticCode,
} from '../../../shared/codec/diagnostics.js';
import { parse } from '../../../shared/codec/parse.js';
import type { UidlDocument } from '../../../shared/codec/types.js';
import { blob, latin1, WORKED_EXAMPLE } from '../../fixtures/raw-blob.js';

const text = (doc: UidlDocument, span: { start: number; end: number }): string =>
  String.fromCharCode(...doc.bytes.subarray(span.start, span.end));

function only(doc: UidlDocument, code: DiagnosticCode) {
  const found = doc.diagnostics.filter((d) => d.code === code);
  expect(found, `diagnostics ${JSON.stringify(doc.diagnostics.map((d) => d.code))}`).toHaveLength(
    1,
  );
  return found[0]!;
}

describe('the worked example of docs/FORMAT.md', () => {
  const doc = parse(WORKED_EXAMPLE);

  it('reads the header', () => {
    expect(doc.version).toEqual({ value: 3, span: { start: 0, end: 2 } });
    expect(doc.declaredCount).toEqual({ value: 1, span: { start: 2, end: 4 } });
    expect(doc.trailing).toEqual({ start: 65, end: 65 });
    expect(doc.diagnostics).toEqual([]);
  });

  it('decodes the tag field by field, each with its byte span', () => {
    expect(doc.entries).toHaveLength(1);
    const entry = doc.entries[0]!;
    expect(entry).toMatchObject({
      index: 0,
      offset: 4,
      length: 61,
      terminated: true,
      op: '+',
      content: 'b',
      timestampText: '20120906131138',
      timestamp: { year: 2012, month: 9, day: 6, hour: 13, minute: 11, second: 38 },
      rawUid: '0BC535DB$2dEA63$2d11E1$2dA75C$2d00215AD7BB74',
      uid: '0BC535DB-EA63-11E1-A75C-00215AD7BB74',
      diagnostics: [],
    });
    expect(entry.spans).toEqual({
      tag: { start: 4, end: 65 },
      op: { start: 4, end: 5 },
      content: { start: 5, end: 6 },
      timestamp: { start: 6, end: 20 },
      uid: { start: 20, end: 64 },
      terminator: { start: 64, end: 65 },
    });
    expect(text(doc, entry.spans.op)).toBe('+');
    expect(text(doc, entry.spans.content)).toBe('b');
    expect(text(doc, entry.spans.timestamp)).toBe('20120906131138');
    expect(text(doc, entry.spans.uid)).toBe(entry.rawUid);
    expect(doc.bytes[entry.spans.terminator.start]).toBe(0);
  });
});

const GOOD = '+b20120906131138abc\0';

describe('diagnostics, one per docs/FORMAT.md decision, each with its byte range', () => {
  it('header.truncated: fewer than 4 bytes', () => {
    for (const bytes of [new Uint8Array(0), Uint8Array.of(3), Uint8Array.of(3, 0, 1)]) {
      const doc = parse(bytes);
      const d = only(doc, 'header.truncated');
      expect([d.start, d.end]).toEqual([0, bytes.length]);
      expect(doc.entries).toEqual([]);
    }
    const doc = parse(Uint8Array.of(3, 0, 1));
    expect(doc.version.value).toBe(3);
    expect(doc.declaredCount).toEqual({ value: null, span: { start: 2, end: 3 } });
    expect(doc.trailing).toEqual({ start: 3, end: 3 });
  });

  it('version.unsupported: version other than 3', () => {
    const bytes = blob(1, GOOD);
    bytes[0] = 2;
    const d = only(parse(bytes), 'version.unsupported');
    expect([d.start, d.end, d.severity]).toEqual([0, 2, 'error']);
    expect(d.message).toBe(
      'The version at bytes 0–1 (2 bytes; 0x0–0x1) is 2; Outlook writes and reads only version 3.',
    );
  });

  it('count.mismatch: count larger than the tags present', () => {
    const doc = parse(blob(3, GOOD, GOOD.replace('abc', 'abd')));
    const d = only(doc, 'count.mismatch');
    expect([d.start, d.end]).toEqual([2, 4]);
    expect(d.message).toContain('declares 3 tags but the BLOB ends after 2');
    expect(doc.entries).toHaveLength(2);
  });

  it('trailing.uncounted-tags: more strings than Count, kept as trailing bytes', () => {
    const bytes = blob(1, GOOD, '+b20120906131138xyz\0', '-b20120906131138q\0');
    const doc = parse(bytes);
    expect(doc.entries).toHaveLength(1);
    expect(doc.trailing).toEqual({ start: 4 + GOOD.length, end: bytes.length });
    const d = only(doc, 'trailing.uncounted-tags');
    expect([d.start, d.end, d.severity]).toEqual([doc.trailing.start, doc.trailing.end, 'error']);
    expect(d.message).toMatch(/^2 NUL-terminated tags follow the 1 counted/);
  });

  it('trailing.bytes: stray bytes without a NUL after the last counted tag', () => {
    const doc = parse(blob(1, GOOD, 'junk'));
    const d = only(doc, 'trailing.bytes');
    expect([d.start, d.end, d.severity]).toEqual([4 + GOOD.length, 4 + GOOD.length + 4, 'warning']);
  });

  it('count.overflow: a Count of 65,535 followed by more tags', () => {
    const tags = Array.from({ length: 65_537 }, (_, i) => `+b20120906131138u${i}\0`);
    const doc = parse(blob(65_535, tags.join('')));
    expect(doc.entries).toHaveLength(65_535);
    const d = only(doc, 'count.overflow');
    expect(d.message).toContain('65537 tags');
    expect([d.start, d.end]).toEqual([doc.trailing.start, doc.bytes.length]);
    expect(doc.diagnostics.some((x) => x.code === 'trailing.uncounted-tags')).toBe(false);
  });

  it('tag.unterminated: the last tag without its NUL', () => {
    const doc = parse(blob(2, GOOD, '+b20120906131138xyz'));
    const d = only(doc, 'tag.unterminated');
    const entry = doc.entries[1]!;
    expect(entry.terminated).toBe(false);
    expect(entry.spans.terminator).toEqual({ start: doc.bytes.length, end: doc.bytes.length });
    expect([d.start, d.end, d.entry]).toEqual([entry.offset, doc.bytes.length, 1]);
    expect(entry.uid).toBe('xyz');
  });

  it('tag.too-short: fields missing, spans clipped to the tag', () => {
    const doc = parse(blob(1, '+b2012\0'));
    const entry = doc.entries[0]!;
    const d = only(doc, 'tag.too-short');
    expect([d.start, d.end]).toEqual([4, 10]);
    expect(entry.spans.timestamp).toEqual({ start: 6, end: 10 });
    expect(entry.spans.uid).toEqual({ start: 10, end: 10 });
    expect(entry.timestampText).toBe('2012');
    expect(entry.timestamp).toBeNull();
    expect(doc.diagnostics.map((x) => x.code)).toEqual(['tag.too-short']);
  });

  it('an empty tag (a lone NUL) is a too-short tag with empty fields', () => {
    const doc = parse(blob(1, '\0'));
    expect(doc.entries[0]).toMatchObject({
      op: '',
      content: '',
      timestampText: '',
      rawUid: '',
      uid: '',
      length: 1,
    });
    expect(doc.diagnostics.map((x) => x.code)).toEqual(['tag.too-short']);
  });

  it('tag.invalid-utf8: the exact invalid bytes', () => {
    const doc = parse(blob(1, latin1('+b20120906131138ab\xff\xfecd\0')));
    const d = only(doc, 'tag.invalid-utf8');
    expect([d.start, d.end]).toEqual([4 + 18, 4 + 20]);
    expect(doc.entries[0]!.rawUid).toBe('ab\uFFFD\uFFFDcd');
  });

  it('valid UTF-8 in a UID is decoded, and flagged as unescaped and outside RFC 1939', () => {
    const doc = parse(blob(1, latin1('+b20120906131138a\xc3\xa9b\0')));
    expect(doc.entries[0]!.rawUid).toBe('aéb');
    expect(doc.entries[0]!.uid).toBe('aéb');
    const unescaped = only(doc, 'uid.unescaped-char');
    expect([unescaped.start, unescaped.end]).toEqual([21, 23]);
    expect(only(doc, 'uid.invalid-char').start).toBe(21);
    expect(doc.diagnostics.some((x) => x.code === 'tag.invalid-utf8')).toBe(false);
  });

  it('op.unknown and content.unknown', () => {
    const doc = parse(blob(1, '*x20120906131138abc\0'));
    const op = only(doc, 'op.unknown');
    const content = only(doc, 'content.unknown');
    expect([op.start, op.end]).toEqual([4, 5]);
    expect([content.start, content.end]).toEqual([5, 6]);
    expect(doc.entries[0]!.op).toBe('*');
    expect(doc.entries[0]!.content).toBe('x');
  });

  it('non-printable op bytes are shown as \\xNN', () => {
    const doc = parse(blob(1, latin1('\x01 20120906131138abc\0')));
    expect(doc.entries[0]!.op).toBe('\\x01');
    expect(only(doc, 'op.unknown').message).toContain('0x01');
  });

  it('every valid operation and content is accepted', () => {
    for (const op of ['+', '-', '&']) {
      for (const content of [' ', 'h', 'b']) {
        expect(parse(blob(1, `${op}${content}20120906131138abc\0`)).diagnostics).toEqual([]);
      }
    }
  });

  it('timestamp.not-digits', () => {
    const doc = parse(blob(1, '+b2012O906131138abc\0'));
    const d = only(doc, 'timestamp.not-digits');
    expect([d.start, d.end]).toEqual([6, 20]);
    expect(d.message).toContain("'O' (0x4F) at byte 10");
    expect(doc.entries[0]!.timestamp).toBeNull();
    expect(doc.entries[0]!.timestampText).toBe('2012O906131138');
  });

  it.each([
    ['month 13', '20121306131138', [['month', 10, 12]]],
    ['31 February', '20120231131138', [['day', 12, 14]]],
    ['29 February 2013 (not leap)', '20130229131138', [['day', 12, 14]]],
    [
      'hour 24 and minute 60',
      '20120906246038',
      [
        ['hour', 14, 16],
        ['minute', 16, 18],
      ],
    ],
    ['second 60', '20120906131160', [['second', 18, 20]]],
    ['day 00', '20120900131138', [['day', 12, 14]]],
  ])('timestamp.invalid-date: %s, with the span of the component', (_, digits, expected) => {
    const doc = parse(blob(1, `+b${digits}abc\0`));
    const found = doc.diagnostics.filter((d) => d.code === 'timestamp.invalid-date');
    expect(found.map((d) => [d.message.split(' ')[2], d.start, d.end])).toEqual(expected);
    expect(doc.entries[0]!.timestamp).toBeNull();
  });

  it('29 February of a leap year is valid', () => {
    const doc = parse(blob(1, '+b20000229000000abc\0'));
    expect(doc.diagnostics).toEqual([]);
    expect(doc.entries[0]!.timestamp).toEqual({
      year: 2000,
      month: 2,
      day: 29,
      hour: 0,
      minute: 0,
      second: 0,
    });
  });

  it('uid.empty', () => {
    const doc = parse(blob(1, '+b20120906131138\0'));
    const d = only(doc, 'uid.empty');
    expect([d.start, d.end]).toEqual([20, 20]);
    expect(doc.diagnostics).toHaveLength(1);
  });

  it.each([
    ['$zz', 'ab$zzcd', [22, 25], 'ab$zzcd'],
    ['$2 at the end', 'ab$2', [22, 24], 'ab$2'],
    ['$ at the end', 'ab$', [22, 23], 'ab$'],
    ['$ before an escape', 'ab$$2dc', [22, 23], 'ab$-c'],
    ['$g1', 'a$g1', [21, 24], 'a$g1'],
  ])('uid.bad-escape: %s is kept and its bytes are the span', (_, uid, span, decoded) => {
    const doc = parse(blob(1, `+b20120906131138${uid}\0`));
    const d = only(doc, 'uid.bad-escape');
    expect([d.start, d.end]).toEqual(span);
    expect(doc.entries[0]!.uid).toBe(decoded);
    expect(doc.entries[0]!.rawUid).toBe(uid);
  });

  it('uid.unescaped-char: one finding per UID with the first position and a count', () => {
    const doc = parse(blob(1, '+b20120906131138a-b.c\0'));
    const d = only(doc, 'uid.unescaped-char');
    expect([d.start, d.end]).toEqual([21, 22]);
    expect(d.message).toContain('(and 1 more in this UID, at byte 23)');
    expect(doc.entries[0]!.uid).toBe('a-b.c');
  });

  it('names where the later occurrences of a problem are, the first four of them', () => {
    // Six upper-case escapes in one UID, at bytes 20, 24, 28, 32, 36 and 40.
    const doc = parse(blob(1, '+b20120906131138$2D.$2D.$2D.$2D.$2D.$2D\0'));
    const d = only(doc, 'uid.uppercase-escape');
    expect([d.start, d.end]).toEqual([20, 23]);
    expect(d.message).toContain('(and 5 more in this UID, the first 4 at bytes 24, 28, 32 and 36)');
    for (const offset of [24, 28, 32, 36])
      expect(text(doc, { start: offset, end: offset + 3 })).toBe('$2D');
    const bad = only(parse(blob(1, '+b20120906131138a$zzb$2\0')), 'uid.bad-escape');
    expect(bad.message).toContain('(and 1 more in this UID, at byte 25)');
  });

  it('uid.invalid-char: an escape of a space or control character', () => {
    const doc = parse(blob(1, '+b20120906131138a$20b\0'));
    const d = only(doc, 'uid.invalid-char');
    expect([d.start, d.end]).toEqual([21, 24]);
    expect(doc.entries[0]!.uid).toBe('a b');
  });

  it('uid.too-long: more than 70 decoded characters', () => {
    const ok = parse(blob(1, `+b20120906131138${'a'.repeat(68)}$2d\0`));
    expect(ok.diagnostics).toEqual([]);
    const doc = parse(blob(1, `+b20120906131138${'a'.repeat(70)}$2d\0`));
    const d = only(doc, 'uid.too-long');
    expect([d.start, d.end]).toEqual([20, 20 + 73]);
    expect(d.message).toContain('71 characters');
  });

  it('uid.uppercase-escape and uid.escaped-alphanumeric are info only', () => {
    const doc = parse(blob(1, '+b20120906131138a$2Db$41\0'));
    const upper = only(doc, 'uid.uppercase-escape');
    const alnum = only(doc, 'uid.escaped-alphanumeric');
    expect([upper.start, upper.end, upper.severity]).toEqual([21, 24, 'info']);
    expect([alnum.start, alnum.end, alnum.severity]).toEqual([25, 28, 'info']);
    expect(doc.entries[0]!.uid).toBe('a-bA');
  });

  it('uid.duplicate: every occurrence, listing the entries involved', () => {
    const doc = parse(
      blob(
        4,
        '+b20120906131138a$2db\0',
        '+b20120906131138other\0',
        '-b20120906131138a$2Db\0',
        '&b20120906131138a$2db\0',
      ),
    );
    const found = doc.diagnostics.filter((d) => d.code === 'uid.duplicate');
    expect(found.map((d) => d.entry)).toEqual([0, 2, 3]);
    for (const d of found) {
      expect(d.relatedEntries).toEqual([0, 2, 3]);
      const entry = doc.entries[d.entry!]!;
      expect([d.start, d.end]).toEqual([entry.spans.uid.start, entry.spans.uid.end]);
      expect(entry.diagnostics).toContain(d);
    }
    expect(found[0]!.message).toContain("UID 'a-b' appears in 3 tags (#0, #2, #3)");
    expect(doc.entries[1]!.diagnostics).toEqual([]);
  });

  it('the catalogue gives each of its 22 codes a severity and a title', () => {
    for (const code of DIAGNOSTIC_CODES) {
      expect(['error', 'warning', 'info']).toContain(DIAGNOSTIC_CATALOGUE[code].severity);
      expect(DIAGNOSTIC_CATALOGUE[code].title.length).toBeGreaterThan(10);
    }
    expect(DIAGNOSTIC_CODES).toHaveLength(22);
  });

  it('document diagnostics are sorted by offset and every entry finding is in the document list', () => {
    const doc = parse(
      blob(3, '*x2012O906131138a b\0', '+b20121306131138ok\0', '+b20120906131138ok\0'),
    );
    const starts = doc.diagnostics.map((d) => d.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const entry of doc.entries)
      for (const d of entry.diagnostics) expect(doc.diagnostics).toContain(d);
  });
});

describe('structure', () => {
  it('a history with no tags is valid', () => {
    const doc = parse(Uint8Array.of(3, 0, 0, 0));
    expect(doc.entries).toEqual([]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('Count = 0 followed by tags: the tags are trailing and reported', () => {
    const doc = parse(blob(0, GOOD));
    expect(doc.entries).toEqual([]);
    expect(only(doc, 'trailing.uncounted-tags').message).toMatch(
      /^1 NUL-terminated tag follows the 0 counted/,
    );
  });

  it('65,535 copies of one UID: one group, every tag flagged, each finding listing all', () => {
    const doc = parse(blob(65_535, '+b20120906131138same\0'.repeat(65_535)));
    const found = doc.diagnostics.filter((d) => d.code === 'uid.duplicate');
    expect(found).toHaveLength(65_535);
    expect(found[65_534]!.relatedEntries).toHaveLength(65_535);
    expect(found[0]!.message).toContain('appears in 65535 tags (#0, #1, #2, #3, #4, #5, ...)');
  });

  it('65,535 empty tags (NULs only) are each a too-short tag, and nothing else', () => {
    const doc = parse(blob(65_535, new Uint8Array(65_535)));
    expect(doc.entryCount).toBe(65_535);
    expect(new Set(doc.diagnostics.map((d) => d.code))).toEqual(new Set(['tag.too-short']));
    expect(doc.entry(65_534).spans.tag).toEqual({ start: 4 + 65_534, end: 4 + 65_535 });
  });

  it('the parser never reads past the data it is given (a subarray view)', () => {
    const backing = blob(1, GOOD, 'extra-bytes-not-in-view');
    const view = backing.subarray(0, 4 + GOOD.length);
    const doc = parse(view);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.trailing).toEqual({ start: view.length, end: view.length });
  });
});
