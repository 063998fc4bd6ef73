import { describe, expect, it } from 'vitest';
import { CFB_SIGNATURE, containerMessage, PST_MAGIC } from '@shared/input/container-signature.js';
import { runDecode } from '../../../../renderer/src/state/input/input-decoding';

/** The first bytes of a store or a .msg, padded as a file would be. */
function fileStartingWith(signature: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set(signature);
  return bytes;
}

describe('opening a container in the workspace', () => {
  it('says what the file is and how to reach its histories instead of decoding garbage', () => {
    const reply = runDecode({ input: fileStartingWith(PST_MAGIC), format: 'auto', hash: false });
    expect(reply).toEqual({ ok: false, message: containerMessage('pst') });
    expect(containerMessage('pst')).toMatch(
      /^This is an Outlook data file \(PST\), not a UIDL history/,
    );
    expect(containerMessage('pst')).toContain('uidl-studio scan FILE');
  });

  it('still reads the bytes as a raw BLOB when the user insists', () => {
    const input = fileStartingWith(CFB_SIGNATURE);
    const reply = runDecode({ input, format: 'raw', hash: false });
    expect(reply.ok).toBe(true);
    if (reply.ok) expect(reply.decoded.bytes).toEqual(input);
  });
});
