/**
 * Checks a Compound File's header, allocation tables and directory ([MS-CFB] 2.2-2.6) before
 * `cfb` reads it: `cfb` trusts them, and on a damaged file fails with JavaScript's own errors
 * ("Cannot read properties of undefined") that say neither what is damaged nor where. Every
 * problem found here is a ContainerError naming the structure and its byte offset. Each walk
 * is bounded by the file's sector count, so a cycle cannot hang it.
 */
import { ContainerError } from '../errors.js';

const HEADER_SIZE = 512;
const MAX_REGULAR_SECTOR = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECTOR = 0xffffffff;
const NO_STREAM = 0xffffffff;
const DIRECTORY_ENTRY_SIZE = 128;
const HEADER_DIFAT_ENTRIES = 109;

function damaged(what: string, offset: number): ContainerError {
  return new ContainerError(`the .msg file's compound-file ${what}; the file is damaged`, offset);
}

/** The structure's view of the file: sector size, sector count, and reads that stay inside. */
class Sectors {
  readonly view: DataView;
  readonly count: number;

  constructor(
    readonly bytes: Uint8Array,
    readonly size: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    // Sector 0 follows the header, which fills the first sector (512 or 4096 bytes).
    this.count = Math.max(0, Math.ceil((bytes.length - size) / size));
  }

  offsetOf(sector: number): number {
    return (sector + 1) * this.size;
  }

  /** Throws unless `sector` is a sector of the file, for the structure `what` read at `at`. */
  check(sector: number, what: string, at: number): void {
    if (sector > MAX_REGULAR_SECTOR || sector >= this.count) {
      throw damaged(`${what} names sector ${sector}, but the file has ${this.count} sectors`, at);
    }
  }

  u32(offset: number): number {
    return offset + 4 <= this.bytes.length ? this.view.getUint32(offset, true) : END_OF_CHAIN;
  }
}

function readHeader(bytes: Uint8Array): { sectors: Sectors; header: DataView } {
  if (bytes.length < HEADER_SIZE) {
    throw damaged(`header needs ${HEADER_SIZE} bytes, but the file has ${bytes.length}`, 0);
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_SIZE);
  const major = header.getUint16(26, true);
  if (major !== 3 && major !== 4) throw damaged(`major version is ${major}, not 3 or 4`, 26);
  if (header.getUint16(28, true) !== 0xfffe) throw damaged('byte order mark is not FFFE', 28);
  const shift = header.getUint16(30, true);
  if (shift !== (major === 3 ? 9 : 12)) {
    throw damaged(`sector shift is ${shift}, not ${major === 3 ? 9 : 12} (version ${major})`, 30);
  }
  if (header.getUint16(32, true) !== 6) throw damaged('mini sector shift is not 6', 32);
  for (let at = 34; at < 40; at++) {
    if (header.getUint8(at) !== 0) throw damaged('reserved header bytes are not zero', at);
  }
  if (header.getUint32(56, true) !== 0x1000) {
    throw damaged('mini stream cutoff is not 4096', 56);
  }
  return { sectors: new Sectors(bytes, 1 << shift), header };
}

/** Follows a chain from `first` through the FAT; returns its sectors in order. */
function chain(sectors: Sectors, fat: Uint32Array, first: number, what: string, at: number) {
  const visited: number[] = [];
  let sector = first;
  let from = at;
  while (sector !== END_OF_CHAIN) {
    sectors.check(sector, what, from);
    if (visited.length >= sectors.count) {
      throw damaged(`${what} chain loops back on itself`, sectors.offsetOf(sector));
    }
    visited.push(sector);
    if (sector >= fat.length) {
      throw damaged(`${what} chain reaches sector ${sector}, which no FAT sector covers`, from);
    }
    from = fatEntryOffset(sectors, fat, sector);
    sector = fat[sector]!;
    if (sector === FREE_SECTOR) throw damaged(`${what} chain runs into a free sector`, from);
  }
  return visited;
}

// Where the FAT entry of `sector` lives, for messages (kept beside the FAT as it is read).
const fatOffsets = new WeakMap<Uint32Array, number[]>();
function fatEntryOffset(sectors: Sectors, fat: Uint32Array, sector: number): number {
  const perSector = sectors.size / 4;
  const fatSector = fatOffsets.get(fat)?.[Math.floor(sector / perSector)] ?? 0;
  return fatSector + (sector % perSector) * 4;
}

function readFat(sectors: Sectors, header: DataView): Uint32Array {
  const fatSectorCount = header.getUint32(44, true);
  if (fatSectorCount > sectors.count) {
    throw damaged(
      `header declares ${fatSectorCount} FAT sectors, but the file has ${sectors.count} sectors`,
      44,
    );
  }
  const locations: number[] = [];
  for (let i = 0; i < Math.min(fatSectorCount, HEADER_DIFAT_ENTRIES); i++) {
    const at = 76 + i * 4;
    const sector = header.getUint32(at, true);
    sectors.check(sector, `header's FAT sector list (entry ${i})`, at);
    locations.push(sector);
  }
  // Further FAT sectors are listed in DIFAT sectors, each ending with the next one's number.
  let difat = header.getUint32(68, true);
  let at = 68;
  const perDifat = sectors.size / 4 - 1;
  for (let hops = 0; locations.length < fatSectorCount; hops++) {
    if (hops > sectors.count) throw damaged('DIFAT chain loops back on itself', at);
    sectors.check(difat, 'DIFAT chain', at);
    const base = sectors.offsetOf(difat);
    for (let i = 0; i < perDifat && locations.length < fatSectorCount; i++) {
      const sector = sectors.u32(base + i * 4);
      sectors.check(sector, 'DIFAT sector', base + i * 4);
      locations.push(sector);
    }
    at = base + perDifat * 4;
    difat = sectors.u32(at);
  }
  const perSector = sectors.size / 4;
  const fat = new Uint32Array(locations.length * perSector);
  const offsets: number[] = [];
  locations.forEach((sector, i) => {
    const base = sectors.offsetOf(sector);
    offsets.push(base);
    for (let j = 0; j < perSector; j++) fat[i * perSector + j] = sectors.u32(base + j * 4);
  });
  fatOffsets.set(fat, offsets);
  return fat;
}

