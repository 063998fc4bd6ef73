/** How a finding names a byte value (positions are written by shared/byte-range.ts). */

/** `'x' (0x78)` for printable ASCII, else `0x07`. */
export function describeByte(byte: number): string {
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return byte >= 0x20 && byte <= 0x7e ? `'${String.fromCharCode(byte)}' (${hex})` : hex;
}
