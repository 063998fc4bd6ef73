import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decodeInput, detectInputFormat, InputDecodeError } from '../../../shared/input/index.js';
import { utf8 } from './encoders.js';
import {
  DOVECOT_XXD,
  EXAMPLE_BASE64,
  EXAMPLE_BLOB,
  EXAMPLE_HEXDUMP,
  EXAMPLE_MFCMAPI,
  EXAMPLE_REG,
  EXAMPLE_XXD,
  EXAMPLE_XXD_PLAIN,
} from './fixtures.js';
import { decodeErrorOf, decodeString, describeError } from './helpers.js';

describe('raw input', () => {
  test('bytes starting with 03 00 are the BLOB itself, returned untouched', () => {
    const input = EXAMPLE_BLOB;
    const decoded = decodeInput(input);
    expect(decoded).toEqual({
      format: 'raw',
      reason:
        "The input starts with bytes 03 00, the BLOB's version number, so it is the binary BLOB itself.",
      bytes: EXAMPLE_BLOB,
      diagnostics: [],
    });
    // Not a copy: raw means the caller's bytes.
    expect(decoded.bytes).toBe(input);
    expect(decoded).not.toHaveProperty('shape');
  });

  test('a BLOB with another version is still binary because it holds control bytes', () => {
    const input = Uint8Array.from([0x04, 0x00, 0x01, 0x00, 0x2b, 0x62, 0x00]);
    expect(detectInputFormat(input)).toEqual({
      format: 'raw',
      reason:
        'The input contains 0x04 at byte 0 (0x0), a control character that text does not hold, so it is the binary BLOB itself.',
    });
    expect(decodeInput(input).bytes).toBe(input);
  });

  test('text with one control byte in it is binary', () => {
    const input = utf8('030001002b62\x01');
    expect(detectInputFormat(input)).toEqual({
      format: 'raw',
      reason:
        'The input contains 0x01 at byte 12 (0xC), a control character that text does not hold, so it is the binary BLOB itself.',
    });
  });
});

describe('detection of text', () => {
  test.each([
    ['xxd -p', EXAMPLE_XXD_PLAIN, 'hex', 'continuous'],
    ['xxd', EXAMPLE_XXD, 'hex', 'offset-dump'],
    ['hexdump -C', EXAMPLE_HEXDUMP, 'hex', 'offset-dump'],
    ['.reg', EXAMPLE_REG, 'hex', 'reg'],
    ['MFCMAPI', EXAMPLE_MFCMAPI, 'hex', 'mfcmapi'],
    ['base64', EXAMPLE_BASE64, 'base64', 'base64'],
  ])('%s is detected and decoded', (_name, text, format, shape) => {
    expect(detectInputFormat(utf8(text)).format).toBe(format);
    const decoded = decodeString(text);
    expect(decoded.format).toBe(format);
    expect(decoded.shape).toBe(shape);
    expect(decoded.bytes).toEqual(EXAMPLE_BLOB);
    expect(decoded.diagnostics).toEqual([]);
  });

  test('each detection gives its reason', () => {
    expect(detectInputFormat(utf8(EXAMPLE_XXD_PLAIN)).reason).toBe(
      'The text holds only hex digits, so it was read as hex.',
    );
    expect(detectInputFormat(utf8('03 00 01 00')).reason).toBe(
      'The text holds only hex digits and separators (spaces, commas, semicolons), so it was read as hex.',
    );
    expect(detectInputFormat(utf8('0x03, 0x00')).reason).toBe(
      'The text holds hex bytes written with 0x or \\x prefixes, so it was read as hex.',
    );
    expect(detectInputFormat(utf8(DOVECOT_XXD)).reason).toBe(
      'The text is a hex dump with an offset column, so the offsets and the text column were stripped and the bytes read as hex.',
    );
    expect(detectInputFormat(utf8(EXAMPLE_BASE64)).reason).toBe(
      "The text holds only base64 characters and begins with AwA, which is the BLOB's 03 00 in base64, so it was read as base64.",
    );
    expect(detectInputFormat(utf8('SGVsbG8sIHdvcmxk')).reason).toBe(
      'The text holds only base64 characters and not only hex digits, so it was read as base64.',
    );
    expect(decodeString(EXAMPLE_REG).reason).toBe(
      'The text is a Windows .reg export, so its first binary value, "POP3 UIDL History", was read as hex.',
    );
  });

  test('text of hex digits only is hex, although it is valid base64 too', () => {
    const decoded = decodeString('ABCDEF01');
    expect(decoded.format).toBe('hex');
    expect(decoded.bytes).toEqual(Uint8Array.from([0xab, 0xcd, 0xef, 0x01]));
  });

  test('a UTF-8 byte-order mark and surrounding whitespace are ignored', () => {
    const decoded = decodeInput(utf8(`\uFEFF \r\n\t${EXAMPLE_XXD_PLAIN}\n\n  `));
    expect(decoded.format).toBe('hex');
    expect(decoded.bytes).toEqual(EXAMPLE_BLOB);
  });
});

