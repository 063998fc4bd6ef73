/**
 * The table context ([MS-PST] 2.3.4): folder hierarchy, contents, associated contents and
 * attachment tables. Rows are read from the row matrix (a heap allocation or a subnode whose
 * blocks each hold whole rows).
 */
import { ContainerError } from '../errors.js';
import { u16, u32, u8 } from './binary.js';
import { CLIENT_SIG_TC } from './heap.js';
import type { NodeReader } from './node-reader.js';
import { decodeString, PT_BINARY, PT_STRING8, PT_UNICODE } from './properties.js';

interface Column {
  readonly tag: number;
  readonly offset: number;
  readonly size: number;
  readonly bit: number;
}

export class TableRow {
  constructor(
    private readonly node: NodeReader,
    private readonly columns: ReadonlyMap<number, Column>,
    private readonly row: Uint8Array,
    private readonly cebAt: number,
  ) {}

  private cell(tag: number): Uint8Array | null {
    const column = this.columns.get(tag);
    if (!column) return null;
    const exists =
      (u8(this.row, this.cebAt + (column.bit >> 3), this.node.what) &
        (0x80 >> (column.bit & 7))) !==
      0;
    if (!exists) return null;
    return this.row.subarray(column.offset, column.offset + column.size);
  }

  int32(id: number, type = 0x0003): number | null {
    const cell = this.cell(((id << 16) | type) >>> 0);
    return cell && cell.length >= 4 ? u32(cell, 0, this.node.what) : null;
  }

  async string(id: number): Promise<string | null> {
    for (const type of [PT_UNICODE, PT_STRING8]) {
      const cell = this.cell(((id << 16) | type) >>> 0);
      if (cell) return decodeString(type, await this.node.hnid(u32(cell, 0, this.node.what)));
    }
    return null;
  }

  async binary(id: number): Promise<Uint8Array | null> {
    const cell = this.cell(((id << 16) | PT_BINARY) >>> 0);
    return cell ? this.node.hnid(u32(cell, 0, this.node.what)) : null;
  }
}

export async function readTable(node: NodeReader): Promise<TableRow[]> {
  const what = node.what;
  const heap = await node.heap();
  if (heap.clientSig !== CLIENT_SIG_TC) {
    throw new ContainerError(
      `${what}: expected a table, found heap client type 0x${heap.clientSig.toString(16)}`,
    );
  }
  const info = heap.get(heap.userRoot);
  if (u8(info, 0, what) !== CLIENT_SIG_TC)
    throw new ContainerError(`${what}: table header is damaged`);
  const columnCount = u8(info, 1, what);
  const cebAt = u16(info, 6, what);
  const rowBytes = u16(info, 8, what);
  const rowsHnid = u32(info, 14, what);
  const columns = new Map<number, Column>();
  for (let i = 0; i < columnCount; i++) {
    const at = 22 + i * 8;
    const column = {
      tag: u32(info, at, what),
      offset: u16(info, at + 4, what),
      size: u8(info, at + 6, what),
      bit: u8(info, at + 7, what),
    };
    if (column.offset + column.size > rowBytes || column.bit >= columnCount) {
      throw new ContainerError(
        `${what}: table column 0x${column.tag.toString(16)} lies outside its row`,
      );
    }
    columns.set(column.tag, column);
  }
  if (rowBytes === 0 || cebAt + Math.ceil(columnCount / 8) > rowBytes) {
    throw new ContainerError(
      `${what}: table rows of ${rowBytes} bytes cannot hold their ${columnCount} columns`,
    );
  }
  if (rowsHnid === 0) return [];
  // A heap allocation holds all rows; a subnode's blocks each hold whole rows only.
  const matrices =
    (rowsHnid & 0x1f) === 0
      ? [heap.get(rowsHnid)]
      : await node.ndb.dataBlocks(await subnodeBid(node, rowsHnid), `${what}, rows`);
  const rows: TableRow[] = [];
  for (const matrix of matrices) {
    for (let at = 0; at + rowBytes <= matrix.length; at += rowBytes) {
      rows.push(new TableRow(node, columns, matrix.subarray(at, at + rowBytes), cebAt));
    }
  }
  return rows;
}

async function subnodeBid(node: NodeReader, nid: number): Promise<number> {
  const entry = (await node.subnodes()).get(nid);
  if (!entry)
    throw new ContainerError(
      `${node.what}: table rows are in subnode 0x${nid.toString(16)}, which is missing`,
    );
  return entry.bidData;
}
