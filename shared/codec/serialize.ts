/**
 * Writing a document back to bytes. A parsed document's header, tags and trailing bytes
 * partition its input exactly, so reassembling them reproduces the input byte for byte,
 * malformed input included; edits swap single tags and the Count and leave the rest alone.
 */
import { concatBytes } from '../bytes.js';
import { BLOB_VERSION, HEADER_LENGTH } from './layout.js';
import type { UidlDocument } from './types.js';

/** What changes between a document and the bytes to write: tags replaced, inserted, removed. */
export interface Assembly {
  /** New header bytes, or undefined to keep the document's. */
  readonly header?: Uint8Array;
  /** Per original entry index: its new bytes, or null to remove it. */
  readonly replaced?: ReadonlyMap<number, Uint8Array | null>;
  /** Per position (an original index, or entryCount for the end): tags inserted before it. */
  readonly inserted?: ReadonlyMap<number, readonly Uint8Array[]>;
}

/** The document's bytes, rebuilt from its parts. `serialize(parse(b))` equals `b` for every `b`. */
export function serialize(document: UidlDocument): Uint8Array {
  return assemble(document, {});
}

/**
 * The bytes of `document` with `assembly`'s changes. Work is proportional to the number of
 * changes plus one copy of the bytes: unchanged runs of tags are copied as single slices.
 */
export function assemble(document: UidlDocument, assembly: Assembly): Uint8Array {
  const { bytes, entryCount, trailing } = document;
  const headerEnd = Math.min(bytes.length, HEADER_LENGTH);
  const parts: Uint8Array[] = [assembly.header ?? bytes.subarray(0, headerEnd)];
  const positions = [
    ...new Set([...(assembly.replaced?.keys() ?? []), ...(assembly.inserted?.keys() ?? [])]),
  ].sort((a, b) => a - b);

  let cursor = headerEnd;
  for (const position of positions) {
    const entry = position < entryCount ? document.entry(position) : null;
    const start = entry ? entry.offset : trailing.start;
    parts.push(bytes.subarray(cursor, start));
    // A loop, not push(...spread): an insertion may hold more tags than the stack has room for.
    for (const tag of assembly.inserted?.get(position) ?? []) parts.push(tag);
    cursor = start;
    const replacement = assembly.replaced?.get(position);
    if (entry && replacement !== undefined) {
      if (replacement !== null) parts.push(replacement);
      cursor = entry.offset + entry.length;
    }
  }
  parts.push(bytes.subarray(cursor));
  return concatBytes(parts);
}

/** A 4-byte header: the given version and count, little-endian. */
export function encodeHeader(count: number, version: number = BLOB_VERSION): Uint8Array {
  return Uint8Array.of(version & 0xff, version >> 8, count & 0xff, count >> 8);
}
