/** A read past the end names the bytes it wanted, in the byte-range notation, and where. */
import { describe, expect, it } from 'vitest';
import { ContainerError } from '../../../electron/containers/errors.js';
import { memorySource } from '../../../electron/containers/source.js';

/** The error `read` fails with, whether it throws or rejects. */
async function refusal(read: () => Promise<Uint8Array>): Promise<ContainerError> {
  const error: unknown = await Promise.resolve()
    .then(read)
    .then(
      () => null,
      (reason: unknown) => reason,
    );
  if (!(error instanceof ContainerError))
    throw new Error(`expected a ContainerError, got ${String(error)}`);
  return error;
}

describe('memorySource.read', () => {
  const source = memorySource(new Uint8Array(600));

  it('reads a range inside the file', async () => {
    expect((await source.read(590, 10, 'tail')).length).toBe(10);
  });

  it('names the range that runs past the end, and its first byte', async () => {
    const error = await refusal(() => source.read(590, 20, 'a page'));
    expect(error.message).toBe(
      'a page: bytes 590–609 (20 bytes; 0x24E–0x261) reach past the end of the file (600 bytes); ' +
        'the file is truncated or damaged (at byte 590 (0x24E))',
    );
    expect(error.offset).toBe(590);
  });

  it('names a single byte past the end as one byte', async () => {
    const error = await refusal(() => source.read(600, 1, 'a flag'));
    expect(error.message).toMatch(/^a flag: byte 600 \(0x258\) reaches past the end of the file/);
  });
});