function checkDirectory(sectors: Sectors, fat: Uint32Array, header: DataView): void {
  const directory = chain(sectors, fat, header.getUint32(48, true), 'directory', 48);
  const perSector = sectors.size / DIRECTORY_ENTRY_SIZE;
  const entries = directory.length * perSector;
  const miniFat = readMiniFat(sectors, fat, header);
  const rootBase = sectors.offsetOf(directory[0]!);
  const miniSectorCount = Math.ceil(sectors.view.getUint32(rootBase + 120, true) / MINI_SECTOR);
  for (let id = 0; id < entries; id++) {
    const base =
      sectors.offsetOf(directory[Math.floor(id / perSector)]!) +
      (id % perSector) * DIRECTORY_ENTRY_SIZE;
    const type = sectors.bytes[base + 66] ?? 0;
    if (type === 0) continue; // unused entry
    if (type !== 1 && type !== 2 && type !== 5) {
      throw damaged(`directory entry ${id} has object type ${type}`, base + 66);
    }
    if (id === 0 && type !== 5) throw damaged('first directory entry is not the root', base + 66);
    const nameLength = sectors.view.getUint16(base + 64, true);
    if (nameLength > 64 || nameLength % 2 !== 0) {
      throw damaged(`directory entry ${id} has a name length of ${nameLength} bytes`, base + 64);
    }
    for (const [field, at] of [
      ['left sibling', base + 68],
      ['right sibling', base + 72],
      ['child', base + 76],
    ] as const) {
      const other = sectors.view.getUint32(at, true);
      if (other !== NO_STREAM && other >= entries) {
        throw damaged(
          `directory entry ${id}'s ${field} is entry ${other}, but the directory has ${entries}`,
          at,
        );
      }
    }
    const size = sectors.view.getUint32(base + 120, true);
    const start = sectors.view.getUint32(base + 116, true);
    // Streams under the cutoff live in the mini stream, whose sectors the root's chain holds.
    if (type === 2 && size > 0 && size < 0x1000) {
      checkMiniChain(miniFat, miniSectorCount, start, size, id, base + 116);
    } else if ((type === 2 && size >= 0x1000) || (type === 5 && size > 0)) {
      const sectorsHeld = chain(sectors, fat, start, `directory entry ${id}'s stream`, base + 116);
      if (sectorsHeld.length * sectors.size < size) {
        throw damaged(
          `directory entry ${id} declares ${size} bytes, but its chain holds ` +
            `${sectorsHeld.length * sectors.size}`,
          base + 120,
        );
      }
    }
  }
}

const MINI_SECTOR = 64;

/** The mini FAT's entries, in chain order (its sectors checked like any chain). */
function readMiniFat(sectors: Sectors, fat: Uint32Array, header: DataView): Uint32Array {
  if (header.getUint32(64, true) === 0) return new Uint32Array(0);
  const held = chain(sectors, fat, header.getUint32(60, true), 'mini FAT', 60);
  const perSector = sectors.size / 4;
  const miniFat = new Uint32Array(held.length * perSector);
  held.forEach((sector, i) => {
    const base = sectors.offsetOf(sector);
    for (let j = 0; j < perSector; j++) miniFat[i * perSector + j] = sectors.u32(base + j * 4);
  });
  return miniFat;
}

/** A small stream's chain through the mini FAT: inside the mini stream, no loop, long enough. */
function checkMiniChain(
  miniFat: Uint32Array,
  miniSectorCount: number,
  first: number,
  size: number,
  id: number,
  at: number,
): void {
  let sector = first;
  let held = 0;
  while (sector !== END_OF_CHAIN) {
    if (sector >= miniSectorCount || sector >= miniFat.length) {
      throw damaged(
        `directory entry ${id}'s small stream names mini sector ${sector}, but the mini ` +
          `stream has ${Math.min(miniSectorCount, miniFat.length)}`,
        at,
      );
    }
    if (++held > miniSectorCount) {
      throw damaged(`directory entry ${id}'s small-stream chain loops back on itself`, at);
    }
    sector = miniFat[sector]!;
  }
  if (held * MINI_SECTOR < size) {
    throw damaged(
      `directory entry ${id} declares ${size} bytes, but its small-stream chain holds ` +
        `${held * MINI_SECTOR}`,
      at + 4,
    );
  }
}

/** Throws a ContainerError naming the damage and its offset, or returns for a sound file. */
export function checkCompoundFile(bytes: Uint8Array): void {
  const { sectors, header } = readHeader(bytes);
  const fat = readFat(sectors, header);
  checkDirectory(sectors, fat, header);
}

/** The first directory sector's byte offset: where a failure `cfb` still finds most likely sits. */
export function directoryOffset(bytes: Uint8Array): number {
  const { sectors, header } = readHeader(bytes);
  return sectors.offsetOf(header.getUint32(48, true));
}
