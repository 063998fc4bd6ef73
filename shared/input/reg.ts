// Windows Registry Editor exports (.reg): `"Name"=hex:03,00,01,00,\` with `\` continuing the
// value on the next line. REG_BINARY is written `hex:` (or `hex(3):`); other `hex(n):` types
// are strings or numbers in disguise and are skipped.

import { ByteSink } from './byte-sink.js';
import { hexDigitValue } from './hex.js';
import {
  describeCharAt,
  errorAt,
  lineBreakLength,
  lineEndAt,
  positionAt,
  skipBlanks,
  trimBlanksEnd,
  type TextSource,
} from './text.js';
import { InputDecodeError, type InputDiagnostic } from './types.js';

/** The first line of an export, after any blank lines. */
const REG_HEADER = /^\s*(?:Windows Registry Editor Version \d+\.\d+|REGEDIT4)[ \t]*(?:[\r\n]|$)/;
/** A value whose data is written in hex, at the start of a line. */
const HEX_VALUE_LINE = /^[ \t]*(?:"(?:[^"\\\r\n]|\\.)*"|@)[ \t]*=[ \t]*hex(?:\([0-9a-fA-F]+\))?:/m;
/** `"Name"=` or `@=` (the default value) at a line start; group 1 is the name. */
const VALUE_START = /[ \t]*("(?:[^"\\\r\n]|\\.)*"|@)[ \t]*=[ \t]*/y;
/** `hex:` or `hex(n):`; group 1 is the registry type n, in hex. */
const HEX_TYPE = /hex(?:\(([0-9a-fA-F]{1,8})\))?:/y;
const REG_BINARY = 3;

const COMMA = 0x2c;
const BACKSLASH = 0x5c;

/** Whether the text is a .reg export: its header line, or a hex value line anywhere. */
export function looksLikeReg(text: string): boolean {
  return REG_HEADER.test(text) || HEX_VALUE_LINE.test(text);
}

/** Decodes the first binary value of a .reg export. */
export function decodeReg(source: TextSource): {
  bytes: Uint8Array;
  diagnostics: InputDiagnostic[];
  valueName: string;
} {
  const { text } = source;
  let chosen:
    { bytes: Uint8Array; name: string; key: string | undefined; index: number } | undefined;
  let binaryValues = 0;
  let key: string | undefined;

  for (let lineStart = 0; lineStart < text.length;) {
    const lineEnd = lineEndAt(text, lineStart);
    let nextLine = lineEnd + lineBreakLength(text, lineEnd);
    const first = skipBlanks(text, lineStart, lineEnd);
    if (text[first] === '[') {
      key = text.slice(first, trimBlanksEnd(text, first, lineEnd));
    } else {
      VALUE_START.lastIndex = lineStart;
      const value = VALUE_START.exec(text);
      if (value !== null) {
        HEX_TYPE.lastIndex = VALUE_START.lastIndex;
        const hexType = HEX_TYPE.exec(text);
        if (hexType !== null) {
          const isBinary = hexType[1] === undefined || parseInt(hexType[1], 16) === REG_BINARY;
          if (isBinary) binaryValues++;
          if (isBinary && chosen === undefined) {
            const data = readHexData(source, HEX_TYPE.lastIndex);
            chosen = { bytes: data.bytes, name: valueName(value[1] ?? '@'), key, index: first };
            nextLine = data.next;
          } else {
            nextLine = skipContinuationLines(text, lineStart);
          }
        }
      }
    }
    lineStart = nextLine;
  }

  if (chosen === undefined) {
    throw new InputDecodeError(
      'reg-no-binary-value',
      'the .reg file holds no binary value ("name"=hex:… or "name"=hex(3):…)',
    );
  }
  const diagnostics: InputDiagnostic[] = [];
  if (binaryValues > 1) {
    const where = chosen.key === undefined ? '' : ` in ${chosen.key}`;
    diagnostics.push({
      code: 'reg-multiple-values',
      severity: 'info',
      message: `The .reg file holds ${binaryValues} binary values; the first, ${chosen.name}${where}, was used and the other ${binaryValues - 1} ignored.`,
      ...positionAt(source, chosen.index),
    });
  }
  return { bytes: chosen.bytes, diagnostics, valueName: chosen.name };
}

/**
 * Reads comma-separated bytes from `start` to the end of the value (a line that does not end
 * with `\`). Returns the bytes and the index of the line after the value.
 */
function readHexData(source: TextSource, start: number): { bytes: Uint8Array; next: number } {
  const { text } = source;
  const output = new ByteSink(256);
  let i = start;
  for (;;) {
    i = skipBlanks(text, i, text.length);
    if (i >= text.length || lineBreakLength(text, i) > 0) break;
    if (text.charCodeAt(i) === BACKSLASH) {
      // A continuation: nothing else may follow on this line.
      const after = skipBlanks(text, i + 1, text.length);
      if (after < text.length && lineBreakLength(text, after) === 0) {
        throw errorAt(
          source,
          after,
          'not-hex',
          `not hex: ${describeCharAt(text, after)}`,
          " follows the '\\' that continues the line",
        );
      }
      i = after + lineBreakLength(text, after);
      continue;
    }
    const high = hexDigitValue(text.charCodeAt(i));
    if (high < 0) throw errorAt(source, i, 'not-hex', `not hex: ${describeCharAt(text, i)}`);
    let byte = high;
    let end = i + 1;
    const low = hexDigitValue(text.charCodeAt(end));
    if (low >= 0) {
      byte = (high << 4) | low;
      end++;
    }
    if (hexDigitValue(text.charCodeAt(end)) >= 0) {
      throw errorAt(
        source,
        i,
        'reg-byte',
        `.reg byte '${text.slice(i, end + 1)}…'`,
        ' has more than two hex digits',
      );
    }
    output.push(byte);
    i = skipBlanks(text, end, text.length);
    if (i >= text.length || lineBreakLength(text, i) > 0) break;
    const separator = text.charCodeAt(i);
    if (separator === COMMA) {
      i++;
    } else if (separator !== BACKSLASH) {
      throw errorAt(source, i, 'not-hex', `not hex: ${describeCharAt(text, i)}`);
    }
  }
  return { bytes: output.toBytes(), next: i + lineBreakLength(text, i) };
}

/** Index of the line after a value that starts at `lineStart` and may continue with `\`. */
function skipContinuationLines(text: string, lineStart: number): number {
  let start = lineStart;
  for (;;) {
    const end = lineEndAt(text, start);
    const next = end + lineBreakLength(text, end);
    const contentEnd = trimBlanksEnd(text, start, end);
    if (contentEnd === start || text.charCodeAt(contentEnd - 1) !== BACKSLASH || next === end) {
      return next;
    }
    start = next;
  }
}

/** The value name as users know it: quotes and escapes removed, `@` shown as (Default). */
function valueName(quoted: string): string {
  if (quoted === '@') return '(Default)';
  return `"${quoted.slice(1, -1).replace(/\\(.)/g, '$1')}"`;
}
