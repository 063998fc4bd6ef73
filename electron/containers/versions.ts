/**
 * Versions of a history in one file: the current histories the container scan names, and the
 * earlier copies Outlook left in the store's free space (docs/FORMAT.md, "How carving works").
 * The file is read in bounded chunks, never whole: a PST/OST is decoded with its encoding
 * (none and compressible bytewise, so the raw bytes are searched for the encoded shape; cyclic
 * block by block, each block found by its trailer); a `.msg` or any other file is searched as
 * it is. Each place a BLOB's shape starts is parsed with the codec; identical copies are listed
 * once with every location.
 */
import { createHash } from 'node:crypto';
import { parse } from '../../shared/codec/parse.js';
import { MAX_INPUT_BYTES } from '../../shared/limits.js';
import { summarize } from '../../shared/summary.js';
import { hasCfbSignature, hasPstMagic } from '../../shared/input/container-signature.js';
import {
  decodedCopy,
  findBlobShapes,
  IDENTITY_TABLE,
  shapeLength,
  type BlobShape,
} from '../../shared/versions/carve.js';
import type {
  VersionEncoding,
  VersionLocation,
  VersionRecord,
  VersionsReport,
} from '../../shared/versions/types.js';
import { plural } from '../../shared/wording.js';
import { ContainerError, ContainerLimitError } from './errors.js';
import {
  BLOCK_ALIGNMENT,
  blockEndingAt,
  MAX_BLOCK_BYTES,
  type FoundBlock,
} from './pst/block-trailer.js';
import { CRYPT_CYCLIC, CRYPT_PERMUTE, decodeBlock } from './pst/crypt.js';
import { MPBB_I } from './pst/crypt-tables.js';
import { readHeader, type PstFormat } from './pst/header.js';
import { scanSource, type ScanResult } from './scan.js';
import { openFileSource, type ByteSource } from './source.js';
import { formatByteOffset } from '../../shared/byte-range.js';

/** The caps of one search; each one fails with a ContainerLimitError naming it. */
export interface VersionLimits {
  /** Bytes read from the file at a time (the search's memory is a few of these). */
  readonly chunkBytes: number;
  /** Files larger than this are refused before the search starts. */
  readonly maxFileBytes: number;
  /** A carved copy longer than this is cut there (with a finding). */
  readonly maxVersionBytes: number;
  /** Places a BLOB's shape starts, identical copies included. */
  readonly maxCandidates: number;
  /** Bytes of distinct versions kept in memory for opening. */
  readonly maxKeptBytes: number;
  /** Wall-clock time of the whole search, in ms. */
  readonly maxMs: number;
}

export const DEFAULT_VERSION_LIMITS: VersionLimits = {
  chunkBytes: 4 * 1024 * 1024,
  maxFileBytes: 64 * 1024 * 1024 * 1024,
  maxVersionBytes: MAX_INPUT_BYTES,
  maxCandidates: 10_000,
  maxKeptBytes: 256 * 1024 * 1024,
  maxMs: 30 * 60 * 1000,
};

export interface FindVersionsOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (doneBytes: number, totalBytes: number) => void;
  readonly limits?: Partial<VersionLimits>;
}

export interface VersionsResult {
  readonly report: VersionsReport;
  /** The bytes of version `number` (1-based), or null when there is no such version. */
  versionBytes(number: number): Uint8Array | null;
  /** The container scan, when the file is a PST, OST or `.msg` that could be scanned. */
  readonly scan: ScanResult | null;
}

/** A BLOB read before the current histories are known. */
interface Carved {
  readonly location: VersionLocation;
  readonly bytes: Uint8Array;
  readonly declaredCount: number;
  readonly tagsRead: number;
  /** Why it stops early, when it does. */
  readonly cutNote: string | null;
}

interface Current {
  readonly account: string | null;
  readonly attachmentNumber: number;
  readonly bytes: Uint8Array;
  readonly sha256: string;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Throws the abort as a ContainerError the callers already report (canceled, not damaged). */
function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ContainerError('the search for versions was canceled');
}

class Search {
  readonly carved: Carved[] = [];
  /** SHA-256 of the whole file, fed by the search's own reads (each byte once, in order). */
  readonly fileHash = createHash('sha256');
  private readonly started = Date.now();
  private keptBytes = 0;

