import { describe, expect, it } from 'vitest';
import { decodeListingText } from '../../../shared/listing/listing-text.js';

const utf16 = (text: string, littleEndian: boolean): Uint8Array => {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[2 + i * 2] = littleEndian ? code & 0xff : code >> 8;
    out[3 + i * 2] = littleEndian ? code >> 8 : code & 0xff;
  }
  return out;
};

describe('decodeListingText', () => {
  it('reads UTF-8, with or without its byte-order mark', () => {
    const text = '+OK\r\n1 caf\u00e9\r\n.\r\n';
    const bytes = new TextEncoder().encode(text);
    expect(decodeListingText(bytes)).toEqual({ text, encoding: 'utf-8' });
    expect(decodeListingText(Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes))).toEqual({
      text,
      encoding: 'utf-8',
    });
  });

  it("reads UTF-16 by its byte-order mark (PowerShell's > writes UTF-16LE)", () => {
    const text = '+OK\r\n1 abc\r\n.\r\n';
    expect(decodeListingText(utf16(text, true))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeListingText(utf16(text, false))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('replaces invalid UTF-8 with U+FFFD rather than failing', () => {
    expect(decodeListingText(Uint8Array.of(0x31, 0x20, 0xff, 0x61)).text).toBe('1 \ufffda');
  });
});
