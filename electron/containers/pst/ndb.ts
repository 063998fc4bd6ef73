/**
 * The node database layer of [MS-PST] 2.2.2: B-tree pages, the node and block B-trees (NBT,
 * BBT), blocks with their trailers and checksums, data trees (XBLOCK/XXBLOCK) and subnode
 * trees (SLBLOCK/SIBLOCK). Everything is read by offset on demand.
 *
 * Every loop is bounded: a B-tree descent must lose one level per page, a data tree is at most
 * two levels of XBLOCKs whose total size may not exceed the file, and a subnode tree at most
 * two levels. Damage gives a ContainerError with the byte offset, never a hang.
 */
import { concatBytes } from '../../../shared/bytes.js';
import { ContainerError, ContainerLimitError } from '../errors.js';
import type { ByteSource } from '../source.js';
import { hex32, u16, u32, u64, u8 } from './binary.js';
import { pstCrc } from './crc.js';
import { decodeBlock } from './crypt.js';
import type { BlockRef, PstHeader } from './header.js';

const PAGE_BYTES = 512;
const PTYPE_BBT = 0x80;
const PTYPE_NBT = 0x81;
const MAX_BLOCK_BYTES = 8192;
/** More B-tree levels than any store needs; a deeper claim is damage. */
const MAX_BTREE_LEVELS = 16;
const PAGE_CACHE_LIMIT = 4096;

export interface NodeEntry {
  readonly nid: number;
  readonly bidData: number;
  readonly bidSub: number;
  /** The parent folder's NID (NBT entries only; 0 for subnodes). */
  readonly nidParent: number;
}

interface BlockEntry {
  readonly bid: number;
  readonly ib: number;
  readonly cb: number;
}

/** The sizes that differ between the Unicode and the ANSI format. */
interface Layout {
  readonly unicode: boolean;
  readonly idBytes: number;
  readonly entriesBytes: number;
  readonly trailerAt: number;
  readonly blockTrailerBytes: number;
  readonly internalHeaderBytes: number;
}

const UNICODE: Layout = {
  unicode: true,
  idBytes: 8,
  entriesBytes: 488,
  trailerAt: 496,
  blockTrailerBytes: 16,
  internalHeaderBytes: 8,
};
const ANSI: Layout = {
  unicode: false,
  idBytes: 4,
  entriesBytes: 496,
  trailerAt: 500,
  blockTrailerBytes: 12,
  internalHeaderBytes: 4,
};

/** A BID's lowest bit is reserved; the BBT keys have it clear. */
const blockKey = (bid: number): number => bid - (bid % 2);
const isInternal = (bid: number): boolean => Math.floor(bid / 2) % 2 === 1;

export class NodeDatabase {
  readonly layout: Layout;
  private readonly pages = new Map<number, Uint8Array>();

  constructor(
    readonly source: ByteSource,
    readonly header: PstHeader,
  ) {
    this.layout = header.format === 'unicode' ? UNICODE : ANSI;
  }

  private id(bytes: Uint8Array, at: number, what: string): number {
    return this.layout.unicode ? u64(bytes, at, what) : u32(bytes, at, what);
  }

  /** A NID: 32 bits, even where the Unicode format gives it an 8-byte field (upper half unused). */
  private nid(bytes: Uint8Array, at: number, what: string): number {
    return u32(bytes, at, what);
  }

  /**
   * The file offset of the page or block read last. Parsing follows each read, so damage that
   * a parser reports without an offset sits in that structure: placed() adds it.
   */
  private lastOffset: number | null = null;

