// Tests of shared/hash.ts (kept beside the exporters, whose contract embeds these digests).
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/hash.js';
import { ascii } from '../fixtures/blobs.js';

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 digests in lower-case hex', () => {
    expect(sha256Hex(new Uint8Array())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256Hex(ascii('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
