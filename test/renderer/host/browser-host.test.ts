// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BROWSER_CAPABILITIES,
  REVOKE_DELAY_MS,
  SETTINGS_KEY,
  createBrowserHost,
  readStoredSettings,
} from '../../../renderer/src/host/browser-host';
import { getHost } from '../../../renderer/src/host/index';
import type {
  HostApi,
  OpenResult,
  OpenedFile,
  PickedFile,
  SaveResult,
} from '../../../shared/host/contract';
import { MAX_INPUT_BYTES } from '../../../shared/limits';

// SHA-256 of the ASCII bytes "abc" (FIPS 180-2's first test vector).
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

function picked(name: string, bytes: Uint8Array, lastModified = 1_700_000_000_000): PickedFile {
  return {
    name,
    size: bytes.length,
    lastModified,
    arrayBuffer: async () => bytes.slice().buffer,
  };
}

function opened(result: OpenResult): OpenedFile {
  if (result.status !== 'opened') throw new Error(`expected opened, got ${JSON.stringify(result)}`);
  return result;
}

interface Download {
  readonly name: string;
  readonly href: string;
  readonly blob: Blob;
}

/** Captures every download: the Blob given to createObjectURL and the anchor's name. */
function captureDownloads(): { downloads: Download[]; revoked: string[] } {
  const blobs = new Map<string, Blob>();
  const downloads: Download[] = [];
  const revoked: string[] = [];
  let counter = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => {
    const url = `blob:test/${++counter}`;
    blobs.set(url, object as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => {
    revoked.push(url);
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    const href = this.getAttribute('href') ?? '';
    downloads.push({ name: this.download, href, blob: blobs.get(href)! });
  });
  return { downloads, revoked };
}

async function blobBytes(blob: Blob): Promise<number[]> {
  return Array.from(new Uint8Array(await blob.arrayBuffer()));
}

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, String(value)),
  };
}

