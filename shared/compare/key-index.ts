/**
 * Finds UIDs that are equal under a key (letter case folded, whitespace dropped) without
 * building key strings: each UID's key is hashed once, character by character, into an
 * open-addressing table of typed arrays, and only a hash hit compares two UIDs. For 65,535
 * UIDs against 65,535 others this costs a fraction of two Maps keyed by 131,070 new strings.
 */

/** Whether two UIDs have the same key (confirms a hash hit). */
export type SameKey = (a: string, b: string) => boolean;

const FNV_PRIME = 0x01000193;

/** FNV-1a's offset basis as a 32-bit signed integer, as Int32Array holds it. */
export const HASH_START = 0x811c9dc5 | 0;
/** One step of FNV-1a, the hash the codec uses for decoded UIDs too. */
export const mixHash = (hash: number, unit: number): number => Math.imul(hash ^ unit, FNV_PRIME);

export class KeyIndex {
  private readonly hashes: Int32Array;
  /** Index into `uids` + 1; 0 marks an empty slot. Only the first UID of each key. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** `hashes[i]` is the key hash of `uids[i]`. */
  constructor(
    private readonly uids: readonly string[],
    hashes: Int32Array,
    private readonly same: SameKey,
  ) {
    let capacity = 16;
    while (capacity < uids.length * 2) capacity *= 2;
    this.hashes = new Int32Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let index = 0; index < uids.length; index++) {
      const hash = hashes[index]!;
      let slot = hash & this.mask;
      let taken = false;
      while (this.slots[slot] !== 0) {
        if (this.hashes[slot] === hash && same(uids[this.slots[slot]! - 1]!, uids[index]!)) {
          taken = true;
          break;
        }
        slot = (slot + 1) & this.mask;
      }
      if (!taken) {
        this.hashes[slot] = hash;
        this.slots[slot] = index + 1;
      }
    }
  }

  /** The first indexed UID with the same key as `uid` (whose key hashes to `keyHash`). */
  find(uid: string, keyHash: number): string | undefined {
    const hash = keyHash | 0;
    let slot = hash & this.mask;
    while (this.slots[slot] !== 0) {
      const candidate = this.uids[this.slots[slot]! - 1]!;
      if (this.hashes[slot] === hash && this.same(candidate, uid)) return candidate;
      slot = (slot + 1) & this.mask;
    }
    return undefined;
  }
}
