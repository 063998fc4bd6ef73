/**
 * The reference parser of `npm run bench`: uidl_history.ksy as kaitai-struct-compiler 0.11
 * generates it for JavaScript (one class a type, `_read` on construction, the runtime's
 * KaitaiStream doing every read), written out by hand because the compiler is not installed
 * here. Layout only, like the .ksy: no escapes decoded, no diagnostics.
 */
import { createRequire } from 'node:module';
import type KaitaiStreamModule from 'kaitai-struct/KaitaiStream.js';

// The runtime is a CommonJS (UMD) module whose types say `export default`: required as is.
type KaitaiStreamClass = typeof KaitaiStreamModule.default;
const KaitaiStream = createRequire(import.meta.url)(
  'kaitai-struct/KaitaiStream.js',
) as KaitaiStreamClass;
type Stream = InstanceType<KaitaiStreamClass>;

export class UidlHistory {
  readonly _root: UidlHistory;
  version = 0;
  count = 0;
  tags: UidlHistoryTag[] = [];

  constructor(
    readonly _io: Stream,
    readonly _parent?: unknown,
    _root?: UidlHistory,
  ) {
    this._root = _root ?? this;
    this._read();
  }

  _read(): void {
    this.version = this._io.readU2le();
    this.count = this._io.readU2le();
    this.tags = [];
    while (!this._io.isEof()) {
      this.tags.push(new UidlHistoryTag(this._io, this, this._root));
    }
  }

  /** `new UidlHistory(new KaitaiStream(buffer))`, as generated code is used. */
  static fromBytes(bytes: Uint8Array): UidlHistory {
    const view = new DataView(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length);
    return new UidlHistory(new KaitaiStream(view));
  }
}

export class UidlHistoryTag {
  op = '';
  content = '';
  timestamp = '';
  uid = '';

  constructor(
    readonly _io: Stream,
    readonly _parent: UidlHistory,
    readonly _root: UidlHistory,
  ) {
    this._read();
  }

  _read(): void {
    this.op = KaitaiStream.bytesToStr(this._io.readBytes(1), 'ASCII');
    this.content = KaitaiStream.bytesToStr(this._io.readBytes(1), 'ASCII');
    this.timestamp = KaitaiStream.bytesToStr(this._io.readBytes(14), 'ASCII');
    this.uid = KaitaiStream.bytesToStr(this._io.readBytesTerm(0, false, true, true), 'ASCII');
  }
}
