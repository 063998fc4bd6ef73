/**
 * A PST or OST store, read-only: its folders, the associated (FAI) messages of a folder, and a
 * message's properties and attachments. Built on the NDB and LTP layers of this folder.
 */
import { ContainerError, ContainerLimitError } from '../errors.js';
import type { ByteSource } from '../source.js';
import { hex, u32 } from './binary.js';
import { readHeader, type PstHeader } from './header.js';
import { NodeDatabase } from './ndb.js';
import { NodeReader } from './node-reader.js';
import { PROP, PT_OBJECT } from './properties.js';
import { PropertyContext } from './property-context.js';
import { readTable } from './table-context.js';

const NID_MESSAGE_STORE = 0x21;
const NID_ROOT_FOLDER = 0x122;
const NID_ATTACHMENT_TABLE = 0x671;
const NID_RECEIVE_FOLDER_TABLE = 0x62b;
const NID_TYPE_HIERARCHY_TABLE = 0x0d;
const NID_TYPE_CONTENTS_TABLE = 0x0e;
const NID_TYPE_ASSOC_CONTENTS_TABLE = 0x0f;
/** The receive folder table's column holding the folder's NID. */
const PROP_RECEIVE_FOLDER_NID = 0x6605;
/** Folder nesting deeper than this is damage (Outlook's UI stops far earlier). */
const MAX_FOLDER_DEPTH = 256;

const nidWithType = (nid: number, type: number): number => ((nid & ~0x1f) | type) >>> 0;
const nidHex = (nid: number): string => `0x${nid.toString(16)}`;
const ATTACH_OLE = 6;

/**
 * A subject without its prefix marker: PSTs may store PR_SUBJECT as U+0001, a character giving
 * the prefix's length ("RE: "), then the subject ([MS-PST] 2.5.3.1.1).
 */
export function stripSubjectMarker(subject: string | null): string | null {
  return subject !== null && subject.charCodeAt(0) === 1 ? subject.slice(2) : subject;
}

export interface PstFolder {
  readonly nid: number;
  readonly name: string;
  /** Folder names from the top of the store's IPM subtree (or the root), this folder last. */
  readonly path: readonly string[];
  readonly containerClass: string | null;
  readonly depth: number;
}

export interface PstAssociatedItem {
  readonly nid: number;
  readonly messageClass: string | null;
  readonly subject: string | null;
}

export interface PstAttachment {
  /** Position in the message's attachment table, from 0. */
  readonly index: number;
  readonly nid: number;
  readonly longFilename: string | null;
  readonly filename: string | null;
  readonly displayName: string | null;
  /** PR_ATTACH_SIZE (the whole attachment object, as Outlook records it). */
  readonly size: number | null;
  /** PR_ATTACH_ADDITIONAL_INFO (0x370F0102), or null when absent. */
  readonly additionalInfo: Uint8Array | null;
  readonly method: number | null;
  /** Whether PR_ATTACH_DATA_BIN is a binary value (not an embedded message or OLE object). */
  readonly hasBinaryData: boolean;
  /** PR_ATTACH_DATA_BIN's bytes, read on demand, at most `limit` bytes. */
  data(limit?: number): Promise<Uint8Array | null>;
  /**
   * An OLE attachment's (method 6) PR_ATTACH_DATA_OBJ storage bytes, or null. Histories are
   * never OLE objects; this exists so tests can compare every attachment with libpff.
   */
  objectData(limit?: number): Promise<Uint8Array | null>;
}

export interface PstMessage {
  readonly nid: number;
  readonly messageClass: string | null;
  readonly subject: string | null;
  readonly conversationKey: string | null;
  readonly searchKey: string | null;
  readonly flags: number | null;
  readonly size: number | null;
  /** Whether the message node has a subnode tree at all (no tree: no attachment table). */
  readonly hasSubnodes: boolean;
  readonly attachments: readonly PstAttachment[];
}

export interface InboxLocation {
  readonly nid: number;
  readonly path: readonly string[];
  /** How it was found: Outlook's receive folder for IPM messages, or by its English name. */
  readonly foundBy: 'receive-folder-table' | 'name';
}

export interface FolderProgress {
  readonly foldersDone: number;
  readonly bytesRead: number;
  readonly fileSize: number;
}

export class PstStore {
  private constructor(
    readonly source: ByteSource,
    readonly header: PstHeader,
    private readonly ndb: NodeDatabase,
  ) {}

  static async open(source: ByteSource): Promise<PstStore> {
    const header = await readHeader(source);
    return new PstStore(source, header, new NodeDatabase(source, header));
  }

  private async node(nid: number, what: string): Promise<NodeReader> {
    const entry = await this.ndb.findNode(nid);
    if (!entry) throw new ContainerError(`${what} (node ${nidHex(nid)}) is missing from the store`);
    return new NodeReader(this.ndb, entry, `${what} (node ${nidHex(nid)})`);
  }

