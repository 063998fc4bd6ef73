/**
 * The desktop app's container host against the real samples (used as they are) and `.msg`
 * fixtures with BlobPOP attachments, with the real file service on a temporary folder: the
 * chooser's rows, progress and cancel, opening a history read-only, and write-back into a copy.
 */
import msgreader from '@kenjiuno/msgreader';
import { Reader, type CFolder } from '@kenjiuno/msgreader/lib/Reader.js';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createContainerHost,
  MAX_KEPT_CONTAINERS,
} from '../../../electron/containers/container-host.js';
import type { TaskContext } from '../../../electron/services/host-services.js';
import { createFileService, type FileService } from '../../../electron/services/file-service.js';
import type {
  HostFailure,
  OpenedContainer,
  OpenedFile,
  Saved,
} from '../../../shared/host/contract.js';
import { parse } from '../../../shared/codec/parse.js';
import { summarize } from '../../../shared/summary.js';
import { PST_WRITE_BACK_UNSUPPORTED } from '../../../shared/input/container-signature.js';
import { buildBlob, CLEAN_TAGS, EXAMPLE_TAG, problemBlob } from '../../fixtures/blobs.js';
import { buildMsg, sample } from './msg-fixtures.js';

// The package is CommonJS: Vitest hands over its default export, Node's own loader the module.
const MsgReader = ((msgreader as unknown as { default?: unknown }).default ??
  msgreader) as typeof msgreader.default;

const PST = sample('aspose-net_source_msgmanager-no-blob.pst');
const OST = sample('aspose-net_SampleOstFile_msgmanager-no-blob.ost');
const CORRUPT = sample('aspose-net_AddingBulkMessages_bad-header-crc.pst');
const NO_FAI = sample('aspose-net_Chunks_Test_part1_no-fai.pst');
const ATTACHMENTS_MSG = sample('msgreader_attachmentFiles.msg');
const MSG_IN_MSG = sample('msgreader_msgInMsg.msg');
const FILE_ID = /^[A-Za-z0-9_-]{8,64}$/;

interface RecordedProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number | null;
}

/** A task context that records every progress report (the real one throttles them). */
function recordingTask(
  onProgress?: (event: RecordedProgress, controller: AbortController) => void,
) {
  const controller = new AbortController();
  const events: RecordedProgress[] = [];
  const task: TaskContext = {
    signal: controller.signal,
    progress(phase, done, total) {
      events.push({ phase, done, total });
      onProgress?.({ phase, done, total }, controller);
    },
  };
  return { task, events, controller };
}

/** Every stream of a compound file by path, read with msgreader's own reader. */
function streams(bytes: Uint8Array): Map<string, Uint8Array> {
  const reader = new Reader(new Uint8Array(bytes).buffer);
  reader.parse();
  const out = new Map<string, Uint8Array>();
  const visit = (folder: CFolder, prefix: string): void => {
    for (const file of folder.fileNameSets()) out.set(prefix + file.name, file.provider());
    for (const sub of folder.subFolders()) visit(sub, `${prefix}${sub.name}/`);
  };
  visit(reader.rootFolder(), '');
  return out;
}

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

function asContainer(result: OpenedContainer | HostFailure | null): OpenedContainer {
  if (result?.status !== 'container')
    throw new Error(`expected a container: ${JSON.stringify(result)}`);
  return result;
}

function asFailure(result: { status: string } | null): HostFailure {
  if (result?.status !== 'failed') throw new Error(`expected a failure: ${JSON.stringify(result)}`);
  return result as HostFailure;
}

function asOpened(result: { status: string }): OpenedFile {
  if (result.status !== 'opened') throw new Error(`expected a file: ${JSON.stringify(result)}`);
  return result as OpenedFile;
}

let folder: string;
let files: FileService;
let logged: string[];

function newHost() {
  return createContainerHost({ log: (message) => logged.push(message), files });
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'container-host-'));
  files = createFileService();
  logged = [];
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('files that are not containers', () => {
  it('answers null for a BLOB, a missing file and a folder, so the normal open runs', async () => {
    const blob = join(folder, 'history.bin');
    await writeFile(blob, buildBlob(CLEAN_TAGS));
    const host = newHost();
    const { task, events } = recordingTask();
    expect(await host.openIfContainer(blob, task)).toBeNull();
    expect(await host.openIfContainer(join(folder, 'missing.pst'), task)).toBeNull();
    expect(await host.openIfContainer(folder, task)).toBeNull();
    expect(events).toEqual([]);
  });
});

