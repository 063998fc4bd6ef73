/**
 * Finds tags with equal decoded UIDs by hash: a filter of bits while parsing, then a table of
 * the few entries it cannot rule out. Equal hashes are confirmed by comparing the decoded
 * UIDs, so a hash collision never reports a duplicate.
 */
import type { EntryColumns } from './document.js';
import { bodyEnd, UID_OFFSET } from './layout.js';
import type { ByteSpan } from './types.js';
import { decodeUidBytes } from './uid.js';

export class DuplicateIndex {
  /** The entries added and their hashes, in order (every entry with a UID). */
  private readonly indexes: Int32Array;
  private readonly hashes: Int32Array;
  private added = 0;
  /**
   * A bit per hash value (its low bits) seen once, and a bit per value seen again. The sets
   * are small enough to stay in the processor's cache, unlike a table of 65,535 slots, which
   * missed it on almost every tag: only entries whose bit was seen twice can share a UID, and
   * only they go into the table that finds equal UIDs, once every entry is added.
   */
  private readonly seen: Int32Array;
  private readonly seenAgain: Int32Array;
  private readonly filterMask: number;
  private anySeenAgain = false;
  /** First index of each duplicated UID → every index holding it, in order. */
  private byFirst: Map<number, number[]> | undefined;
  /** The UIDs decoded to confirm matches, by entry index (the document keeps them). */
  readonly decoded = new Map<number, string>();

  constructor(
    private readonly bytes: Uint8Array,
    /** Filled in by the parser before it adds each entry here. */
    private readonly columns: EntryColumns,
    expected: number,
  ) {
    this.indexes = new Int32Array(expected);
    this.hashes = new Int32Array(expected);
    // 16 bits a UID: about 1 in 16 unique UIDs shares its bit with another and is checked.
    let bits = 1024;
    while (bits < expected * 16 && bits < 1 << 24) bits *= 2;
    this.seen = new Int32Array(bits >>> 5);
    this.seenAgain = new Int32Array(bits >>> 5);
    this.filterMask = bits - 1;
  }

  /** Records entry `index` (added in increasing order), whose decoded UID hashes to `hash`. */
  add(hash: number, index: number): void {
    this.indexes[this.added] = index;
    this.hashes[this.added++] = hash;
    const bit = hash & this.filterMask;
    const word = bit >>> 5;
    const mask = 1 << (bit & 31);
    if ((this.seen[word]! & mask) === 0) {
      this.seen[word]! |= mask;
    } else {
      this.seenAgain[word]! |= mask;
      this.anySeenAgain = true;
    }
  }

  /** Each group of entries sharing a UID, indexes ascending. */
  groups(): Iterable<number[]> {
    this.byFirst ??= this.findGroups();
    return this.byFirst.values();
  }

  /**
   * Puts the entries whose bit was seen twice in an open-addressing table of typed arrays (a
   * Map keyed by strings would cost more than the rest of the parse), in order. Equal hashes
   * are confirmed by comparing the decoded UIDs, so a collision never reports a duplicate; a
   * later copy of a UID joins the first one's group and takes no slot, so even 65,535 copies
   * of one UID stay linear.
   */
  private findGroups(): Map<number, number[]> {
    const byFirst = new Map<number, number[]>();
    if (!this.anySeenAgain) return byFirst;
    let capacity = 16;
    while (capacity < this.added * 2) capacity *= 2;
    // Two numbers a slot, side by side: the hash, then the entry index + 1 (0: empty).
    const table = new Int32Array(2 * capacity);
    const mask = capacity - 1;
    for (let k = 0; k < this.added; k++) {
      const hash = this.hashes[k]!;
      const bit = hash & this.filterMask;
      if ((this.seenAgain[bit >>> 5]! & (1 << (bit & 31))) === 0) continue;
      const index = this.indexes[k]!;
      let slot = hash & mask;
      let joined = false;
      while (table[2 * slot + 1] !== 0) {
        const first = table[2 * slot + 1]! - 1;
        if (table[2 * slot] === hash && this.uid(first) === this.uid(index)) {
          const group = byFirst.get(first);
          if (group) group.push(index);
          else byFirst.set(first, [first, index]);
          joined = true;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (joined) continue;
      table[2 * slot] = hash;
      table[2 * slot + 1] = index + 1;
    }
    return byFirst;
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
