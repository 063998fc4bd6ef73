import {
  decodeInput,
  InputDecodeError,
  type DecodedInput,
  type InputFormat,
} from '../../../shared/input/index.js';
import { thrownBy } from '../../fixtures/thrown.js';

const encoder = new TextEncoder();

/** Decodes text given as a string (encoded as UTF-8, as a pasted or saved file arrives). */
export function decodeString(text: string, format?: InputFormat | 'auto'): DecodedInput {
  return decodeInput(encoder.encode(text), format === undefined ? {} : { format });
}

/** The InputDecodeError that `run` throws; fails if it throws something else or nothing. */
export function decodeErrorOf(run: () => unknown): InputDecodeError {
  return thrownBy(InputDecodeError, run);
}

/** The error's fields that tests compare as a whole. */
export function describeError(error: InputDecodeError): {
  code: string;
  message: string;
  line: number | undefined;
  column: number | undefined;
} {
  return { code: error.code, message: error.message, line: error.line, column: error.column };
}
