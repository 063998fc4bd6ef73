import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  decodeInput,
  detectInputFormat,
  InputDecodeError,
  type DecodedInput,
  type InputFormat,
} from '../../../shared/input/index.js';
import {
  base64Text,
  base64UrlText,
  continuousHex,
  hexdumpC,
  mfcmapiValue,
  regExport,
  spacedHex,
  utf8,
  xxdDump,
} from './encoders.js';
import {
  DOVECOT_HEXDUMP,
  EXAMPLE_BASE64,
  EXAMPLE_MFCMAPI,
  EXAMPLE_REG,
  EXAMPLE_XXD,
  EXAMPLE_XXD_PLAIN,
} from './fixtures.js';

const anyBytes = (minLength: number) => fc.uint8Array({ minLength, maxLength: 300 });

/** Bytes whose dump text column is all hex digits and spaces, the case that fools a naive split. */
const hexLookingBytes = fc
  .array(fc.constantFrom(...utf8('0123456789abcdefABCDEF ')), { minLength: 1, maxLength: 100 })
  .map((codes) => Uint8Array.from(codes));

/** Bytes made of repeated 16-byte lines, which hexdump -C squeezes into '*'. */
const repetitiveBytes = fc
  .array(
    fc.tuple(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 1, max: 5 })),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .chain((lines) =>
    anyBytes(0).map((tail) => {
      const chunks = lines.flatMap(([line, times]) => Array<Uint8Array>(times).fill(line));
      return Uint8Array.from([...chunks.flatMap((chunk) => [...chunk]), ...tail.slice(0, 20)]);
    }),
  );

function expectRoundTrip(
  decoded: DecodedInput,
  bytes: Uint8Array,
  format: InputFormat,
  shape: string,
): void {
  expect(decoded.bytes).toEqual(bytes);
  expect(decoded.format).toBe(format);
  expect(decoded.shape).toBe(shape);
}

describe('every shape decodes back to the bytes it encodes', () => {
  const hexShapes: [string, (bytes: Uint8Array) => string, string, number][] = [
    ['continuous hex, lower case', (bytes) => continuousHex(bytes, false), 'continuous', 1],
    ['continuous hex, upper case', (bytes) => continuousHex(bytes, true), 'continuous', 1],
    ['spaced hex', spacedHex, 'spaced', 2],
    ['xxd dump', xxdDump, 'offset-dump', 1],
    ['hexdump -C dump', hexdumpC, 'offset-dump', 1],
    ['.reg export', (bytes) => regExport(bytes), 'reg', 0],
    ['MFCMAPI text', mfcmapiValue, 'mfcmapi', 0],
  ];

  test.each(hexShapes)('%s', (_name, encode, shape, minLength) => {
    fc.assert(
      fc.property(anyBytes(minLength), (bytes) => {
        const text = utf8(encode(bytes));
        expect(detectInputFormat(text).format).toBe('hex');
        expectRoundTrip(decodeInput(text), bytes, 'hex', shape);
      }),
    );
  });

  test.each([
    ['xxd', xxdDump],
    ['hexdump -C', hexdumpC],
  ])('%s dumps whose text column looks like hex', (_name, encode) => {
    fc.assert(
      fc.property(hexLookingBytes, (bytes) => {
        expectRoundTrip(decodeInput(utf8(encode(bytes))), bytes, 'hex', 'offset-dump');
      }),
    );
  });

  test("hexdump -C dumps with '*' for repeated lines", () => {
    fc.assert(
      fc.property(repetitiveBytes, (bytes) => {
        expectRoundTrip(decodeInput(utf8(hexdumpC(bytes))), bytes, 'hex', 'offset-dump');
      }),
    );
  });

  test('dumps with CRLF line ends', () => {
    fc.assert(
      fc.property(anyBytes(1), (bytes) => {
        const text = xxdDump(bytes).replace(/\n/g, '\r\n');
        expectRoundTrip(decodeInput(utf8(text)), bytes, 'hex', 'offset-dump');
      }),
    );
  });

  /**
   * The documented cases where base64 text is read as hex: text of hex digits only (with an
   * optional 0x), text starting 0300 (a BLOB in hex), or long text that is nearly all hex digits.
   */
  function readsAsHex(text: string): boolean {
    const compact = text.replace(/\s/g, '');
    const hexDigits = compact.replace(/[^0-9a-fA-F]/g, '').length;
    return (
      text.split(/\s+/).every((line) => /^(?:0[xX])?[0-9a-fA-F]*$/.test(line)) ||
      compact.startsWith('0300') ||
      (compact.length >= 16 && hexDigits >= 0.95 * compact.length)
    );
  }

  test.each([
    ['base64 on one line', (bytes: Uint8Array) => base64Text(bytes)],
    ['base64 in 76-column lines', (bytes: Uint8Array) => base64Text(bytes, 76)],
  ])('%s', (_name, encode) => {
    fc.assert(
      fc.property(anyBytes(1), (bytes) => {
        const text = encode(bytes);
        fc.pre(!readsAsHex(text));
        expect(detectInputFormat(utf8(text)).format).toBe('base64');
        expectRoundTrip(decodeInput(utf8(text)), bytes, 'base64', 'base64');
      }),
    );
  });

  test('URL-safe base64, padded and unpadded', () => {
    fc.assert(
      fc.property(anyBytes(1), (bytes) => {
        const padded = base64UrlText(bytes);
        fc.pre(!readsAsHex(padded));
        const urlSafe = /[-_]/.test(padded);
        expectRoundTrip(
          decodeInput(utf8(padded)),
          bytes,
          'base64',
          urlSafe ? 'base64url' : 'base64',
        );
        // Leaving out the padding is the URL-safe convention, accepted only with that alphabet.
        if (urlSafe) {
          const unpadded = padded.replace(/=+$/, '');
          expectRoundTrip(decodeInput(utf8(unpadded)), bytes, 'base64', 'base64url');
        }
      }),
    );
  });
});

