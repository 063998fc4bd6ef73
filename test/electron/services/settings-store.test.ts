import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/host/contract.js';
import {
  createSettingsStore,
  interpretSettings,
} from '../../../electron/services/settings-store.js';

let folder: string;
let file: string;
let warnings: string[];

beforeEach(async () => {
  folder = await fs.mkdtemp(join(tmpdir(), 'uidl-settings-'));
  file = join(folder, 'settings.json');
  warnings = [];
});
afterEach(async () => {
  await fs.rm(folder, { recursive: true, force: true });
});

const store = () =>
  createSettingsStore({
    file,
    now: () => Date.UTC(2024, 0, 2, 3, 4, 5, 6),
    onWarning: (message) => warnings.push(message),
  });

describe('settings store', () => {
  it('gives the defaults when there is no file, and writes none', async () => {
    expect(await store().get()).toEqual({ theme: 'system', timeZone: 'utc', openReadOnly: false });
    expect(await fs.readdir(folder)).toEqual([]);
  });

  it('saves changes atomically and reads them back in the next session', async () => {
    const first = store();
    expect(await first.update({ theme: 'dark' })).toEqual({
      theme: 'dark',
      timeZone: 'utc',
      openReadOnly: false,
    });
    expect(await first.update({ openReadOnly: true })).toEqual({
      theme: 'dark',
      timeZone: 'utc',
      openReadOnly: true,
    });
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({
      theme: 'dark',
      timeZone: 'utc',
      openReadOnly: true,
    });
    expect(await fs.readdir(folder)).toEqual(['settings.json']);
    expect(await store().get()).toEqual({ theme: 'dark', timeZone: 'utc', openReadOnly: true });
  });

  it('refuses an invalid value and keeps the settings as they were', async () => {
    const settings = store();
    await settings.update({ theme: 'light' });
    await expect(settings.update({ theme: 'neon' } as unknown as Settings)).rejects.toThrow();
    expect(await settings.get()).toEqual({ theme: 'light', timeZone: 'utc', openReadOnly: false });
  });

  it('ignores changes given as undefined', async () => {
    const settings = store();
    await settings.update({ theme: 'light' });
    expect(await settings.update({ theme: undefined })).toEqual({
      theme: 'light',
      timeZone: 'utc',
      openReadOnly: false,
    });
  });

  it('keeps each valid stored value and defaults each other one', async () => {
    await fs.writeFile(file, JSON.stringify({ theme: 'neon', openReadOnly: true, extra: 1 }));
    expect(await store().get()).toEqual({ theme: 'system', timeZone: 'utc', openReadOnly: true });
    expect(warnings).toEqual([]);
  });

  it.each([
    ['not JSON', '{"theme":'],
    ['not an object', '["dark"]'],
  ])('renames a file holding %s aside and uses the defaults', async (_, content) => {
    await fs.writeFile(file, content);
    expect(await store().get()).toEqual(DEFAULT_SETTINGS);
    const aside = `${file}.corrupt-2024-01-02T03-04-05-006Z`;
    expect(await fs.readFile(aside, 'utf8')).toBe(content);
    expect(warnings).toEqual([
      `${file} was not valid; it was renamed to ${aside} and defaults are used`,
    ]);
  });

  it('keeps the change for the session when it cannot be saved, and says so', async () => {
    const blocker = join(folder, 'blocker');
    await fs.writeFile(blocker, '');
    const settings = createSettingsStore({
      file: join(blocker, 'settings.json'),
      onWarning: (message) => warnings.push(message),
    });
    expect(await settings.update({ theme: 'dark' })).toEqual({
      theme: 'dark',
      timeZone: 'utc',
      openReadOnly: false,
    });
    expect(await settings.get()).toEqual({ theme: 'dark', timeZone: 'utc', openReadOnly: false });
    expect(warnings.at(-1)).toMatch(/^Cannot save the settings to \S+settings\.json: EEXIST/);
  });
});

describe('interpretSettings', () => {
  it('reads valid settings as they are', () => {
    expect(interpretSettings({ theme: 'light', timeZone: 'utc', openReadOnly: true })).toEqual({
      theme: 'light',
      timeZone: 'utc',
      openReadOnly: true,
    });
  });

  it('rejects what is not an object', () => {
    for (const value of [null, 3, 'dark', []]) expect(interpretSettings(value)).toBeNull();
  });
});
