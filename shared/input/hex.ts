// Hex written as a stream of digits: continuous (`030001002B62`), spaced or comma/semicolon
// separated (`03 00 01 00`), or with C-style prefixes (`0x03, 0x00`, `0x0300...`, `\x03\x00`).

import { describeCharAt, errorAt, excerpt, isSpaceCode, type TextSource } from './text.js';

const HEX_DIGIT_VALUES = (() => {
  const values = new Int8Array(128).fill(-1);
  for (let digit = 0; digit < 16; digit++) {
    values['0123456789abcdef'.charCodeAt(digit)] = digit;
    values['0123456789ABCDEF'.charCodeAt(digit)] = digit;
  }
  return values;
})();

/** The value of a hex digit character, or -1. */
export function hexDigitValue(code: number): number {
  return code < 128 ? (HEX_DIGIT_VALUES[code] ?? -1) : -1;
}

const ZERO = 0x30;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const BACKSLASH = 0x5c;

export type HexStreamShape = 'continuous' | 'spaced' | 'prefixed';

/** A reason the digits cannot be paired into bytes; `start`/`end` delimit the culprit. */
export interface HexStreamProblem {
  kind: 'odd-group' | 'odd-total' | 'empty-prefix';
  start: number;
  end: number;
}

export interface HexStreamScan {
  byteCount: number;
  digitCount: number;
  shape: HexStreamShape;
  /** Index of the first character that hex text cannot hold, or -1. */
  badCharIndex: number;
  problem?: HexStreamProblem;
}

/**
 * Reads text[start, end) as a hex stream, writing the bytes to `out` when given (it must hold
 * at least ceil((end - start) / 2) bytes). Stops at the first character that hex text cannot
 * hold. Used without `out` by detection, which only needs to know whether the text is hex.
 *
 * A group with an odd number of digits is only accepted in continuous text, where it is a
 * line of hex wrapped at an odd width; the exception is a one-digit prefixed group (`0x3`),
 * which means 0x03 as in C. Anywhere else pairing digits across groups would shift every byte
 * after it, so it is reported instead.
 */
