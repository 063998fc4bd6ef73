import { describe, expect, test } from 'vitest';
import {
  DOVECOT_BLOB,
  DOVECOT_HEXDUMP,
  DOVECOT_XXD,
  DOVECOT_XXD_G1,
  EXAMPLE_BLOB,
  EXAMPLE_HEXDUMP,
  EXAMPLE_XXD,
  HEX_DIGITS_XXD,
  SQUEEZED_HEXDUMP,
} from './fixtures.js';
import { decodeErrorOf, decodeString, describeError } from './helpers.js';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('hex dumps', () => {
  test.each([
    ['xxd', EXAMPLE_XXD, EXAMPLE_BLOB],
    ['hexdump -C', EXAMPLE_HEXDUMP, EXAMPLE_BLOB],
    ['xxd, text column of hex digits', DOVECOT_XXD, DOVECOT_BLOB],
    ['xxd -g1, text column of hex digits', DOVECOT_XXD_G1, DOVECOT_BLOB],
    ['hexdump -C, text column of hex digits', DOVECOT_HEXDUMP, DOVECOT_BLOB],
    ['xxd, every text column hex digits', HEX_DIGITS_XXD, ascii('0123456789ABCDEF0123')],
    ['xxd with CRLF line ends', EXAMPLE_XXD.replace(/\n/g, '\r\n'), EXAMPLE_BLOB],
  ])('%s', (_name, text, bytes) => {
    const decoded = decodeString(text);
    expect(decoded.format).toBe('hex');
    expect(decoded.shape).toBe('offset-dump');
    expect(decoded.bytes).toEqual(bytes);
    expect(decoded.diagnostics).toEqual([]);
  });

  test("hexdump's '*' lines are expanded up to the next offset", () => {
    const decoded = decodeString(SQUEEZED_HEXDUMP);
    expect(decoded.bytes).toEqual(ascii(`${'A'.repeat(92)}B`));
  });

  test('a generic hex-editor dump with a 4-digit offset and a colon', () => {
    const text = `0000: 03 00 01 00 2B 62 32 30 31 32 30 39 30 36 31 33   ....+b2012090613
0010: 31 31 33 38 30 42 43 35 33 35 44 42 24 32 64 45   11380BC535DB$2dE
0020: 41 36 33 24 32 64 31 31 45 31 24 32 64 41 37 35   A63$2d11E1$2dA75
0030: 43 24 32 64 30 30 32 31 35 41 44 37 42 42 37 34   C$2d00215AD7BB74
0040: 00                                                .`;
    expect(decodeString(text).bytes).toEqual(EXAMPLE_BLOB);
  });

  test('a dump under column headers, without colons (HxD style)', () => {
    const text = `Offset(h) 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F

00000000  03 00 02 00 2B 62 32 30 31 32 30 39 30 36 31 33  ....+b2012090613
00000010  31 31 33 38 30 30 30 30 30 30 30 31 34 46 33 41  1138000000014F3A
00000020  32 42 31 43 00 2B 62 32 30 31 32 30 39 30 36 31  2B1C.+b201209061
00000030  33 31 31 34 32 30 30 30 30 30 30 30 32 34 46 33  31142000000024F3
00000040  41 32 42 31 43 00                                A2B1C.`;
    expect(decodeString(text).bytes).toEqual(DOVECOT_BLOB);
  });

  test('a dump whose text column lost its trailing spaces', () => {
    // Bytes `AB` and two spaces: xxd ends the line with "AB  ", an editor may trim it.
    const text = '00000000: 4142 2020                                AB\n';
    expect(decodeString(text).bytes).toEqual(ascii('AB  '));
  });

  test('a dump without a text column', () => {
    const text = '000000 03 00 01 00 2b 62\n000006 32 30\n000008\n';
    expect(decodeString(text).bytes).toEqual(EXAMPLE_BLOB.subarray(0, 8));
  });

  test('od -A x -t x1z, whose text column sits between > and <', () => {
    const text = `000000 03 00 01 00 2b 62 32 30 31 32 30 39 30 36 31 33  >....+b2012090613<
000010 31 31 33 38 30 42 43 35 33 35 44 42 24 32 64 45  >11380BC535DB$2dE<
000020 41 36 33 24 32 64 31 31 45 31 24 32 64 41 37 35  >A63$2d11E1$2dA75<
000030 43 24 32 64 30 30 32 31 35 41 44 37 42 42 37 34  >C$2d00215AD7BB74<
000040 00                                               >.<
000041
`;
    expect(decodeString(text).bytes).toEqual(EXAMPLE_BLOB);
  });

  test('hex edited by hand, with the text column left as it was, is still read', () => {
    const edited = EXAMPLE_XXD.replace('00000010: 3131', '00000010: 3139');
    const expected = EXAMPLE_BLOB.slice();
    expected[0x11] = 0x39;
    expect(decodeString(edited).bytes).toEqual(expected);
  });

  test('a dump that does not start at offset 0 is decoded with a warning', () => {
    const text = EXAMPLE_XXD.split('\n').slice(1).join('\n');
    const decoded = decodeString(text);
    expect(decoded.bytes).toEqual(EXAMPLE_BLOB.subarray(16));
    expect(decoded.diagnostics).toEqual([
      {
        code: 'dump-partial',
        severity: 'warning',
        message: 'The dump starts at offset 00000010, not 0: the bytes before it are missing.',
        line: 1,
        column: 1,
        offset: 0,
      },
    ]);
  });
});

