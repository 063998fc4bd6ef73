/**
 * `.msg` files built by the tests with SheetJS cfb ([MS-OXMSG] layout): an IPM.MessageManager
 * message whose attachments carry BlobPOP histories under each naming rule.
 */
import CFB from 'cfb';

export { sample } from '../../fixtures/samples.js';

export interface FixtureAttachment {
  readonly longFilename?: string;
  readonly filename?: string;
  readonly displayName?: string;
  readonly data?: Uint8Array;
  /** PR_ATTACH_SIZE to record; default: data length + 100. */
  readonly attachSize?: number;
  /** Write names as 8-bit `001E` streams instead of Unicode `001F`. */
  readonly ansi?: boolean;
}

export interface FixtureMessage {
  readonly messageClass: string;
  readonly subject?: string;
  readonly conversationKey?: Uint8Array;
  readonly attachments: readonly FixtureAttachment[];
}

const utf16 = (text: string): Buffer => Buffer.from(text, 'utf16le');
const tagName = (tag: number): string =>
  `__substg1.0_${tag.toString(16).toUpperCase().padStart(8, '0')}`;

function propertyEntry(tag: number, value: number): Buffer {
  const entry = Buffer.alloc(16);
  entry.writeUInt32LE(tag >>> 0, 0);
  entry.writeUInt32LE(6, 4); // PROPATTR_READABLE | PROPATTR_WRITABLE
  entry.writeUInt32LE(value >>> 0, 8);
  return entry;
}

export function buildMsg(message: FixtureMessage): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  const add = (path: string, bytes: Uint8Array): void => {
    CFB.utils.cfb_add(cfb, path, Buffer.from(bytes));
  };
  add(`/${tagName(0x001a001f)}`, utf16(message.messageClass));
  if (message.subject !== undefined) add(`/${tagName(0x0037001f)}`, utf16(message.subject));
  if (message.conversationKey) add(`/${tagName(0x000b0102)}`, message.conversationKey);
  const rootHeader = Buffer.alloc(32);
  rootHeader.writeUInt32LE(message.attachments.length, 12);
  rootHeader.writeUInt32LE(message.attachments.length, 20);
  add('/__properties_version1.0', rootHeader);
  message.attachments.forEach((attachment, index) => {
    const storage = `/__attach_version1.0_#${index.toString(16).toUpperCase().padStart(8, '0')}`;
    const name = (id: number, text: string | undefined): void => {
      if (text === undefined) return;
      if (attachment.ansi)
        add(`${storage}/${tagName((id << 16) | 0x001e)}`, Buffer.from(text, 'latin1'));
      else add(`${storage}/${tagName((id << 16) | 0x001f)}`, utf16(text));
    };
    name(0x3707, attachment.longFilename);
    name(0x3704, attachment.filename);
    name(0x3001, attachment.displayName);
    const entries = [propertyEntry(0x37050003, 1)];
    if (attachment.data) {
      add(`${storage}/${tagName(0x37010102)}`, attachment.data);
      entries.push(propertyEntry(0x37010102, attachment.data.length));
      entries.push(
        propertyEntry(0x0e200003, attachment.attachSize ?? attachment.data.length + 100),
      );
    }
    add(`${storage}/__properties_version1.0`, Buffer.concat([Buffer.alloc(8), ...entries]));
  });
  const written = CFB.write(cfb, { type: 'buffer', fileType: 'cfb' }) as Buffer;
  return new Uint8Array(written.buffer, written.byteOffset, written.length);
}