export function scanHexStream(
  text: string,
  start: number,
  end: number,
  out?: Uint8Array,
): HexStreamScan {
  let byteCount = 0;
  let digitCount = 0;
  let pendingNibble = -1;
  let pendingIndex = -1;
  let inToken = false;
  let tokenStart = 0;
  let tokenDigits = 0;
  let tokenPrefixed = false;
  let tokensOnLine = 0;
  let prefixed = false;
  let spaced = false;
  let firstOddToken: { start: number; end: number } | undefined;
  let problem: HexStreamProblem | undefined;

  const emit = (byte: number): void => {
    if (out !== undefined) out[byteCount] = byte;
    byteCount++;
  };

  const startToken = (at: number, withPrefix: boolean): void => {
    inToken = true;
    tokenStart = at;
    tokenDigits = 0;
    tokenPrefixed = withPrefix;
    tokensOnLine++;
    if (tokensOnLine > 1) spaced = true;
    if (withPrefix) {
      prefixed = true;
      // A prefix starts a new byte; a digit left over from before is an odd group (reported).
      pendingNibble = -1;
    }
  };

  const endToken = (at: number): void => {
    inToken = false;
    if (tokenPrefixed && tokenDigits === 0) {
      problem ??= { kind: 'empty-prefix', start: tokenStart, end: at };
      return;
    }
    if (pendingNibble < 0) return;
    if (tokenPrefixed && tokenDigits === 1) {
      emit(pendingNibble);
      pendingNibble = -1;
      return;
    }
    firstOddToken ??= { start: tokenStart, end: at };
    if (tokenPrefixed) pendingNibble = -1;
  };

  const finish = (badCharIndex: number): HexStreamScan => {
    const shape: HexStreamShape = prefixed ? 'prefixed' : spaced ? 'spaced' : 'continuous';
    if (problem === undefined) {
      if (firstOddToken !== undefined && shape !== 'continuous') {
        problem = { kind: 'odd-group', ...firstOddToken };
      } else if (pendingNibble >= 0) {
        problem = { kind: 'odd-total', start: pendingIndex, end: pendingIndex + 1 };
      }
    }
    const scan: HexStreamScan = { byteCount, digitCount, shape, badCharIndex };
    if (problem !== undefined) scan.problem = problem;
    return scan;
  };

  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const value = hexDigitValue(code);
    if (value >= 0) {
      if (!inToken) {
        if (code === ZERO && i + 1 < end && isPrefixMark(text.charCodeAt(i + 1))) {
          startToken(i, true);
          i++;
          continue;
        }
        startToken(i, false);
      }
      digitCount++;
      tokenDigits++;
      if (pendingNibble < 0) {
        pendingNibble = value;
        pendingIndex = i;
      } else {
        emit((pendingNibble << 4) | value);
        pendingNibble = -1;
        // Fast path for the common run of digit pairs inside a group.
        while (i + 2 < end) {
          const high = hexDigitValue(text.charCodeAt(i + 1));
          const low = hexDigitValue(text.charCodeAt(i + 2));
          if (high < 0 || low < 0) break;
          if (out !== undefined) out[byteCount] = (high << 4) | low;
          byteCount++;
          digitCount += 2;
          tokenDigits += 2;
          i += 2;
        }
      }
    } else if (isSpaceCode(code) || code === COMMA || code === SEMICOLON) {
      if (inToken) endToken(i);
      if (code === 0x0a || code === 0x0d) tokensOnLine = 0;
    } else if (code === BACKSLASH && i + 1 < end && isPrefixMark(text.charCodeAt(i + 1))) {
      // `\x03\x00`: each `\x` both ends the previous group and starts the next.
      if (inToken) endToken(i);
      startToken(i, true);
      i++;
    } else {
      return finish(i);
    }
  }
  if (inToken) endToken(end);
  return finish(-1);
}

/** Decodes text[start, end) as a hex stream; throws InputDecodeError naming the first fault. */
export function decodeHexStream(
  source: TextSource,
  start = 0,
  end = source.text.length,
): { bytes: Uint8Array; shape: HexStreamShape } {
  const out = new Uint8Array(Math.ceil((end - start) / 2));
  const scan = scanHexStream(source.text, start, end, out);
  throwIfHexStreamFailed(source, scan);
  const bytes = scan.byteCount === out.length ? out : out.slice(0, scan.byteCount);
  return { bytes, shape: scan.shape };
}

/** Throws the InputDecodeError that a failed scan calls for; returns when the scan succeeded. */
export function throwIfHexStreamFailed(source: TextSource, scan: HexStreamScan): void {
  const { text } = source;
  if (scan.badCharIndex >= 0) {
    throw errorAt(
      source,
      scan.badCharIndex,
      'not-hex',
      `not hex: ${describeCharAt(text, scan.badCharIndex)}`,
    );
  }
  const { problem } = scan;
  if (problem === undefined) return;
  const culprit = excerpt(text.slice(problem.start, problem.end), 20);
  switch (problem.kind) {
    case 'empty-prefix':
      throw errorAt(source, problem.start, 'not-hex', `not hex: '${culprit}'`, ' has no digits');
    case 'odd-group':
      throw errorAt(
        source,
        problem.start,
        'odd-hex-digits',
        `odd number of hex digits in '${culprit}'`,
        ': each group must hold whole bytes',
      );
    case 'odd-total':
      throw errorAt(
        source,
        problem.start,
        'odd-hex-digits',
        `odd number of hex digits (${scan.digitCount}): the last digit, ${describeCharAt(text, problem.start)},`,
        ' has no partner',
      );
  }
}

function isPrefixMark(code: number): boolean {
  return code === 0x78 || code === 0x58;
}
