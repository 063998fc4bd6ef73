/**
 * The text of a listing file. Most are UTF-8 (or ASCII); Windows PowerShell's `>` writes
 * UTF-16LE with a byte-order mark, which a support engineer's saved session often is.
 */

/** Every host running shared/ has a TextDecoder (browsers, workers, Node). */
declare const TextDecoder: new (label?: string) => { decode(input: Uint8Array): string };

export type ListingEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface ListingText {
  readonly text: string;
  /** The encoding read, from the byte-order mark (UTF-8 without one). */
  readonly encoding: ListingEncoding;
}

/** Decodes listing bytes by their byte-order mark; invalid sequences become U+FFFD. */
export function decodeListingText(bytes: Uint8Array): ListingText {
  let encoding: ListingEncoding = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  return { text: new TextDecoder(encoding).decode(bytes.subarray(start)), encoding };
}