  /** Runs `work`; a ContainerError it throws without an offset gets that of the last read. */
  async placed<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ContainerError) || error.offset !== null) throw error;
      if (error instanceof ContainerLimitError || this.lastOffset === null) throw error;
      throw new ContainerError(error.message, this.lastOffset);
    }
  }

  private async page(ref: BlockRef, ptype: number, what: string): Promise<Uint8Array> {
    this.lastOffset = ref.ib;
    const cached = this.pages.get(ref.ib);
    if (cached) return cached;
    if (ref.ib % PAGE_BYTES !== 0) {
      throw new ContainerError(`${what}: page offset ${ref.ib} is not a multiple of 512`, ref.ib);
    }
    const page = await this.source.read(ref.ib, PAGE_BYTES, what);
    const { trailerAt, unicode } = this.layout;
    const type = page[trailerAt]!;
    if (type !== ptype || page[trailerAt + 1] !== ptype) {
      throw new ContainerError(
        `${what}: expected a ${ptype === PTYPE_NBT ? 'node' : 'block'} B-tree page, found page type ` +
          `0x${type.toString(16)}; the store is damaged`,
        ref.ib,
      );
    }
    const stored = u32(page, unicode ? trailerAt + 4 : trailerAt + 8, what);
    const computed = pstCrc(page, 0, trailerAt);
    if (stored !== computed) {
      throw new ContainerError(
        `${what}: page checksum mismatch (stored ${hex32(stored)}, computed ${hex32(computed)}); ` +
          'the store is damaged',
        ref.ib,
      );
    }
    if (this.pages.size >= PAGE_CACHE_LIMIT) this.pages.clear();
    this.pages.set(ref.ib, page);
    return page;
  }

  /**
   * Finds the leaf entry with key `key` in the B-tree rooted at `root`, or null. Returns the
   * page and the entry's offset in it.
   */
  private async lookup(
    root: BlockRef,
    ptype: number,
    key: number,
  ): Promise<{ page: Uint8Array; at: number } | null> {
    const what = ptype === PTYPE_NBT ? 'node B-tree' : 'block B-tree';
    const { entriesBytes, idBytes } = this.layout;
    let ref = root;
    let expectedLevel: number | null = null;
    for (let depth = 0; depth <= MAX_BTREE_LEVELS; depth++) {
      const page = await this.page(ref, ptype, what);
      const cEnt = u8(page, entriesBytes, what);
      const cbEnt = u8(page, entriesBytes + 2, what);
      const level = u8(page, entriesBytes + 3, what);
      if (level > MAX_BTREE_LEVELS || (expectedLevel !== null && level !== expectedLevel)) {
        throw new ContainerError(
          `${what}: page claims level ${level}` +
            (expectedLevel === null ? '' : ` where level ${expectedLevel} was expected`) +
            '; the store is damaged',
          ref.ib,
        );
      }
      const minEntry =
        level > 0 ? idBytes * 3 : ptype === PTYPE_NBT ? idBytes * 3 + 4 : idBytes * 2 + 4;
      if (cbEnt < minEntry || cEnt * cbEnt > entriesBytes) {
        throw new ContainerError(
          `${what}: page holds ${cEnt} entries of ${cbEnt} bytes, which do not fit; the store is damaged`,
          ref.ib,
        );
      }
      if (level === 0) {
        for (let i = 0; i < cEnt; i++) {
          const at = i * cbEnt;
          const match =
            ptype === PTYPE_NBT ? this.nid(page, at, what) : blockKey(this.id(page, at, what));
          if (match === key) {
            return { page, at };
          }
        }
        return null;
      }
      // Intermediate page: the last entry whose key is <= the one sought.
      let child: BlockRef | null = null;
      for (let i = 0; i < cEnt; i++) {
        const at = i * cbEnt;
        const entryKey = ptype === PTYPE_NBT ? this.nid(page, at, what) : this.id(page, at, what);
        if (entryKey > key) break;
        child = {
          bid: this.id(page, at + idBytes, what),
          ib: this.id(page, at + 2 * idBytes, what),
        };
      }
      if (child === null) return null;
      ref = child;
      expectedLevel = level - 1;
    }
    throw new ContainerError(`${what}: more than ${MAX_BTREE_LEVELS} levels; the store is damaged`);
  }

  /** The node's entry in the NBT, or null when the store has no such node. */
  findNode(nid: number): Promise<NodeEntry | null> {
    return this.placed(() => this.findNodeUnplaced(nid));
  }

  private async findNodeUnplaced(nid: number): Promise<NodeEntry | null> {
    const found = await this.lookup(this.header.nbtRoot, PTYPE_NBT, nid);
    if (!found) return null;
    const { page, at } = found;
    const { idBytes } = this.layout;
    return {
      nid,
      bidData: this.id(page, at + idBytes, 'node B-tree entry'),
      bidSub: this.id(page, at + 2 * idBytes, 'node B-tree entry'),
      nidParent: u32(page, at + 3 * idBytes, 'node B-tree entry'),
    };
  }

  /** Where block `bid` sits in the file, or null when the block B-tree cannot say. */
  async blockOffset(bid: number): Promise<number | null> {
    try {
      return (await this.findBlock(bid, 'block')).ib;
    } catch {
      return null;
    }
  }

  private async findBlock(bid: number, what: string): Promise<BlockEntry> {
    const found = await this.lookup(this.header.bbtRoot, PTYPE_BBT, blockKey(bid));
    if (!found) {
      throw new ContainerError(
        `${what}: block ${bid} is not in the block B-tree; the store is damaged`,
      );
    }
    const { page, at } = found;
    const { idBytes } = this.layout;
    return {
      bid: blockKey(bid),
      ib: this.id(page, at + idBytes, 'block B-tree entry'),
      cb: u16(page, at + 2 * idBytes, 'block B-tree entry'),
    };
  }

  /** A block's bytes as stored (not decoded), its trailer and checksum checked. */
  private async rawBlock(bid: number, what: string): Promise<Uint8Array> {
    const entry = await this.findBlock(bid, what);
    const { blockTrailerBytes, unicode } = this.layout;
    if (entry.cb > MAX_BLOCK_BYTES - blockTrailerBytes) {
      throw new ContainerError(
        `${what}: block ${bid} claims ${entry.cb} bytes, more than a block holds`,
        entry.ib,
      );
    }
    const stored = Math.ceil((entry.cb + blockTrailerBytes) / 64) * 64;
    this.lastOffset = entry.ib;
    const bytes = await this.source.read(entry.ib, stored, what);
    const trailer = stored - blockTrailerBytes;
    const cb = u16(bytes, trailer, what);
    const trailerBid = unicode ? u64(bytes, trailer + 8, what) : u32(bytes, trailer + 4, what);
    const crc = u32(bytes, unicode ? trailer + 4 : trailer + 8, what);
    if (cb !== entry.cb || blockKey(trailerBid) !== entry.bid) {
      throw new ContainerError(
        `${what}: block ${bid}'s trailer does not match the block B-tree; the store is damaged`,
        entry.ib + trailer,
      );
    }
    const computed = pstCrc(bytes, 0, cb);
    if (crc !== computed) {
      throw new ContainerError(
        `${what}: block ${bid} checksum mismatch (stored ${hex32(crc)}, computed ${hex32(computed)}); ` +
          'the store is damaged',
        entry.ib,
      );
    }
    return bytes.subarray(0, cb);
  }

  /**
   * The decoded data blocks of a data tree, in order. `limit` bounds the total bytes (the
   * file's size by default: a store's data can never exceed it).
   */
  dataBlocks(bid: number, what: string, limit = this.source.size): Promise<Uint8Array[]> {
    return this.placed(() => this.dataBlocksUnplaced(bid, what, limit));
  }

  private async dataBlocksUnplaced(
    bid: number,
    what: string,
    limit = this.source.size,
  ): Promise<Uint8Array[]> {
    if (bid === 0) return [];
    if (!isInternal(bid)) {
      const block = await this.rawBlock(bid, what);
      decodeBlock(block, this.header.crypt, bid);
      return [block];
    }
    const top = await this.rawBlock(bid, what);
    const total = this.checkXBlock(top, bid, what, null);
    if (total > limit) {
      throw new ContainerLimitError(`${what}: ${total} bytes, over the ${limit}-byte limit`);
    }
    let leafIds: number[] = this.xblockIds(top, what);
    if (top[1] === 2) {
      const nested: number[] = [];
      for (const child of leafIds) {
        const xblock = await this.rawBlock(child, what);
        this.checkXBlock(xblock, child, what, 1);
        nested.push(...this.xblockIds(xblock, what));
      }
      leafIds = nested;
    }
    const blocks: Uint8Array[] = [];
    let size = 0;
    for (const leaf of leafIds) {
      if (isInternal(leaf))
        throw new ContainerError(`${what}: a data tree nests deeper than two levels`);
      const block = await this.rawBlock(leaf, what);
      // An empty block would let a damaged tree list a million of them without growing.
      if (block.length === 0)
        throw new ContainerError(`${what}: empty block ${leaf} in a data tree`);
      decodeBlock(block, this.header.crypt, leaf);
      size += block.length;
      if (size > total) break;
      blocks.push(block);
    }
    if (size !== total) {
      throw new ContainerError(
        `${what}: data tree holds ${size} bytes but declares ${total}; the store is damaged`,
      );
    }
    return blocks;
  }

  private checkXBlock(block: Uint8Array, bid: number, what: string, level: number | null): number {
    const btype = u8(block, 0, what);
    const cLevel = u8(block, 1, what);
    if (btype !== 1 || (level === null ? cLevel !== 1 && cLevel !== 2 : cLevel !== level)) {
      throw new ContainerError(
        `${what}: block ${bid} is not a valid XBLOCK/XXBLOCK (type ${btype}, level ${cLevel})`,
      );
    }
    return u32(block, 4, what);
  }

  private xblockIds(block: Uint8Array, what: string): number[] {
    const count = u16(block, 2, what);
    const ids: number[] = [];
    const { idBytes } = this.layout;
    if (8 + count * idBytes > block.length) {
      throw new ContainerError(
        `${what}: XBLOCK lists ${count} blocks but holds ${block.length} bytes`,
      );
    }
    for (let i = 0; i < count; i++) ids.push(this.id(block, 8 + i * idBytes, what));
    return ids;
  }

  /** A node's data as one array (heaps are read block by block; this is for plain streams). */
  data(bid: number, what: string, limit?: number): Promise<Uint8Array> {
    return this.placed(() => this.dataUnplaced(bid, what, limit));
  }

  private async dataUnplaced(bid: number, what: string, limit?: number): Promise<Uint8Array> {
    const blocks = await this.dataBlocks(bid, what, limit);
    return blocks.length === 1 ? blocks[0]! : concatBytes(blocks);
  }

  /** The subnodes of a node (its bidSub tree) by NID. */
  subnodes(bidSub: number, what: string): Promise<Map<number, NodeEntry>> {
    return this.placed(() => this.subnodesUnplaced(bidSub, what));
  }

  private async subnodesUnplaced(bidSub: number, what: string): Promise<Map<number, NodeEntry>> {
    const map = new Map<number, NodeEntry>();
    if (bidSub === 0) return map;
    const { idBytes, internalHeaderBytes } = this.layout;
    const readLevel = async (bid: number, expected: number | null): Promise<void> => {
      const block = await this.rawBlock(bid, what);
      const btype = u8(block, 0, what);
      const level = u8(block, 1, what);
      const count = u16(block, 2, what);
      if (btype !== 2 || level > 1 || (expected !== null && level !== expected)) {
        throw new ContainerError(
          `${what}: block ${bid} is not a valid subnode block (type ${btype}, level ${level})`,
        );
      }
      const entryBytes = level === 0 ? idBytes * 3 : idBytes * 2;
      if (internalHeaderBytes + count * entryBytes > block.length) {
        throw new ContainerError(
          `${what}: subnode block ${bid} lists ${count} entries but holds ${block.length} bytes`,
        );
      }
      for (let i = 0; i < count; i++) {
        const at = internalHeaderBytes + i * entryBytes;
        const nid = this.nid(block, at, what);
        if (level === 0) {
          map.set(nid, {
            nid,
            bidData: this.id(block, at + idBytes, what),
            bidSub: this.id(block, at + 2 * idBytes, what),
            nidParent: 0,
          });
        } else {
          await readLevel(this.id(block, at + idBytes, what), 0);
        }
      }
    };
    await readLevel(bidSub, null);
    return map;
  }
}
