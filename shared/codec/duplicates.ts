/**
 * Finds tags with equal decoded UIDs by hash, in an open-addressing table of typed arrays: a
 * Map keyed by 65,535 strings would cost more than the rest of the parse. Equal hashes are
 * confirmed by comparing the decoded UIDs, so a hash collision never reports a duplicate.
 */
import type { EntryColumns } from './document.js';
import { bodyEnd, UID_OFFSET } from './layout.js';
import type { ByteSpan } from './types.js';
import { decodeUidBytes } from './uid.js';

export class DuplicateIndex {
  /**
   * Two numbers a slot, side by side so a probe touches one cache line: the hash, then the
   * entry index + 1 (0 marks an empty slot). Only the first of equal UIDs takes a slot.
   */
  private readonly table: Int32Array;
  private readonly mask: number;
  /** First index of each duplicated UID → every index holding it, in order. */
  private readonly byFirst = new Map<number, number[]>();
  /** The UIDs decoded to confirm matches, by entry index (the document keeps them). */
  readonly decoded = new Map<number, string>();

  constructor(
    private readonly bytes: Uint8Array,
    /** Filled in by the parser before it adds each entry here. */
    private readonly columns: EntryColumns,
    expected: number,
  ) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.table = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
  }

  /**
   * Records entry `index`, whose decoded UID hashes to `hash`. A later copy of a UID joins the
   * first one's group and takes no slot, so even 65,535 copies of one UID stay linear.
   */
  add(hash: number, index: number): void {
    const table = this.table;
    let slot = hash & this.mask;
    while (table[2 * slot + 1] !== 0) {
      const first = table[2 * slot + 1]! - 1;
      if (table[2 * slot] === hash && this.uid(first) === this.uid(index)) {
        const group = this.byFirst.get(first);
        if (group) group.push(index);
        else this.byFirst.set(first, [first, index]);
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    table[2 * slot] = hash;
    table[2 * slot + 1] = index + 1;
  }

  /** Each group of entries sharing a UID, indexes ascending. */
  groups(): Iterable<number[]> {
    return this.byFirst.values();
  }

  /** The encoded UID's bytes of entry `index` (its tag has at least one UID byte). */
  uidSpan(index: number): ByteSpan {
    const offset = this.columns.offsets[index]!;
    return {
      start: offset + UID_OFFSET,
      end: bodyEnd(this.bytes, offset, this.columns.lengths[index]!),
    };
  }

  uid(index: number): string {
    let uid = this.decoded.get(index);
    if (uid === undefined) {
      const span = this.uidSpan(index);
      uid = decodeUidBytes(this.bytes, span.start, span.end);
      this.decoded.set(index, uid);
    }
    return uid;
  }
}
