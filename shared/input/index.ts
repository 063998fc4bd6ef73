// Input decoders: a UIDL BLOB as pasted or saved by users (its own bytes, hex in its many
// layouts, base64) turned into the BLOB's bytes, with the reason for the format chosen.

export {
  InputDecodeError,
  type DecodedInput,
  type HexShape,
  type InputDiagnostic,
  type InputFormat,
} from './types.js';
export { detectInputFormat } from './detect.js';
export { decodeInput } from './decode.js';
