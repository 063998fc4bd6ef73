import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { EXAMPLE_BASE64, EXAMPLE_BLOB } from './fixtures.js';
import { decodeErrorOf, decodeString, describeError } from './helpers.js';

const URL_SAFE_BYTES = Uint8Array.from([0x03, 0x00, 0xfb, 0xff, 0xbf]);

describe('base64', () => {
  test.each([
    ['76-column lines (base64, MIME)', EXAMPLE_BASE64],
    ['CRLF line ends', EXAMPLE_BASE64.replace(/\n/g, '\r\n')],
    ['one line', EXAMPLE_BASE64.replace(/\n/g, '')],
    ['indented lines', EXAMPLE_BASE64.replace(/^/gm, '    ')],
    ['64-column lines (PEM)', EXAMPLE_BASE64.replace(/\n/g, '').replace(/(.{64})/g, '$1\n')],
  ])('%s', (_name, text) => {
    const decoded = decodeString(text);
    expect(decoded.format).toBe('base64');
    expect(decoded.shape).toBe('base64');
    expect(decoded.bytes).toEqual(EXAMPLE_BLOB);
    expect(decoded.diagnostics).toEqual([]);
  });

  test('the URL-safe alphabet, padded or not', () => {
    for (const text of ['AwD7_78=', 'AwD7_78']) {
      const decoded = decodeString(text);
      expect(decoded.format).toBe('base64');
      expect(decoded.shape).toBe('base64url');
      expect(decoded.bytes).toEqual(URL_SAFE_BYTES);
    }
    expect(decodeString('AwD7/78=').bytes).toEqual(URL_SAFE_BYTES);
  });
});

describe('base64 errors', () => {
  test('a character outside both alphabets', () => {
    expect(describeError(decodeErrorOf(() => decodeString('AwAB\nAC!i', 'base64')))).toEqual({
      code: 'not-base64',
      message: "not base64: '!' at line 2, column 3",
      line: 2,
      column: 3,
    });
  });

  test('standard base64 without its padding is taken for a truncated paste', () => {
    const truncated = EXAMPLE_BASE64.trimEnd().slice(0, -1);
    expect(describeError(decodeErrorOf(() => decodeString(truncated)))).toEqual({
      code: 'base64-padding',
      message:
        "not base64: missing padding: the text ends at line 2, column 12 without the 1 '=' its length calls for (was it cut short?)",
      line: 2,
      column: 12,
    });
  });

  test('the wrong amount of padding', () => {
    expect(decodeErrorOf(() => decodeString('AwA==')).message).toBe(
      "not base64: wrong padding: 2 '=' at line 1, column 4 where the length calls for 1",
    );
    expect(decodeErrorOf(() => decodeString('AwAB=')).message).toBe(
      "not base64: wrong padding: 1 '=' at line 1, column 5 where the length calls for 0",
    );
  });

  test('data after the padding', () => {
    expect(decodeErrorOf(() => decodeString('AwA=AwA=')).message).toBe(
      "not base64: 'A' at line 1, column 5 comes after the '=' padding",
    );
  });

  test('a last group of a single character', () => {
    expect(decodeErrorOf(() => decodeString('AwABA')).message).toBe(
      "not base64: the last group of four has a single character, 'A' at line 1, column 5, which cannot encode a byte (5 characters in all)",
    );
  });

  test('the two alphabets mixed', () => {
    expect(decodeErrorOf(() => decodeString('AwD7/w-_')).message).toBe(
      "not base64: '-' at line 1, column 7 mixes the URL-safe alphabet (- _) with the standard one (+ /)",
    );
  });

  test('bits set past the end of the data', () => {
    expect(describeError(decodeErrorOf(() => decodeString('AwB=')))).toEqual({
      code: 'base64-padding',
      message:
        "not base64: the last character, 'B', at line 1, column 3 has bits set past the end of the data (the text was altered or cut short)",
      line: 1,
      column: 3,
    });
  });
});

describe('unbroken base64 is checked without reading every character', () => {
  // A final line break sends the same text through the character-by-character scan without
  // moving any character: both must decode alike, or fail with the same message and place.
  const outcome = (text: string): unknown => {
    try {
      const decoded = decodeString(text, 'base64');
      return { bytes: Array.from(decoded.bytes), shape: decoded.shape };
    } catch {
      return describeError(decodeErrorOf(() => decodeString(text, 'base64')));
    }
  };
  test('decides as the full scan does, for any text of base64 characters and padding', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'AwBz09+/-_='), { minLength: 1, maxLength: 40 }),
        (chars) => {
          const text = chars.join('');
          expect(outcome(text)).toEqual(outcome(`${text}\n`));
        },
      ),
      { numRuns: 3000 },
    );
  });
  test('unbroken standard and URL-safe base64 decode to their bytes', () => {
    expect(outcome('AwAB')).toEqual({ bytes: [3, 0, 1], shape: 'base64' });
    expect(outcome('A-_B')).toEqual({ bytes: [3, 239, 193], shape: 'base64url' });
    expect(outcome('A+/B')).toEqual({ bytes: [3, 239, 193], shape: 'base64' });
  });
});
