import { describe, expect, it } from 'vitest';
import { toHexLine } from '../../../shared/export/hex.js';
import { ascii, buildBlob, CLEAN_TAGS, EXAMPLE_TAG } from '../../fixtures/blobs.js';
import { runCli, useScratchFolder } from './helpers.js';

const scratch = useScratchFolder();

describe('uidl-studio validate', () => {
  it('exits 0 and says so for a clean BLOB', async () => {
    const file = await scratch.write('clean.bin', buildBlob(CLEAN_TAGS));
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${file}: no findings\n`);
  });

  it('exits 0 with only info findings, listing them', async () => {
    const file = await scratch.write('info.bin', buildBlob([ascii('+b20120101000000up$2Dper\0')]));
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^info {5}uid\.uppercase-escape {2}bytes 22–24 \(3 bytes; 0x16–0x18\) {2}Tag #0: escape '\$2D'/m,
    );
    expect(result.stdout).toMatch(/: 0 errors, 0 warnings, 1 info\n$/);
  });

  it('exits 1 with warnings', async () => {
    const file = await scratch.write('dup.bin', buildBlob([EXAMPLE_TAG, EXAMPLE_TAG]));
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/^warning {2}uid\.duplicate /gm)).toHaveLength(2);
    expect(result.stdout).toMatch(/: 0 errors, 2 warnings, 0 info\n$/);
  });

  it('exits 2 with errors', async () => {
    const file = await scratch.write('truncated.bin', buildBlob(CLEAN_TAGS, { count: 5 }));
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /^error {4}count\.mismatch {2}bytes 2–3 \(2 bytes; 0x2–0x3\) {2}Count declares 5 tags/m,
    );
    expect(result.stderr).toBe('');
  });

  it('counts the input decoder findings too', async () => {
    // MFCMAPI's "cb: N lpb: HEX" with a byte count that disagrees with the hex.
    const blob = buildBlob(CLEAN_TAGS);
    const text = `cb: ${blob.length + 1} lpb: ${toHexLine(blob)}\n`;
    const result = await runCli(['validate', '-'], { stdin: ascii(text) });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^warning {2}\S+ +input /m);
    expect(result.stdout).toMatch(/: 0 errors, 1 warning, 0 info\n$/);
  });
});

describe('uidl-studio validate at the format limit', () => {
  it('lists 131,070 findings of 65,535 tags without overflowing the stack', async () => {
    const tags = Array.from({ length: 65_535 }, (_, i) => ascii(`+b20120101000000u${i}$2Dx$41\0`));
    const file = await scratch.write('many.bin', buildBlob(tags));
    const result = await runCli(['validate', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^info {5}uid\.uppercase-escape /gm)).toHaveLength(65_535);
    expect(result.stdout.match(/^info {5}uid\.escaped-alphanumeric /gm)).toHaveLength(65_535);
    expect(result.stdout).toMatch(/: 0 errors, 0 warnings, 131,070 info\n$/);
  });
});
