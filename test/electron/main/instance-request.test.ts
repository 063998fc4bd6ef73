import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../electron/main/args.js';
import {
  instanceRequestData,
  parseInstanceRequest,
  secondInstanceRequest,
} from '../../../electron/main/instance-request.js';

const here = resolve('/cases');

describe('the second instance’s request', () => {
  it('round-trips through JSON, as Electron passes additionalData', () => {
    const commandLine = parseCommandLine(['/x/electron', '.', '--read-only', 'h.bin'], {
      cwd: here,
      defaultApp: true,
    });
    const sent: unknown = JSON.parse(JSON.stringify(instanceRequestData(commandLine)));
    expect(parseInstanceRequest(sent)).toEqual({
      files: [resolve(here, 'h.bin')],
      readOnly: true,
    });
  });

  it('refuses data that is not ours or not absolute paths', () => {
    const file = resolve(here, 'h.bin');
    expect(parseInstanceRequest(undefined)).toBeNull();
    expect(parseInstanceRequest({})).toBeNull();
    expect(parseInstanceRequest({ files: [file], readOnly: false })).toBeNull();
    expect(
      parseInstanceRequest({ kind: 'uidl-studio/open', files: ['h.bin'], readOnly: false }),
    ).toBeNull();
    expect(
      parseInstanceRequest({ kind: 'uidl-studio/open', files: [file, 3], readOnly: false }),
    ).toBeNull();
    expect(parseInstanceRequest({ kind: 'uidl-studio/open', files: [file] })).toBeNull();
  });

  it('prefers additionalData to argv, whose order Chromium may change', () => {
    const file = resolve(here, 'a.bin');
    const data = { kind: 'uidl-studio/open', files: [file], readOnly: false };
    // argv as Chromium may hand it over: switches first, its own ones appended.
    const argv = ['/x/electron', '--read-only', '--original-process-start-time=1', '.', 'b.bin'];
    expect(secondInstanceRequest(argv, '/elsewhere', data, true)).toEqual({
      files: [file],
      readOnly: false,
    });
  });

  it('falls back to argv when the data is missing (an older instance)', () => {
    expect(
      secondInstanceRequest(['/x/electron', '.', '--read-only', 'b.bin'], here, null, true),
    ).toEqual({ files: [resolve(here, 'b.bin')], readOnly: true });
  });
});
