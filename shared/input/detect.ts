// Deciding what the input is: the BLOB's own bytes, hex text (in which layout) or base64 text.
//
// Order: raw first (a BLOB starts with 03 00, which text never does; control bytes mean binary),
// then text with unmistakable markers (.reg, MFCMAPI, offset dumps), then plain hex before base64
// (text of hex digits only is hex, even though it is also valid base64), then base64. Text that
// is almost hex or almost base64 is handed to that decoder so its error points at the culprit;
// anything else is rejected as neither.

import { isBase64Char } from './base64.js';
import { detectClientState } from './client-state/detect-client-state.js';
import { looksLikeOffsetDump, looksLikeWordDump } from './dump.js';
import { hexDigitValue, scanHexStream, type HexStreamShape } from './hex.js';
import { looksLikeMfcmapi } from './mfcmapi.js';
import { looksLikeReg } from './reg.js';
import {
  decodeText,
  errorAt,
  excerpt,
  findControlByte,
  findControlChar,
  firstNonSpace,
  isSpaceCode,
  lineEndAt,
  utf16Encoding,
  type TextSource,
} from './text.js';
import { InputDecodeError, type InputFormat } from './types.js';
import { formatByteOffset } from '../byte-range.js';

/** Which decoder reads the text. */
export type TextLayout = 'reg' | 'mfcmapi' | 'offset-dump' | 'hex-stream' | 'base64';

export type InputClassification =
  | { format: 'raw'; reason: string }
  | { format: 'hex' | 'base64'; layout: TextLayout; reason: string; source: TextSource };

/** What the input is and why; throws InputDecodeError when it is empty or clearly neither. */
export function detectInputFormat(input: Uint8Array): { format: InputFormat; reason: string } {
  // Another client's state file first, as decodeInput does (a getmail file holds NULs).
  const state = detectClientState(input);
  if (state) return state;
  const { format, reason } = classifyInput(input);
  return { format, reason };
}

export function classifyInput(input: Uint8Array): InputClassification {
  if (input[0] === 0x03 && input[1] === 0x00) {
    return {
      format: 'raw',
      reason:
        "The input starts with bytes 03 00, the BLOB's version number, so it is the binary BLOB itself.",
    };
  }
  if (utf16Encoding(input) !== undefined) {
    const source = decodeText(input);
    if (input.length % 2 === 0 && findControlChar(source.text) < 0) return classifyText(source);
    return {
      format: 'raw',
      reason:
        'The input starts like UTF-16 text but does not decode to plain text, so it is taken as the binary BLOB itself.',
    };
  }
  const control = findControlByte(input);
  if (control >= 0) {
    const byte = (input[control] ?? 0).toString(16).padStart(2, '0');
    return {
      format: 'raw',
      reason: `The input contains 0x${byte} at ${formatByteOffset(control, { hex: true })}, a control character that text does not hold, so it is the binary BLOB itself.`,
    };
  }
  return classifyText(decodeText(input));
}

const HEX_STREAM_REASONS: Record<HexStreamShape, string> = {
  continuous: 'The text holds only hex digits, so it was read as hex.',
  spaced:
    'The text holds only hex digits and separators (spaces, commas, semicolons), so it was read as hex.',
  prefixed: 'The text holds hex bytes written with 0x or \\x prefixes, so it was read as hex.',
};

