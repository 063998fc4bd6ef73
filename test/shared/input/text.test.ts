import { describe, expect, test } from 'vitest';
import { decodeInput, detectInputFormat } from '../../../shared/input/index.js';
import { decodeText, positionAt } from '../../../shared/input/text.js';
import { EXAMPLE_BLOB, EXAMPLE_XXD_PLAIN } from './fixtures.js';
import { decodeErrorOf, describeError } from './helpers.js';

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const [low, high] = [text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8];
    bytes[2 + 2 * i] = littleEndian ? low : high;
    bytes[3 + 2 * i] = littleEndian ? high : low;
  }
  return bytes;
}

describe('text encodings', () => {
  test.each([
    ['UTF-16LE', true, 'UTF-16LE'],
    ['UTF-16BE', false, 'UTF-16BE'],
  ])('%s text with a byte-order mark', (_name, littleEndian, label) => {
    const decoded = decodeInput(utf16(EXAMPLE_XXD_PLAIN, littleEndian));
    expect(decoded.format).toBe('hex');
    expect(decoded.bytes).toEqual(EXAMPLE_BLOB);
    expect(decoded.diagnostics).toEqual([
      {
        code: 'text-encoding',
        severity: 'info',
        message: `The text was read as ${label}, as its byte-order mark says.`,
      },
    ]);
  });

  test('error offsets in UTF-16 text count two bytes a character after the mark', () => {
    const error = decodeErrorOf(() => decodeInput(utf16('0300\r\n01g0', true)));
    expect(describeError(error)).toEqual({
      code: 'not-hex',
      message: "not hex: 'g' at line 2, column 3",
      line: 2,
      column: 3,
    });
    expect(error.offset).toBe(2 + 2 * 8);
  });

  test('UTF-16 bytes that are not text are binary', () => {
    expect(detectInputFormat(Uint8Array.from([0xff, 0xfe, 0x30, 0x00, 0x33]))).toEqual({
      format: 'raw',
      reason:
        'The input starts like UTF-16 text but does not decode to plain text, so it is taken as the binary BLOB itself.',
    });
    expect(detectInputFormat(Uint8Array.from([0xff, 0xfe, 0x01, 0x00])).format).toBe('raw');
  });

  test('columns count characters and offsets count UTF-8 bytes', () => {
    const error = decodeErrorOf(() => decodeInput(new TextEncoder().encode('📎 cb: 2 lpb: 03g0')));
    expect(describeError(error)).toEqual({
      code: 'not-hex',
      message: "not hex: 'g' at line 1, column 16",
      line: 1,
      column: 16,
    });
    expect(error.offset).toBe(18);
  });

  test('a non-ASCII character is quoted with its code point', () => {
    const error = decodeErrorOf(() =>
      decodeInput(new TextEncoder().encode('0300 é1'), { format: 'hex' }),
    );
    expect(error.message).toBe("not hex: 'é' (U+00E9) at line 1, column 6");
    expect(error.offset).toBe(5);
  });

  test('invalid UTF-8 becomes U+FFFD and still maps back to its bytes', () => {
    // A, an invalid byte, B, the three bytes of €, C.
    const source = decodeText(Uint8Array.from([0x41, 0xff, 0x42, 0xe2, 0x82, 0xac, 0x43]));
    expect(source.text).toBe('A\uFFFDB€C');
    expect(positionAt(source, 4)).toEqual({ line: 1, column: 5, offset: 6 });
  });

  test('lone CRs and CRLFs both end lines', () => {
    const source = decodeText(new TextEncoder().encode('a\rb\r\nc\nd'));
    expect(positionAt(source, 7)).toEqual({ line: 4, column: 1, offset: 7 });
    expect(positionAt(source, 5)).toEqual({ line: 3, column: 1, offset: 5 });
  });
});