function hostWith(storage: Storage | null = memoryStorage()): HostApi {
  return createBrowserHost({ document, window, storage });
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('browser host: opening', () => {
  it('declares the browser capabilities', () => {
    expect(hostWith().capabilities).toEqual({
      kind: 'browser',
      saveInPlace: false,
      recentFiles: false,
      nativeMenus: false,
      network: false,
      containers: false,
    });
    expect(BROWSER_CAPABILITIES.kind).toBe('browser');
  });

  it('refuses container choices, write-back and live checks, naming the desktop app', async () => {
    const host = hostWith();
    const choice = await host.openContainerChoice('abcdefgh', 1);
    const written = await host.writeBackMsg({
      containerId: 'abcdefgh',
      number: 1,
      bytes: Uint8Array.of(3, 0, 0, 0),
      suggestedName: 'copy.msg',
    });
    const checked = await host.pop3Check({
      taskId: 't1',
      host: 'mail.example.com',
      port: 995,
      security: 'tls',
      allowPlain: false,
      user: 'alice',
      password: 'secret',
      rememberPassword: false,
      insecure: false,
    });
    for (const result of [choice, written, checked]) {
      expect(result).toMatchObject({ status: 'failed', code: 'unsupported' });
      expect((result as { message: string }).message).toMatch(/desktop app/);
    }
    expect((checked as { message: string }).message).toMatch(/Paste or load the server's UIDL/);
    expect(await host.listPop3Accounts()).toEqual([]);
  });

  it('reads a picked file with its SHA-256, a fresh id and no path', async () => {
    const host = hostWith();
    const file = opened(
      await host.openPicked(picked('history.bin', Uint8Array.of(0x61, 0x62, 0x63))),
    );
    expect(file).toMatchObject({
      status: 'opened',
      name: 'history.bin',
      path: null,
      sha256: ABC_SHA256,
      modifiedMs: 1_700_000_000_000,
      readOnly: false,
    });
    expect(Array.from(file.bytes)).toEqual([0x61, 0x62, 0x63]);
    // The IPC schema's file-id rule, so ids look alike on both hosts.
    expect(file.fileId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const again = opened(await host.openPicked(picked('history.bin', Uint8Array.of(1))));
    expect(again.fileId).not.toBe(file.fileId);
  });

  it('opens read-only when asked', async () => {
    const file = opened(
      await hostWith().openPicked(picked('evidence.bin', Uint8Array.of(3, 0, 0, 0)), {
        readOnly: true,
      }),
    );
    expect(file.readOnly).toBe(true);
  });

  it('refuses a file over the limit by its size, without reading it', async () => {
    const arrayBuffer = vi.fn(async () => new ArrayBuffer(0));
    const result = await hostWith().openPicked({
      name: 'huge.pst',
      size: MAX_INPUT_BYTES + 1,
      lastModified: 0,
      arrayBuffer,
    });
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.code).toBe('too-large');
    expect(result.message).toBe(
      'huge.pst is 67,108,865 bytes; UIDL Studio opens files up to 64 MiB (a UIDL history is a few MiB at most).',
    );
    expect(arrayBuffer).not.toHaveBeenCalled();
  });

  it('gives a clearly larger file its size in MiB', async () => {
    const result = await hostWith().openPicked({
      name: 'mailbox.pst',
      size: 2.5 * 1024 * 1024 * 1024,
      lastModified: 0,
      arrayBuffer: async () => new ArrayBuffer(0),
    });
    expect(result).toMatchObject({ status: 'failed', code: 'too-large' });
    if (result.status === 'failed') expect(result.message).toMatch(/^mailbox\.pst is 2560\.0 MiB;/);
  });

  it('accepts a file of exactly the limit', async () => {
    const result = await hostWith().openPicked({
      name: 'edge.bin',
      size: MAX_INPUT_BYTES,
      lastModified: 0,
      arrayBuffer: async () => new ArrayBuffer(8),
    });
    expect(result.status).toBe('opened');
  });

  it('reports a read failure as an io failure naming the file', async () => {
    const result = await hostWith().openPicked({
      name: 'gone.bin',
      size: 10,
      lastModified: 0,
      arrayBuffer: async () => {
        throw new Error('NotReadableError');
      },
    });
    expect(result).toMatchObject({ status: 'failed', code: 'io' });
    if (result.status === 'failed') expect(result.message).toContain('gone.bin');
  });

  it('openDialog returns the file chosen in a hidden file input, then removes the input', async () => {
    const file = new File([Uint8Array.of(0x61, 0x62, 0x63)], 'picked.bin', {
      lastModified: 42,
    });
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
      this: HTMLInputElement,
    ) {
      expect(this.type).toBe('file');
      expect(this.isConnected).toBe(true);
      Object.defineProperty(this, 'files', { value: [file] });
      this.dispatchEvent(new Event('change'));
    });
    const result = opened(await hostWith().openDialog({ readOnly: true }));
    expect(result).toMatchObject({
      name: 'picked.bin',
      sha256: ABC_SHA256,
      modifiedMs: 42,
      readOnly: true,
    });
    expect(document.querySelectorAll('input[type=file]')).toHaveLength(0);
  });

  it('openDialog resolves canceled when the picker is dismissed', async () => {
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
      this: HTMLInputElement,
    ) {
      this.dispatchEvent(new Event('cancel'));
    });
    expect(await hostWith().openDialog()).toEqual({ status: 'canceled' });
    expect(document.querySelectorAll('input[type=file]')).toHaveLength(0);
  });

  it('has no recent list, and says it is a desktop feature', async () => {
    const host = hostWith();
    expect(await host.listRecent()).toEqual([]);
    const result = await host.openRecent('/home/user/history.bin');
    expect(result).toMatchObject({ status: 'failed', code: 'unsupported' });
    if (result.status === 'failed') expect(result.message).toMatch(/desktop/);
    await expect(host.clearRecent()).resolves.toBeUndefined();
  });

  it('onCommand returns an unsubscribe function and never calls back', () => {
    const listener = vi.fn();
    const unsubscribe = hostWith().onCommand(listener);
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('browser host: saving and exporting download files', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('save downloads the bytes under the opened file name, then revokes the URL', async () => {
    const { downloads, revoked } = captureDownloads();
    const host = hostWith();
    const file = opened(await host.openPicked(picked('history.bin', Uint8Array.of(9))));
    const result = await host.save({ fileId: file.fileId, bytes: Uint8Array.of(0x61, 0x62, 0x63) });
    expect(result).toEqual({
      status: 'saved',
      fileId: file.fileId,
      name: 'history.bin',
      path: null,
      sha256: ABC_SHA256,
      backupPath: null,
    });
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toBe('history.bin');
    expect(await blobBytes(downloads[0]!.blob)).toEqual([0x61, 0x62, 0x63]);
    expect(downloads[0]!.blob.type).toBe('application/octet-stream');
    // The anchor is gone; the URL lives on only until the download has surely started.
    expect(document.querySelectorAll('a')).toHaveLength(0);
    expect(revoked).toEqual([]);
    vi.advanceTimersByTime(REVOKE_DELAY_MS);
    expect(revoked).toEqual([downloads[0]!.href]);
  });

  it('downloads exactly the viewed bytes, not the whole buffer behind them', async () => {
    const { downloads } = captureDownloads();
    const host = hostWith();
    const backing = Uint8Array.of(1, 2, 3, 4, 5, 6);
    await host.exportFile({
      suggestedName: 'part.bin',
      bytes: backing.subarray(2, 4),
      mimeType: 'application/octet-stream',
    });
    expect(await blobBytes(downloads[0]!.blob)).toEqual([3, 4]);
  });

  it('refuses to save a read-only document but exports it', async () => {
    const { downloads } = captureDownloads();
    const host = hostWith();
    const file = opened(
      await host.openPicked(picked('evidence.bin', Uint8Array.of(1)), { readOnly: true }),
    );
    const refused = await host.save({ fileId: file.fileId, bytes: Uint8Array.of(2) });
    expect(refused).toMatchObject({ status: 'failed', code: 'read-only' });
    if (refused.status === 'failed') expect(refused.message).toContain('evidence.bin');
    expect(downloads).toHaveLength(0);

    const exported: SaveResult = await host.exportFile({
      suggestedName: 'evidence.json',
      bytes: Uint8Array.of(0x61, 0x62, 0x63),
      mimeType: 'application/json',
      sourceFileId: file.fileId,
    });
    expect(exported).toMatchObject({
      status: 'saved',
      name: 'evidence.json',
      sha256: ABC_SHA256,
      path: null,
    });
    expect(downloads.map((download) => download.name)).toEqual(['evidence.json']);
    expect(downloads[0]!.blob.type).toBe('application/json');
  });

  it('refuses to save under an id it never issued', async () => {
    const { downloads } = captureDownloads();
    const result = await hostWith().save({ fileId: 'deadbeefdeadbeef', bytes: Uint8Array.of(1) });
    expect(result).toMatchObject({ status: 'failed', code: 'unknown-file' });
    expect(downloads).toHaveLength(0);
  });

  it('save as downloads under the suggested name and later saves use it', async () => {
    const { downloads } = captureDownloads();
    const host = hostWith();
    const file = opened(await host.openPicked(picked('history.bin', Uint8Array.of(1))));
    const result = await host.saveAs({
      suggestedName: 'fixed.bin',
      bytes: Uint8Array.of(7),
      sourceFileId: file.fileId,
    });
    if (result.status !== 'saved') throw new Error(JSON.stringify(result));
    expect(result.name).toBe('fixed.bin');
    expect(result.fileId).not.toBe(file.fileId);
    await host.save({ fileId: result.fileId, bytes: Uint8Array.of(8) });
    expect(downloads.map((download) => download.name)).toEqual(['fixed.bin', 'fixed.bin']);
    expect(await blobBytes(downloads[1]!.blob)).toEqual([8]);
  });
});

describe('browser host: settings', () => {
  it('defaults when nothing is stored, and round-trips an update through storage', async () => {
    const storage = memoryStorage();
    const host = hostWith(storage);
    expect(await host.getSettings()).toEqual({
      theme: 'system',
      timeZone: 'utc',
      openReadOnly: false,
    });
    expect(await host.updateSettings({ theme: 'dark' })).toEqual({
      theme: 'dark',
      timeZone: 'utc',
      openReadOnly: false,
    });
    expect(JSON.parse(storage.getItem(SETTINGS_KEY)!)).toEqual({
      theme: 'dark',
      timeZone: 'utc',
      openReadOnly: false,
    });
    // A new page load reads what the last one stored.
    expect(await hostWith(storage).getSettings()).toEqual({
      theme: 'dark',
      timeZone: 'utc',
      openReadOnly: false,
    });
  });

  it('falls back to the defaults on corrupt JSON or values', async () => {
    expect(await hostWith(memoryStorage({ [SETTINGS_KEY]: '{not json' })).getSettings()).toEqual({
      theme: 'system',
      timeZone: 'utc',
      openReadOnly: false,
    });
    expect(readStoredSettings('"dark"')).toEqual({
      theme: 'system',
      timeZone: 'utc',
      openReadOnly: false,
    });
    expect(readStoredSettings('null')).toEqual({
      theme: 'system',
      timeZone: 'utc',
      openReadOnly: false,
    });
    // One bad field does not cost the good one.
    expect(readStoredSettings('{"theme":"neon","openReadOnly":true}')).toEqual({
      theme: 'system',
      timeZone: 'utc',
      openReadOnly: true,
    });
    expect(readStoredSettings('{"theme":"light","openReadOnly":"yes","extra":1}')).toEqual({
      theme: 'light',
      timeZone: 'utc',
      openReadOnly: false,
    });
  });

  it('rejects an invalid update and keeps the stored settings', async () => {
    const storage = memoryStorage();
    const host = hostWith(storage);
    await host.updateSettings({ openReadOnly: true });
    await expect(
      host.updateSettings({ theme: 'neon' } as unknown as { theme: 'dark' }),
    ).rejects.toThrow(/theme/);
    expect(await host.getSettings()).toEqual({
      theme: 'system',
      timeZone: 'utc',
      openReadOnly: true,
    });
  });

  it('keeps settings for the session when storage is unavailable', async () => {
    const host = hostWith(null);
    await host.updateSettings({ theme: 'light' });
    expect(await host.getSettings()).toEqual({
      theme: 'light',
      timeZone: 'utc',
      openReadOnly: false,
    });
  });

  it('survives a storage that throws on write', async () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const host = hostWith(storage);
    expect(await host.updateSettings({ theme: 'dark' })).toMatchObject({ theme: 'dark' });
  });
});

