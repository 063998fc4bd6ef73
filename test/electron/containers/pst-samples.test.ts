/**
 * The real PST/OST samples (shared/samples, used as they are): the IPM.MessageManager message
 * in the Inbox of the PST and the OST, none in the others, the corrupt header refused.
 * Expected values are those the samples' README records from libpff and pypff.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ContainerError, ContainerLimitError } from '../../../electron/containers/errors.js';
import { PstStore } from '../../../electron/containers/pst/store.js';
import { NO_HISTORY, scanFile, type ScanProgress } from '../../../electron/containers/scan.js';
import { openFileSource } from '../../../electron/containers/source.js';
import { sample } from './msg-fixtures.js';

const PST = 'aspose-net_source_msgmanager-no-blob.pst';
const OST = 'aspose-net_SampleOstFile_msgmanager-no-blob.ost';
const CORRUPT = 'aspose-net_AddingBulkMessages_bad-header-crc.pst';
const NO_MANAGER = [
  'aspose-net_Chunks_Test_part1_no-fai.pst',
  'java-libpst_passworded_fai-no-msgmanager.pst',
  'java-libpst_dist-list.pst',
];

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

describe('IPM.MessageManager in the Inbox', () => {
  it('finds it in the PST, with its subject and conversation key, and no attachment', async () => {
    const { report } = await scanFile(sample(PST));
    expect(report.container).toBe('pst');
    expect(report.store).toMatchObject({
      format: 'unicode',
      encoding: 'compressible',
      displayName: 'Outlook',
      inbox: { path: ['Top of Personal Folders', 'Inbox'], foundBy: 'receive-folder-table' },
      scope: 'inbox',
      foldersSearched: 1,
    });
    expect(report.messages).toEqual([
      {
        folderPath: ['Top of Personal Folders', 'Inbox'],
        nid: 0x1000c8,
        messageClass: 'IPM.MessageManager',
        subject: 'Outlook Message Manager (Outlook) (KEY: 77A132798936C64BA13C628E8F64C7C2)',
        conversationKey: '77A132798936C64BA13C628E8F64C7C2',
        searchKey: 'E58BEDA99B85AF43B002F62724AAC7AB',
        attachments: [],
        subjectForm: {
          profile: 'Outlook',
          key: '77A132798936C64BA13C628E8F64C7C2',
          keyText: null,
          matchesConversationKey: true,
        },
        status: NO_HISTORY,
      },
    ]);
    expect(report.historyCount).toBe(0);
    expect(report.summary).toBe('message manager present, no POP3 account history attached');
  });

  it('finds it in the OST, reading a small part of the file by offset', async () => {
    const { report } = await scanFile(sample(OST));
    expect(report.container).toBe('ost');
    expect(report.store?.inbox).toEqual({
      path: ['Root - Mailbox', 'IPM_SUBTREE', 'Inbox'],
      foundBy: 'receive-folder-table',
    });
    expect(report.messages).toHaveLength(1);
    expect(report.messages[0]).toMatchObject({
      nid: 0x100268,
      subject: 'Outlook Message Manager (Outlook) (KEY: F0BD37A12EA1984DA577EAEABBB73BB4)',
      conversationKey: 'F0BD37A12EA1984DA577EAEABBB73BB4',
      attachments: [],
      status: NO_HISTORY,
    });
    // The whole 4 MB store is never read: the scan touches a few pages and blocks.
    expect(report.store!.bytesRead).toBeLessThan(64 * 1024);
    expect(report.fileSize).toBe(4080640);
  });

  it('the message node has no subnodes, so no attachment table (as libpff saw: bidSub 0, flags 0x42)', async () => {
    const source = await openFileSource(sample(PST));
    try {
      const message = await (await PstStore.open(source)).message(0x1000c8);
      expect(message).toMatchObject({
        hasSubnodes: false,
        flags: 0x42,
        size: 238,
        attachments: [],
      });
    } finally {
      await source.close();
    }
  });

  it('searching every folder finds the same single message', async () => {
    const { report } = await scanFile(sample(OST), { allFolders: true });
    expect(report.store).toMatchObject({ scope: 'all-folders', foldersSearched: 45 });
    expect(report.messages.map((m) => m.nid)).toEqual([0x100268]);
  });

  it('reports progress: folders found, then folders searched out of the total', async () => {
    const events: ScanProgress[] = [];
    await scanFile(sample(OST), { allFolders: true, onProgress: (p) => events.push(p) });
    const folders = events.filter((e) => e.phase === 'folders');
    const searched = events.filter((e) => e.phase === 'messages');
    expect(folders.map((e) => e.done)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(searched.at(-1)).toMatchObject({ done: 45, total: 45, fileSize: 4080640 });
    expect(searched.every((e, i) => i === 0 || e.bytesRead >= searched[i - 1]!.bytesRead)).toBe(
      true,
    );
  });
});

describe('stores without a message manager', () => {
  it.each(NO_MANAGER)('%s: none in the Inbox, none in any folder', async (name) => {
    const { report } = await scanFile(sample(name));
    expect(report.messages).toEqual([]);
    expect(report.summary).toBe("no IPM.MessageManager message in the Inbox's associated contents");
    const all = await scanFile(sample(name), { allFolders: true });
    expect(all.report.messages).toEqual([]);
    expect(all.report.summary).toBe('no IPM.MessageManager message in any folder');
  });
});

describe('folders and associated contents agree with pypff', () => {
  // [file, folders, associated (FAI) messages], as the samples' README records them.
  it.each([
    [PST, 25, 10],
    [OST, 45, 21],
    ['aspose-net_Chunks_Test_part1_no-fai.pst', 19, 0],
    ['java-libpst_passworded_fai-no-msgmanager.pst', 24, 13],
    ['java-libpst_dist-list.pst', 24, 3],
  ])('%s: %i folders, %i associated messages', async (name, folderCount, faiCount) => {
    const source = await openFileSource(sample(name));
    try {
      const store = await PstStore.open(source);
      const folders = await store.folders();
      let fai = 0;
      for (const folder of folders) fai += (await store.associatedItems(folder.nid)).length;
      expect(folders).toHaveLength(folderCount);
      expect(fai).toBe(faiCount);
    } finally {
      await source.close();
    }
  });

  it('lists the Inbox FAI of the PST: an RSS rule and the message manager', async () => {
    const source = await openFileSource(sample(PST));
    try {
      const store = await PstStore.open(source);
      const inbox = (await store.findInbox())!;
      const items = await store.associatedItems(inbox.nid);
      expect(items.map((i) => i.messageClass).sort()).toEqual([
        'IPM.Configuration.RssRule',
        'IPM.MessageManager',
      ]);
    } finally {
      await source.close();
    }
  });
});

describe('the size limit on attachment data', () => {
  it('is a ContainerLimitError, which a scan notes instead of failing (not damage)', async () => {
    const source = await openFileSource(sample('aspose-net_Chunks_Test_part1_no-fai.pst'));
    try {
      const store = await PstStore.open(source);
      let largest: { size: number; read: (limit?: number) => Promise<Uint8Array | null> } | null =
        null;
      for (const folder of await store.folders()) {
        for (const item of await store.contentsItems(folder.nid)) {
          for (const attachment of (await store.message(item.nid)).attachments) {
            if (!attachment.hasBinaryData) continue;
            const size = (await attachment.data())!.length;
            if (largest === null || size > largest.size) {
              largest = { size, read: (limit) => attachment.data(limit) };
            }
          }
        }
      }
      // Over one block, so the data tree's declared size is checked before any data is read.
      expect(largest!.size).toBeGreaterThan(8176);
      const error = await largest!.read(largest!.size - 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContainerLimitError);
      expect((error as Error).message).toMatch(
        new RegExp(`${largest!.size} bytes, over the ${largest!.size - 1}-byte limit`),
      );
      expect(await largest!.read(largest!.size)).toHaveLength(largest!.size);
    } finally {
      await source.close();
    }
  });
});

describe('the corrupt sample', () => {
  it('is refused with the checksum libpff also reports, at byte 4', async () => {
    const error = await scanFile(sample(CORRUPT)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContainerError);
    expect((error as ContainerError).offset).toBe(4);
    // libpff: "mismatch in file header checksum ( 1112305074 != 878840917 )".
    expect((error as Error).message).toBe(
      "the store's header is damaged: partial checksum mismatch (stored 0x424c6db2, computed " +
        '0x34620c55); refusing to read it (at byte 4 (0x4))',
    );
  });
});

describe('read-only', () => {
  it('leaves every sample byte for byte as the README lists it', async () => {
    for (const name of [PST, OST]) await scanFile(sample(name), { allFolders: true });
    expect(await sha256(sample(PST))).toBe(
      '3f2449796185b141b15b7d15b0f33aecbe7bb10703bdae95ba7aa83dba3b34b9',
    );
    expect(await sha256(sample(OST))).toBe(
      '5ff8bc133935a03fad8241f271a604e1cc41e36640d6538d6bcc9bd39e6d9866',
    );
  });
});