describe('format override', () => {
  test('base64 can be forced on text that detection reads as hex', () => {
    expect(decodeString('ABCDEF01').bytes).toEqual(Uint8Array.from([0xab, 0xcd, 0xef, 0x01]));
    const decoded = decodeString('ABCDEF01', 'base64');
    expect(decoded).toEqual({
      format: 'base64',
      shape: 'base64',
      reason: 'Base64 was requested; the text was read as base64.',
      bytes: Uint8Array.from([0x00, 0x10, 0x83, 0x10, 0x5d, 0x35]),
      diagnostics: [],
    });
  });

  test('forcing hex names the layout in the reason', () => {
    expect(decodeString(EXAMPLE_XXD, 'hex').reason).toBe(
      'Hex was requested; the text was read as a hex dump with an offset column.',
    );
    expect(decodeString('03 00 01 00', 'hex').reason).toBe(
      'Hex was requested; the text was read as hex bytes separated by spaces or punctuation.',
    );
  });

  test('forcing raw keeps even text bytes unchanged', () => {
    const input = utf8(EXAMPLE_XXD_PLAIN);
    const decoded = decodeInput(input, { format: 'raw' });
    expect(decoded.format).toBe('raw');
    expect(decoded.reason).toBe('Raw was requested, so the bytes are used exactly as given.');
    expect(decoded.bytes).toBe(input);
  });

  test("'auto' is the same as no format", () => {
    expect(decodeInput(utf8(EXAMPLE_BASE64), { format: 'auto' })).toEqual(
      decodeInput(utf8(EXAMPLE_BASE64)),
    );
  });

  test('forcing hex on base64 text points at the first character that is not hex', () => {
    const error = decodeErrorOf(() => decodeString(EXAMPLE_BASE64, 'hex'));
    expect(describeError(error)).toEqual({
      code: 'not-hex',
      message: "not hex: 'w' at line 1, column 2",
      line: 1,
      column: 2,
    });
    expect(error.offset).toBe(1);
  });

  test('forcing hex on the binary BLOB points at its first byte', () => {
    const error = decodeErrorOf(() => decodeInput(EXAMPLE_BLOB, { format: 'hex' }));
    expect(error.message).toBe('not hex: control character U+0003 at line 1, column 1');
  });

  test('forcing base64 on hex text that is not valid base64 says why', () => {
    const error = decodeErrorOf(() => decodeString(EXAMPLE_XXD, 'base64'));
    expect(describeError(error)).toEqual({
      code: 'not-base64',
      message: "not base64: ':' at line 1, column 9",
      line: 1,
      column: 9,
    });
  });

  test('an unknown format is rejected', () => {
    const error = decodeErrorOf(() =>
      decodeInput(EXAMPLE_BLOB, { format: 'octal' as unknown as 'hex' }),
    );
    expect(error.code).toBe('unknown-format');
    expect(error.message).toBe(
      "unknown input format 'octal': expected 'auto', 'raw', 'hex', 'base64', 'popstate', " +
        "'fetchids' or 'getmail'",
    );
  });
});

