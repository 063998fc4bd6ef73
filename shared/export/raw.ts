/** The BLOB itself, ready to paste back into PidTagAttachDataBinary. */
import { serialize } from '../codec/serialize.js';
import type { UidlDocument } from '../codec/types.js';

/** The document's bytes; for an unedited document, exactly the bytes it was parsed from. */
export function toRaw(document: UidlDocument): Uint8Array {
  return serialize(document);
}