  private async optionalNode(nid: number, what: string): Promise<NodeReader | null> {
    const entry = await this.ndb.findNode(nid);
    return entry ? new NodeReader(this.ndb, entry, `${what} (node ${nidHex(nid)})`) : null;
  }

  /** The store's display name and the NID of its IPM subtree (the visible folder tree). */
  async storeInfo(): Promise<{ displayName: string | null; ipmSubtreeNid: number | null }> {
    const pc = await PropertyContext.read(await this.node(NID_MESSAGE_STORE, 'message store'));
    const entryId = await pc.binary(PROP.ipmSubtreeEntryId);
    // An EntryID is 4 flag bytes, a 16-byte provider UID, then the 4-byte NID.
    const ipmSubtreeNid =
      entryId && entryId.length >= 24 ? u32(entryId, 20, 'IPM subtree entry id') : null;
    return { displayName: await pc.string(PROP.displayName), ipmSubtreeNid };
  }

  /**
   * Every folder under the root, depth first. The walk visits each NID once, so a hierarchy
   * that loops (damage) still ends.
   */
  async folders(onProgress?: (progress: FolderProgress) => void): Promise<PstFolder[]> {
    const folders: PstFolder[] = [];
    const seen = new Set<number>();
    const visit = async (nid: number, path: readonly string[], depth: number): Promise<void> => {
      if (seen.has(nid)) return;
      if (depth > MAX_FOLDER_DEPTH) {
        throw new ContainerError(
          `folders nest deeper than ${MAX_FOLDER_DEPTH} levels; the store is damaged`,
        );
      }
      seen.add(nid);
      const pc = await PropertyContext.read(await this.node(nid, 'folder'));
      const name = (await pc.string(PROP.displayName)) ?? '';
      const folderPath = depth === 0 ? [] : [...path, name];
      folders.push({
        nid,
        name,
        path: folderPath,
        containerClass: await pc.string(PROP.containerClass),
        depth,
      });
      onProgress?.({
        foldersDone: folders.length,
        bytesRead: this.source.bytesRead,
        fileSize: this.source.size,
      });
      const table = await this.optionalNode(
        nidWithType(nid, NID_TYPE_HIERARCHY_TABLE),
        'folder hierarchy table',
      );
      if (!table) return;
      for (const row of await readTable(table)) {
        const child = row.int32(PROP.ltpRowId);
        if (child !== null) await visit(child, folderPath, depth + 1);
      }
    };
    await visit(NID_ROOT_FOLDER, [], 0);
    return folders;
  }

  /**
   * The Inbox: the receive folder of class "IPM" (where Outlook delivers mail, [MS-OXCSTOR]
   * RopGetReceiveFolder) from the store's receive folder table; failing that, a folder named
   * "Inbox" in the IPM subtree. Null when neither exists.
   */
  async findInbox(): Promise<InboxLocation | null> {
    const table = await this.optionalNode(NID_RECEIVE_FOLDER_TABLE, 'receive folder table');
    if (table) {
      let best: { length: number; nid: number } | null = null;
      for (const row of await readTable(table)) {
        const messageClass = ((await row.string(PROP.messageClass)) ?? '').toUpperCase();
        const nid = row.int32(PROP_RECEIVE_FOLDER_NID);
        // The longest class that prefixes IPM.Note wins, as in Outlook's lookup.
        const matches =
          messageClass === '' ||
          'IPM.NOTE' === messageClass ||
          'IPM.NOTE'.startsWith(`${messageClass}.`);
        if (nid !== null && matches && (best === null || messageClass.length > best.length)) {
          best = { length: messageClass.length, nid };
        }
      }
      if (best !== null && (await this.ndb.findNode(best.nid))) {
        return {
          nid: best.nid,
          path: await this.folderPath(best.nid),
          foundBy: 'receive-folder-table',
        };
      }
    }
    const { ipmSubtreeNid } = await this.storeInfo().catch(() => ({ ipmSubtreeNid: null }));
    const parents = ipmSubtreeNid === null ? [] : [ipmSubtreeNid];
    for (const parent of parents) {
      const hierarchy = await this.optionalNode(
        nidWithType(parent, NID_TYPE_HIERARCHY_TABLE),
        'folder hierarchy table',
      );
      if (!hierarchy) continue;
      for (const row of await readTable(hierarchy)) {
        const nid = row.int32(PROP.ltpRowId);
        if (nid !== null && (await row.string(PROP.displayName))?.toLowerCase() === 'inbox') {
          return { nid, path: await this.folderPath(nid), foundBy: 'name' };
        }
      }
    }
    return null;
  }

