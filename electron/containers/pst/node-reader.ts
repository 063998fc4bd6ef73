/**
 * One node's contents (a folder, message, table or attachment): its heap and its subnodes,
 * loaded once on first use.
 */
import { ContainerError, ContainerLimitError } from '../errors.js';
import { Heap } from './heap.js';
import type { NodeDatabase, NodeEntry } from './ndb.js';

export class NodeReader {
  private heapPromise: Promise<Heap> | null = null;
  private subnodePromise: Promise<Map<number, NodeEntry>> | null = null;

  constructor(
    readonly ndb: NodeDatabase,
    readonly entry: NodeEntry,
    readonly what: string,
  ) {}

  heap(): Promise<Heap> {
    this.heapPromise ??= this.ndb
      .dataBlocks(this.entry.bidData, this.what)
      .then((blocks) => new Heap(blocks, this.what));
    return this.heapPromise;
  }

  subnodes(): Promise<Map<number, NodeEntry>> {
    this.subnodePromise ??= this.ndb.subnodes(this.entry.bidSub, this.what);
    return this.subnodePromise;
  }

  /**
   * Runs `work` on this node; damage it reports without a file offset (found in the heap,
   * a table or a property context, which are the node's reassembled data rather than a place
   * in the file) gets the offset of the node's first data block.
   */
  async located<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ContainerError) || error.offset !== null) throw error;
      if (error instanceof ContainerLimitError) throw error;
      const offset = await this.ndb.blockOffset(this.entry.bidData);
      // No data block to point at: the structure read last is where the damage showed.
      if (offset === null) return this.ndb.placed(() => Promise.reject(error));
      throw new ContainerError(`${error.message} (in the node's data)`, offset);
    }
  }

  /** A subnode as a node of its own (attachment tables, attachments, large values). */
  async child(nid: number, what: string): Promise<NodeReader | null> {
    const entry = (await this.subnodes()).get(nid);
    return entry ? new NodeReader(this.ndb, entry, what) : null;
  }

  /** The whole data of subnode `nid` (a value too large for the heap). */
  async subnodeData(nid: number, limit?: number): Promise<Uint8Array> {
    const entry = (await this.subnodes()).get(nid);
    if (!entry) {
      throw new ContainerError(
        `${this.what}: value stored in subnode 0x${nid.toString(16)}, which the node does not have`,
      );
    }
    return this.ndb.data(entry.bidData, `${this.what}, subnode 0x${nid.toString(16)}`, limit);
  }

  /** An HNID's bytes: a heap allocation, or a subnode's data ([MS-PST] 2.3.3.2). */
  async hnid(hnid: number, limit?: number): Promise<Uint8Array> {
    if ((hnid & 0x1f) === 0) return (await this.heap()).get(hnid);
    return this.subnodeData(hnid, limit);
  }
}
