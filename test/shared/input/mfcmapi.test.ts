import { describe, expect, test } from 'vitest';
import { EXAMPLE_BLOB, EXAMPLE_MFCMAPI } from './fixtures.js';
import { decodeErrorOf, decodeString, describeError } from './helpers.js';

const EXAMPLE_LPB = EXAMPLE_MFCMAPI.slice('cb: 65 lpb: '.length);

describe('MFCMAPI text', () => {
  test('the Value column of a binary property', () => {
    expect(decodeString(EXAMPLE_MFCMAPI)).toEqual({
      format: 'hex',
      shape: 'mfcmapi',
      reason: "The text is MFCMAPI's binary property text (cb: … lpb: …), so lpb was read as hex.",
      bytes: EXAMPLE_BLOB,
      diagnostics: [],
    });
  });

  test('a cb that disagrees with lpb is a warning, and lpb is still decoded', () => {
    const decoded = decodeString(`cb: 61 lpb: ${EXAMPLE_LPB}`);
    expect(decoded.bytes).toEqual(EXAMPLE_BLOB);
    expect(decoded.diagnostics).toEqual([
      {
        code: 'cb-mismatch',
        severity: 'warning',
        message: 'cb says 61 bytes but lpb holds 65; the 65 bytes of lpb were used.',
        line: 1,
        column: 5,
        offset: 4,
      },
    ]);
  });

  test('an empty property is `lpb: NULL`', () => {
    const decoded = decodeString('cb: 0 lpb: NULL');
    expect(decoded.bytes).toEqual(new Uint8Array(0));
    expect(decoded.diagnostics).toEqual([]);
  });

  test('a copied row: the other columns are ignored', () => {
    const row = `PR_ATTACH_DATA_BIN, PidTagAttachDataBinary\t0x37010102\tPT_BINARY\t${EXAMPLE_MFCMAPI}\t....+b20120906131138`;
    expect(decodeString(row).bytes).toEqual(EXAMPLE_BLOB);
  });

  test('lpb wrapped over several lines by a mail client', () => {
    const wrapped = `cb: 65 lpb: ${EXAMPLE_LPB.slice(0, 60)}\n${EXAMPLE_LPB.slice(60, 120)}\n${EXAMPLE_LPB.slice(120)}\n`;
    const decoded = decodeString(wrapped);
    expect(decoded.bytes).toEqual(EXAMPLE_BLOB);
    expect(decoded.diagnostics).toEqual([]);
  });

  test('several properties: the first is taken, and the user is told', () => {
    const text = `${EXAMPLE_MFCMAPI}\r\ncb: 2 lpb: 0300\r\n`;
    const decoded = decodeString(text);
    expect(decoded.bytes).toEqual(EXAMPLE_BLOB);
    expect(decoded.diagnostics).toEqual([
      {
        code: 'mfcmapi-multiple-values',
        severity: 'info',
        message: 'The text holds 2 cb:/lpb: values; the first was used and the other 1 ignored.',
        line: 1,
        column: 1,
        offset: 0,
      },
    ]);
  });

  test('a character in lpb that is not hex', () => {
    const text = `cb: 65 lpb: ${EXAMPLE_LPB.replace('2B62', '2B6Z')}`;
    expect(describeError(decodeErrorOf(() => decodeString(text)))).toEqual({
      code: 'not-hex',
      message: "not hex: 'Z' at line 1, column 24",
      line: 1,
      column: 24,
    });
  });
});