describe('the real sample stores', () => {
  it('lists the PST Inbox message manager without histories, with progress', async () => {
    const { task, events } = recordingTask();
    const opened = asContainer(await newHost().openIfContainer(PST, task));
    expect(opened).toMatchObject({
      status: 'container',
      name: 'aspose-net_source_msgmanager-no-blob.pst',
      path: PST,
      kind: 'pst',
      choices: [],
      writeBack: 'unsupported',
    });
    expect(opened.containerId).toMatch(FILE_ID);
    expect(opened.summary).toMatch(
      /^Message manager present, no POP3 account history attached\. Searched the Inbox \(Top of Personal Folders\/Inbox\), reading [\d.]+ KiB of the 1\.2 MiB store\.$/,
    );
    expect(opened.messages).toEqual([
      'Top of Personal Folders/Inbox › Outlook Message Manager (Outlook) (KEY: 77A132798936C64BA13C628E8F64C7C2): ' +
        'message manager present, no POP3 account history attached',
    ]);
    // First the file's name, then bytes read as they grow, then the scanner's own phase.
    expect(events[0]).toEqual({
      phase: 'Opening aspose-net_source_msgmanager-no-blob.pst',
      done: 0,
      total: null,
    });
    const reads = events.filter((e) => e.phase.startsWith('Reading '));
    expect(reads.length).toBeGreaterThan(2);
    for (let i = 1; i < reads.length; i++) {
      expect(reads[i]!.done).toBeGreaterThan(reads[i - 1]!.done);
    }
    expect(reads.at(-1)!.phase).toMatch(
      /^Reading aspose-net_source_msgmanager-no-blob\.pst: [\d.]+ KiB read$/,
    );
    expect(events.at(-1)).toEqual({
      phase: 'Searching folders for IPM.MessageManager messages',
      done: 1,
      total: 1,
    });
  });

  it('lists the OST Inbox message manager by its folder path and subject', async () => {
    const opened = asContainer(await newHost().openIfContainer(OST, recordingTask().task));
    expect(opened.kind).toBe('ost');
    expect(opened.writeBack).toBe('unsupported');
    expect(opened.choices).toEqual([]);
    expect(opened.messages).toEqual([
      'Root - Mailbox/IPM_SUBTREE/Inbox › Outlook Message Manager (Outlook) (KEY: F0BD37A12EA1984DA577EAEABBB73BB4): ' +
        'message manager present, no POP3 account history attached',
    ]);
  });

  it('says when a store has no message manager at all', async () => {
    const opened = asContainer(await newHost().openIfContainer(NO_FAI, recordingTask().task));
    expect(opened.messages).toEqual([]);
    expect(opened.summary).toMatch(
      /^No IPM\.MessageManager message in the Inbox's associated contents\. Searched the Inbox/,
    );
  });

  it('refuses the corrupt store with the checksum it failed and where', async () => {
    const failure = asFailure(await newHost().openIfContainer(CORRUPT, recordingTask().task));
    expect(failure).toEqual({
      status: 'failed',
      code: 'unsupported',
      message:
        `Cannot open '${CORRUPT}': the store's header is damaged: partial checksum mismatch ` +
        '(stored 0x424c6db2, computed 0x34620c55); refusing to read it (at byte 4 (0x4)).',
    });
  });

  it('refuses PST write-back, saying to export the BLOB instead', async () => {
    const host = newHost();
    const opened = asContainer(await host.openIfContainer(PST, recordingTask().task));
    const target = join(folder, 'copy.pst');
    const result = await host.writeBack(
      {
        containerId: opened.containerId,
        number: 1,
        bytes: buildBlob(CLEAN_TAGS),
        suggestedName: 'copy.pst',
      },
      target,
    );
    expect(result).toEqual({
      status: 'failed',
      code: 'unsupported',
      message: PST_WRITE_BACK_UNSUPPORTED,
    });
    expect(PST_WRITE_BACK_UNSUPPORTED).toMatch(
      /^Writing back into a PST or OST is not supported: export the repaired BLOB instead/,
    );
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('the real sample .msg files', () => {
  it('lists every binary attachment as another attachment, openable as a BLOB', async () => {
    const host = newHost();
    const opened = asContainer(await host.openIfContainer(ATTACHMENTS_MSG, recordingTask().task));
    expect(opened.kind).toBe('msg');
    expect(opened.writeBack).toBe('msg-copy');
    expect(opened.summary).toBe(
      'A message of class IPM.Note, not IPM.MessageManager, with 3 attachment(s), 3 binary.',
    );
    expect(
      opened.choices.map((c) => [c.number, c.attachmentName, c.bytes, c.rule, c.entryCount]),
    ).toEqual([
      [1, 'jpg.jpg', 726, null, null],
      [2, 'png.png', 134, null, null],
      [3, 'tif.tif', 664, null, null],
    ]);
    expect(opened.choices[0]).toMatchObject({
      account: null,
      storePath: 'msgreader_attachmentFiles.msg',
      lastActivity: null,
      diagnostics: null,
    });

    const file = asOpened(await host.openChoice(opened.containerId, 2));
    const source = new MsgReader(new Uint8Array(await readFile(ATTACHMENTS_MSG)).buffer);
    source.getFileData();
    expect(file.bytes).toEqual(Uint8Array.from(source.getAttachment(1).content));
    expect(file).toMatchObject({
      name: 'png.png — msgreader_attachmentFiles.msg #2.bin',
      path: ATTACHMENTS_MSG,
      readOnly: true,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
    });
  });

  it('leaves out an embedded message, and says so on its message line', async () => {
    const opened = asContainer(await newHost().openIfContainer(MSG_IN_MSG, recordingTask().task));
    expect(opened.choices.map((c) => c.attachmentName)).toEqual(['green.png']);
    expect(opened.messages).toEqual([
      'msgreader_msgInMsg.msg: a message of class IPM.Note, not IPM.MessageManager, with 2 ' +
        'attachment(s), 1 binary; not offered: #1 Microsoft Outlook テスト メッセージ (an embedded message)',
    ]);
  });

  it('refuses a damaged compound file clearly', async () => {
    const damaged = join(folder, 'damaged.msg');
    const bytes = new Uint8Array(await readFile(ATTACHMENTS_MSG)).slice(0, 1000);
    await writeFile(damaged, bytes);
    const failure = asFailure(await newHost().openIfContainer(damaged, recordingTask().task));
    expect(failure.code).toBe('unsupported');
    expect(failure.message).toMatch(new RegExp(`^Cannot open '${damaged}': \\S`));
  });
});

describe('a .msg holding histories under each naming rule', () => {
  const history = buildBlob(CLEAN_TAGS);
  const problems = problemBlob();
  const other = new TextEncoder().encode('not a history');
  const fixture = buildMsg({
    messageClass: 'IPM.MessageManager',
    subject: 'Outlook Message Manager (General Key) (KEY: 47656E6572616C204B657900)',
    attachments: [
      { longFilename: 'notes.txt', data: other },
      { longFilename: 'BlobPOPalice@example.com', data: history, attachSize: 500 },
      { filename: 'BlobPOPbob@example.com', data: problems },
      { displayName: 'BlobPOPcarol@example.com', data: history },
      { filename: 'Blob0012abcd', data: history },
    ],
  });
  let path: string;

  beforeEach(async () => {
    path = join(folder, 'manager.msg');
    await writeFile(path, fixture);
  });

  it('lists the histories first, with account, entries, last activity and findings', async () => {
    const opened = asContainer(await newHost().openIfContainer(path, recordingTask().task));
    expect(opened.summary).toBe('4 POP3 account histories.');
    expect(opened.choices.map((c) => [c.number, c.account, c.rule, c.attachmentName])).toEqual([
      [2, 'alice@example.com', 'long-filename', 'BlobPOPalice@example.com'],
      [3, 'bob@example.com', 'filename', 'BlobPOPbob@example.com'],
      [4, 'carol@example.com', 'display-name', 'BlobPOPcarol@example.com'],
      [5, null, 'mini-uid', 'Blob0012abcd'],
      [1, null, null, 'notes.txt'],
    ]);
    const [alice, bob] = opened.choices;
    // CLEAN_TAGS' latest time is 2013-01-01 00:00:00, its 3 tags clean.
    expect(alice).toMatchObject({
      storePath: 'manager.msg',
      bytes: history.length,
      entryCount: 3,
      lastActivity: '2013-01-01T00:00:00Z',
      diagnostics: { error: 0, warning: 0, info: 0 },
    });
    // problemBlob: 4 tags with findings of every severity, counted as the codec counts them.
    expect(bob!.entryCount).toBe(4);
    expect(bob!.diagnostics).toEqual(summarize(parse(problems)).diagnostics);
    expect(bob!.diagnostics!.error).toBeGreaterThan(0);
    expect(bob!.diagnostics!.warning).toBeGreaterThan(0);
    expect(bob!.diagnostics!.info).toBeGreaterThan(0);
    expect(opened.choices.at(-1)).toMatchObject({
      entryCount: null,
      lastActivity: null,
      diagnostics: null,
    });
  });

  it('opens a history read-only: its bytes, a Save As-able id, never writable over the store', async () => {
    const host = newHost();
    const opened = asContainer(await host.openIfContainer(path, recordingTask().task));
    const file = asOpened(await host.openChoice(opened.containerId, 2));
    expect(file.bytes).toEqual(history);
    expect(file.name).toBe('alice@example.com — manager.msg #2.bin');
    expect(file.readOnly).toBe(true);
    expect(file.fileId).toMatch(FILE_ID);
    expect(files.describe(file.fileId)).toMatchObject({ path, name: file.name, readOnly: true });

    const sourceHash = await sha256(path);
    expect(await files.save(file.fileId, file.bytes, true)).toMatchObject({
      status: 'failed',
      code: 'read-only',
    });
    expect(await files.saveAs(path, file.bytes, file.fileId)).toMatchObject({
      status: 'failed',
      code: 'read-only',
    });
    expect(await files.exportTo(path, file.bytes, file.fileId)).toMatchObject({
      status: 'failed',
      code: 'read-only',
    });
    const exported = join(folder, 'alice.bin');
    expect(await files.exportTo(exported, file.bytes, file.fileId)).toMatchObject({
      status: 'saved',
      path: exported,
    });
    expect(new Uint8Array(await readFile(exported))).toEqual(history);
    expect(await sha256(path)).toBe(sourceHash);

    // The mini-UID history has no address: its attachment names it.
    expect(asOpened(await host.openChoice(opened.containerId, 5)).name).toBe(
      'Blob0012abcd — manager.msg #5.bin',
    );
  });

  it('refuses attachment numbers it did not offer, and containers it no longer keeps', async () => {
    const host = newHost();
    const opened = asContainer(await host.openIfContainer(path, recordingTask().task));
    expect(await host.openChoice(opened.containerId, 9)).toEqual({
      status: 'failed',
      code: 'not-found',
      message: "'manager.msg' has no attachment #9 with binary data to open.",
    });
    expect(host.sourcePath(opened.containerId)).toBe(path);

    const later: string[] = [];
    for (let i = 0; i < MAX_KEPT_CONTAINERS; i++) {
      later.push(asContainer(await host.openIfContainer(path, recordingTask().task)).containerId);
    }
    expect(new Set([opened.containerId, ...later]).size).toBe(MAX_KEPT_CONTAINERS + 1);
    expect(host.sourcePath(opened.containerId)).toBeNull();
    expect(asFailure(await host.openChoice(opened.containerId, 2))).toMatchObject({
      code: 'unknown-file',
      message: expect.stringMatching(/no longer open in this session.*open it again\.$/),
    });
    expect(asOpened(await host.openChoice(later.at(-1)!, 2)).bytes).toEqual(history);
  });

  it('writes a repaired history into a copy: only that data and its sizes change', async () => {
    const host = newHost();
    const opened = asContainer(await host.openIfContainer(path, recordingTask().task));
    const repaired = buildBlob([...CLEAN_TAGS, { ...EXAMPLE_TAG, uid: 'added-after-repair' }]);
    const sourceHash = await sha256(path);
    const target = join(folder, 'manager-repaired.msg');
    const saved = (await host.writeBack(
      {
        containerId: opened.containerId,
        number: 2,
        bytes: repaired,
        suggestedName: 'manager-repaired.msg',
      },
      target,
    )) as Saved;
    expect(saved).toMatchObject({
      status: 'saved',
      path: target,
      name: 'manager-repaired.msg',
      backupPath: null,
    });
    expect(saved.sha256).toBe(await sha256(target));
    expect(await sha256(path)).toBe(sourceHash);

    const before = streams(fixture);
    const after = streams(new Uint8Array(await readFile(target)));
    before.delete('\u0001Sh33tJ5'); // cfb's own marker stream; the copy drops it
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const data = '__attach_version1.0_#00000001/__substg1.0_37010102';
    const props = '__attach_version1.0_#00000001/__properties_version1.0';
    const changed = [...before].filter(([key, bytes]) => {
      const other = after.get(key)!;
      return other.length !== bytes.length || other.some((b, i) => b !== bytes[i]);
    });
    expect(changed.map(([key]) => key).sort()).toEqual([props, data]);
    expect(after.get(data)).toEqual(repaired);
  });

  it('never writes into the source .msg, by its path or through a link to it', async () => {
    const host = newHost();
    const opened = asContainer(await host.openIfContainer(path, recordingTask().task));
    const sourceHash = await sha256(path);
    const link = join(folder, 'link.msg');
    await symlink(path, link);
    for (const target of [path, link, join(folder, '.', 'manager.msg')]) {
      const result = await host.writeBack(
        {
          containerId: opened.containerId,
          number: 2,
          bytes: history,
          suggestedName: 'manager.msg',
        },
        target,
      );
      expect(result).toMatchObject({
        status: 'failed',
        code: 'read-only',
        message: expect.stringMatching(
          /^Cannot write into '.*': it is the \.msg the history came from, which is never modified\./,
        ),
      });
    }
    expect(await sha256(path)).toBe(sourceHash);
  });

  it('never replaces the source .msg with the backup of an existing copy (SOURCE is COPY.bak)', async () => {
    const source = join(folder, 'evidence.msg.bak');
    await writeFile(source, fixture);
    const target = join(folder, 'evidence.msg');
    await writeFile(target, 'an older copy');
    const host = newHost();
    const opened = asContainer(await host.openIfContainer(source, recordingTask().task));
    const result = await host.writeBack(
      { containerId: opened.containerId, number: 2, bytes: history, suggestedName: 'evidence.msg' },
      target,
    );
    // The older copy is kept under the next free backup name, never over the source.
    expect(result).toMatchObject({ status: 'saved', backupPath: `${target}.1.bak` });
    expect(new Uint8Array(await readFile(source))).toEqual(fixture);
    expect(await readFile(`${target}.1.bak`, 'utf8')).toBe('an older copy');
  });

  it('never writes over a history opened read-only from the store', async () => {
    const host = newHost();
    const opened = asContainer(await host.openIfContainer(path, recordingTask().task));
    const evidence = join(folder, 'evidence');
    await mkdir(evidence);
    const evidenceFile = join(evidence, 'history.bin');
    await writeFile(evidenceFile, history);
    expect((await files.open(evidenceFile, { readOnly: true })).status).toBe('opened');
    const result = await host.writeBack(
      { containerId: opened.containerId, number: 2, bytes: history, suggestedName: 'history.bin' },
      evidenceFile,
    );
    expect(result).toMatchObject({ status: 'failed', code: 'read-only' });
    expect(new Uint8Array(await readFile(evidenceFile))).toEqual(history);
  });

  it('refuses to write back when the .msg changed since it was scanned', async () => {
    const host = newHost();
    const opened = asContainer(await host.openIfContainer(path, recordingTask().task));
    await writeFile(path, buildMsg({ messageClass: 'IPM.MessageManager', attachments: [] }));
    const target = join(folder, 'copy.msg');
    const result = await host.writeBack(
      { containerId: opened.containerId, number: 2, bytes: history, suggestedName: 'copy.msg' },
      target,
    );
    expect(result).toMatchObject({ status: 'failed', code: 'changed-on-disk' });
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to write into an attachment without binary data, naming it', async () => {
    const host = newHost();
    const opened = asContainer(await host.openIfContainer(MSG_IN_MSG, recordingTask().task));
    const result = await host.writeBack(
      { containerId: opened.containerId, number: 1, bytes: history, suggestedName: 'copy.msg' },
      join(folder, 'copy.msg'),
    );
    expect(result).toEqual({
      status: 'failed',
      code: 'unsupported',
      message:
        "Cannot write into a copy of 'msgreader_msgInMsg.msg': attachment #1 has no binary data stream to replace.",
    });
  });
});

describe('cancel', () => {
  it('stops a store scan at its next read and says it was canceled', async () => {
    let eventsAfterCancel = 0;
    let canceled = false;
    const { task } = recordingTask((event, controller) => {
      if (canceled) eventsAfterCancel++;
      if (event.phase.startsWith('Reading ') && !canceled) {
        canceled = true;
        controller.abort();
      }
    });
    const result = await newHost().openIfContainer(OST, task);
    expect(result).toEqual({
      status: 'failed',
      code: 'io',
      message:
        "Canceled: the search of 'aspose-net_SampleOstFile_msgmanager-no-blob.ost' was stopped; nothing was opened.",
    });
    expect(canceled).toBe(true);
    expect(eventsAfterCancel).toBe(0);
    expect(logged).toEqual([`Canceled the scan of ${OST}`]);
  });

  it('does not start a scan canceled before it began', async () => {
    const { task, events, controller } = recordingTask();
    controller.abort();
    expect(asFailure(await newHost().openIfContainer(PST, task)).message).toMatch(/^Canceled: /);
    expect(events).toEqual([]);
  });
});
