/** Wording shared by every message that points at bytes. */

/** `byte 1234 (0x4D2)`: decimal for people, hex for hex editors. */
export function describeOffset(offset: number): string {
  return `byte ${offset} (0x${offset.toString(16).toUpperCase()})`;
}

/** `'x' (0x78)` for printable ASCII, else `0x07`. */
export function describeByte(byte: number): string {
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return byte >= 0x20 && byte <= 0x7e ? `'${String.fromCharCode(byte)}' (${hex})` : hex;
}
