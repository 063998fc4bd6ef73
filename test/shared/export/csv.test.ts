import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../shared/codec/parse.js';
import { applyEdits } from '../../../shared/codec/edit.js';
import { serialize } from '../../../shared/codec/serialize.js';
import { CSV_COLUMNS, csvCell, rawCsvCell, toCsv } from '../../../shared/export/csv.js';
import { sha256Hex } from '../../../shared/hash.js';
import { ascii, buildBlob, CLEAN_TAGS, concatBytes, problemBlob } from '../../fixtures/blobs.js';

/** An RFC 4180 reader: records end with CRLF, quoted fields may hold anything. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${text[i]} at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (record.length > 0) throw new Error('last record has no CRLF');
  return records;
}

const DANGEROUS_START = ['=', '+', '-', '@', '\t', '\r'];

describe('toCsv', () => {
  it('writes the header and one row per entry', () => {
    const blob = buildBlob(CLEAN_TAGS);
    const rows = readCsv(toCsv(parse(blob)));
    const blobSha256 = sha256Hex(blob);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1)).toEqual([
      [
        '0',
        '4',
        '61',
        "'+",
        'get',
        'b',
        'body',
        '2012-09-06T13:11:38Z',
        '20120906131138',
        '0BC535DB$2dEA63$2d11E1$2dA75C$2d00215AD7BB74',
        '0BC535DB-EA63-11E1-A75C-00215AD7BB74',
        '',
        blobSha256,
      ],
      [
        '1',
        '65',
        '26',
        "'-",
        'delete',
        'h',
        'header',
        '2011-01-02T03:04:05Z',
        '20110102030405',
        'UID$5ftwo',
        'UID_two',
        '',
        blobSha256,
      ],
      [
        '2',
        '91',
        '18',
        '&',
        'get-and-delete',
        ' ',
        'none',
        '2013-01-01T00:00:00Z',
        '20130101000000',
        '1',
        '1',
        '',
        blobSha256,
      ],
    ]);
  });

  it('gives the SHA-256 of the exported BLOB, edited or not, in every row', () => {
    const document = parse(buildBlob(CLEAN_TAGS));
    const edited = applyEdits(document, [{ kind: 'delete', index: 1 }]);
    const rows = readCsv(toCsv(edited));
    expect(rows.slice(1).map((row) => row[12])).toEqual([
      sha256Hex(serialize(edited)),
      sha256Hex(serialize(edited)),
    ]);
    expect(sha256Hex(serialize(edited))).not.toBe(sha256Hex(serialize(document)));
  });

  it('raw: keeps every value as decoded, quoting only where RFC 4180 needs it', () => {
    const document = parse(
      buildBlob([
        { op: '+', content: 'b', timestamp: '20120101000000', uid: '-abc' },
        { op: '-', content: 'h', timestamp: '20120101000000', uid: '@user' },
        { op: '&', content: 'b', timestamp: '20120101000000', uid: 'a,"b"' },
      ]),
    );
    const rows = readCsv(toCsv(document, { raw: true }));
    expect(rows.slice(1).map((row) => [row[3], row[10]])).toEqual([
      ['+', '-abc'],
      ['-', '@user'],
      ['&', 'a,"b"'],
    ]);
    expect(toCsv(document, { raw: true })).toContain(',"a,""b""",');
    // The default still neutralises the same cells.
    const safe = readCsv(toCsv(document));
    expect(safe.slice(1).map((row) => [row[3], row[10]])).toEqual([
      ["'+", "'-abc"],
      ["'-", "'@user"],
      ['&', 'a,"b"'],
    ]);
    expect(rawCsvCell('=1+1')).toBe('=1+1');
    expect(rawCsvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('lists the diagnostic codes of each entry and leaves invalid dates empty', () => {
    const rows = readCsv(toCsv(parse(problemBlob())));
    const byIndex = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect(byIndex.get('0')![11]).toBe('uid.duplicate');
    expect(byIndex.get('1')![7]).toBe('');
    expect(byIndex.get('1')![11]).toBe('timestamp.invalid-date;timestamp.invalid-date');
    expect(byIndex.get('3')![11]).toBe('uid.uppercase-escape');
  });

  it('exports only the chosen entries, in the given order', () => {
    const rows = readCsv(toCsv(parse(buildBlob(CLEAN_TAGS)), { entries: [2, 0] }));
    expect(rows.map((row) => row[0])).toEqual(['index', '2', '0']);
    expect(() => toCsv(parse(buildBlob(CLEAN_TAGS)), { entries: [9] })).toThrow(RangeError);
  });

  it('quotes commas, quotes and line breaks, and neutralises formula starts', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  it('never lets a cell start a formula, whatever the UID and fields hold', () => {
    const tagBody = fc
      .array(
        fc.oneof(
          fc.constantFrom(...'=+-@\t\r\n,"$'.split('').map((c) => c.charCodeAt(0))),
          fc.integer({ min: 1, max: 255 }),
        ),
        { maxLength: 40 },
      )
      .map((codes) => Uint8Array.from(codes));
    const uidText = fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(
        fc.array(tagBody, { maxLength: 5 }),
        fc.array(uidText, { maxLength: 5 }),
        (bodies, uids) => {
          // Raw tags cover arbitrary fields; escaped UIDs cover arbitrary decoded UIDs.
          const rawTags = bodies.map((body) => concatBytes(body, Uint8Array.of(0)));
          const uidTags = uids.map((uid) =>
            ascii(
              `+b20120101000000${[...uid].map((c) => `$${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')}\0`,
            ),
          );
          const document = parse(buildBlob([...rawTags, ...uidTags]));
          const rows = readCsv(toCsv(document));
          expect(rows).toHaveLength(document.entries.length + 1);
          for (const row of rows) {
            expect(row).toHaveLength(CSV_COLUMNS.length);
            for (const cell of row) expect(DANGEROUS_START).not.toContain(cell[0]);
          }
          for (const [i, entry] of document.entries.entries()) {
            const row = rows[i + 1]!;
            // The value itself, behind a single quote when it would start a formula.
            const protectedValue = (value: string): string =>
              DANGEROUS_START.includes(value[0] ?? '') ? `'${value}` : value;
            expect(row[10]).toBe(protectedValue(entry.uid));
            expect(row[9]).toBe(protectedValue(entry.rawUid));
            expect(row[3]).toBe(protectedValue(entry.op));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