/** Classifies decoded text; throws InputDecodeError when it is blank or clearly neither. */
export function classifyText(source: TextSource): InputClassification {
  const { text } = source;
  const first = requireContent(source);
  const asHex = (layout: TextLayout, reason: string): InputClassification => ({
    format: 'hex',
    layout,
    reason,
    source,
  });
  const asBase64 = (reason: string): InputClassification => ({
    format: 'base64',
    layout: 'base64',
    reason,
    source,
  });

  if (looksLikeReg(text)) {
    return asHex('reg', 'The text is a Windows .reg export, so its binary value was read as hex.');
  }
  if (looksLikeMfcmapi(text)) {
    return asHex(
      'mfcmapi',
      "The text is MFCMAPI's binary property text (cb: … lpb: …), so lpb was read as hex.",
    );
  }
  rejectWordDump(source, first);
  if (looksLikeOffsetDump(text)) {
    return asHex(
      'offset-dump',
      'The text is a hex dump with an offset column, so the offsets and the text column were stripped and the bytes read as hex.',
    );
  }
  const scan = scanHexStream(text, 0, text.length);
  if (scan.badCharIndex < 0) return asHex('hex-stream', HEX_STREAM_REASONS[scan.shape]);

  if (ONLY_BASE64_AND_LINE_ENDS.test(text)) {
    // What measureText would find for such text, without walking 64 MiB of it character by
    // character: every character is base64, and no line holds a space.
    const leading = leadingContent(text, first);
    if (leading === '0300' || mostlyHexDigits(text)) {
      return asHex(
        'hex-stream',
        'The text is almost all hex digits, so it was read as hex despite the characters that are not.',
      );
    }
    return asBase64(
      leading.startsWith('AwA')
        ? "The text holds only base64 characters and begins with AwA, which is the BLOB's 03 00 in base64, so it was read as base64."
        : 'The text holds only base64 characters and not only hex digits, so it was read as base64.',
    );
  }
  const stats = measureText(text);
  if (stats.base64Chars === stats.nonSpace && hasBase64Runs(stats)) {
    if (looksLikeMistypedHex(stats)) {
      return asHex(
        'hex-stream',
        'The text is almost all hex digits, so it was read as hex despite the characters that are not.',
      );
    }
    return asBase64(
      stats.leading.startsWith('AwA')
        ? "The text holds only base64 characters and begins with AwA, which is the BLOB's 03 00 in base64, so it was read as base64."
        : 'The text holds only base64 characters and not only hex digits, so it was read as base64.',
    );
  }
  if (
    stats.hexish >= 0.9 * stats.nonSpace ||
    (stats.groups >= 2 && stats.hexGroups >= 0.75 * stats.groups)
  ) {
    return asHex('hex-stream', 'The text is mostly hex, so it was read as hex.');
  }
  if (stats.base64Chars >= 0.95 * stats.nonSpace && hasBase64Runs(stats)) {
    return asBase64('The text is mostly base64 characters, so it was read as base64.');
  }
  const firstLine = text.slice(first, lineEndAt(text, first)).trim();
  throw errorAt(
    source,
    first,
    'not-a-blob',
    `not a UIDL BLOB, hex or base64: the text starting "${excerpt(firstLine)}"`,
    ' is none of these (a BLOB begins with bytes 03 00: 0300 in hex, AwA in base64)',
  );
}

/** Which hex decoder reads the text, when the caller asked for hex. */
export function hexLayoutOf(source: TextSource): TextLayout {
  const { text } = source;
  if (looksLikeReg(text)) return 'reg';
  if (looksLikeMfcmapi(text)) return 'mfcmapi';
  rejectWordDump(source, requireContent(source));
  if (looksLikeOffsetDump(text)) return 'offset-dump';
  return 'hex-stream';
}

function rejectWordDump(source: TextSource, first: number): void {
  if (!looksLikeWordDump(source.text, first)) return;
  throw errorAt(
    source,
    first,
    'word-dump',
    'hex dump in 16-bit words',
    ' (hexdump without -C, od -x): each pair of bytes is in the byte order of the machine that made it, so it cannot be read back safely; dump the file with hexdump -C or xxd instead',
  );
}

/** Index of the first non-whitespace character; throws when there is none. */
export function requireContent(source: TextSource): number {
  const first = firstNonSpace(source.text);
  if (first < 0) {
    throw new InputDecodeError(
      'empty',
      source.input.length === 0 ? 'the input is empty' : 'the input holds only whitespace',
    );
  }
  return first;
}

interface TextStats {
  nonSpace: number;
  hexDigits: number;
  /** Hex digits, separators (, ;) and prefix marks (x X \). */
  hexish: number;
  base64Chars: number;
  /** Runs of characters between whitespace. */
  words: number;
  /** Runs between whitespace, commas and semicolons. */
  groups: number;
  /** Groups of hex digits and prefix marks only. */
  hexGroups: number;
  /** Whitespace between two characters of the same line. */
  innerSpace: boolean;
  /** The first four characters that are not whitespace. */
  leading: string;
}

/** Character classes for measureText, as bits, for the 128 ASCII codes (above: none). */
const SPACE = 1;
const LINE_END = 2;
const HEX_DIGIT = 4;
const SEPARATOR = 8; // , ;
const PREFIX_MARK = 16; // x X \
const BASE64 = 32;
const CLASSES = (() => {
  const classes = new Uint8Array(128);
  for (let code = 0; code < 128; code++) {
    let bits = 0;
    if (isSpaceCode(code)) bits |= SPACE;
    if (code === 0x0a || code === 0x0d) bits |= LINE_END;
    if (hexDigitValue(code) >= 0) bits |= HEX_DIGIT;
    if (code === 0x2c || code === 0x3b) bits |= SEPARATOR;
    if (code === 0x78 || code === 0x58 || code === 0x5c) bits |= PREFIX_MARK;
    if (isBase64Char(code)) bits |= BASE64;
    classes[code] = bits;
  }
  return classes;
})();

