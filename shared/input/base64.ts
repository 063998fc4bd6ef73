// Base64 text (RFC 4648), standard or URL-safe alphabet, with or without line breaks.
// Validation is done here so errors can point at a character; @scure/base does the decoding.

import { base64, base64url } from '@scure/base';
import { describeCharAt, errorAt, isSpaceCode, type TextSource } from './text.js';
import { InputDecodeError } from './types.js';

/** 6-bit value of each base64 character, either alphabet; -1 for anything else. */
const BASE64_VALUES = (() => {
  const values = new Int8Array(128).fill(-1);
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let value = 0; value < letters.length; value++) values[letters.charCodeAt(value)] = value;
  values[0x2b] = 62; // +
  values[0x2f] = 63; // /
  values[0x2d] = 62; // - (URL-safe)
  values[0x5f] = 63; // _ (URL-safe)
  return values;
})();

const EQUALS = 0x3d;

/** The 6-bit value of a base64 character of either alphabet, or -1. */
export function base64Value(code: number): number {
  return code < 128 ? (BASE64_VALUES[code] ?? -1) : -1;
}

/** Whether the character belongs to either base64 alphabet, '=' padding included. */
export function isBase64Char(code: number): boolean {
  return code === EQUALS || base64Value(code) >= 0;
}

/**
 * Decodes base64 text; whitespace anywhere is ignored. Padding is checked: when present it must
 * be exactly what the length calls for. It may be left out only with the URL-safe alphabet,
 * where leaving it out is the convention; for the standard alphabet a missing '=' is more
 * likely a truncated paste than a deliberate choice.
 */
export function decodeBase64(source: TextSource): {
  bytes: Uint8Array;
  shape: 'base64' | 'base64url';
} {
  const { text } = source;
  const scan = unbrokenBase64(text) ?? scanBase64(source);
  checkBase64(source, scan);
  const { dataChars, padChars } = scan;
  const urlSafe = scan.firstUrlOnly >= 0;
  const remainder = dataChars % 4;
  const padNeeded = remainder === 0 ? 0 : 4 - remainder;
  const compact =
    (padChars === 0 && dataChars === text.length ? text : text.replace(/[\t\n\v\f\r =]/g, '')) +
    '='.repeat(padNeeded);
  try {
    const bytes = urlSafe ? base64url.decode(compact) : base64.decode(compact);
    return { bytes, shape: urlSafe ? 'base64url' : 'base64' };
  } catch (error) {
    // Unreachable after the checks above; kept so the API only ever throws InputDecodeError.
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputDecodeError('not-base64', `not base64: ${detail}`);
  }
}

/** What decodeBase64 needs to know of the text: character counts and where things are. */
interface Base64Scan {
  dataChars: number;
  padChars: number;
  firstPad: number;
  lastData: number;
  lastValue: number;
  /** First '+' or '/'. */
  firstStandardOnly: number;
  /** First '-' or '_'. */
  firstUrlOnly: number;
}

/** One alphabet, no whitespace, padding only at the end: what base64 tools write. */
const UNBROKEN_STANDARD = /^[A-Za-z0-9+/]+={0,2}$/;
const UNBROKEN_URL_SAFE = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * scanBase64's result for text in one unbroken run of one alphabet, read off its ends instead
 * of its 64 MiB of characters (a regular expression checks the rest); null for other text.
 */
function unbrokenBase64(text: string): Base64Scan | null {
  const standard = UNBROKEN_STANDARD.test(text);
  if (!standard && !UNBROKEN_URL_SAFE.test(text)) return null;
  let padChars = 0;
  while (padChars < 2 && text.charCodeAt(text.length - 1 - padChars) === EQUALS) padChars++;
  const dataChars = text.length - padChars;
  const first = (pattern: RegExp): number => text.search(pattern);
  return {
    dataChars,
    padChars,
    firstPad: padChars > 0 ? dataChars : -1,
    lastData: dataChars - 1,
    lastValue: base64Value(text.charCodeAt(dataChars - 1)),
    firstStandardOnly: standard ? first(/[+/]/) : -1,
    firstUrlOnly: standard ? -1 : first(/[-_]/),
  };
}

/** Reads every character, stopping at the first that is not base64 or comes after padding. */
function scanBase64(source: TextSource): Base64Scan {
  const { text } = source;
  let dataChars = 0;
  let padChars = 0;
  let firstPad = -1;
  let lastData = -1;
  let lastValue = 0;
  let firstStandardOnly = -1; // '+' or '/'
  let firstUrlOnly = -1; // '-' or '_'
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpaceCode(code)) continue;
    if (code === EQUALS) {
      if (firstPad < 0) firstPad = i;
      padChars++;
      continue;
    }
    const value = base64Value(code);
    if (value < 0) {
      throw errorAt(source, i, 'not-base64', `not base64: ${describeCharAt(text, i)}`);
    }
    if (firstPad >= 0) {
      throw errorAt(
        source,
        i,
        'base64-padding',
        `not base64: ${describeCharAt(text, i)}`,
        " comes after the '=' padding",
      );
    }
    if (code === 0x2b || code === 0x2f) {
      if (firstStandardOnly < 0) firstStandardOnly = i;
    } else if (code === 0x2d || code === 0x5f) {
      if (firstUrlOnly < 0) firstUrlOnly = i;
    }
    dataChars++;
    lastData = i;
    lastValue = value;
  }
  return { dataChars, padChars, firstPad, lastData, lastValue, firstStandardOnly, firstUrlOnly };
}

/** Throws InputDecodeError, pointing at the character, unless the counts make valid base64. */
function checkBase64(source: TextSource, scan: Base64Scan): void {
  const { text } = source;
  const { dataChars, padChars, firstPad, lastData, lastValue, firstStandardOnly, firstUrlOnly } =
    scan;
  if (firstStandardOnly >= 0 && firstUrlOnly >= 0) {
    const later = Math.max(firstStandardOnly, firstUrlOnly);
    throw errorAt(
      source,
      later,
      'base64-mixed-alphabets',
      `not base64: ${describeCharAt(text, later)}`,
      ' mixes the URL-safe alphabet (- _) with the standard one (+ /)',
    );
  }
  const urlSafe = firstUrlOnly >= 0;
  const remainder = dataChars % 4;
  const padNeeded = remainder === 0 ? 0 : 4 - remainder;
  if (remainder === 1) {
    throw errorAt(
      source,
      lastData,
      'base64-length',
      `not base64: the last group of four has a single character, ${describeCharAt(text, lastData)}`,
      `, which cannot encode a byte (${dataChars} characters in all)`,
    );
  }
  if (padChars > 0 && padChars !== padNeeded) {
    throw errorAt(
      source,
      firstPad,
      'base64-padding',
      `not base64: wrong padding: ${padChars} '='`,
      ` where the length calls for ${padNeeded}`,
    );
  }
  if (padChars === 0 && padNeeded > 0 && !urlSafe) {
    throw errorAt(
      source,
      lastData + 1,
      'base64-padding',
      'not base64: missing padding: the text ends',
      ` without the ${padNeeded} '=' its length calls for (was it cut short?)`,
    );
  }
  // The bits of the last character beyond the last byte must be zero in canonical base64;
  // anything else means the end of the text was altered.
  const unusedBitsMask = remainder === 2 ? 0x0f : remainder === 3 ? 0x03 : 0;
  if ((lastValue & unusedBitsMask) !== 0) {
    throw errorAt(
      source,
      lastData,
      'base64-padding',
      `not base64: the last character, ${describeCharAt(text, lastData)},`,
      ' has bits set past the end of the data (the text was altered or cut short)',
    );
  }
}
