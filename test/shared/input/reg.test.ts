import { describe, expect, test } from 'vitest';
import { decodeInput } from '../../../shared/input/index.js';
import { EXAMPLE_BLOB, EXAMPLE_REG, PROFILE_REG } from './fixtures.js';
import { decodeErrorOf, decodeString, describeError } from './helpers.js';

/** Text as Registry Editor saves it: UTF-16LE with a byte-order mark. */
function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

const [HEADER, BLANK, KEY] = EXAMPLE_REG.split('\r\n');

describe('.reg exports', () => {
  test('a REG_BINARY value wrapped over lines with `\\`', () => {
    const decoded = decodeString(EXAMPLE_REG);
    expect(decoded).toEqual({
      format: 'hex',
      shape: 'reg',
      reason:
        'The text is a Windows .reg export, so its first binary value, "POP3 UIDL History", was read as hex.',
      bytes: EXAMPLE_BLOB,
      diagnostics: [],
    });
  });

  test('the UTF-16LE file that Registry Editor saves', () => {
    const decoded = decodeInput(utf16le(EXAMPLE_REG));
    expect(decoded.shape).toBe('reg');
    expect(decoded.bytes).toEqual(EXAMPLE_BLOB);
    expect(decoded.diagnostics).toEqual([
      {
        code: 'text-encoding',
        severity: 'info',
        message: 'The text was read as UTF-16LE, as its byte-order mark says.',
      },
    ]);
  });

  test('several values: the first binary one is taken, and the user is told', () => {
    const decoded = decodeString(PROFILE_REG);
    // "Account Name" is the first binary value: its UTF-16LE text, not the BLOB.
    expect(decoded.bytes).toEqual(
      Uint8Array.from([...'POP3 account\0'].flatMap((char) => [char.charCodeAt(0), 0])),
    );
    expect(decoded.reason).toBe(
      'The text is a Windows .reg export, so its first binary value, "Account Name", was read as hex.',
    );
    expect(decoded.diagnostics).toEqual([
      {
        code: 'reg-multiple-values',
        severity: 'info',
        message:
          'The .reg file holds 3 binary values; the first, "Account Name" in [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\9375CFF0413111d3B88A00104B2A6676\\00000002], was used and the other 2 ignored.',
        line: 4,
        column: 1,
        offset: 159,
      },
    ]);
  });

  test('hex(3) is REG_BINARY too; other hex(n) types are skipped', () => {
    const text = [
      HEADER,
      BLANK,
      KEY,
      '"Path"=hex(2):25,00,00,00',
      '"History"=hex(3):03,00,00,00',
      '',
    ].join('\r\n');
    expect(decodeString(text).bytes).toEqual(Uint8Array.from([0x03, 0x00, 0x00, 0x00]));
  });

  test('the default value, a REGEDIT4 header and LF line ends', () => {
    const text = `REGEDIT4\n\n${KEY}\n@=hex:03,00,\\\n  00,00\n`;
    const decoded = decodeString(text);
    expect(decoded.bytes).toEqual(Uint8Array.from([0x03, 0x00, 0x00, 0x00]));
    expect(decoded.reason).toBe(
      'The text is a Windows .reg export, so its first binary value, (Default), was read as hex.',
    );
  });

  test('a value line pasted on its own', () => {
    const [, , , ...valueLines] = EXAMPLE_REG.split('\r\n');
    expect(decodeString(valueLines.join('\n')).bytes).toEqual(EXAMPLE_BLOB);
  });

  test('an empty binary value', () => {
    expect(decodeString(`${HEADER}\r\n\r\n${KEY}\r\n"Empty"=hex:\r\n`).bytes).toEqual(
      new Uint8Array(0),
    );
  });
});

describe('.reg errors', () => {
  test('a bad byte is named with its line and column', () => {
    const text = EXAMPLE_REG.replace('45,41,36', '45,4g,36');
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual({
      code: 'not-hex',
      message: "not hex: 'g' at line 5, column 46",
      line: 5,
      column: 46,
    });
  });

  test('a byte with three digits', () => {
    const text = EXAMPLE_REG.replace('2b,62', '2b,620');
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual({
      code: 'reg-byte',
      message: ".reg byte '620…' at line 4, column 40 has more than two hex digits",
      line: 4,
      column: 40,
    });
  });

  test('text after a line continuation', () => {
    const text = EXAMPLE_REG.replace('31,31,\\', '31,31,\\ 32');
    expect(decodeErrorOf(() => decodeString(text)).message).toBe(
      "not hex: '3' at line 4, column 81 follows the '\\' that continues the line",
    );
  });

  test('an export without a binary value', () => {
    const text = `${HEADER}\r\n\r\n${KEY}\r\n"Mini UID"=dword:6d3b1c0a\r\n`;
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual({
      code: 'reg-no-binary-value',
      message: 'the .reg file holds no binary value ("name"=hex:… or "name"=hex(3):…)',
      line: undefined,
      column: undefined,
    });
  });
});
