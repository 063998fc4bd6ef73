// decodeInput: detection (or the caller's choice) followed by the decoder for that layout.

import type { Timestamp } from '../codec/types.js';
import { utcNow } from '../time-display.js';
import { decodeBase64 } from './base64.js';
import { decodeClientState } from './client-state/decode-client-state.js';
import { detectClientState } from './client-state/detect-client-state.js';
import { classifyInput, hexLayoutOf, requireContent, type TextLayout } from './detect.js';
import { decodeOffsetDump } from './dump.js';
import { decodeHexStream } from './hex.js';
import { decodeMfcmapi } from './mfcmapi.js';
import { decodeReg } from './reg.js';
import { decodeText, type TextSource } from './text.js';
import {
  InputDecodeError,
  type DecodedInput,
  type HexShape,
  type InputDiagnostic,
  type InputFormat,
} from './types.js';

const SHAPE_DESCRIPTIONS: Record<HexShape, string> = {
  continuous: 'continuous hex digits',
  spaced: 'hex bytes separated by spaces or punctuation',
  prefixed: 'hex bytes with 0x or \\x prefixes',
  'offset-dump': 'a hex dump with an offset column',
  reg: 'a Windows .reg export',
  mfcmapi: "MFCMAPI's cb:/lpb: text",
};

export interface DecodeOptions {
  readonly format?: InputFormat | 'auto';
  /** For a state file with several accounts: `user@host` or a 1-based number. */
  readonly account?: string | null;
  /** Dates the messages a state file gives no time (a `.fetchids`); default: now, in UTC. */
  readonly undatedTime?: Timestamp;
}

/**
 * Decodes a UIDL BLOB given as its own bytes, as hex text or as base64 text, or converts
 * another client's state file to one, detecting which unless `options.format` says. Throws
 * InputDecodeError (and nothing else) when it cannot.
 */
export function decodeInput(input: Uint8Array, options: DecodeOptions = {}): DecodedInput {
  const requested = options.format ?? 'auto';
  const stateOptions = {
    account: options.account ?? null,
    undatedTime: options.undatedTime ?? utcNow(),
  };
  switch (requested) {
    case 'raw':
      return rawInput(input, 'Raw was requested, so the bytes are used exactly as given.');
    case 'popstate':
    case 'fetchids':
    case 'getmail':
      return decodeClientState(input, requested, stateOptions);
    case 'auto': {
      // Before the BLOB detection: a getmail file holds NULs, which would make it "binary".
      const state = detectClientState(input);
      if (state) {
        return decodeClientState(input, state.format, { ...stateOptions, reason: state.reason });
      }
      const classification = classifyInput(input);
      if (classification.format === 'raw') return rawInput(input, classification.reason);
      return decodeLayout(classification.source, classification.layout, classification.reason);
    }
    case 'hex':
    case 'base64': {
      const source = decodeText(input);
      requireContent(source);
      return decodeLayout(source, requested === 'hex' ? hexLayoutOf(source) : 'base64');
    }
    default:
      throw new InputDecodeError(
        'unknown-format',
        `unknown input format '${String(requested)}': expected 'auto', 'raw', 'hex', 'base64', ` +
          "'popstate', 'fetchids' or 'getmail'",
      );
  }
}

function rawInput(input: Uint8Array, reason: string): DecodedInput {
  // The caller's bytes themselves, not a copy: raw means untouched.
  return { format: 'raw', reason, bytes: input, diagnostics: [] };
}

/**
 * Runs the decoder for `layout`. `detectedReason` is the detection's explanation; without it
 * the format was the caller's choice and the reason says so.
 */
function decodeLayout(
  source: TextSource,
  layout: TextLayout,
  detectedReason?: string,
): DecodedInput {
  const diagnostics: InputDiagnostic[] = [];
  if (source.encoding !== 'utf-8') {
    diagnostics.push({
      code: 'text-encoding',
      severity: 'info',
      message: `The text was read as ${source.encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'}, as its byte-order mark says.`,
    });
  }
  const hexResult = (
    shape: HexShape,
    bytes: Uint8Array,
    more: InputDiagnostic[] = [],
    reason = detectedReason,
  ): DecodedInput => ({
    format: 'hex',
    shape,
    reason: reason ?? `Hex was requested; the text was read as ${SHAPE_DESCRIPTIONS[shape]}.`,
    bytes,
    diagnostics: [...diagnostics, ...more],
  });

  switch (layout) {
    case 'reg': {
      const reg = decodeReg(source);
      const reason =
        detectedReason === undefined
          ? undefined
          : `The text is a Windows .reg export, so its first binary value, ${reg.valueName}, was read as hex.`;
      return hexResult('reg', reg.bytes, reg.diagnostics, reason);
    }
    case 'mfcmapi': {
      const mfcmapi = decodeMfcmapi(source);
      return hexResult('mfcmapi', mfcmapi.bytes, mfcmapi.diagnostics);
    }
    case 'offset-dump': {
      const dump = decodeOffsetDump(source);
      return hexResult('offset-dump', dump.bytes, dump.diagnostics);
    }
    case 'hex-stream': {
      const stream = decodeHexStream(source);
      return hexResult(stream.shape, stream.bytes);
    }
    case 'base64': {
      const { bytes, shape } = decodeBase64(source);
      const alphabet = shape === 'base64url' ? 'URL-safe base64' : 'base64';
      return {
        format: 'base64',
        shape,
        reason: detectedReason ?? `Base64 was requested; the text was read as ${alphabet}.`,
        bytes,
        diagnostics,
      };
    }
  }
}
