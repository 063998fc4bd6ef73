// Hex dumps with an offset column: xxd (`00000000: 0300 0100 2b62  ....+b`), hexdump -C
// (`00000000  03 00 01 00 ...  |....+b...|`, with `*` for repeated lines and a last line holding
// only the total length) and the generic layout of hex editors and other tools
// (`0000: 03 00 01 00   ....`).
//
// The hard part is where the bytes end and the text column begins, since the text column can
// itself look like hex (bytes 30 31 show as `01`). A dump's text column shows each byte as
// itself when printable, so a line is split where the remaining text renders the bytes read so
// far. Then each line's offset must equal the previous offset plus the bytes on the previous
// line, which catches any line split wrongly.

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
import type { InputDecodeError, InputDiagnostic } from './types.js';

/** At a line start: blanks, 4 to 16 hex digits, an optional colon, then a blank or line end. */
const OFFSET_COLUMN = /[ \t]*([0-9A-Fa-f]{4,16})(:?)(?=[ \t\r\n]|$)/y;

/** A '*' line can stand for any number of repeats; stop before allocating absurd amounts. */
const MAX_DUMP_BYTES = 64 * 1024 * 1024;

const MAX_HEADER_LENGTH = 200;

const STAR = 0x2a;
const BAR = 0x7c;

/** hexdump without -C and od -x: a 7-digit offset, then 16-bit words (`0000000 0003 0001`). */
const WORD_DUMP_LINE = /[ \t]*[0-9A-Fa-f]{7}(?:[ \t]+[0-9A-Fa-f]{4})+[ \t]*(?:[\r\n]|$)/y;

/**
 * Whether the text is a dump in 16-bit words. Such dumps print each pair of bytes in the byte
 * order of the machine that made them (swapped on x86), so they cannot be read back safely.
 */
export function looksLikeWordDump(text: string, firstContent: number): boolean {
  WORD_DUMP_LINE.lastIndex = firstContent;
  return WORD_DUMP_LINE.test(text);
}

/** Whether the text starts (after any column headers) with a line of a dump with offsets. */
export function looksLikeOffsetDump(text: string): boolean {
  for (let lineStart = 0; lineStart < text.length;) {
    const lineEnd = lineEndAt(text, lineStart, lineStart + MAX_HEADER_LENGTH + 1);
    if (skipBlanks(text, lineStart, lineEnd) < lineEnd) {
      OFFSET_COLUMN.lastIndex = lineStart;
      const match = OFFSET_COLUMN.exec(text);
      if (match !== null) {
        if (match[2] === ':') return true;
        // Without a colon, single-byte groups tell a dump from hex written in 2-byte groups.
        const dataStart = skipBlanks(text, OFFSET_COLUMN.lastIndex, lineEnd);
        const dataEnd = blankOrEnd(text, dataStart, lineEnd);
        return dataEnd - dataStart === 2 && isWholeBytesOfHex(text, dataStart, dataEnd);
      }
      // Headers are short; a long line (a line of hex or base64) is not one.
      if (lineEnd - lineStart > MAX_HEADER_LENGTH) return false;
      if (!isHeaderLine(text.slice(lineStart, lineEnd))) return false;
    }
    lineStart = lineEnd + lineBreakLength(text, lineEnd);
  }
  return false;
}

interface DumpLine {
  lineNumber: number;
  offsetText: string;
  byteCount: number;
  /** Where the line's bytes start in the output. */
  outputStart: number;
}