  constructor(
    readonly source: ByteSource,
    readonly limits: VersionLimits,
    readonly currents: readonly Current[],
    readonly options: FindVersionsOptions,
  ) {}

  checkTime(at: number): void {
    if (Date.now() - this.started >= this.limits.maxMs) {
      throw new ContainerLimitError(
        `the search for versions took over ${this.limits.maxMs.toLocaleString('en-US')} ms ` +
          `(its time cap) and stopped at ${formatByteOffset(at, { hex: true })} of ` +
          `${this.source.size.toLocaleString('en-US')}`,
      );
    }
  }

  add(carved: Carved): void {
    if (this.carved.length >= this.limits.maxCandidates) {
      throw new ContainerLimitError(
        `more than ${this.limits.maxCandidates.toLocaleString('en-US')} BLOB-shaped places ` +
          `(the candidates cap); the search stopped at ${formatByteOffset(carved.location.offset, { hex: true })}`,
      );
    }
    const seen = this.carved.some(
      (c) => c.bytes.length === carved.bytes.length && sameBytes(c.bytes, carved.bytes),
    );
    if (!seen) {
      this.keptBytes += carved.bytes.length;
      if (this.keptBytes > this.limits.maxKeptBytes) {
        throw new ContainerLimitError(
          `the versions found hold over ${this.limits.maxKeptBytes.toLocaleString('en-US')} bytes ` +
            `(the kept-bytes cap); the search stopped at ${formatByteOffset(carved.location.offset, { hex: true })}`,
        );
      }
    }
    this.carved.push(carved);
  }

  /**
   * The version at `shape` in `bytes` (file bytes from `bytesOffset`, decoded through
   * `decode`), its extent settled: a current history's exact bytes when it starts with them,
   * else the tags and Outlook's slack.
   */
  version(
    bytes: Uint8Array,
    bytesOffset: number,
    shape: BlobShape,
    limit: number,
    decode: Uint8Array,
    location: VersionLocation,
    regionNote: string,
  ): Carved {
    const available = Math.min(limit - shape.start, this.limits.maxVersionBytes);
    for (const current of this.currents) {
      if (current.bytes.length > available) continue;
      const copy = decodedCopy(bytes, shape.start, current.bytes.length, decode);
      if (sameBytes(copy, current.bytes)) {
        return {
          location,
          bytes: copy,
          declaredCount: shape.declaredCount,
          tagsRead: shape.declaredCount,
          cutNote: null,
        };
      }
    }
    let length = Math.min(shapeLength(shape, limit), this.limits.maxVersionBytes);
    let tagsRead = shape.tagsRead;
    let cutNote: string | null = null;
    if (shape.tagsEnd - shape.start > this.limits.maxVersionBytes) {
      // Keep the whole tags that fit: a part of a tag would read as one more, broken, tag.
      const kept = wholeTagsWithin(bytes, shape, this.limits.maxVersionBytes, decode);
      length = kept.length;
      tagsRead = kept.tags;
      cutNote = `cut at ${this.limits.maxVersionBytes.toLocaleString('en-US')} bytes (the version-size cap)`;
    } else if (shape.end === 'cut') {
      cutNote = `overwritten at ${formatByteOffset(bytesOffset + shape.tagsEnd, { hex: true })}`;
    } else if (shape.end === 'more') {
      cutNote = `cut at ${formatByteOffset(bytesOffset + limit, { hex: true })}, ${regionNote}`;
    }
    return {
      location,
      bytes: decodedCopy(bytes, shape.start, length, decode),
      declaredCount: shape.declaredCount,
      tagsRead,
      cutNote,
    };
  }

  progress(done: number): void {
    this.options.onProgress?.(Math.min(done, this.source.size), this.source.size);
  }
}

