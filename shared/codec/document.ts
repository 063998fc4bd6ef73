/**
 * The parsed document, stored by columns: each tag's offset, length and validated time sit
 * in typed arrays, and entries are views that read them. A 4 MB BLOB's 65,535 tags then cost
 * 16 bytes each instead of an object and several strings each, and the parser allocates
 * almost nothing per tag (which is what keeps it within its time budget: see bench/).
 */
import { bodyEnd, entrySpans, UID_OFFSET } from './layout.js';
import { unpackTimestamp } from './timestamp.js';
import type {
  ByteSpan,
  Diagnostic,
  Entry,
  EntrySpans,
  HeaderField,
  Timestamp,
  UidlDocument,
} from './types.js';
import { decodeAllUids, type DecodedUids } from './bulk-uids.js';
import { decodeUidBytes } from './uid.js';
import { decodeUtf8Lossy } from './utf8.js';

/** Per tag: where it starts, how long it is, and its time as two small integers. */
export interface EntryColumns {
  readonly offsets: Int32Array;
  readonly lengths: Int32Array;
  /** yyyyMMdd of a valid time, else -1. */
  readonly dates: Int32Array;
  /** hhmmss of a valid time. */
  readonly times: Int32Array;
}

const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

/** Single-byte fields shown as themselves when printable ASCII, else `\xNN`. */
const BYTE_DISPLAY: readonly string[] = Array.from({ length: 256 }, (_, code) =>
  code >= 0x20 && code <= 0x7e
    ? String.fromCharCode(code)
    : `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`,
);

export class HistoryDocument implements UidlDocument {
  private views: Entry[] | undefined;
  /** UIDs decoded one at a time, by entry index. */
  private readonly uids: Map<number, string>;
  private allUids: string[] | undefined;
  private uidBytes: DecodedUids | undefined;

  constructor(
    readonly bytes: Uint8Array,
    readonly version: HeaderField,
    readonly declaredCount: HeaderField,
    readonly entryCount: number,
    private readonly columns: EntryColumns,
    private readonly findingsByEntry: ReadonlyMap<number, readonly Diagnostic[]>,
    readonly trailing: ByteSpan,
    readonly slack: ByteSpan | null,
    readonly diagnostics: readonly Diagnostic[],
    /** UIDs the parser already decoded (to confirm duplicates), by entry index: kept, and
     * added to by uid(), which decodes one at a time. */
    decodedUids: Map<number, string>,
    /** The canonical UIDs' decoded bytes the parser wrote; dropped once uidList() used them. */
    uidBytes: DecodedUids,
  ) {
    this.uidBytes = uidBytes;
    this.uids = decodedUids;
  }

  /** Every entry, as views built on first use. */
  get entries(): readonly Entry[] {
    if (this.views === undefined) {
      const views = new Array<Entry>(this.entryCount);
      for (let i = 0; i < this.entryCount; i++) views[i] = new EntryView(this, i);
      this.views = views;
    }
    return this.views;
  }

  entry(index: number): Entry {
    if (!Number.isInteger(index) || index < 0 || index >= this.entryCount) {
      throw new RangeError(`there is no tag #${index} (the history has ${this.entryCount})`);
    }
    return this.views?.[index] ?? new EntryView(this, index);
  }

  /** Entry `index`'s decoded UID, decoded once and kept. */
  /** Every decoded UID, in entry order, decoded together on first use and kept. */
  uidList(): readonly string[] {
    if (this.allUids === undefined) {
      const decoded = this.uidBytes ?? {
        buffer: new Uint8Array(0),
        length: 0,
        ends: new Int32Array(this.entryCount).fill(-1),
      };
      this.allUids = decodeAllUids(decoded, this.entryCount, (index) => this.uid(index));
      this.uidBytes = undefined;
    }
    return this.allUids;
  }

