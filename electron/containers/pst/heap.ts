/**
 * The heap-on-node and the BTree-on-heap of [MS-PST] 2.3.1-2.3.2, over a node's decoded data
 * blocks. Allocations are bounds-checked against their page map; BTH descent loses one level
 * per step, so it ends.
 */
import { ContainerError } from '../errors.js';
import { u16, u32, u8 } from './binary.js';
import { formatByteOffset, formatByteRange } from '../../../shared/byte-range.js';

export const HEAP_SIG = 0xec;
export const CLIENT_SIG_PC = 0xbc;
export const CLIENT_SIG_TC = 0x7c;
const BTH_TYPE = 0xb5;
const MAX_BTH_LEVELS = 8;

export class Heap {
  readonly clientSig: number;
  readonly userRoot: number;

  constructor(
    private readonly blocks: readonly Uint8Array[],
    private readonly what: string,
  ) {
    const first = blocks[0];
    if (!first || first.length < 12) throw new ContainerError(`${what}: no heap (empty node data)`);
    if (u8(first, 2, what) !== HEAP_SIG) {
      throw new ContainerError(
        `${what}: heap signature 0x${first[2]!.toString(16)} instead of 0xec; the store is damaged`,
      );
    }
    this.clientSig = u8(first, 3, what);
    this.userRoot = u32(first, 4, what);
  }

  /** The bytes of allocation `hid`; an empty array for hid 0 (an absent value). */
  get(hid: number): Uint8Array {
    if (hid === 0) return new Uint8Array(0);
    const what = this.what;
    if ((hid & 0x1f) !== 0)
      throw new ContainerError(`${what}: 0x${hid.toString(16)} is not a heap id`);
    const index = (hid >>> 5) & 0x7ff;
    const blockIndex = hid >>> 16;
    const block = this.blocks[blockIndex];
    if (!block || index === 0) {
      throw new ContainerError(`${what}: heap id 0x${hid.toString(16)} points outside the heap`);
    }
    const map = u16(block, 0, what);
    const count = u16(block, map, what);
    if (index > count) {
      throw new ContainerError(
        `${what}: heap id 0x${hid.toString(16)} names allocation ${index} of ${count}`,
      );
    }
    const start = u16(block, map + 4 + (index - 1) * 2, what);
    const end = u16(block, map + 4 + index * 2, what);
    if (start > end || end > map) {
      throw new ContainerError(
        start > end
          ? `${what}: heap allocation ${index} ends at ${formatByteOffset(end)} of its page, before it starts at ${formatByteOffset(start)}`
          : `${what}: heap allocation ${index}, ${formatByteRange(start, end)} of its page, runs into the page map at ${formatByteOffset(map)}`,
      );
    }
    return block.subarray(start, end);
  }
}

export interface BthRecord {
  readonly key: Uint8Array;
  readonly data: Uint8Array;
}

/** Every leaf record of the BTH whose header is allocation `hid`, in key order. */
export function bthRecords(
  heap: Heap,
  hid: number,
  what: string,
): {
  keyBytes: number;
  dataBytes: number;
  records: BthRecord[];
} {
  const header = heap.get(hid);
  if (header.length < 8 || u8(header, 0, what) !== BTH_TYPE) {
    throw new ContainerError(`${what}: not a BTree-on-heap header; the store is damaged`);
  }
  const keyBytes = u8(header, 1, what);
  const dataBytes = u8(header, 2, what);
  const levels = u8(header, 3, what);
  const root = u32(header, 4, what);
  if (keyBytes === 0 || levels > MAX_BTH_LEVELS) {
    throw new ContainerError(
      `${what}: BTree-on-heap with ${keyBytes}-byte keys and ${levels} levels`,
    );
  }
  const records: BthRecord[] = [];
  // A node reached twice is damage; refusing it keeps the walk linear in the heap's size.
  const seen = new Set<number>();
  const walk = (nodeHid: number, level: number): void => {
    if (seen.has(nodeHid)) throw new ContainerError(`${what}: BTree-on-heap node reached twice`);
    seen.add(nodeHid);
    const node = heap.get(nodeHid);
    const size = keyBytes + (level > 0 ? 4 : dataBytes);
    if (node.length % size !== 0) {
      throw new ContainerError(
        `${what}: BTree-on-heap node of ${node.length} bytes is not whole records`,
      );
    }
    for (let at = 0; at < node.length; at += size) {
      if (level > 0) walk(u32(node, at + keyBytes, what), level - 1);
      else
        records.push({
          key: node.subarray(at, at + keyBytes),
          data: node.subarray(at + keyBytes, at + size),
        });
    }
  };
  if (root !== 0) walk(root, levels);
  return { keyBytes, dataBytes, records };
}
