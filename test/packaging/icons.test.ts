import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  encodeIcns,
  encodeIco,
  ICNS_TYPES,
  pngSize,
  readIcnsElements,
  readIcoEntries,
} from '../../electron/tools/icons.js';
import { ICO_SIZES, LINUX_SIZES } from '../../electron/tools/make-icons.js';

const buildDir = new URL('../../build/', import.meta.url);
const read = async (name: string): Promise<Uint8Array> =>
  new Uint8Array(await readFile(new URL(name, buildDir)));

/** The smallest valid-looking PNG header for a `size` square image (enough for pngSize). */
function fakePng(size: number, filler = 0): Uint8Array {
  const png = new Uint8Array(33 + filler);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  png.set(
    [...'IHDR'].map((c) => c.charCodeAt(0)),
    12,
  );
  new DataView(png.buffer).setUint32(16, size);
  new DataView(png.buffer).setUint32(20, size);
  return png;
}

describe('icon encoders', () => {
  it('reads a PNG size and refuses other bytes', () => {
    expect(pngSize(fakePng(48))).toEqual({ width: 48, height: 48 });
    expect(() => pngSize(new TextEncoder().encode('GIF89a............................'))).toThrow(
      'not a PNG image',
    );
  });

  it('writes an .ico whose directory points at each PNG, 256 stored as 0', () => {
    const images = [
      { size: 16, png: fakePng(16) },
      { size: 256, png: fakePng(256, 5) },
    ];
    const ico = encodeIco(images);
    expect([...ico.subarray(0, 6)]).toEqual([0, 0, 1, 0, 2, 0]);
    expect(ico[6 + 16]).toBe(0); // the 256 px entry's width byte
    expect(ico.length).toBe(6 + 2 * 16 + 33 + 38);
    const entries = readIcoEntries(ico);
    expect(entries.map((e) => e.size)).toEqual([16, 256]);
    expect(entries[1]!.png).toEqual(images[1]!.png);
  });

  it('refuses an .ico image over 256 px or of the wrong size', () => {
    expect(() => encodeIco([{ size: 512, png: fakePng(512) }])).toThrow('.ico sizes are 1-256');
    expect(() => encodeIco([{ size: 32, png: fakePng(16) }])).toThrow(
      'expected a 32x32 PNG, got 16x16',
    );
  });

  it('writes an .icns with every PNG element type, lengths including headers', () => {
    const sizes = [16, 32, 64, 128, 256, 512, 1024];
    const icns = encodeIcns(sizes.map((size) => ({ size, png: fakePng(size) })));
    const elements = readIcnsElements(icns);
    expect(elements.map((e) => e.type)).toEqual(ICNS_TYPES.map((t) => t.type));
    expect(elements.every((e) => e.length === 8 + 33)).toBe(true);
    expect(icns.length).toBe(8 + ICNS_TYPES.length * (8 + 33));
    expect(() => encodeIcns([{ size: 16, png: fakePng(16) }])).toThrow(
      '.icns needs a 32x32 image for ic11',
    );
  });
});

describe('committed icons', () => {
  it('build/icon.png is 1024x1024', async () => {
    expect(pngSize(await read('icon.png'))).toEqual({ width: 1024, height: 1024 });
  });

  it('build/icons holds one PNG per Linux size, named by its real size', async () => {
    const names = (await readdir(new URL('icons/', buildDir))).sort();
    expect(names).toEqual(LINUX_SIZES.map((s) => `${s}x${s}.png`).sort());
    for (const size of LINUX_SIZES) {
      expect(pngSize(await read(`icons/${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
      });
    }
  });

  it('build/icon.ico holds a PNG of each Windows size, up to 256', async () => {
    const entries = readIcoEntries(await read('icon.ico'));
    expect(entries.map((e) => e.size)).toEqual([...ICO_SIZES]);
    for (const entry of entries) {
      expect(pngSize(entry.png)).toEqual({ width: entry.size, height: entry.size });
    }
  });

  it('build/icon.icns holds every element macOS looks for, up to 1024 px', async () => {
    const elements = readIcnsElements(await read('icon.icns'));
    expect(elements.map((e) => e.type)).toEqual(ICNS_TYPES.map((t) => t.type));
  });

  it('build/icon.png is the 1024 px rendering the .icns carries as ic10', async () => {
    const icns = await read('icon.icns');
    const png = await read('icon.png');
    let offset = 8;
    for (const { type, length } of readIcnsElements(icns)) {
      if (type === 'ic10') expect(icns.subarray(offset + 8, offset + length)).toEqual(png);
      offset += length;
    }
  });
});