describe('browser host: document state', () => {
  function beforeUnloadCanceled(): boolean {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  }

  it('titles the page and guards unload only while dirty', () => {
    const host = hostWith();
    host.setDocumentState({ title: 'history.bin', dirty: false });
    expect(document.title).toBe('history.bin — UIDL Studio');
    expect(beforeUnloadCanceled()).toBe(false);

    host.setDocumentState({ title: 'history.bin', dirty: true });
    expect(document.title).toBe('• history.bin — UIDL Studio');
    expect(beforeUnloadCanceled()).toBe(true);
    // A second dirty update must not stack a second listener that survives the clean one.
    host.setDocumentState({ title: 'history.bin', dirty: true });

    host.setDocumentState({ title: 'history.bin', dirty: false });
    expect(beforeUnloadCanceled()).toBe(false);

    host.setDocumentState({ title: '', dirty: false });
    expect(document.title).toBe('UIDL Studio');
  });
});

describe('getHost', () => {
  afterEach(() => {
    delete window.uidlHost;
  });

  it('uses the browser host, once, when no preload exposed one', () => {
    const first = getHost();
    expect(first.capabilities.kind).toBe('browser');
    expect(getHost()).toBe(first);
  });

  it("prefers the desktop preload's host", () => {
    const desktop = { capabilities: { kind: 'desktop' } } as unknown as HostApi;
    window.uidlHost = desktop;
    expect(getHost()).toBe(desktop);
  });
});
