/** MAPI property types and tags the scanner reads, and how their bytes become values. */

export const PT_SHORT = 0x0002;
export const PT_LONG = 0x0003;
export const PT_BOOLEAN = 0x000b;
export const PT_OBJECT = 0x000d;
export const PT_STRING8 = 0x001e;
export const PT_UNICODE = 0x001f;
export const PT_BINARY = 0x0102;

export const PROP = {
  messageClass: 0x001a,
  subject: 0x0037,
  conversationKey: 0x000b,
  searchKey: 0x300b,
  messageFlags: 0x0e07,
  messageSize: 0x0e08,
  displayName: 0x3001,
  attachSize: 0x0e20,
  attachDataBinary: 0x3701,
  attachFilename: 0x3704,
  attachMethod: 0x3705,
  attachLongFilename: 0x3707,
  /** PR_ATTACH_ADDITIONAL_INFO: beside a history, the account's mini UID (FORMAT.md). */
  attachAdditionalInfo: 0x370f,
  containerClass: 0x3613,
  ipmSubtreeEntryId: 0x35e0,
  ltpRowId: 0x67f2,
} as const;

/** Types whose value sits in the 4 bytes of a property context record itself. */
export function isInlineInPc(type: number): boolean {
  return (
    type === PT_SHORT ||
    type === PT_LONG ||
    type === 0x0004 ||
    type === 0x000a ||
    type === PT_BOOLEAN
  );
}

const windows1252 = new TextDecoder('windows-1252');
const utf16 = new TextDecoder('utf-16le');

/** A string property's text; trailing NULs, which some writers keep, are dropped. */
export function decodeString(type: number, bytes: Uint8Array): string {
  const text = type === PT_UNICODE ? utf16.decode(bytes) : windows1252.decode(bytes);
  return text.replace(/\0+$/, '');
}
