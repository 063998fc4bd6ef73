import { base64 } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIME_LINE_LENGTH, toBase64 } from '../../../shared/export/base64.js';
import { ascii } from '../../fixtures/blobs.js';

describe('toBase64', () => {
  it('encodes the RFC 4648 test vectors on one line', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, encoded] of vectors) expect(toBase64(ascii(text))).toBe(encoded);
    expect(toBase64(ascii('foobar'), { lineLength: 0 })).toBe('Zm9vYmFy');
  });

  it('wraps at 76 characters for MIME, with the chosen line break and none at the end', () => {
    const bytes = Uint8Array.from({ length: 200 }, (_, i) => i);
    const text = toBase64(bytes, { lineLength: MIME_LINE_LENGTH });
    const lines = text.split('\n');
    expect(lines.map((line) => line.length)).toEqual([76, 76, 76, 40]);
    expect(base64.decode(lines.join(''))).toEqual(bytes);
    const crlf = toBase64(bytes, { lineLength: 76, lineBreak: '\r\n' });
    expect(crlf.split('\r\n')).toEqual(lines);
    expect(crlf.endsWith('\n')).toBe(false);
  });

  it('decodes back to the bytes whatever the line length', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 0, max: 100 }),
        (bytes, n) => {
          const text = toBase64(bytes, { lineLength: n });
          if (n > 0)
            for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(n);
          expect(base64.decode(text.replaceAll('\n', ''))).toEqual(bytes);
        },
      ),
    );
  });

  it('rejects a negative or fractional line length', () => {
    expect(() => toBase64(ascii('x'), { lineLength: -1 })).toThrow(RangeError);
    expect(() => toBase64(ascii('x'), { lineLength: 1.5 })).toThrow(/whole number/);
  });
});