  /** A folder's path from below the root, by its NBT parent links (bounded: no loops). */
  async folderPath(nid: number): Promise<string[]> {
    const names: string[] = [];
    const seen = new Set<number>();
    let current = nid;
    while (current !== NID_ROOT_FOLDER && !seen.has(current) && seen.size < MAX_FOLDER_DEPTH) {
      seen.add(current);
      const entry = await this.ndb.findNode(current);
      if (!entry) break;
      const pc = await PropertyContext.read(
        new NodeReader(this.ndb, entry, `folder (node ${nidHex(current)})`),
      );
      names.unshift((await pc.string(PROP.displayName)) ?? '');
      if (entry.nidParent === current) break;
      current = entry.nidParent;
    }
    return names;
  }

  /** The folder's associated (FAI) messages: hidden items such as IPM.MessageManager. */
  associatedItems(folderNid: number): Promise<PstAssociatedItem[]> {
    return this.tableItems(folderNid, NID_TYPE_ASSOC_CONTENTS_TABLE, 'associated contents table');
  }

  /** The folder's ordinary messages. */
  contentsItems(folderNid: number): Promise<PstAssociatedItem[]> {
    return this.tableItems(folderNid, NID_TYPE_CONTENTS_TABLE, 'contents table');
  }

  private async tableItems(
    folderNid: number,
    type: number,
    what: string,
  ): Promise<PstAssociatedItem[]> {
    const table = await this.optionalNode(nidWithType(folderNid, type), what);
    if (!table) return [];
    const items: PstAssociatedItem[] = [];
    for (const row of await readTable(table)) {
      const nid = row.int32(PROP.ltpRowId);
      if (nid === null) continue;
      items.push({
        nid,
        messageClass: await row.string(PROP.messageClass),
        subject: stripSubjectMarker(await row.string(PROP.subject)),
      });
    }
    return items;
  }

  /** A message's properties and its attachments' names and sizes (data is read on demand). */
  async message(nid: number): Promise<PstMessage> {
    const node = await this.node(nid, 'message');
    const pc = await PropertyContext.read(node);
    const keyHex = async (id: number): Promise<string | null> => {
      const bytes = await pc.binary(id);
      return bytes === null ? null : hex(bytes);
    };
    const attachments: PstAttachment[] = [];
    const table =
      node.entry.bidSub === 0
        ? null
        : await node.child(NID_ATTACHMENT_TABLE, `attachment table of message ${nidHex(nid)}`);
    if (table) {
      const rows = await readTable(table);
      for (const [index, row] of rows.entries()) {
        const attachNid = row.int32(PROP.ltpRowId);
        if (attachNid === null) continue;
        const attachment = await node.child(
          attachNid,
          `attachment ${index} of message ${nidHex(nid)}`,
        );
        if (!attachment) {
          throw new ContainerError(
            `message ${nidHex(nid)}: attachment ${index} (subnode ${nidHex(attachNid)}) is missing`,
          );
        }
        attachments.push(await readAttachment(attachment, index, attachNid));
      }
    }
    return {
      nid,
      messageClass: await pc.string(PROP.messageClass),
      subject: stripSubjectMarker(await pc.string(PROP.subject)),
      conversationKey: await keyHex(PROP.conversationKey),
      searchKey: await keyHex(PROP.searchKey),
      flags: pc.int32(PROP.messageFlags),
      size: pc.int32(PROP.messageSize),
      hasSubnodes: node.entry.bidSub !== 0,
      attachments,
    };
  }
}

/** PR_ATTACH_ADDITIONAL_INFO: 4 bytes from Outlook; an oversized value is ignored, not read. */
async function additionalInfo(pc: PropertyContext): Promise<Uint8Array | null> {
  try {
    return await pc.binary(PROP.attachAdditionalInfo, MAX_ADDITIONAL_INFO);
  } catch (error) {
    if (error instanceof ContainerLimitError) return null;
    throw error;
  }
}

const MAX_ADDITIONAL_INFO = 4096;

async function readAttachment(
  node: NodeReader,
  index: number,
  nid: number,
): Promise<PstAttachment> {
  const pc = await PropertyContext.read(node);
  const dataType = pc.type(PROP.attachDataBinary);
  return {
    index,
    nid,
    longFilename: await pc.string(PROP.attachLongFilename),
    filename: await pc.string(PROP.attachFilename),
    displayName: await pc.string(PROP.displayName),
    size: pc.int32(PROP.attachSize),
    additionalInfo: await additionalInfo(pc),
    method: pc.int32(PROP.attachMethod),
    hasBinaryData: dataType !== null && dataType !== PT_OBJECT,
    data: (limit) => pc.binary(PROP.attachDataBinary, limit),
    objectData: async (limit) => {
      if (dataType !== PT_OBJECT || pc.int32(PROP.attachMethod) !== ATTACH_OLE) return null;
      // A PtypObject value is a heap item holding the subnode's NID and the data's size.
      const reference = await pc.bytes(PROP.attachDataBinary);
      if (reference === null || reference.length < 8) return null;
      return node.subnodeData(u32(reference, 0, node.what), limit);
    },
  };
}
