/**
 * `npm run icons`: renders build/icon.svg into every icon file the packaging uses, all
 * committed: build/icon.png (1024 px), build/icons/NxN.png (Linux), build/icon.ico (Windows),
 * build/icon.icns (macOS). Needs `rsvg-convert` (Debian: apt-get install librsvg2-bin;
 * Homebrew: brew install librsvg). Run it after editing the SVG.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeIcns, encodeIco, ICNS_TYPES, pngSize, type SizedPng } from './icons.js';

export const ICON_SOURCE = 'build/icon.svg';
/** Sizes installed into the hicolor theme on Linux. */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
/** Sizes in the Windows .ico (256 is the largest it can hold). */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

function render(svgPath: string, size: number): Uint8Array {
  const png = execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), svgPath], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const actual = pngSize(png);
  if (actual.width !== size || actual.height !== size) {
    throw new Error(`rsvg-convert made ${actual.width}x${actual.height}, not ${size}x${size}`);
  }
  return png;
}

export async function makeIcons(projectDir: string): Promise<string[]> {
  const svg = path.join(projectDir, ICON_SOURCE);
  await readFile(svg); // a clear ENOENT before rsvg-convert's own message
  const sizes = new Set<number>([
    1024,
    ...LINUX_SIZES,
    ...ICO_SIZES,
    ...ICNS_TYPES.map((t) => t.size),
  ]);
  const images = new Map<number, SizedPng>();
  for (const size of sizes) images.set(size, { size, png: render(svg, size) });
  const pick = (size: number): SizedPng => {
    const image = images.get(size);
    if (image === undefined) throw new Error(`no ${size}x${size} rendering`);
    return image;
  };

  const written: string[] = [];
  const write = async (relative: string, bytes: Uint8Array): Promise<void> => {
    const file = path.join(projectDir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
    written.push(relative);
  };
  await write('build/icon.png', pick(1024).png);
  for (const size of LINUX_SIZES) await write(`build/icons/${size}x${size}.png`, pick(size).png);
  await write('build/icon.ico', encodeIco(ICO_SIZES.map(pick)));
  await write('build/icon.icns', encodeIcns([...images.values()]));
  return written;
}

async function main(): Promise<void> {
  try {
    const written = await makeIcons(process.cwd());
    console.log(`icons: wrote ${written.join(', ')}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = /ENOENT.*rsvg-convert|spawnSync rsvg-convert/.test(message)
      ? ' (install rsvg-convert: apt-get install librsvg2-bin, or brew install librsvg)'
      : '';
    console.error(`icons: ${message}${hint}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