/**
 * One pass over the text with a table of character classes: it runs over every character of
 * inputs up to 64 MiB, so it allocates nothing and calls nothing per character.
 */
function measureText(text: string): TextStats {
  let nonSpace = 0;
  let hexDigits = 0;
  let hexish = 0;
  let base64Chars = 0;
  let words = 0;
  let groups = 0;
  let hexGroups = 0;
  let innerSpace = false;
  let firstContent = -1;
  let inWord = false;
  let inGroup = false;
  let groupIsHex = false;
  let lineHasContent = false;
  let spaceAfterContent = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const bits = code < 128 ? CLASSES[code]! : 0;
    if (bits & SPACE) {
      if (bits & LINE_END) {
        lineHasContent = false;
        spaceAfterContent = false;
      } else if (lineHasContent) {
        spaceAfterContent = true;
      }
      inWord = false;
      if (inGroup && groupIsHex) hexGroups++;
      inGroup = false;
      continue;
    }
    if (firstContent < 0) firstContent = i;
    nonSpace++;
    if (spaceAfterContent) innerSpace = true;
    spaceAfterContent = false;
    lineHasContent = true;
    if (!inWord) {
      words++;
      inWord = true;
    }
    if (bits & HEX_DIGIT) hexDigits++;
    if (bits & (HEX_DIGIT | SEPARATOR | PREFIX_MARK)) hexish++;
    if (bits & BASE64) base64Chars++;
    if (bits & SEPARATOR) {
      if (inGroup && groupIsHex) hexGroups++;
      inGroup = false;
      continue;
    }
    if (!inGroup) {
      groups++;
      inGroup = true;
      groupIsHex = true;
    }
    if (!(bits & (HEX_DIGIT | PREFIX_MARK))) groupIsHex = false;
  }
  if (inGroup && groupIsHex) hexGroups++;
  return {
    nonSpace,
    hexDigits,
    hexish,
    base64Chars,
    words,
    groups,
    hexGroups,
    innerSpace,
    leading: firstContent < 0 ? '' : leadingContent(text, firstContent),
  };
}

/** The first four characters from `from` that are not whitespace. */
function leadingContent(text: string, from: number): string {
  let leading = '';
  for (let i = from; i < text.length && leading.length < 4; i++) {
    if (!isSpaceCode(text.charCodeAt(i))) leading += text[i];
  }
  return leading;
}

/** Either base64 alphabet, padding and line breaks, nothing else (a regular expression is several times faster than a loop over 64 MiB). */
const ONLY_BASE64_AND_LINE_ENDS = /^[A-Za-z0-9+/=_\-\r\n]*$/;

/**
 * looksLikeMistypedHex's second test for text without spaces: at least 16 characters, 95% of
 * them hex digits. Stops as soon as the other characters rule it out, which in base64 (a third
 * hex digits) is within the first few characters.
 */
function mostlyHexDigits(text: string): boolean {
  let nonSpace = 0;
  let others = 0;
  const allowed = 0.05 * text.length;
  for (let i = 0; i < text.length; i++) {
    const bits = CLASSES[text.charCodeAt(i)] ?? 0;
    if (bits & SPACE) continue;
    nonSpace++;
    if (!(bits & HEX_DIGIT) && ++others > allowed) return false;
  }
  return nonSpace >= 16 && nonSpace - others >= 0.95 * nonSpace;
}

/** Base64 comes in long unbroken runs (lines of 64 or 76); prose has short words. */
function hasBase64Runs(stats: TextStats): boolean {
  return !stats.innerSpace || stats.nonSpace / stats.words >= 16;
}

/**
 * Text of base64 characters that is really hex with a slip. Hex of a BLOB begins 0300, which
 * base64 text almost never does; long text that is nearly all hex digits is not base64 either
 * (in base64 only about a third of the characters are hex digits).
 */
function looksLikeMistypedHex(stats: TextStats): boolean {
  return (
    stats.leading === '0300' || (stats.nonSpace >= 16 && stats.hexDigits >= 0.95 * stats.nonSpace)
  );
}
