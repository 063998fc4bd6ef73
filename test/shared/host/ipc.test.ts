import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INVOKE_CHANNELS,
  INVOKE_SCHEMAS,
  InvalidPayloadError,
  parseDocumentState,
  parseTaskId,
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

const POP3_REQUEST = {
  taskId: 'pop3-1',
  host: 'mail.example.com',
  port: 995,
  security: 'tls',
  allowPlain: false,
  user: 'alice@example.com',
  password: 'pa ss',
  rememberPassword: false,
  insecure: false,
} as const;

describe('container and POP3 payloads', () => {
  it('accepts a container choice and a write-back request', () => {
    expect(
      validateInvokePayload('container:open-choice', { containerId: FILE_ID, number: 3 }),
    ).toEqual({ containerId: FILE_ID, number: 3 });
    const bytes = Uint8Array.of(3, 0, 0, 0);
    expect(
      validateInvokePayload('container:write-back-msg', {
        containerId: FILE_ID,
        number: 1,
        bytes,
        suggestedName: 'repaired.msg',
      }).bytes,
    ).toBe(bytes);
  });

  it('refuses attachment numbers that are not 1-based integers', () => {
    for (const number of [0, -1, 1.5, 2_000_000, '3']) {
      expect(
        rejection(() =>
          validateInvokePayload('container:open-choice', { containerId: FILE_ID, number }),
        ).issues[0],
      ).toMatch(/^number: /);
    }
  });

  it('accepts a live-check request, with or without a typed password', () => {
    expect(validateInvokePayload('pop3:check', POP3_REQUEST)).toEqual(POP3_REQUEST);
    expect(validateInvokePayload('pop3:check', { ...POP3_REQUEST, password: null }).password).toBe(
      null,
    );
    expect(validateInvokePayload('pop3:check', { ...POP3_REQUEST, host: '[::1]' }).host).toBe(
      '[::1]',
    );
  });

  it('refuses host names with URL parts and credentials with line breaks (command injection)', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ host: 'mail.example.com/x' }, /^host: must be a host name/],
      [{ host: 'a b' }, /^host: must be a host name/],
      [{ port: 0 }, /^port: /],
      [{ port: 65_536 }, /^port: /],
      [{ user: 'alice\r\nDELE 1' }, /^user: must be one line/],
      [{ password: 'x\nQUIT' }, /^password: must be one line/],
      [{ security: 'ssl' }, /^security: /],
      [{ taskId: 'has space' }, /^taskId: must be a task id/],
    ];
    for (const [change, message] of cases) {
      const error = rejection(() =>
        validateInvokePayload('pop3:check', { ...POP3_REQUEST, ...change }),
      );
      expect(error.issues[0]).toMatch(message);
    }
  });

  it('reads cancel-task ids, refusing anything else', () => {
    expect(parseTaskId('scan-1')).toBe('scan-1');
    expect(parseTaskId('')).toBeNull();
    expect(parseTaskId('x'.repeat(65))).toBeNull();
    expect(parseTaskId({ taskId: 'scan-1' })).toBeNull();
  });
});
