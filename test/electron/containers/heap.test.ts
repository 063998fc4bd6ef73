/** Heap allocations out of bounds: the message names both ends in the byte-range notation. */
import { describe, expect, it } from 'vitest';
import { ContainerError } from '../../../electron/containers/errors.js';
import { Heap, HEAP_SIG } from '../../../electron/containers/pst/heap.js';

const MAP = 24;

/** One 32-byte heap block whose page map (at byte 24) holds allocation 1 from `start` to `end`. */
function heapBlock(start: number, end: number): Uint8Array {
  const block = new Uint8Array(32);
  const view = new DataView(block.buffer);
  view.setUint16(0, MAP, true);
  block[2] = HEAP_SIG;
  view.setUint16(MAP, 1, true); // one allocation
  view.setUint16(MAP + 4, start, true);
  view.setUint16(MAP + 6, end, true);
  return block;
}

const ALLOCATION_1 = 1 << 5;

function errorOf(block: Uint8Array): ContainerError {
  try {
    new Heap([block], 'test node').get(ALLOCATION_1);
  } catch (error) {
    if (error instanceof ContainerError) return error;
    throw error;
  }
  throw new Error('the allocation was read');
}

describe('Heap.get', () => {
  it('reads an allocation inside its page', () => {
    const block = heapBlock(12, 20);
    block.set([1, 2, 3, 4, 5, 6, 7, 8], 12);
    expect([...new Heap([block], 'test node').get(ALLOCATION_1)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('names the range of an allocation that runs into the page map', () => {
    expect(errorOf(heapBlock(12, 30)).message).toBe(
      'test node: heap allocation 1, bytes 12–29 (18 bytes) of its page, runs into the page map at byte 24',
    );
  });

  it('names both ends of an allocation that ends before it starts', () => {
    expect(errorOf(heapBlock(20, 16)).message).toBe(
      'test node: heap allocation 1 ends at byte 16 of its page, before it starts at byte 20',
    );
  });
});
