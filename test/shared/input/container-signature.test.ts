import { open } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { detectContainer } from '../../../shared/input/container-signature.js';

import { sample } from '../../fixtures/samples.js';

async function head(name: string): Promise<Uint8Array> {
  const handle = await open(sample(name), 'r');
  try {
    const bytes = new Uint8Array(16);
    await handle.read(bytes, 0, 16, 0);
    return bytes;
  } finally {
    await handle.close();
  }
}

describe('detectContainer', () => {
  it('recognises the real sample stores and messages by their first bytes', async () => {
    expect(detectContainer(await head('aspose-net_source_msgmanager-no-blob.pst'))).toBe('pst');
    expect(detectContainer(await head('aspose-net_SampleOstFile_msgmanager-no-blob.ost'))).toBe(
      'ost',
    );
    expect(detectContainer(await head('msgreader_test2_A-txt.msg'))).toBe('compound-file');
  });

  it('leaves BLOBs, text and short inputs alone', () => {
    expect(detectContainer(new Uint8Array([3, 0, 1, 0, 0x2b]))).toBeNull();
    expect(detectContainer(new TextEncoder().encode('03 00 01 00'))).toBeNull();
    expect(detectContainer(new Uint8Array([0x21, 0x42, 0x44]))).toBeNull();
    expect(detectContainer(new Uint8Array(0))).toBeNull();
  });
});