/** Decodes a hex dump with an offset column; throws InputDecodeError naming the faulty line. */
export function decodeOffsetDump(source: TextSource): {
  bytes: Uint8Array;
  diagnostics: InputDiagnostic[];
} {
  const { text } = source;
  const output = new ByteSink(Math.ceil(text.length / 3));
  const diagnostics: InputDiagnostic[] = [];
  const layout: DumpLayout = { hasTextColumn: false };
  let started = false;
  let previous: DumpLine | undefined;
  let expectedOffset = 0;
  let pendingRepeat = -1; // index of a '*' line waiting for the offset where it ends
  let lineNumber = 0;

  for (let lineStart = 0; lineStart < text.length;) {
    const lineEnd = lineEndAt(text, lineStart);
    const nextLine = lineEnd + lineBreakLength(text, lineEnd);
    lineNumber++;
    const first = skipBlanks(text, lineStart, lineEnd);
    lineStart = nextLine;
    if (first === lineEnd) continue;

    if (text.charCodeAt(first) === STAR && trimBlanksEnd(text, first, lineEnd) === first + 1) {
      if (previous === undefined) {
        throw errorAt(
          source,
          first,
          'dump-repeat',
          "hex dump: the '*'",
          ' repeats the line above it, but there are no bytes above it',
        );
      }
      pendingRepeat = first;
      continue;
    }

    OFFSET_COLUMN.lastIndex = first;
    const match = OFFSET_COLUMN.exec(text);
    if (match === null) {
      if (!started && isHeaderLine(text.slice(first, lineEnd))) continue;
      throw errorAt(
        source,
        first,
        'dump-line',
        `hex dump: ${describeCharAt(text, first)}`,
        ' is not an offset; every line of a dump starts with one',
      );
    }
    const dataStart = OFFSET_COLUMN.lastIndex;
    const offsetText = match[1] ?? '';
    const offset = parseInt(offsetText, 16);

    if (pendingRepeat >= 0 && previous !== undefined) {
      repeatLine(source, output, previous, expectedOffset, offset, first, offsetText);
      expectedOffset = offset;
      pendingRepeat = -1;
    }
    if (!started) {
      started = true;
      expectedOffset = offset;
      if (offset !== 0) {
        diagnostics.push({
          code: 'dump-partial',
          severity: 'warning',
          message: `The dump starts at offset ${offsetText}, not 0: the bytes before it are missing.`,
          ...positionAt(source, first),
        });
      }
    } else if (offset !== expectedOffset) {
      throw offsetMismatch(source, first, offsetText, expectedOffset, previous);
    }

    const outputStart = output.length;
    const byteCount = readLineBytes(source, dataStart, lineEnd, output, layout);
    // A line with an offset and no bytes is hexdump's closing line, the total length.
    if (byteCount > 0) previous = { lineNumber, offsetText, byteCount, outputStart };
    expectedOffset += byteCount;
  }

  if (pendingRepeat >= 0) {
    throw errorAt(
      source,
      pendingRepeat,
      'dump-repeat',
      "hex dump: the '*'",
      ' is not followed by the offset where the repetition ends',
    );
  }
  return { bytes: output.toBytes(), diagnostics };
}

/** What earlier lines showed about the dump's layout. */
interface DumpLayout {
  hasTextColumn: boolean;
}

/**
 * Appends the bytes of one dump line (text[dataStart, lineEnd), after the offset) to `output`
 * and returns how many there were.
 */
function readLineBytes(
  source: TextSource,
  dataStart: number,
  lineEnd: number,
  output: ByteSink,
  layout: DumpLayout,
): number {
  const { text } = source;
  const outputStart = output.length;
  const contentEnd = trimBlanksEnd(text, dataStart, lineEnd);
  let byteCount = 0;
  // Spaces at either end of the text column may have been trimmed, so compare without them.
  let leadingSpaces = 0;
  let trailingSpaces = 0;
  let onlySpaces = true;

  let tokenStart = skipBlanks(text, dataStart, contentEnd);
  while (tokenStart < contentEnd) {
    const tokenEnd = blankOrEnd(text, tokenStart, contentEnd);
    if (!appendHexGroup(text, tokenStart, tokenEnd, output)) {
      return bytesBeforeTextColumn(source, tokenStart, tokenEnd, contentEnd, byteCount, layout);
    }
    for (let i = outputStart + byteCount; i < output.length; i++) {
      if (output.byteAt(i) === 0x20) {
        trailingSpaces++;
        if (onlySpaces) leadingSpaces++;
      } else {
        trailingSpaces = 0;
        onlySpaces = false;
      }
    }
    byteCount = output.length - outputStart;
    const restStart = skipBlanks(text, tokenEnd, contentEnd);
    if (restStart < contentEnd) {
      const shownStart = outputStart + (onlySpaces ? byteCount : leadingSpaces);
      const shownCount = onlySpaces ? 0 : byteCount - leadingSpaces - trailingSpaces;
      const barredColumn =
        text.charCodeAt(restStart) === BAR &&
        text.charCodeAt(contentEnd - 1) === BAR &&
        contentEnd - restStart - 2 === byteCount &&
        rendersAs(output, outputStart, byteCount, text, restStart + 1);
      const plainColumn =
        contentEnd - restStart === shownCount &&
        rendersAs(output, shownStart, shownCount, text, restStart);
      if (barredColumn || plainColumn) {
        layout.hasTextColumn = true;
        return byteCount;
      }
    }
    tokenStart = restStart;
  }
  // Every group was hex. Fine for dumps without a text column, and for a text column of
  // spaces only (trimmed away); otherwise the text column must have been taken for bytes.
  if (layout.hasTextColumn && byteCount > 0 && !onlySpaces) {
    throw errorAt(
      source,
      skipBlanks(text, dataStart, contentEnd),
      'dump-text-column',
      'hex dump: the line starting',
      ': cannot tell where its bytes end and its text column starts (the text does not match the bytes)',
    );
  }
  return byteCount;
}

/**
 * The group at [tokenStart, tokenEnd) is not hex. When the rest of the line is no longer than a
 * text column for the bytes read so far (one character a byte, two bars), it is that column,
 * one that does not mirror the bytes (hex edited by hand, or a tool that shows bytes another
 * way). Otherwise the group is a fault in the hex area.
 */
