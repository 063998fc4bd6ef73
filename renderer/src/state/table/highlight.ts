/** Which bytes the hex view highlights for a selection, and what it says they are. */
import type { ByteSpan } from '@shared/codec/types.js';
import { formatByteRange } from '@shared/byte-range.js';
import type { HistoryDocument } from '../document/document';
import type { Selection } from './selection';

export interface Highlight {
  /** Whether byte `offset`, of entry `entry` (-1 for none), is highlighted. */
  readonly has: (offset: number, entry: number) => boolean;
  /** The first highlighted range, to scroll to; null when nothing is highlighted. */
  readonly first: ByteSpan | null;
  /** "Entry #3: bytes 65–90 (26 bytes; 0x41–0x5A)", for the caption. */
  readonly caption: string;
}

const NOTHING: Highlight = {
  has: () => false,
  first: null,
  caption: 'Select an entry or click a byte.',
};

/** The selection's bytes in the one notation, with the hex offsets a hex editor shows. */
function describeRange(span: ByteSpan): string {
  return formatByteRange(span.start, span.end, { hex: true });
}

export function highlightOf(document: HistoryDocument, selection: Selection): Highlight {
  const { bytes, entries, active } = selection;
  if (bytes) {
    return {
      has: (offset) => offset >= bytes.start && offset < bytes.end,
      first: bytes,
      caption: `${bytes.label}: ${describeRange(bytes)}`,
    };
  }
  if (entries.size === 0) return NOTHING;
  const focus = active !== null && entries.has(active) ? active : entries.values().next().value!;
  const start = document.offsetOf(focus);
  const span = { start, end: start + document.lengthOf(focus) };
  return {
    has: (_offset, entry) => entry >= 0 && entries.has(entry),
    first: span,
    caption:
      entries.size === 1
        ? `Entry #${focus}: ${describeRange(span)}`
        : `${entries.size} entries; entry #${focus}: ${describeRange(span)}`,
  };
}