describe('raw input', () => {
  test('any bytes starting with 03 00 are the BLOB itself, unchanged', () => {
    fc.assert(
      fc.property(anyBytes(0), (tail) => {
        const input = Uint8Array.from([0x03, 0x00, ...tail]);
        expect(detectInputFormat(input).format).toBe('raw');
        const decoded = decodeInput(input);
        expect(decoded.format).toBe('raw');
        expect(decoded.bytes).toBe(input);
        expect(decoded.bytes).toEqual(Uint8Array.from([0x03, 0x00, ...tail]));
      }),
    );
  });
});

describe('decodeInput only ever throws InputDecodeError', () => {
  const fragments = [
    '0',
    '3',
    'a',
    'F',
    'g',
    ' ',
    '  ',
    '\n',
    '\r\n',
    '\t',
    ',',
    ';',
    '0x',
    '\\x',
    '=',
    '+',
    '/',
    '-',
    '_',
    'A',
    'w',
    '|',
    '*',
    ':',
    '.',
    '"v"=hex:',
    '@=hex(3):',
    ',\\\r\n  ',
    'cb: 3 lpb: ',
    'NULL',
    '00000010: ',
    '00000000  ',
    'Windows Registry Editor Version 5.00\r\n',
    '[HKCU\\X]',
    'Offset(h) 00 01 02 03',
    '\uFEFF',
    'é',
    '📎',
    '\u0000',
    '\u0003',
  ];
  const samples = [
    EXAMPLE_XXD,
    EXAMPLE_XXD_PLAIN,
    DOVECOT_HEXDUMP,
    EXAMPLE_REG,
    EXAMPLE_MFCMAPI,
    EXAMPLE_BASE64,
  ];
  /** A sample with characters replaced, inserted or deleted. */
  const mutatedSample = fc
    .tuple(
      fc.constantFrom(...samples),
      fc.array(fc.tuple(fc.nat(), fc.nat(2), fc.constantFrom(...fragments)), { maxLength: 4 }),
    )
    .map(([sample, edits]) =>
      edits.reduce((text, [at, kind, fragment]) => {
        const index = at % (text.length + 1);
        const removed = kind === 0 ? 0 : 1;
        return text.slice(0, index) + (kind === 2 ? '' : fragment) + text.slice(index + removed);
      }, sample),
    );
  const inputs = fc.oneof(
    fc.uint8Array({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }).map(utf8),
    fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((parts) => utf8(parts.join(''))),
    mutatedSample.map(utf8),
    fc.uint8Array({ maxLength: 100 }).map((bytes) => Uint8Array.from([0xff, 0xfe, ...bytes])),
  );

  test('on arbitrary input, with every format option', () => {
    fc.assert(
      fc.property(
        inputs,
        fc.constantFrom<InputFormat | 'auto' | undefined>(
          undefined,
          'auto',
          'raw',
          'hex',
          'base64',
          'popstate',
          'fetchids',
          'getmail',
        ),
        (input, format) => {
          let decoded: DecodedInput;
          try {
            decoded = decodeInput(input, format === undefined ? {} : { format });
          } catch (error) {
            expect(error).toBeInstanceOf(InputDecodeError);
            const decodeError = error as InputDecodeError;
            expect(decodeError.code).toMatch(/^[a-z0-9-]+$/);
            expect(decodeError.message.length).toBeGreaterThan(0);
            if (decodeError.line !== undefined) {
              expect(decodeError.message).toContain(
                `at line ${decodeError.line}, column ${decodeError.column}`,
              );
            }
            return;
          }
          expect(decoded.bytes).toBeInstanceOf(Uint8Array);
          expect(['raw', 'hex', 'base64', 'popstate', 'fetchids', 'getmail']).toContain(
            decoded.format,
          );
          expect(decoded.reason).toMatch(/^[A-Z].*\.$/);
          if (format !== undefined && format !== 'auto') expect(decoded.format).toBe(format);
          if (decoded.format === 'raw') expect(decoded.bytes).toBe(input);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
