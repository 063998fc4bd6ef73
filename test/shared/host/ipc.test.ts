import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INVOKE_CHANNELS,
  INVOKE_SCHEMAS,
  InvalidPayloadError,
  parseDocumentState,
  validateInvokePayload,
} from '../../../shared/host/ipc.js';
import { MAX_INPUT_BYTES } from '../../../shared/limits.js';
import { thrownBy } from '../../fixtures/thrown.js';

const FILE_ID = 'Ab3_x-9zQ1';

const rejection = (run: () => unknown): InvalidPayloadError => thrownBy(InvalidPayloadError, run);

describe('validateInvokePayload', () => {
  it('has a schema for every invoke channel', () => {
    expect(Object.keys(INVOKE_SCHEMAS).sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it('accepts well-formed requests and returns their values', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(validateInvokePayload('file:save', { fileId: FILE_ID, bytes })).toEqual({
      fileId: FILE_ID,
      bytes,
    });
    expect(validateInvokePayload('file:open-dialog', { readOnly: true })).toEqual({
      readOnly: true,
    });
    expect(validateInvokePayload('file:open-dialog', undefined)).toBeUndefined();
    expect(
      validateInvokePayload('file:open-path', { path: 'C:\\Evidence\\blob.bin', readOnly: false }),
    ).toEqual({ path: 'C:\\Evidence\\blob.bin', readOnly: false });
    expect(
      validateInvokePayload('file:export', {
        suggestedName: 'history.json',
        bytes,
        mimeType: 'application/json; charset=utf-8',
        filters: [{ name: 'JSON', extensions: ['json'] }],
      }).suggestedName,
    ).toBe('history.json');
    expect(validateInvokePayload('settings:update', { theme: 'dark' })).toEqual({ theme: 'dark' });
  });

  it('names the field and the rule a bad payload broke', () => {
    const error = rejection(() =>
      validateInvokePayload('file:save', { fileId: '../etc', bytes: [1, 2] }),
    );
    expect(error.channel).toBe('file:save');
    expect(error.issues).toHaveLength(2);
    expect(error.issues[0]).toMatch(/^fileId: must be a file id the host issued/);
    expect(error.issues[1]).toMatch(/^bytes: /);
  });

  it('rejects extra keys, so nothing unexpected reaches a handler', () => {
    const error = rejection(() =>
      validateInvokePayload('file:save', {
        fileId: FILE_ID,
        bytes: new Uint8Array(1),
        path: '/etc/passwd',
      }),
    );
    expect(error.message).toMatch(/path|Unrecognized key/);
  });

  it('rejects relative paths, NUL bytes and folder parts in names', () => {
    for (const path of ['blob.bin', '../blob.bin', 'C:blob.bin', '/tmp/a\0b', '']) {
      expect(() => validateInvokePayload('file:open-path', { path })).toThrow(InvalidPayloadError);
    }
    for (const suggestedName of ['../x.bin', 'a/b.bin', 'a\\b.bin', '..', '', 'x'.repeat(256)]) {
      expect(() =>
        validateInvokePayload('file:save-as', { suggestedName, bytes: new Uint8Array(0) }),
      ).toThrow(InvalidPayloadError);
    }
  });

  it('rejects byte payloads over the input limit', () => {
    // A view with a huge length but no real allocation is not possible, so check the boundary
    // through a typed array subclass whose length reports one byte over.
    class Oversized extends Uint8Array {
      override get length(): number {
        return MAX_INPUT_BYTES + 1;
      }
    }
    const error = rejection(() =>
      validateInvokePayload('file:save', { fileId: FILE_ID, bytes: new Oversized(1) }),
    );
    expect(error.issues[0]).toMatch(/^bytes: must be at most 67108864 bytes/);
  });

  it('rejects payloads on channels that take none', () => {
    expect(() => validateInvokePayload('recent:list', { anything: 1 })).toThrow(
      InvalidPayloadError,
    );
    expect(() => validateInvokePayload('settings:update', { theme: 'purple' })).toThrow(
      InvalidPayloadError,
    );
  });

  it('answers any value on any channel with its data or an InvalidPayloadError, never a crash', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(INVOKE_CHANNELS)),
        fc.anything(),
        (channel, payload) => {
          let accepted: unknown;
          try {
            accepted = validateInvokePayload(channel, payload);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidPayloadError);
            return;
          }
          // Whatever was accepted round-trips through its schema unchanged.
          expect(INVOKE_SCHEMAS[channel].safeParse(accepted).success).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseDocumentState', () => {
  it('returns the state when well-formed and null otherwise', () => {
    expect(parseDocumentState({ title: 'a.bin', dirty: true })).toEqual({
      title: 'a.bin',
      dirty: true,
    });
    expect(parseDocumentState({ title: 'a.bin', dirty: 'yes' })).toBeNull();
    expect(parseDocumentState({ title: 'x'.repeat(1025), dirty: false })).toBeNull();
    expect(parseDocumentState(null)).toBeNull();
  });
});
