/**
 * A `.msg` file ([MS-OXMSG]): a Compound File whose root holds the message's properties and one
 * `__attach_version1.0_#XXXXXXXX` storage per attachment. SheetJS `cfb` reads the compound
 * file; this module reads the MAPI layout on top of it.
 */
import CFB, { type CFB$Container, type CFB$Entry } from 'cfb';
import { hasCfbSignature } from '../../../shared/input/container-signature.js';
import { ContainerError } from '../errors.js';
import { hex } from '../pst/binary.js';
import { decodeString, PROP, PT_BINARY, PT_STRING8, PT_UNICODE } from '../pst/properties.js';

export interface MsgAttachment {
  /** Position among the root's attachment storages, in name order, from 0. */
  readonly index: number;
  /** The storage's name, `__attach_version1.0_#XXXXXXXX`. */
  readonly storage: string;
  readonly longFilename: string | null;
  readonly filename: string | null;
  readonly displayName: string | null;
  /** PR_ATTACH_SIZE from the attachment's property stream. */
  readonly size: number | null;
  /** PR_ATTACH_ADDITIONAL_INFO (0x370F0102), or null. */
  readonly additionalInfo: Uint8Array | null;
  readonly method: number | null;
  /** The `__substg1.0_37010102` stream, or null (an embedded message has a storage instead). */
  readonly data: Uint8Array | null;
  readonly embeddedMessage: boolean;
}

export interface MsgFile {
  readonly messageClass: string | null;
  readonly subject: string | null;
  readonly conversationKey: string | null;
  readonly searchKey: string | null;
  readonly attachments: readonly MsgAttachment[];
}

export const ATTACH_PREFIX = '__attach_version1.0_#';
export const PROPERTIES_STREAM = '__properties_version1.0';
/** The property stream's header: 32 bytes at the root of a top-level message, 8 in an attachment. */
export const ATTACHMENT_PROPERTIES_HEADER = 8;

export const substgName = (id: number, type: number): string =>
  `__substg1.0_${((id << 16) | type).toString(16).toUpperCase().padStart(8, '0')}`;

/** Parses the compound file; cfb's own exceptions become a ContainerError. */
export function readCompoundFile(bytes: Uint8Array): CFB$Container {
  if (!hasCfbSignature(bytes)) {
    throw new ContainerError(
      'not a .msg file: no Compound File signature (D0 CF 11 E0 A1 B1 1A E1)',
      0,
    );
  }
  try {
    return CFB.read(bytes, { type: 'buffer' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ContainerError(`the .msg file's compound-file structure is damaged: ${reason}`);
  }
}

/** The entries directly inside `storage` (a FullPaths prefix ending in '/'), by name. */
export function children(cfb: CFB$Container, storage: string): Map<string, CFB$Entry> {
  const map = new Map<string, CFB$Entry>();
  cfb.FullPaths.forEach((path, i) => {
    if (!path.startsWith(storage) || path === storage) return;
    const rest = path.slice(storage.length);
    const slash = rest.indexOf('/');
    if (slash !== -1 && slash !== rest.length - 1) return;
    const entry = cfb.FileIndex[i];
    if (entry) map.set(rest.replace(/\/$/, '').toUpperCase(), entry);
  });
  return map;
}

/** Compound-file names compare case-insensitively. */
export function lookup(entries: Map<string, CFB$Entry>, name: string): CFB$Entry | undefined {
  return entries.get(name.toUpperCase());
}

export function content(entry: CFB$Entry | undefined): Uint8Array | null {
  if (!entry || entry.type !== 2) return null;
  const bytes = entry.content as Uint8Array | number[] | undefined;
  if (!bytes) return new Uint8Array(0);
  return bytes instanceof Uint8Array
    ? bytes.subarray(0, entry.size)
    : Uint8Array.from(bytes).subarray(0, entry.size);
}

function stringProp(entries: Map<string, CFB$Entry>, id: number): string | null {
  for (const type of [PT_UNICODE, PT_STRING8]) {
    const bytes = content(lookup(entries, substgName(id, type)));
    if (bytes) return decodeString(type, bytes);
  }
  return null;
}

function binaryHex(entries: Map<string, CFB$Entry>, id: number): string | null {
  const bytes = content(lookup(entries, substgName(id, PT_BINARY)));
  return bytes ? hex(bytes) : null;
}

/** A fixed-size property's 4 low bytes from a property stream, or null. */
export function findFixedProperty(
  stream: Uint8Array,
  headerBytes: number,
  tag: number,
): { at: number; value: number } | null {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.length);
  for (let at = headerBytes; at + 16 <= stream.length; at += 16) {
    if (view.getUint32(at, true) === tag) return { at, value: view.getUint32(at + 8, true) };
  }
  return null;
}

export function readMsg(bytes: Uint8Array): MsgFile {
  return messageOf(readCompoundFile(bytes));
}

/** The message in a compound file already parsed. */
export function messageOf(cfb: CFB$Container): MsgFile {
  const root = cfb.FullPaths[0];
  if (root === undefined) throw new ContainerError('the .msg file has no root storage');
  const top = children(cfb, root);
  const attachments: MsgAttachment[] = [];
  const storages = [...top.entries()]
    .filter(([name, entry]) => name.startsWith(ATTACH_PREFIX.toUpperCase()) && entry.type === 1)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [index, [, entry]] of storages.entries()) {
    const path = `${root}${entry.name}/`;
    const own = children(cfb, path);
    const props = content(lookup(own, PROPERTIES_STREAM.toUpperCase()));
    const fixed = (id: number): number | null =>
      props
        ? (findFixedProperty(props, ATTACHMENT_PROPERTIES_HEADER, ((id << 16) | 0x0003) >>> 0)
            ?.value ?? null)
        : null;
    attachments.push({
      index,
      storage: entry.name,
      longFilename: stringProp(own, PROP.attachLongFilename),
      filename: stringProp(own, PROP.attachFilename),
      displayName: stringProp(own, PROP.displayName),
      size: fixed(PROP.attachSize),
      additionalInfo: content(lookup(own, substgName(PROP.attachAdditionalInfo, PT_BINARY))),
      method: fixed(PROP.attachMethod),
      data: content(lookup(own, substgName(PROP.attachDataBinary, PT_BINARY))),
      embeddedMessage: lookup(own, substgName(PROP.attachDataBinary, 0x000d))?.type === 1,
    });
  }
  return {
    messageClass: stringProp(top, PROP.messageClass),
    subject: stringProp(top, PROP.subject),
    conversationKey: binaryHex(top, PROP.conversationKey),
    searchKey: binaryHex(top, PROP.searchKey),
    attachments,
  };
}
