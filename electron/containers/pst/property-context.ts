/** The property context ([MS-PST] 2.3.3): a node's properties, as a BTH of 2-byte property ids. */
import { ContainerError } from '../errors.js';
import { u16, u32 } from './binary.js';
import { bthRecords, CLIENT_SIG_PC } from './heap.js';
import type { NodeReader } from './node-reader.js';
import { decodeString, isInlineInPc, PT_BINARY, PT_STRING8, PT_UNICODE } from './properties.js';

interface PcRecord {
  readonly type: number;
  /** The 4 bytes: the value itself for small types, else an HNID. */
  readonly value: Uint8Array;
}

export class PropertyContext {
  private constructor(
    private readonly node: NodeReader,
    private readonly records: ReadonlyMap<number, PcRecord>,
  ) {}

  static async read(node: NodeReader): Promise<PropertyContext> {
    const heap = await node.heap();
    if (heap.clientSig !== CLIENT_SIG_PC) {
      throw new ContainerError(
        `${node.what}: expected a property context, found heap client type 0x${heap.clientSig.toString(16)}`,
      );
    }
    const { keyBytes, dataBytes, records } = bthRecords(heap, heap.userRoot, node.what);
    if (keyBytes !== 2 || dataBytes !== 6) {
      throw new ContainerError(
        `${node.what}: property context with ${keyBytes}-byte keys and ${dataBytes}-byte values`,
      );
    }
    const map = new Map<number, PcRecord>();
    for (const record of records) {
      map.set(u16(record.key, 0, node.what), {
        type: u16(record.data, 0, node.what),
        value: record.data.subarray(2, 6),
      });
    }
    return new PropertyContext(node, map);
  }

  has(id: number): boolean {
    return this.records.has(id);
  }

  type(id: number): number | null {
    return this.records.get(id)?.type ?? null;
  }

  int32(id: number): number | null {
    const record = this.records.get(id);
    if (!record || !isInlineInPc(record.type)) return null;
    return u32(record.value, 0, this.node.what);
  }

  async bytes(id: number, limit?: number): Promise<Uint8Array | null> {
    const record = this.records.get(id);
    if (!record || isInlineInPc(record.type)) return null;
    return this.node.hnid(u32(record.value, 0, this.node.what), limit);
  }

  async binary(id: number, limit?: number): Promise<Uint8Array | null> {
    return this.type(id) === PT_BINARY ? this.bytes(id, limit) : null;
  }

  async string(id: number): Promise<string | null> {
    const type = this.type(id);
    if (type !== PT_UNICODE && type !== PT_STRING8) return null;
    const bytes = await this.bytes(id);
    return bytes === null ? null : decodeString(type, bytes);
  }
}
