import { describe, expect, test } from 'vitest';
import { EXAMPLE_BLOB, EXAMPLE_XXD_PLAIN } from './fixtures.js';
import { decodeErrorOf, decodeString, describeError } from './helpers.js';

const EXAMPLE_HEX = EXAMPLE_XXD_PLAIN.replace(/\n/g, '');

describe('hex streams', () => {
  test.each([
    ['continuous, lower case', EXAMPLE_HEX, 'continuous'],
    ['continuous, upper case', EXAMPLE_HEX.toUpperCase(), 'continuous'],
    ['multi-line (xxd -p)', EXAMPLE_XXD_PLAIN, 'continuous'],
    ['multi-line with CRLF', EXAMPLE_XXD_PLAIN.replace(/\n/g, '\r\n'), 'continuous'],
    ['spaced', EXAMPLE_HEX.replace(/(..)(?!$)/g, '$1 '), 'spaced'],
    ['spaced in 2-byte groups', EXAMPLE_HEX.replace(/(....)(?!$)/g, '$1 '), 'spaced'],
    ['comma-separated', EXAMPLE_HEX.replace(/(..)(?!$)/g, '$1,'), 'spaced'],
    ['semicolon-separated', EXAMPLE_HEX.replace(/(..)(?!$)/g, '$1; '), 'spaced'],
    ['0x per byte', EXAMPLE_HEX.replace(/(..)/g, '0x$1, ').trim(), 'prefixed'],
    ['one 0x for all', `0x${EXAMPLE_HEX.toUpperCase()}`, 'prefixed'],
    ['\\x escapes', EXAMPLE_HEX.replace(/(..)/g, '\\x$1'), 'prefixed'],
  ])('%s', (_name, text, shape) => {
    const decoded = decodeString(text);
    expect(decoded.format).toBe('hex');
    expect(decoded.shape).toBe(shape);
    expect(decoded.bytes).toEqual(EXAMPLE_BLOB);
    expect(decoded.diagnostics).toEqual([]);
  });

  test('the body of an `xxd -i` C array', () => {
    const text = `  0x03, 0x00, 0x01, 0x00, 0x2b, 0x62, 0x32, 0x30, 0x31, 0x32, 0x30, 0x39,
  0x30, 0x36, 0x31, 0x33, 0x31, 0x31, 0x33, 0x38, 0x30, 0x42, 0x43, 0x35,
  0x33, 0x35, 0x44, 0x42, 0x24, 0x32, 0x64, 0x45, 0x41, 0x36, 0x33, 0x24,
  0x32, 0x64, 0x31, 0x31, 0x45, 0x31, 0x24, 0x32, 0x64, 0x41, 0x37, 0x35,
  0x43, 0x24, 0x32, 0x64, 0x30, 0x30, 0x32, 0x31, 0x35, 0x41, 0x44, 0x37,
  0x42, 0x42, 0x37, 0x34, 0x00`;
    expect(decodeString(text).bytes).toEqual(EXAMPLE_BLOB);
  });

  test('a one-digit prefixed byte means what it means in C', () => {
    expect(decodeString('0x3, 0x0, 0x1, 0x0, 0x2b').bytes).toEqual(
      Uint8Array.from([0x03, 0x00, 0x01, 0x00, 0x2b]),
    );
    expect(decodeString('\\x3\\x0').bytes).toEqual(Uint8Array.from([0x03, 0x00]));
  });

  test('continuous hex wrapped at an odd width is joined across lines', () => {
    const decoded = decodeString('03000\n10002\nb0');
    expect(decoded.shape).toBe('continuous');
    expect(decoded.bytes).toEqual(Uint8Array.from([0x03, 0x00, 0x01, 0x00, 0x02, 0xb0]));
  });
});

describe('hex errors', () => {
  test('a character that is not hex is named with its line and column', () => {
    const error = decodeErrorOf(() => decodeString('0300\n0100\n2b6232g0', 'hex'));
    expect(describeError(error)).toEqual({
      code: 'not-hex',
      message: "not hex: 'g' at line 3, column 7",
      line: 3,
      column: 7,
    });
    expect(error.offset).toBe(16);
  });

  test('an odd number of digits in all says so, pointing at the unpaired digit', () => {
    expect(describeError(decodeErrorOf(() => decodeString('0300010')))).toEqual({
      code: 'odd-hex-digits',
      message:
        "odd number of hex digits (7): the last digit, '0', at line 1, column 7 has no partner",
      line: 1,
      column: 7,
    });
  });

  test('an odd group among others is reported rather than shifting the bytes after it', () => {
    expect(describeError(decodeErrorOf(() => decodeString('03 00 1 00\n2b 62')))).toEqual({
      code: 'odd-hex-digits',
      message:
        "odd number of hex digits in '1' at line 1, column 7: each group must hold whole bytes",
      line: 1,
      column: 7,
    });
    expect(decodeErrorOf(() => decodeString('0x03, 0x000, 0x01')).message).toBe(
      "odd number of hex digits in '0x000' at line 1, column 7: each group must hold whole bytes",
    );
  });

  test('a prefix without digits is reported', () => {
    expect(describeError(decodeErrorOf(() => decodeString('0x03, 0x, 0x01')))).toEqual({
      code: 'not-hex',
      message: "not hex: '0x' at line 1, column 7 has no digits",
      line: 1,
      column: 7,
    });
  });

  test('the C declarations around `xxd -i` output are not hex', () => {
    const text = `unsigned char example_bin[] = {
  0x03, 0x00, 0x01, 0x00, 0x2b, 0x62, 0x32, 0x30, 0x31, 0x32, 0x30, 0x39,
  0x30, 0x36, 0x31, 0x33, 0x31, 0x31, 0x33, 0x38, 0x30, 0x42, 0x43, 0x35,
  0x33, 0x35, 0x44, 0x42, 0x24, 0x32, 0x64, 0x45, 0x41, 0x36, 0x33, 0x24,
  0x32, 0x64, 0x31, 0x31, 0x45, 0x31, 0x24, 0x32, 0x64, 0x41, 0x37, 0x35,
  0x43, 0x24, 0x32, 0x64, 0x30, 0x30, 0x32, 0x31, 0x35, 0x41, 0x44, 0x37,
  0x42, 0x42, 0x37, 0x34, 0x00
};
unsigned int example_bin_len = 65;
`;
    expect(decodeErrorOf(() => decodeString(text)).message).toBe(
      "not hex: 'u' at line 1, column 1",
    );
  });

  test('a few bytes inside much C source are not taken for a BLOB', () => {
    const text = 'unsigned char blob[] = {\n  0x03, 0x00, 0x01, 0x00\n};';
    expect(decodeErrorOf(() => decodeString(text)).code).toBe('not-a-blob');
  });
});
