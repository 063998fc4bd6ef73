// MFCMAPI's text for a binary property: `cb: 65 lpb: 030001002B62…` (`lpb: NULL` when empty).
// cb is the byte count MFCMAPI saw; a cb that disagrees with the hex is reported, not fatal,
// since the hex is what the user has.

import { decodeHexStream } from './hex.js';
import { lineBreakLength, lineEndAt, positionAt, type TextSource } from './text.js';
import { InputDecodeError, type InputDiagnostic } from './types.js';

const MARKER = /\bcb:[ \t]*(\d+)[ \t]+lpb:[ \t]*/gi;
/** A line of hex digits only: the lpb value wrapped onto further lines (by a mail client). */
const HEX_ONLY_LINE = /[ \t]*[0-9A-Fa-f]+[ \t]*(?=[\r\n]|$)/y;

/** Whether the text holds MFCMAPI's `cb: N lpb: …`. */
export function looksLikeMfcmapi(text: string): boolean {
  MARKER.lastIndex = 0;
  return MARKER.test(text);
}

/** Decodes the first `cb: N lpb: HEX` in the text; text around it (property names) is ignored. */
export function decodeMfcmapi(source: TextSource): {
  bytes: Uint8Array;
  diagnostics: InputDiagnostic[];
  declaredCount: number;
} {
  const { text } = source;
  MARKER.lastIndex = 0;
  const marker = MARKER.exec(text);
  if (marker === null) {
    throw new InputDecodeError(
      'not-mfcmapi',
      'not MFCMAPI text: no "cb: <count> lpb: <hex>" found',
    );
  }
  const declaredCount = Number(marker[1]);
  const countIndex = text.indexOf(marker[1] ?? '', marker.index);
  const valueStart = MARKER.lastIndex;

  // The value runs to the end of its line, or to a tab (the next column of a copied row).
  const lineEnd = lineEndAt(text, valueStart);
  const tab = text.indexOf('\t', valueStart);
  let valueEnd = tab >= 0 && tab < lineEnd ? tab : lineEnd;
  let bytes: Uint8Array;
  if (text.slice(valueStart, valueEnd).trim() === 'NULL') {
    bytes = new Uint8Array(0);
  } else {
    if (valueEnd === lineEnd) valueEnd = endOfWrappedHex(text, lineEnd);
    bytes = decodeHexStream(source, valueStart, valueEnd).bytes;
  }

  const diagnostics: InputDiagnostic[] = [];
  if (declaredCount !== bytes.length) {
    diagnostics.push({
      code: 'cb-mismatch',
      severity: 'warning',
      message: `cb says ${declaredCount} bytes but lpb holds ${bytes.length}; the ${bytes.length} bytes of lpb were used.`,
      ...positionAt(source, countIndex),
    });
  }
  MARKER.lastIndex = valueEnd;
  let otherValues = 0;
  while (MARKER.exec(text) !== null) otherValues++;
  if (otherValues > 0) {
    diagnostics.push({
      code: 'mfcmapi-multiple-values',
      severity: 'info',
      message: `The text holds ${otherValues + 1} cb:/lpb: values; the first was used and the other ${otherValues} ignored.`,
      ...positionAt(source, marker.index),
    });
  }
  return { bytes, diagnostics, declaredCount };
}

/** Extends a value ending at `lineEnd` over following lines that hold nothing but hex. */
function endOfWrappedHex(text: string, lineEnd: number): number {
  let end = lineEnd;
  for (;;) {
    const nextLine = end + lineBreakLength(text, end);
    if (nextLine === end) return end;
    HEX_ONLY_LINE.lastIndex = nextLine;
    if (!HEX_ONLY_LINE.test(text)) return end;
    end = HEX_ONLY_LINE.lastIndex;
  }
}