function bytesBeforeTextColumn(
  source: TextSource,
  tokenStart: number,
  tokenEnd: number,
  contentEnd: number,
  byteCount: number,
  layout: DumpLayout,
): number {
  const { text } = source;
  if (byteCount > 0 && contentEnd - tokenStart <= byteCount + 2) {
    layout.hasTextColumn = true;
    return byteCount;
  }
  for (let i = tokenStart; i < tokenEnd; i++) {
    if (hexDigitValue(text.charCodeAt(i)) < 0) {
      throw errorAt(source, i, 'not-hex', `not hex: ${describeCharAt(text, i)}`);
    }
  }
  throw errorAt(
    source,
    tokenStart,
    'odd-hex-digits',
    `odd number of hex digits in '${text.slice(tokenStart, tokenEnd)}'`,
    ': each group must hold whole bytes',
  );
}

/** Whether text at `at` shows `count` bytes of `output` from `start`, as a dump's text column. */
function rendersAs(
  output: ByteSink,
  start: number,
  count: number,
  text: string,
  at: number,
): boolean {
  for (let i = 0; i < count; i++) {
    const byte = output.byteAt(start + i);
    // Printable ASCII shows as itself; tools differ on the rest ('.', a code page glyph).
    if (byte >= 0x20 && byte <= 0x7e && text.charCodeAt(at + i) !== byte) return false;
  }
  return true;
}

/** Expands a '*' line: `previous` repeats until `offset`. */
function repeatLine(
  source: TextSource,
  output: ByteSink,
  previous: DumpLine,
  expectedOffset: number,
  offset: number,
  offsetIndex: number,
  offsetText: string,
): void {
  const gap = offset - expectedOffset;
  if (gap <= 0 || gap % previous.byteCount !== 0) {
    throw errorAt(
      source,
      offsetIndex,
      'dump-offset',
      `hex dump: offset ${offsetText}`,
      ` does not fit the '*' above it: repeating the ${previous.byteCount} bytes of line ${previous.lineNumber} from offset ${formatOffset(expectedOffset, offsetText)} cannot end there`,
    );
  }
  if (output.length + gap > MAX_DUMP_BYTES) {
    throw errorAt(
      source,
      offsetIndex,
      'too-large',
      `hex dump: offset ${offsetText}`,
      ` would repeat the line above it past ${MAX_DUMP_BYTES} bytes, far more than a UIDL BLOB holds`,
    );
  }
  output.repeat(previous.outputStart, previous.byteCount, gap / previous.byteCount);
}

function offsetMismatch(
  source: TextSource,
  offsetIndex: number,
  offsetText: string,
  expectedOffset: number,
  previous: DumpLine | undefined,
): InputDecodeError {
  const above =
    previous === undefined
      ? ''
      : `: line ${previous.lineNumber} starts at ${previous.offsetText} and holds ${previous.byteCount} bytes`;
  return errorAt(
    source,
    offsetIndex,
    'dump-offset',
    `hex dump: offset ${offsetText}`,
    ` disagrees with the lines above${above}, so this line should start at ${formatOffset(expectedOffset, offsetText)}`,
  );
}

/** An offset written like `model`: as wide, and in the same letter case. */
function formatOffset(value: number, model: string): string {
  const digits = value.toString(16).padStart(model.length, '0');
  return /[A-F]/.test(model) ? digits.toUpperCase() : digits;
}

/** HxD's `Offset(h) 00 01 02 …`, PowerShell's `00 01 02 03 …` ruler and dashed rules. */
function isHeaderLine(line: string): boolean {
  return (
    /offset/i.test(line) ||
    /^[ \t]*00[ \t]+01[ \t]+02[ \t]+03(?:[ \t]|$)/.test(line) ||
    /^[ \t-]+$/.test(line)
  );
}

/** Appends the bytes of a group of hex digit pairs; appends nothing and returns false if it is not one. */
function appendHexGroup(text: string, start: number, end: number, output: ByteSink): boolean {
  if ((end - start) % 2 !== 0) return false;
  const rollback = output.length;
  for (let i = start; i < end; i += 2) {
    const high = hexDigitValue(text.charCodeAt(i));
    const low = hexDigitValue(text.charCodeAt(i + 1));
    if (high < 0 || low < 0) {
      output.truncate(rollback);
      return false;
    }
    output.push((high << 4) | low);
  }
  return true;
}

function isWholeBytesOfHex(text: string, start: number, end: number): boolean {
  if ((end - start) % 2 !== 0) return false;
  for (let i = start; i < end; i++) {
    if (hexDigitValue(text.charCodeAt(i)) < 0) return false;
  }
  return true;
}

function blankOrEnd(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09) break;
    i++;
  }
  return i;
}
