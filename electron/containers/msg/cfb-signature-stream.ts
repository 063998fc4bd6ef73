/**
 * SheetJS `cfb` adds a 4-byte stream named "\u0001Sh33tJ5" to every compound file it writes (its
 * signature; there is no option to leave it out). A `.msg` written back must hold exactly the
 * streams of its source, so this unlinks that entry from the directory of the written bytes:
 * the entry becomes an unused slot and its 4 data bytes an unreferenced mini sector, both
 * allowed by [MS-CFB].
 */
const SIGNATURE_NAME = '\u0001Sh33tJ5';
const NO_STREAM = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const DIR_ENTRY_BYTES = 128;

class CfbView {
  readonly view: DataView;
  readonly sectorBytes: number;
  private readonly fat: number[] = [];

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    this.sectorBytes = 1 << this.view.getUint16(0x1e, true);
    const sectorCount = Math.floor(bytes.length / this.sectorBytes);
    const perSector = this.sectorBytes / 4;
    // FAT sector numbers: 109 in the header, then DIFAT sectors (each ends with the next one's).
    const fatSectors: number[] = [];
    for (let i = 0; i < 109; i++) fatSectors.push(this.view.getUint32(0x4c + i * 4, true));
    let difat = this.view.getUint32(0x44, true);
    for (let hops = 0; difat < sectorCount && hops < sectorCount; hops++) {
      const at = this.offset(difat);
      for (let i = 0; i < perSector - 1; i++)
        fatSectors.push(this.view.getUint32(at + i * 4, true));
      difat = this.view.getUint32(at + (perSector - 1) * 4, true);
    }
    for (const sector of fatSectors) {
      if (sector >= sectorCount) continue;
      const at = this.offset(sector);
      for (let i = 0; i < perSector; i++) this.fat.push(this.view.getUint32(at + i * 4, true));
    }
  }

  offset(sector: number): number {
    return (sector + 1) * this.sectorBytes;
  }

  /** Offsets of the directory entries, following the directory's FAT chain (bounded). */
  directoryEntries(): number[] {
    const entries: number[] = [];
    const limit = Math.floor(this.bytes.length / this.sectorBytes);
    let sector = this.view.getUint32(0x30, true);
    for (let hops = 0; sector !== END_OF_CHAIN && hops < limit; hops++) {
      const at = this.offset(sector);
      for (let i = 0; i < this.sectorBytes / DIR_ENTRY_BYTES; i++)
        entries.push(at + i * DIR_ENTRY_BYTES);
      sector = this.fat[sector] ?? END_OF_CHAIN;
    }
    return entries;
  }

  name(at: number): string {
    const length = this.view.getUint16(at + 64, true);
    let name = '';
    for (let i = 0; i + 2 < length && i < 64; i += 2)
      name += String.fromCharCode(this.view.getUint16(at + i, true));
    return name;
  }
}

/** Removes cfb's signature stream from `bytes` (in place); returns whether it was there. */
export function removeSignatureStream(bytes: Uint8Array): boolean {
  const cfb = new CfbView(bytes);
  const entries = cfb.directoryEntries();
  const index = entries.findIndex(
    (at) => cfb.view.getUint8(at + 66) === 2 && cfb.name(at) === SIGNATURE_NAME,
  );
  if (index === -1) return false;
  const ghost = entries[index]!;
  const left = cfb.view.getUint32(ghost + 68, true);
  const right = cfb.view.getUint32(ghost + 72, true);
  if (left !== NO_STREAM && right !== NO_STREAM) {
    // cfb writes every sibling list leaning right; anything else is not what we expect.
    throw new Error('unexpected directory tree in the written compound file');
  }
  const replacement = left !== NO_STREAM ? left : right;
  for (const at of entries) {
    for (const field of [68, 72, 76]) {
      if (cfb.view.getUint32(at + field, true) === index)
        cfb.view.setUint32(at + field, replacement, true);
    }
  }
  bytes.fill(0, ghost, ghost + DIR_ENTRY_BYTES);
  for (const field of [68, 72, 76]) cfb.view.setUint32(ghost + field, NO_STREAM, true);
  return true;
}
