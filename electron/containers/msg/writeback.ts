/**
 * Writes a repaired BLOB into a copy of the `.msg` it came from: the chosen attachment's
 * `__substg1.0_37010102` stream is replaced, the sizes that describe it in the attachment's
 * property stream are updated, and every other stream is kept byte for byte. The source is
 * never modified; the caller writes the returned bytes (atomically) elsewhere.
 */
import CFB, { type CFB$Entry } from 'cfb';
import { ContainerError } from '../errors.js';
import { findAccount, matchHistoryName } from '../lookup.js';
import { PROP, PT_BINARY } from '../pst/properties.js';
import { removeSignatureStream } from './cfb-signature-stream.js';
import {
  ATTACHMENT_PROPERTIES_HEADER,
  children,
  content,
  findFixedProperty,
  lookup,
  messageOf,
  PROPERTIES_STREAM,
  readCompoundFile,
  substgName,
  type MsgAttachment,
} from './msg-file.js';

export const PR_ATTACH_SIZE = ((PROP.attachSize << 16) | 0x0003) >>> 0;
export const PR_ATTACH_DATA_BIN = ((PROP.attachDataBinary << 16) | PT_BINARY) >>> 0;

export interface WritebackResult {
  readonly bytes: Uint8Array;
  readonly attachment: MsgAttachment;
  readonly previousBytes: number;
  /** PR_ATTACH_SIZE before and after, or null when the attachment does not record it. */
  readonly attachSize: { readonly before: number; readonly after: number } | null;
}

export interface WritebackTarget {
  /** The account whose history to replace (docs/FORMAT.md's lookup rules, in order). */
  readonly account?: string;
  /** Or the attachment's number as `uidl-studio scan` lists it (1 = the first). */
  readonly attachment?: number;
}

/**
 * The attachment to replace: the numbered one, the one `account` names, else the only
 * attachment named like a history.
 */
export function chooseAttachment(
  attachments: readonly MsgAttachment[],
  target: WritebackTarget,
): MsgAttachment {
  const binary = attachments.filter((a) => a.data !== null);
  const { account } = target;
  if (target.attachment !== undefined) {
    const chosen = attachments[target.attachment - 1];
    if (!chosen) {
      throw new ContainerError(
        `the .msg has ${attachments.length} attachment(s); there is no #${target.attachment}`,
      );
    }
    if (chosen.data === null) {
      throw new ContainerError(
        `attachment #${target.attachment} has no binary data stream to replace`,
      );
    }
    return chosen;
  }
  if (account !== undefined) {
    const found = findAccount(binary, account);
    if (!found) {
      throw new ContainerError(
        `no attachment holds the history of '${account}' (looked for BlobPOP${account} in the long ` +
          'filename, filename and display name, and for Blob%.8x filenames)',
      );
    }
    return found;
  }
  const histories = binary.filter((a) => matchHistoryName(a) !== null);
  if (histories.length === 1) return histories[0]!;
  if (histories.length === 0) {
    throw new ContainerError(
      'the .msg has no attachment named like a POP3 history (BlobPOP<address> or Blob%.8x); ' +
        'name one with --account',
    );
  }
  const names = histories.map((a) => {
    const match = matchHistoryName(a)!;
    return match.account ?? `Blob${match.miniUid}`;
  });
  throw new ContainerError(
    `the .msg holds ${histories.length} histories (${names.join(', ')}); choose one with --account`,
  );
}

export function writeBackMsg(
  source: Uint8Array,
  blob: Uint8Array,
  target: WritebackTarget = {},
): WritebackResult {
  // Parse a private copy: cfb's streams may share memory with the buffer it read.
  const cfb = readCompoundFile(source.slice());
  const attachment = chooseAttachment(messageOf(cfb).attachments, target);
  const storagePath = `${cfb.FullPaths[0]}${attachment.storage}/`;
  const own = children(cfb, storagePath);
  const dataEntry = lookup(own, substgName(PROP.attachDataBinary, PT_BINARY));
  const previous = content(dataEntry);
  if (!dataEntry || previous === null) {
    throw new ContainerError(`attachment ${attachment.index} has no binary data stream to replace`);
  }
  replaceContent(dataEntry, blob);

  let attachSize: WritebackResult['attachSize'] = null;
  const propsEntry = lookup(own, PROPERTIES_STREAM);
  const props = content(propsEntry);
  if (propsEntry && props) {
    const updated = props.slice();
    const view = new DataView(updated.buffer);
    // A variable-size property's entry records its stream's length ([MS-OXMSG] 2.4.2.2).
    const dataProp = findFixedProperty(updated, ATTACHMENT_PROPERTIES_HEADER, PR_ATTACH_DATA_BIN);
    if (dataProp) view.setUint32(dataProp.at + 8, blob.length, true);
    // PR_ATTACH_SIZE covers the whole attachment object: it changes by the data's change.
    const sizeProp = findFixedProperty(updated, ATTACHMENT_PROPERTIES_HEADER, PR_ATTACH_SIZE);
    if (sizeProp) {
      const after = Math.max(0, sizeProp.value + blob.length - previous.length);
      view.setUint32(sizeProp.at + 8, after, true);
      attachSize = { before: sizeProp.value, after };
    }
    replaceContent(propsEntry, updated);
  }

  const written = CFB.write(cfb, { type: 'buffer', fileType: 'cfb' }) as Uint8Array;
  const bytes = new Uint8Array(written.buffer, written.byteOffset, written.length);
  removeSignatureStream(bytes);
  return { bytes, attachment, previousBytes: previous.length, attachSize };
}

function replaceContent(entry: CFB$Entry, bytes: Uint8Array): void {
  entry.content = Buffer.from(bytes);
  entry.size = bytes.length;
}