/** The header and the whole tags of `shape` that fit in `cap` bytes. */
function wholeTagsWithin(
  bytes: Uint8Array,
  shape: BlobShape,
  cap: number,
  decode: Uint8Array,
): { length: number; tags: number } {
  let tags = 0;
  let end = 4;
  for (let i = 4; i < cap; i++) {
    if (decode[bytes[shape.start + i]!] === 0) {
      tags++;
      end = i + 1;
    }
  }
  return { length: end, tags };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The block that holds file offset `offset`, found by its trailer, or null. */
async function blockAround(
  source: ByteSource,
  offset: number,
  format: PstFormat,
): Promise<FoundBlock | null> {
  const first = Math.floor(offset / BLOCK_ALIGNMENT) * BLOCK_ALIGNMENT;
  const windowStart = Math.max(0, first + BLOCK_ALIGNMENT - MAX_BLOCK_BYTES);
  const windowEnd = Math.min(source.size, first + MAX_BLOCK_BYTES + BLOCK_ALIGNMENT);
  const bytes = await source.read(windowStart, windowEnd - windowStart, 'a block around a version');
  for (let end = first + BLOCK_ALIGNMENT; end <= windowEnd; end += BLOCK_ALIGNMENT) {
    const block = blockEndingAt(bytes, windowStart, end, format);
    if (block !== null && block.offset <= offset) {
      return offset < block.offset + block.cb ? block : null;
    }
  }
  return null;
}

const blockIdText = (bid: number): string => `0x${bid.toString(16)}`;

/**
 * Bytewise encodings (none, compressible) and files without blocks: the raw bytes are searched
 * chunk by chunk for the encoded shape. In a store, a version stops at the end of its block.
 */
async function searchBytewise(
  search: Search,
  encoding: VersionEncoding,
  decode: Uint8Array,
  format: PstFormat | null,
): Promise<void> {
  const { source, limits } = search;
  const tail = 64 * 1024;
  for (let pos = 0; pos < source.size; pos += limits.chunkBytes) {
    checkAborted(search.options.signal);
    search.checkTime(pos);
    const chunkEnd = Math.min(source.size, pos + limits.chunkBytes);
    const readEnd = Math.min(source.size, chunkEnd + tail);
    const bytes = await source.read(pos, readEnd - pos, 'the file');
    search.fileHash.update(bytes.subarray(0, chunkEnd - pos));
    for (const shape of findBlobShapes(bytes, 0, chunkEnd - pos, bytes.length, decode)) {
      const offset = pos + shape.start;
      const block = format === null ? null : await blockAround(source, offset, format);
      let region: Uint8Array = bytes;
      let regionOffset = pos;
      let found: BlobShape | null = shape;
      let limit = block === null ? bytes.length : block.offset + block.cb - pos;
      if (
        limit > bytes.length ||
        (block === null && shape.end === 'more' && readEnd < source.size)
      ) {
        // The BLOB runs past what was read: read it again from its start, up to its cap.
        const end =
          block === null
            ? Math.min(source.size, offset + limits.maxVersionBytes)
            : block.offset + block.cb;
        region = await source.read(offset, end - offset, 'a version');
        regionOffset = offset;
        limit = region.length;
        found = findBlobShapes(region, 0, 1, limit, decode)[0] ?? null;
      } else if (block !== null && limit < bytes.length) {
        found = findBlobShapes(bytes, shape.start, shape.start + 1, limit, decode)[0] ?? null;
      }
      if (found === null) continue;
      const regionNote =
        block === null
          ? readEnd >= source.size && regionOffset + limit >= source.size
            ? 'the end of the file'
            : 'the version-size cap'
          : `the end of block ${blockIdText(block.bid)}`;
      search.add(
        search.version(
          region,
          regionOffset,
          found,
          limit,
          decode,
          { offset, blockId: block === null ? null : blockIdText(block.bid), encoding },
          regionNote,
        ),
      );
    }
    search.progress(chunkEnd);
  }
}

/** Cyclic encoding: every block is found by its trailer and decoded with its own id. */
async function searchCyclic(search: Search, format: PstFormat): Promise<void> {
  const { source, limits } = search;
  const chunk = Math.max(
    BLOCK_ALIGNMENT,
    limits.chunkBytes - (limits.chunkBytes % BLOCK_ALIGNMENT),
  );
  for (let pos = 0; pos < source.size; pos += chunk) {
    checkAborted(search.options.signal);
    search.checkTime(pos);
    const chunkEnd = Math.min(source.size, pos + chunk);
    // Blocks ending in this chunk start at most one block size before it.
    const readStart = Math.max(0, pos - MAX_BLOCK_BYTES);
    const bytes = await source.read(readStart, chunkEnd - readStart, 'the file');
    search.fileHash.update(bytes.subarray(pos - readStart));
    for (let end = pos + BLOCK_ALIGNMENT; end <= chunkEnd; end += BLOCK_ALIGNMENT) {
      const block = blockEndingAt(bytes, readStart, end, format);
      if (block === null || block.internal) continue;
      const data = bytes.slice(block.offset - readStart, block.offset - readStart + block.cb);
      decodeBlock(data, CRYPT_CYCLIC, block.bid);
      for (const shape of findBlobShapes(data, 0, data.length, data.length)) {
        search.add(
          search.version(
            data,
            block.offset,
            shape,
            data.length,
            IDENTITY_TABLE,
            {
              offset: block.offset + shape.start,
              blockId: blockIdText(block.bid),
              encoding: 'high',
            },
            `the end of block ${blockIdText(block.bid)}`,
          ),
        );
      }
    }
    search.progress(chunkEnd);
  }
}

function currentHistories(scan: ScanResult | null): Current[] {
  if (scan === null) return [];
  const currents: Current[] = [];
  for (const message of scan.report.messages) {
    for (const attachment of message.attachments) {
      if (attachment.rule === null) continue;
      const bytes = scan.attachmentData(attachment.number);
      if (bytes === null) continue;
      currents.push({
        account: attachment.account,
        attachmentNumber: attachment.number,
        bytes,
        sha256: sha256(bytes),
      });
    }
  }
  return currents;
}

interface Grouped {
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly locations: VersionLocation[];
  readonly first: Carved;
}

function compareOffsets(a: VersionLocation, b: VersionLocation): number {
  return a.offset - b.offset;
}

function buildRecords(
  carved: readonly Carved[],
  currents: readonly Current[],
  plainSearch: boolean,
): { records: VersionRecord[]; bytes: Uint8Array[] } {
  const groups = new Map<string, Grouped>();
  for (const copy of carved) {
    const hash = sha256(copy.bytes);
    const group = groups.get(hash);
    if (group) group.locations.push(copy.location);
    else
      groups.set(hash, {
        bytes: copy.bytes,
        sha256: hash,
        locations: [copy.location],
        first: copy,
      });
  }
  const currentUids = currents.map((c) => new Set(parse(c.bytes).uidList()));
  const drafts: { record: Omit<VersionRecord, 'number'>; bytes: Uint8Array }[] = [];
  for (const current of currents) {
    if (!groups.has(current.sha256)) {
      // Not found by the byte search (its data spans blocks that are not contiguous): listed
      // from the scan, without a location.
      groups.set(current.sha256, {
        bytes: current.bytes,
        sha256: current.sha256,
        locations: [],
        first: {
          location: { offset: -1, blockId: null, encoding: 'none' },
          bytes: current.bytes,
          declaredCount: 0,
          tagsRead: 0,
          cutNote: null,
        },
      });
    }
  }
  for (const group of groups.values()) {
    const document = parse(group.bytes);
    const summary = summarize(document);
    const current = currents.find((c) => c.sha256 === group.sha256) ?? null;
    const findings: string[] = [];
    const locations = [...group.locations].sort(compareOffsets);
    const truncated = current === null && group.first.cutNote !== null;
    if (truncated) {
      findings.push(
        `cut off: ${group.first.cutNote}; ${summary.entryCount} of ${plural(summary.declaredCount ?? 0, 'counted tag')} could be read`,
      );
    }
    if (locations.length === 0) {
      findings.push(
        'not found by the byte search (its data is split over blocks that are not contiguous); listed from the scan',
      );
    }
    if (plainSearch)
      findings.push('found by a plain byte search: the file has no block structure to check');
    if (locations.length > 1) findings.push(`${locations.length} identical copies`);
    let precedes: VersionRecord['precedes'] = null;
    if (current === null && currents.length > 0) {
      const uids = new Set(document.uidList());
      let best = -1;
      currents.forEach((c, i) => {
        let shared = 0;
        for (const uid of uids) if (currentUids[i]!.has(uid)) shared++;
        if (shared > best) {
          best = shared;
          precedes = { account: c.account, sharedUids: shared };
        }
      });
    }
    drafts.push({
      bytes: group.bytes,
      record: {
        locations,
        offset: locations[0]?.offset ?? -1,
        bytes: group.bytes.length,
        sha256: group.sha256,
        entryCount: summary.entryCount,
        declaredCount: summary.declaredCount,
        firstTimestamp: summary.firstTimestamp,
        lastTimestamp: summary.lastTimestamp,
        current: current && {
          account: current.account,
          attachmentNumber: current.attachmentNumber,
        },
        precedes,
        truncated,
        diagnostics: summary.diagnostics,
        findings,
      },
    });
  }
  drafts.sort((a, b) => compareVersions(a.record, b.record));
  return {
    records: drafts.map((d, i) => ({ number: i + 1, ...d.record })),
    bytes: drafts.map((d) => d.bytes),
  };
}

/** By latest timestamp (none first), then current after carved, then offset. */
function compareVersions(
  a: Omit<VersionRecord, 'number'>,
  b: Omit<VersionRecord, 'number'>,
): number {
  const at = a.lastTimestamp ?? '';
  const bt = b.lastTimestamp ?? '';
  if (at !== bt) return at < bt ? -1 : 1;
  if ((a.current === null) !== (b.current === null)) return a.current === null ? -1 : 1;
  return a.offset - b.offset;
}

/** Searches an opened source; `path` is only reported. */
export async function findVersionsInSource(
  source: ByteSource,
  path: string,
  options: FindVersionsOptions = {},
): Promise<VersionsResult> {
  const limits: VersionLimits = { ...DEFAULT_VERSION_LIMITS, ...options.limits };
  if (source.size > limits.maxFileBytes) {
    throw new ContainerLimitError(
      `the file is ${source.size.toLocaleString('en-US')} bytes, over the ` +
        `${limits.maxFileBytes.toLocaleString('en-US')}-byte cap of the search for versions`,
    );
  }
  const head = await source.read(0, Math.min(8, source.size), 'file signature');
  const reportFindings: string[] = [];
  let container: VersionsReport['container'] = 'unknown';
  let scan: ScanResult | null = null;
  let header = null;
  if (hasPstMagic(head) || hasCfbSignature(head)) {
    container = hasPstMagic(head) ? 'pst' : 'msg';
    try {
      if (container === 'pst') {
        header = await readHeader(source);
        container = header.kind;
      }
      scan = await scanSource(source, path);
    } catch (error) {
      if (!(error instanceof ContainerError)) throw error;
      reportFindings.push(
        `the container could not be scanned (${error.message}); no current history is known, ` +
          'and every version is listed as carved',
      );
    }
  }
  checkAborted(options.signal);
  const currents = currentHistories(scan);
  const search = new Search(source, limits, currents, options);
  if (header?.crypt === CRYPT_CYCLIC) {
    await searchCyclic(search, header.format);
  } else if (header !== null) {
    const permute = header.crypt === CRYPT_PERMUTE;
    await searchBytewise(
      search,
      permute ? 'compressible' : 'none',
      permute ? MPBB_I : IDENTITY_TABLE,
      header.format,
    );
  } else {
    await searchBytewise(search, 'plain-search', IDENTITY_TABLE, null);
  }
  const sha = search.fileHash.digest('hex');
  const { records, bytes } = buildRecords(search.carved, currents, header === null);
  return {
    report: {
      schema: 'uidl-studio/versions@1',
      input: { path, bytes: source.size, sha256: sha },
      container,
      versions: records,
      findings: reportFindings,
    },
    versionBytes: (number) => bytes[number - 1] ?? null,
    scan,
  };
}

/** Opens `path` read-only and lists every version of a history in it. */
export async function findVersions(
  path: string,
  options: FindVersionsOptions = {},
): Promise<VersionsReport> {
  return (await searchFile(path, options)).report;
}

/** Like findVersions, keeping each version's bytes for opening. */
export async function searchFile(
  path: string,
  options: FindVersionsOptions = {},
): Promise<VersionsResult> {
  const source = await openFileSource(path);
  try {
    return await findVersionsInSource(source, path, options);
  } finally {
    await source.close();
  }
}

/** Version `number` (1-based, as findVersions lists them) of `path`: its bytes and record. */
export async function readVersion(
  path: string,
  number: number,
  options: FindVersionsOptions = {},
): Promise<{ bytes: Uint8Array; record: VersionRecord }> {
  const result = await searchFile(path, options);
  const record = result.report.versions[number - 1];
  const bytes = result.versionBytes(number);
  if (record === undefined || bytes === null) {
    const count = result.report.versions.length;
    throw new ContainerError(
      `'${path}' holds ${plural(count, 'version')}` +
        (count > 0 ? ` (versions/1 to versions/${count})` : '') +
        `; there is no versions/${number}`,
    );
  }
  return { bytes, record };
}