describe('text that is neither', () => {
  test('prose is rejected as not a BLOB', () => {
    const error = decodeErrorOf(() => decodeString('Hello, this is my blob.\nRegards'));
    expect(describeError(error)).toEqual({
      code: 'not-a-blob',
      message:
        'not a UIDL BLOB, hex or base64: the text starting "Hello, this is my blob." at line 1, column 1 is none of these (a BLOB begins with bytes 03 00: 0300 in hex, AwA in base64)',
      line: 1,
      column: 1,
    });
    // detectInputFormat refuses it the same way.
    expect(() => detectInputFormat(utf8('Hello, this is my blob.'))).toThrow(InputDecodeError);
  });

  test('almost-hex text is read as hex so that the error points at the culprit', () => {
    expect(detectInputFormat(utf8('0300 0100 2b62 3230 3132 3o39')).format).toBe('hex');
    const error = decodeErrorOf(() => decodeString('0300 0100 2b62 3230\n3132 3o39'));
    expect(describeError(error)).toEqual({
      code: 'not-hex',
      message: "not hex: 'o' at line 2, column 7",
      line: 2,
      column: 7,
    });
  });

  test('continuous hex with a slip is not mistaken for base64', () => {
    // All base64 characters, valid base64 length: but it begins 0300, the hex of a BLOB.
    const text = '030001002b6232303132303930363l33';
    expect(detectInputFormat(utf8(text))).toEqual({
      format: 'hex',
      reason:
        'The text is almost all hex digits, so it was read as hex despite the characters that are not.',
    });
    expect(decodeErrorOf(() => decodeString(text)).message).toBe(
      "not hex: 'l' at line 1, column 30",
    );
  });

  test('almost-base64 text is read as base64 so that the error points at the culprit', () => {
    const text = EXAMPLE_BASE64.replace('MjAx', 'Mj.x');
    expect(detectInputFormat(utf8(text)).format).toBe('base64');
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual({
      code: 'not-base64',
      message: "not base64: '.' at line 1, column 11",
      line: 1,
      column: 11,
    });
  });

  test('empty input and whitespace are rejected', () => {
    expect(describeError(decodeErrorOf(() => decodeInput(new Uint8Array(0))))).toEqual({
      code: 'empty',
      message: 'the input is empty',
      line: undefined,
      column: undefined,
    });
    expect(decodeErrorOf(() => decodeString(' \r\n\t ')).message).toBe(
      'the input holds only whitespace',
    );
    expect(decodeErrorOf(() => decodeString('\uFEFF', 'hex')).code).toBe('empty');
    expect(decodeInput(new Uint8Array(0), { format: 'raw' }).bytes).toEqual(new Uint8Array(0));
  });
});

describe('base64-only text takes a shortcut past measuring every character', () => {
  // A trailing space sends the same text through the full measurement (it is whitespace, so
  // the statistics do not change): both must decide alike, reason included.
  const classify = (text: string): string => {
    try {
      const { format, reason } = detectInputFormat(utf8(text));
      return `${format}: ${reason}`;
    } catch (error) {
      return `error: ${(error as Error).message}`;
    }
  };
  const alphabet = 'AwBbf09+/-_=\r\nxX';
  test('decides as the full measurement does, for any text of base64 characters and line ends', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 80 }),
        fc.constantFrom('', 'AwA', '0300', '0123456789abcdef0123'),
        (chars, prefix) => {
          const text = prefix + chars.join('');
          expect(classify(text)).toBe(classify(`${text} `));
        },
      ),
      { numRuns: 2000 },
    );
  });
  test('text that is 95% hex digits is read as hex, below that as base64', () => {
    const hexRun = '0123456789abcdef0123';
    expect(classify(`${hexRun}g`)).toMatch(/^hex: .*almost all hex digits/);
    expect(classify(`${hexRun}gggg`)).toMatch(/^base64: /);
  });
});
