/**
 * Icon containers for the packaged app, written from PNG images: Windows `.ico` and macOS
 * `.icns` both accept PNG-compressed entries (Windows Vista and later, macOS 10.8 and later), so
 * rendering the SVG to PNGs is the only real image work (see make-icons.ts).
 */

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface PngSize {
  readonly width: number;
  readonly height: number;
}

/** Width and height from a PNG's IHDR chunk; throws when `png` is not a PNG. */
export function pngSize(png: Uint8Array): PngSize {
  const isPng =
    png.length >= 24 &&
    PNG_SIGNATURE.every((byte, i) => png[i] === byte) &&
    String.fromCharCode(...png.subarray(12, 16)) === 'IHDR';
  if (!isPng) throw new Error('not a PNG image (no signature and IHDR chunk)');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A square PNG image of `size` pixels. */
export interface SizedPng {
  readonly size: number;
  readonly png: Uint8Array;
}

function checkSquare({ size, png }: SizedPng): void {
  const actual = pngSize(png);
  if (actual.width !== size || actual.height !== size) {
    throw new Error(`expected a ${size}x${size} PNG, got ${actual.width}x${actual.height}`);
  }
}

/** A `.ico` holding each image as a PNG entry; sizes 1 to 256. */
export function encodeIco(images: readonly SizedPng[]): Uint8Array {
  const headerLength = 6 + 16 * images.length;
  const total = headerLength + images.reduce((sum, image) => sum + image.png.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0, true); // reserved
  view.setUint16(2, 1, true); // type: icon
  view.setUint16(4, images.length, true);
  let offset = headerLength;
  images.forEach((image, i) => {
    checkSquare(image);
    if (image.size < 1 || image.size > 256)
      throw new Error(`.ico sizes are 1-256, not ${image.size}`);
    const entry = 6 + 16 * i;
    // Width and height are one byte each; 0 stands for 256.
    view.setUint8(entry, image.size % 256);
    view.setUint8(entry + 1, image.size % 256);
    view.setUint8(entry + 2, 0); // no palette
    view.setUint8(entry + 3, 0); // reserved
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, image.png.length, true);
    view.setUint32(entry + 12, offset, true);
    out.set(image.png, offset);
    offset += image.png.length;
  });
  return out;
}

/**
 * The `.icns` element types that hold PNG data, by pixel size. Retina types (`@2x`) repeat a
 * size under another name; macOS picks by point size and scale.
 */
export const ICNS_TYPES: readonly { readonly type: string; readonly size: number }[] = [
  { type: 'icp4', size: 16 },
  { type: 'ic11', size: 32 }, // 16 pt @2x
  { type: 'icp5', size: 32 },
  { type: 'ic12', size: 64 }, // 32 pt @2x
  { type: 'ic07', size: 128 },
  { type: 'ic13', size: 256 }, // 128 pt @2x
  { type: 'ic08', size: 256 },
  { type: 'ic14', size: 512 }, // 256 pt @2x
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 }, // 512 pt @2x
];

/** A `.icns` with every ICNS_TYPES element, each taken from the image of its size. */
export function encodeIcns(images: readonly SizedPng[]): Uint8Array {
  const bySize = new Map(images.map((image) => [image.size, image]));
  const elements = ICNS_TYPES.map(({ type, size }) => {
    const image = bySize.get(size);
    if (image === undefined) throw new Error(`.icns needs a ${size}x${size} image for ${type}`);
    checkSquare(image);
    return { type, png: image.png };
  });
  const total = 8 + elements.reduce((sum, element) => sum + 8 + element.png.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const ascii = (text: string, at: number): void => {
    for (let i = 0; i < 4; i++) out[at + i] = text.charCodeAt(i);
  };
  ascii('icns', 0);
  view.setUint32(4, total); // big-endian, header included
  let offset = 8;
  for (const { type, png } of elements) {
    ascii(type, offset);
    view.setUint32(offset + 4, 8 + png.length);
    out.set(png, offset + 8);
    offset += 8 + png.length;
  }
  return out;
}

/** The element types and lengths of a `.icns`, in file order; throws on a malformed file. */
export function readIcnsElements(icns: Uint8Array): { type: string; length: number }[] {
  const view = new DataView(icns.buffer, icns.byteOffset, icns.byteLength);
  const text = (at: number): string => String.fromCharCode(...icns.subarray(at, at + 4));
  if (icns.length < 8 || text(0) !== 'icns' || view.getUint32(4) !== icns.length) {
    throw new Error('not an .icns file, or its header length is wrong');
  }
  const elements: { type: string; length: number }[] = [];
  for (let offset = 8; offset < icns.length;) {
    const length = view.getUint32(offset + 4);
    if (length < 8 || offset + length > icns.length) throw new Error(`bad element at ${offset}`);
    elements.push({ type: text(offset), length });
    offset += length;
  }
  return elements;
}

/** The entries of a `.ico`: size in pixels (256 for a 0 byte) and the image bytes. */
export function readIcoEntries(ico: Uint8Array): SizedPng[] {
  const view = new DataView(ico.buffer, ico.byteOffset, ico.byteLength);
  if (ico.length < 6 || view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) {
    throw new Error('not an .ico file');
  }
  const count = view.getUint16(4, true);
  const entries: SizedPng[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 6 + 16 * i;
    const length = view.getUint32(entry + 8, true);
    const offset = view.getUint32(entry + 12, true);
    if (offset + length > ico.length) throw new Error(`.ico entry ${i} runs past the file`);
    entries.push({
      size: view.getUint8(entry) || 256,
      png: ico.subarray(offset, offset + length),
    });
  }
  return entries;
}