  uid(index: number): string {
    if (this.allUids !== undefined) return this.allUids[index]!;
    let uid = this.uids.get(index);
    if (uid === undefined) {
      const end = this.bodyEndOf(index);
      const start = this.offsetOf(index) + UID_OFFSET;
      uid = start < end ? decodeUidBytes(this.bytes, start, end) : '';
      this.uids.set(index, uid);
    }
    return uid;
  }

  offsetOf(index: number): number {
    return this.columns.offsets[index]!;
  }

  lengthOf(index: number): number {
    return this.columns.lengths[index]!;
  }

  terminatedAt(index: number): boolean {
    return this.bodyEndOf(index) < this.columns.offsets[index]! + this.columns.lengths[index]!;
  }

  /** The time of entry `index` when valid, else null. */
  timestampOf(index: number): Timestamp | null {
    const date = this.columns.dates[index]!;
    const time = this.columns.times[index]!;
    return date < 0 ? null : unpackTimestamp(date, time);
  }

  /** Sortable time of entry `index` (yyyyMMddhhmmss as a number), or -1 when invalid. */
  timeKeyOf(index: number): number {
    const date = this.columns.dates[index]!;
    return date < 0 ? -1 : date * 1_000_000 + this.columns.times[index]!;
  }

  diagnosticsOf(index: number): readonly Diagnostic[] {
    return this.findingsByEntry.get(index) ?? NO_DIAGNOSTICS;
  }

  spansOf(index: number): EntrySpans {
    return entrySpans({
      offset: this.offsetOf(index),
      length: this.lengthOf(index),
      terminated: this.terminatedAt(index),
    });
  }

  private bodyEndOf(index: number): number {
    return bodyEnd(this.bytes, this.columns.offsets[index]!, this.columns.lengths[index]!);
  }

  /** A one-byte field (operation 0, content 1) as shown: the character, or `\xNN`. */
  byteFieldOf(index: number, relative: number): string {
    const at = this.offsetOf(index) + relative;
    return at < this.bodyEndOf(index) ? BYTE_DISPLAY[this.bytes[at]!]! : '';
  }

  textOf(index: number, from: number, to: number): string {
    const start = this.offsetOf(index);
    const end = this.bodyEndOf(index);
    const a = Math.min(start + from, end);
    const b = Math.min(start + to, end);
    return b > a ? decodeUtf8Lossy(this.bytes, a, b) : '';
  }
}

/** One tag, read through its document's columns. */
class EntryView implements Entry {
  constructor(
    private readonly document: HistoryDocument,
    readonly index: number,
  ) {}

  get offset(): number {
    return this.document.offsetOf(this.index);
  }
  get length(): number {
    return this.document.lengthOf(this.index);
  }
  get terminated(): boolean {
    return this.document.terminatedAt(this.index);
  }
  get op(): string {
    return this.document.byteFieldOf(this.index, 0);
  }
  get content(): string {
    return this.document.byteFieldOf(this.index, 1);
  }
  get timestampText(): string {
    return this.document.textOf(this.index, 2, UID_OFFSET);
  }
  get timestamp(): Timestamp | null {
    return this.document.timestampOf(this.index);
  }
  get rawUid(): string {
    return this.document.textOf(this.index, UID_OFFSET, Number.MAX_SAFE_INTEGER);
  }
  get uid(): string {
    return this.document.uid(this.index);
  }
  get diagnostics(): readonly Diagnostic[] {
    return this.document.diagnosticsOf(this.index);
  }
  get spans(): EntrySpans {
    return this.document.spansOf(this.index);
  }

  /** Plain fields, so JSON.stringify and structured copies see what the getters show. */
  toJSON(): Omit<Entry, 'spans'> & { spans: EntrySpans } {
    return {
      index: this.index,
      offset: this.offset,
      length: this.length,
      terminated: this.terminated,
      op: this.op,
      content: this.content,
      timestampText: this.timestampText,
      timestamp: this.timestamp,
      rawUid: this.rawUid,
      uid: this.uid,
      diagnostics: this.diagnostics,
      spans: this.spans,
    };
  }
}
