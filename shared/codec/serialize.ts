/**
 * Writing a document back to bytes. A parsed document's header, tags and trailing bytes
 * partition its input exactly, so reassembling them reproduces the input byte for byte,
 * malformed input included; edits swap single tags and the Count and leave the rest alone.
 */
import { BLOB_VERSION, HEADER_LENGTH } from './parse.js';
import type { UidlDocument } from './types.js';

/** What changes between a document and the bytes to write: tags replaced, inserted, removed. */
export interface Assembly {
  /** New header bytes, or undefined to keep the document's. */
  readonly header?: Uint8Array;
  /** Per original entry index: its new bytes, or null to remove it. */
  readonly replaced?: ReadonlyMap<number, Uint8Array | null>;
  /** Per position (an original index, or entries.length for the end): tags inserted before it. */
  readonly inserted?: ReadonlyMap<number, readonly Uint8Array[]>;
}

/** The document's bytes, rebuilt from its parts. `serialize(parse(b))` equals `b` for every `b`. */
export function serialize(document: UidlDocument): Uint8Array {
  return assemble(document, {});
}

export function assemble(document: UidlDocument, assembly: Assembly): Uint8Array {
  const { bytes, entries, trailing } = document;
  const header = assembly.header ?? bytes.subarray(0, Math.min(bytes.length, HEADER_LENGTH));
  const parts: Uint8Array[] = [header];
  const insertedAt = (position: number): void => {
    const tags = assembly.inserted?.get(position);
    if (tags) parts.push(...tags);
  };
  // Unchanged runs of tags are copied as one slice, so a one-tag edit of a 4 MB BLOB costs
  // a few copies, not 65,535.
  let runStart = -1;
  let runEnd = -1;
  const flush = (): void => {
    if (runStart >= 0) parts.push(bytes.subarray(runStart, runEnd));
    runStart = -1;
  };
  for (const entry of entries) {
    const hasInsert = assembly.inserted?.has(entry.index) ?? false;
    const replacement = assembly.replaced?.get(entry.index);
    if (hasInsert || replacement !== undefined) flush();
    insertedAt(entry.index);
    if (replacement === undefined) {
      if (runStart < 0) runStart = entry.offset;
      runEnd = entry.offset + entry.length;
    } else if (replacement !== null) {
      parts.push(replacement);
    }
  }
  flush();
  insertedAt(entries.length);
  parts.push(bytes.subarray(trailing.start, trailing.end));

  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A 4-byte header: the given version and count, little-endian. */
export function encodeHeader(count: number, version: number = BLOB_VERSION): Uint8Array {
  return Uint8Array.of(version & 0xff, version >> 8, count & 0xff, count >> 8);
}