describe('hex dump errors', () => {
  test('a line whose offset disagrees with the bytes above it', () => {
    const text = EXAMPLE_XXD.replace('00000020:', '00000030:');
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual({
      code: 'dump-offset',
      message:
        'hex dump: offset 00000030 at line 3, column 1 disagrees with the lines above: line 2 starts at 00000010 and holds 16 bytes, so this line should start at 00000020',
      line: 3,
      column: 1,
    });
  });

  test('a line that lost a byte group shows up at the next offset', () => {
    const text = EXAMPLE_XXD.replace('3036 3133  ....', '3036  ....');
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual({
      code: 'dump-offset',
      message:
        'hex dump: offset 00000010 at line 2, column 1 disagrees with the lines above: line 1 starts at 00000000 and holds 14 bytes, so this line should start at 0000000e',
      line: 2,
      column: 1,
    });
  });

  test("hexdump's closing length must match the bytes", () => {
    const text = EXAMPLE_HEXDUMP.replace('00000041', '00000042');
    const error = decodeErrorOf(() => decodeString(text));
    expect(error.code).toBe('dump-offset');
    expect(error.line).toBe(6);
    expect(error.message).toContain('so this line should start at 00000041');
  });

  test('a typo in the hex area', () => {
    const text = DOVECOT_HEXDUMP.replace('30 30 30 31 34 46', '30 30 30 31 34 4g');
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual({
      code: 'not-hex',
      message: "not hex: 'g' at line 2, column 52",
      line: 2,
      column: 52,
    });
  });

  test("a '*' with no offset after it", () => {
    const text = SQUEEZED_HEXDUMP.split('\n').slice(0, 2).join('\n');
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual({
      code: 'dump-repeat',
      message:
        "hex dump: the '*' at line 2, column 1 is not followed by the offset where the repetition ends",
      line: 2,
      column: 1,
    });
  });

  test("a '*' that cannot reach the next offset", () => {
    const text = SQUEEZED_HEXDUMP.replace('00000050', '00000058');
    expect(decodeErrorOf(() => decodeString(text)).message).toBe(
      "hex dump: offset 00000058 at line 3, column 1 does not fit the '*' above it: repeating the 16 bytes of line 1 from offset 00000010 cannot end there",
    );
  });

  test('plain hexdump prints 16-bit words, whose byte order cannot be trusted', () => {
    // `hexdump example.bin` on x86: 03 00 01 00 2b 62 shows as 0003 0001 622b.
    const text = `0000000 0003 0001 622b 3032 3231 3930 3630 3331
0000010 3131 3833 4230 3543 3533 4244 3224 4564
`;
    const expected = {
      code: 'word-dump',
      message:
        'hex dump in 16-bit words at line 1, column 1 (hexdump without -C, od -x): each pair of bytes is in the byte order of the machine that made it, so it cannot be read back safely; dump the file with hexdump -C or xxd instead',
      line: 1,
      column: 1,
    };
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual(expected);
    expect(describeError(decodeErrorOf(() => decodeString(text, 'hex')))).toEqual(expected);
  });

  test("a '*' that would repeat a line into hundreds of megabytes is refused", () => {
    const text = SQUEEZED_HEXDUMP.replace(/00000050.*\n0000005d/, '10000000');
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual({
      code: 'too-large',
      message:
        'hex dump: offset 10000000 at line 3, column 1 would repeat the line above it past 67108864 bytes, far more than a UIDL BLOB holds',
      line: 3,
      column: 1,
    });
  });

  test('an edited last line whose text column looks like hex is refused, not guessed', () => {
    // No offset follows the last line to catch a wrong split, and `0123` could be two more bytes.
    const text = HEX_DIGITS_XXD.replace('00000010: 3031', '00000010: 3931');
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual({
      code: 'dump-text-column',
      message:
        'hex dump: the line starting at line 2, column 11: cannot tell where its bytes end and its text column starts (the text does not match the bytes)',
      line: 2,
      column: 11,
    });
  });

  test('a line without an offset', () => {
    const text = `${EXAMPLE_XXD}$ echo done\n`;
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual({
      code: 'dump-line',
      message:
        "hex dump: '$' at line 6, column 1 is not an offset; every line of a dump starts with one",
      line: 6,
      column: 1,
    });
  });
});
