import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostFailure, OpenedFile, Saved } from '../../../shared/host/contract.js';
import { sha256Hex } from '../../../shared/hash.js';
import { MAX_INPUT_BYTES } from '../../../shared/limits.js';
import {
  createFileService,
  fsFailure,
  type FileService,
  type FileServiceFs,
} from '../../../electron/services/file-service.js';

let folder: string;
beforeEach(async () => {
  folder = await fs.mkdtemp(join(tmpdir(), 'uidl-files-'));
});
afterEach(async () => {
  await fs.rm(folder, { recursive: true, force: true });
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const read = (path: string): Promise<string> => fs.readFile(path, 'utf8');

async function fileWith(name: string, text: string): Promise<string> {
  const path = join(folder, name);
  await fs.writeFile(path, text);
  return path;
}

function expectOpened(result: OpenedFile | HostFailure): OpenedFile {
  if (result.status !== 'opened') throw new Error(`expected opened, got ${result.message}`);
  return result;
}

function expectSaved(result: Saved | HostFailure): Saved {
  if (result.status !== 'saved') throw new Error(`expected saved, got ${result.message}`);
  return result;
}

function expectFailure(result: { status: string }, code: HostFailure['code']): HostFailure {
  expect(result).toMatchObject({ status: 'failed', code });
  return result as HostFailure;
}

async function openedFile(service: FileService, path: string, readOnly = false) {
  return expectOpened(await service.open(path, { readOnly }));
}

/** Node's fs with one function replaced, and a log of the paths `open` was called with. */
function fsWith(overrides: Partial<FileServiceFs>): FileServiceFs & { opened: string[] } {
  const opened: string[] = [];
  return {
    ...fs,
    open: ((path: string, ...rest: [string?, number?]) => {
      opened.push(path);
      return fs.open(path, ...rest);
    }) as FileServiceFs['open'],
    ...overrides,
    opened,
  };
}

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('open', () => {
  it('reads the file and registers it under an opaque id with its hash and time', async () => {
    const path = await fileWith('history.bin', 'blob bytes');
    const opened = await openedFile(createFileService(), path);
    const stats = await fs.stat(path);
    expect(opened).toMatchObject({
      status: 'opened',
      name: 'history.bin',
      path,
      sha256: sha256Hex(bytes('blob bytes')),
      modifiedMs: stats.mtimeMs,
      readOnly: false,
    });
    expect(opened.bytes).toEqual(bytes('blob bytes'));
    expect(opened.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(opened.bytes)).toBe(false);
    expect(opened.fileId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('issues a different id for every open, and describes what it registered', async () => {
    const path = await fileWith('h.bin', 'x');
    const service = createFileService();
    const first = await openedFile(service, path);
    const second = await openedFile(service, path, true);
    expect(first.fileId).not.toBe(second.fileId);
    expect(service.describe(second.fileId)).toMatchObject({
      path,
      name: 'h.bin',
      size: 1,
      readOnly: true,
      sha256: sha256Hex(bytes('x')),
    });
  });

  it('refuses a missing file, naming it', async () => {
    const path = join(folder, 'missing.bin');
    const result = expectFailure(await createFileService().open(path), 'not-found');
    expect(result.message).toBe(`Cannot open '${path}': no such file or folder.`);
  });

  it('refuses a folder', async () => {
    const result = expectFailure(await createFileService().open(folder), 'not-a-file');
    expect(result.message).toBe(`Cannot open '${folder}': it is a folder.`);
  });

  it('refuses a file over 64 MiB by its size, without opening it', async () => {
    const path = join(folder, 'huge.bin');
    await fs.writeFile(path, '');
    await fs.truncate(path, MAX_INPUT_BYTES + 1); // sparse: no 64 MiB written
    const spy = fsWith({});
    const result = expectFailure(await createFileService({ fs: spy }).open(path), 'too-large');
    expect(result.message).toBe(
      `Cannot open '${path}': it is 67,108,865 bytes (64.0 MiB), and files over 64 MiB ` +
        `are refused (a UIDL history BLOB is at most a few MiB).`,
    );
    expect(spy.opened).toEqual([]);
  });

  it('opens a file of exactly 64 MiB', async () => {
    const path = join(folder, 'limit.bin');
    await fs.writeFile(path, '');
    await fs.truncate(path, MAX_INPUT_BYTES);
    const opened = await openedFile(createFileService(), path);
    expect(opened.bytes.length).toBe(MAX_INPUT_BYTES);
  });

  it('reports a permission error as such', async () => {
    const path = await fileWith('locked.bin', 'x');
    const service = createFileService({
      fs: fsWith({ open: () => Promise.reject(errnoError('EACCES')) }),
    });
    const result = expectFailure(await service.open(path), 'permission');
    expect(result.message).toBe(`Cannot open '${path}': permission denied.`);
  });
});

describe('save', () => {
  it('replaces the file atomically, keeps the previous bytes as NAME.bak, and updates the hash', async () => {
    const path = await fileWith('history.bin', 'original');
    const service = createFileService();
    const { fileId } = await openedFile(service, path);
    const saved = expectSaved(await service.save(fileId, bytes('edited'), false));
    expect(saved).toEqual({
      status: 'saved',
      fileId,
      name: 'history.bin',
      path,
      sha256: sha256Hex(bytes('edited')),
      backupPath: `${path}.bak`,
    });
    expect(await read(path)).toBe('edited');
    expect(await read(`${path}.bak`)).toBe('original');
    expect((await fs.readdir(folder)).sort()).toEqual(['history.bin', 'history.bin.bak']);
    expect(service.describe(fileId)).toMatchObject({
      sha256: sha256Hex(bytes('edited')),
      size: 6,
      mtimeMs: (await fs.stat(path)).mtimeMs,
    });
  });

  it('saves again without calling its own previous save a change on disk', async () => {
    const path = await fileWith('h.bin', 'one');
    const service = createFileService();
    const { fileId } = await openedFile(service, path);
    expectSaved(await service.save(fileId, bytes('two'), false));
    expectSaved(await service.save(fileId, bytes('three'), false));
    expect(await read(path)).toBe('three');
    // Each save keeps what it replaced; no backup replaces an earlier one.
    expect(await read(`${path}.bak`)).toBe('one');
    expect(await read(join(folder, 'h.bin.1.bak'))).toBe('two');
  });

  it('detects a change on disk with the same size, and overwrites it only when told', async () => {
    const path = await fileWith('h.bin', 'aaaa');
    const service = createFileService();
    const { fileId } = await openedFile(service, path);
    await fs.writeFile(path, 'bbbb'); // another program edits the file behind our back
    const refused = expectFailure(
      await service.save(fileId, bytes('cccc'), false),
      'changed-on-disk',
    );
    expect(refused.message).toBe(
      `'${path}' changed on disk since it was opened (its content changed); ` +
        `saving would replace that change.`,
    );
    expect(await read(path)).toBe('bbbb');
    expectSaved(await service.save(fileId, bytes('cccc'), true));
    expect(await read(path)).toBe('cccc');
    expect(await read(`${path}.bak`)).toBe('bbbb');
  });

  it('detects a change of size', async () => {
    const path = await fileWith('h.bin', 'short');
    const service = createFileService();
    const { fileId } = await openedFile(service, path);
    await fs.appendFile(path, ' and longer');
    const refused = expectFailure(await service.save(fileId, bytes('x'), false), 'changed-on-disk');
    expect(refused.message).toContain('(its size changed)');
  });

  it('lets the content decide: a file merely touched is not changed', async () => {
    const path = await fileWith('h.bin', 'same');
    const service = createFileService();
    const { fileId } = await openedFile(service, path);
    const later = new Date(Date.now() + 60_000);
    await fs.utimes(path, later, later);
    expectSaved(await service.save(fileId, bytes('new'), false));
    expect(await read(path)).toBe('new');
  });

  it('treats a file deleted since it was opened as changed, and recreates it when told', async () => {
    const path = await fileWith('h.bin', 'x');
    const service = createFileService();
    const { fileId } = await openedFile(service, path);
    await fs.rm(path);
    const refused = expectFailure(await service.save(fileId, bytes('y'), false), 'changed-on-disk');
    expect(refused.message).toContain('(it was deleted or moved)');
    const saved = expectSaved(await service.save(fileId, bytes('y'), true));
    expect(saved.backupPath).toBeNull();
    expect(await read(path)).toBe('y');
  });

  it('never saves over a file opened read-only', async () => {
    const path = await fileWith('evidence.bin', 'evidence');
    const service = createFileService();
    const { fileId } = await openedFile(service, path, true);
    for (const overwriteChanged of [false, true]) {
      const refused = expectFailure(
        await service.save(fileId, bytes('x'), overwriteChanged),
        'read-only',
      );
      expect(refused.message).toBe(
        `'evidence.bin' was opened read-only (evidence mode) and is never saved over; ` +
          `use Save As or Export to write a copy.`,
      );
    }
    expect(await read(path)).toBe('evidence');
    expect(await fs.readdir(folder)).toEqual(['evidence.bin']);
  });

  it('never saves over a file opened read-only elsewhere in the session, by path, link or hard link', async () => {
    const evidence = await fileWith('evidence.bin', 'evidence');
    const symlink = join(folder, 'link.bin');
    const hardLink = join(folder, 'hard.bin');
    await fs.symlink(evidence, symlink);
    await fs.link(evidence, hardLink);
    const service = createFileService();
    await openedFile(service, evidence, true);
    for (const path of [evidence, symlink, hardLink]) {
      const { fileId } = await openedFile(service, path);
      const refused = expectFailure(await service.save(fileId, bytes('x'), true), 'read-only');
      expect(refused.message).toBe(
        `Cannot save to '${path}': it is 'evidence.bin', opened read-only (evidence mode), ` +
          'and is never written over. Choose another file name.',
      );
    }
    expect(await read(evidence)).toBe('evidence');
    expect((await fs.stat(hardLink)).ino).toBe((await fs.stat(evidence)).ino);
    expect((await fs.readdir(folder)).sort()).toEqual(['evidence.bin', 'hard.bin', 'link.bin']);
  });

  it('refuses an id it never issued', async () => {
    const result = expectFailure(
      await createFileService().save('AAAAAAAAAAAAAAAA', bytes('x'), false),
      'unknown-file',
    );
    expect(result.message).toContain('use Save As');
    expect(createFileService().describe('AAAAAAAAAAAAAAAA')).toBeUndefined();
  });

  it('leaves the file as it was when the write fails, and says why', async () => {
    const path = await fileWith('h.bin', 'kept');
    const service = createFileService({
      fs: fsWith({ rename: () => Promise.reject(errnoError('ENOSPC')) }),
    });
    const { fileId } = await openedFile(service, path);
    const result = expectFailure(await service.save(fileId, bytes('lost'), false), 'io');
    expect(result.message).toBe(`Cannot save '${path}': no space left on the disk.`);
    expect(await read(path)).toBe('kept');
    expect(await fs.readdir(folder)).toEqual(['h.bin']);
    expect(service.describe(fileId)?.sha256).toBe(sha256Hex(bytes('kept')));
  });
});

describe('saveAs', () => {
  it('writes a new file and registers it under a new, writable id', async () => {
    const source = await fileWith('evidence.bin', 'evidence');
    const service = createFileService();
    const opened = await openedFile(service, source, true);
    const copy = join(folder, 'copy.bin');
    const saved = expectSaved(await service.saveAs(copy, bytes('edited'), opened.fileId));
    expect(saved).toMatchObject({ name: 'copy.bin', path: copy, backupPath: null });
    expect(saved.fileId).not.toBe(opened.fileId);
    expect(await read(copy)).toBe('edited');
    expect(service.describe(saved.fileId)?.readOnly).toBe(false);
    expectSaved(await service.save(saved.fileId, bytes('again'), false));
    expect(await read(copy)).toBe('again');
    expect(await read(source)).toBe('evidence');
  });

  it('refuses to write over a read-only source, also through a link or another spelling', async () => {
    const source = await fileWith('evidence.bin', 'evidence');
    const link = join(folder, 'link.bin');
    await fs.symlink(source, link);
    const service = createFileService();
    const { fileId } = await openedFile(service, source, true);
    for (const target of [source, link, join(folder, '.', 'evidence.bin')]) {
      const refused = expectFailure(await service.saveAs(target, bytes('x'), fileId), 'read-only');
      expect(refused.message).toContain(`it is 'evidence.bin', opened read-only (evidence mode)`);
    }
    // Also when the caller does not say where the document came from.
    expectFailure(await service.saveAs(source, bytes('x')), 'read-only');
    expect(await read(source)).toBe('evidence');
    expect((await fs.readdir(folder)).sort()).toEqual(['evidence.bin', 'link.bin']);
  });

  it('writes over a writable source when the user chose its path, keeping a backup', async () => {
    const source = await fileWith('h.bin', 'old');
    const service = createFileService();
    const { fileId } = await openedFile(service, source);
    const saved = expectSaved(await service.saveAs(source, bytes('new'), fileId));
    expect(saved.backupPath).toBe(`${source}.bak`);
    expect(await read(`${source}.bak`)).toBe('old');
  });

  it('refuses a source id it never issued', async () => {
    expectFailure(
      await createFileService().saveAs(join(folder, 'x.bin'), bytes('x'), 'AAAAAAAAAAAA'),
      'unknown-file',
    );
    expect(await fs.readdir(folder)).toEqual([]);
  });

  it('refuses a folder as the target', async () => {
    const result = expectFailure(
      await createFileService().saveAs(folder, bytes('x')),
      'not-a-file',
    );
    expect(result.message).toBe(`Cannot save '${folder}': it is a folder.`);
  });
});

describe('exportTo', () => {
  it('writes the export and keeps a replaced file as NAME.bak', async () => {
    const source = await fileWith('h.bin', 'blob');
    const target = await fileWith('h.json', '{"old":true}');
    const service = createFileService();
    const { fileId } = await openedFile(service, source);
    const saved = expectSaved(await service.exportTo(target, bytes('{"new":true}'), fileId));
    expect(saved).toMatchObject({ name: 'h.json', path: target, backupPath: `${target}.bak` });
    expect(await read(target)).toBe('{"new":true}');
    expect(await read(`${target}.bak`)).toBe('{"old":true}');
  });

  it('never writes over the file the document came from, even a writable one', async () => {
    const source = await fileWith('h.bin', 'blob');
    const service = createFileService();
    const { fileId } = await openedFile(service, source);
    const refused = expectFailure(
      await service.exportTo(source, bytes('x'), fileId),
      'unsupported',
    );
    expect(refused.message).toBe(
      `Cannot export to '${source}': it is the file this document came from, and an export ` +
        `never replaces it. Choose another file name, or use Save.`,
    );
    expect(await read(source)).toBe('blob');
  });

  it('never writes over any file opened read-only', async () => {
    const evidence = await fileWith('evidence.bin', 'evidence');
    const other = await fileWith('other.bin', 'other');
    const service = createFileService();
    await openedFile(service, evidence, true);
    const { fileId } = await openedFile(service, other);
    expectFailure(await service.exportTo(evidence, bytes('x'), fileId), 'read-only');
    expect(await read(evidence)).toBe('evidence');
  });
});

describe('the backup a write keeps', () => {
  it('never replaces a read-only file that has the backup name NAME.bak: the backup is numbered', async () => {
    const evidence = await fileWith('case.msg.bak', 'evidence');
    const existing = await fileWith('case.msg', 'older copy');
    const link = join(folder, 'link.msg');
    await fs.symlink(existing, link);
    const service = createFileService();
    await openedFile(service, evidence, true);
    const { fileId } = await openedFile(service, existing);
    const saved = expectSaved(await service.saveAs(link, bytes('new')));
    expect(saved.backupPath).toBe(join(folder, 'case.msg.1.bak'));
    expect(await read(join(folder, 'case.msg.1.bak'))).toBe('older copy');
    const exported = expectSaved(await service.exportTo(existing, bytes('newer')));
    expect(exported.backupPath).toBe(join(folder, 'case.msg.2.bak'));
    const resaved = expectSaved(await service.save(fileId, bytes('newest'), true));
    expect(resaved.backupPath).toBe(join(folder, 'case.msg.3.bak'));
    expect(await read(join(folder, 'case.msg.3.bak'))).toBe('newer');
    expect(await read(evidence)).toBe('evidence');
    expect(await read(existing)).toBe('newest');
  });

  it('never replaces a store a history was read from that has the backup name', async () => {
    const store = await fileWith('store.pst.bak', 'the store');
    const existing = await fileWith('store.pst', 'something else');
    const service = createFileService();
    const fileId = await service.registerContained(store, {
      name: 'history.bin',
      bytes: bytes('h'),
      mtimeMs: 0,
    });
    const saved = expectSaved(await service.exportTo(existing, bytes('h'), fileId));
    expect(saved.backupPath).toBe(join(folder, 'store.pst.1.bak'));
    expect(await read(store)).toBe('the store');
  });

  it('refuses to replace a read-only file, saying so', async () => {
    const target = await fileWith('locked.json', 'keep me');
    await fs.chmod(target, 0o444);
    const result = expectFailure(
      await createFileService().exportTo(target, bytes('x')),
      'read-only',
    );
    expect(result.message).toBe(
      `Cannot export '${target}': it is a read-only file (no write permission); make it ` +
        'writable first, or choose another name.',
    );
    expect(await read(target)).toBe('keep me');
    expect(await fs.readdir(folder)).toEqual(['locked.json']);
  });

  it('refuses a symbolic link that names no file, leaving the link', async () => {
    const link = join(folder, 'out.json');
    await fs.symlink(join(folder, 'nowhere.json'), link);
    const result = expectFailure(
      await createFileService().exportTo(link, bytes('x')),
      'unsupported',
    );
    expect(result.message).toBe(
      `Cannot export '${link}': it is a symbolic link to a file that does not exist; remove ` +
        'the link or name the file.',
    );
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readdir(folder)).toEqual(['out.json']);
  });
});

describe('registerContained', () => {
  const contained = {
    name: 'joe@example.com — store.pst #2.bin',
    bytes: bytes('history'),
    mtimeMs: 1234,
  };

  it('registers a history read from inside a store as a read-only document of that store', async () => {
    const store = await fileWith('store.pst', 'the store');
    const service = createFileService({ newFileId: () => 'contained-id-1' });
    const fileId = await service.registerContained(join(folder, '.', 'store.pst'), contained);
    expect(fileId).toBe('contained-id-1');
    expect(service.describe(fileId)).toEqual({
      path: store,
      name: contained.name,
      size: 7,
      mtimeMs: 1234,
      sha256: sha256Hex(bytes('history')),
      readOnly: true,
    });
    const refused = expectFailure(await service.save(fileId, bytes('edited'), true), 'read-only');
    expect(refused.message).toBe(
      `'${contained.name}' was opened read-only (evidence mode) and is never saved over; ` +
        'use Save As or Export to write a copy.',
    );
    expect(await read(store)).toBe('the store');
  });

  it('never lets Save As or Export write over the store, by any path to it', async () => {
    const store = await fileWith('store.pst', 'the store');
    const link = join(folder, 'link.pst');
    const hardLink = join(folder, 'hard.pst');
    await fs.symlink(store, link);
    await fs.link(store, hardLink);
    const service = createFileService();
    const fileId = await service.registerContained(store, contained);
    for (const target of [store, link, hardLink, join(folder, '.', 'store.pst')]) {
      for (const write of [service.saveAs, service.exportTo]) {
        const refused = expectFailure(await write(target, bytes('x'), fileId), 'read-only');
        expect(refused.message).toContain(`it is '${contained.name}', opened read-only`);
        // Nor when the caller does not name the document.
        expectFailure(await write(target, bytes('x')), 'read-only');
      }
    }
    expect(await read(store)).toBe('the store');
    expect((await fs.readdir(folder)).sort()).toEqual(['hard.pst', 'link.pst', 'store.pst']);
  });

  it('lets the history be saved as a copy elsewhere, which is then writable', async () => {
    const store = await fileWith('store.pst', 'the store');
    const service = createFileService();
    const fileId = await service.registerContained(store, contained);
    const copy = join(folder, 'history.bin');
    const saved = expectSaved(await service.saveAs(copy, bytes('history'), fileId));
    expect(await read(copy)).toBe('history');
    expectSaved(await service.save(saved.fileId, bytes('edited'), false));
    expect(await read(copy)).toBe('edited');
    expect(await read(store)).toBe('the store');
  });
});

describe('fsFailure', () => {
  it.each([
    ['ENOENT', 'not-found', 'no such file or folder.'],
    ['ENOTDIR', 'not-found', 'a part of the path is not a folder.'],
    ['EACCES', 'permission', 'permission denied.'],
    ['EPERM', 'permission', 'permission denied.'],
    ['EROFS', 'permission', 'the disk is read-only.'],
    ['EISDIR', 'not-a-file', 'it is a folder.'],
    ['ENOSPC', 'io', 'no space left on the disk.'],
    ['EIO', 'io', 'EIO: simulated.'],
  ])('maps %s to %s', (errno, code, reason) => {
    expect(fsFailure('save', '/x/h.bin', errnoError(errno))).toEqual({
      status: 'failed',
      code,
      message: `Cannot save '/x/h.bin': ${reason}`,
    });
  });
});
