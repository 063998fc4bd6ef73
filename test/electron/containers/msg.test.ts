/**
 * `.msg` reading: the real samples' attachments, and fixtures built here with cfb that carry
 * BlobPOP histories under each of docs/FORMAT.md's naming rules.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ContainerError } from '../../../electron/containers/errors.js';
import { findAccount, matchHistoryName } from '../../../electron/containers/lookup.js';
import { NO_HISTORY, scanMsgBytes, scanSource } from '../../../electron/containers/scan.js';
import { memorySource } from '../../../electron/containers/source.js';
import { buildBlob, CLEAN_TAGS, problemBlob } from '../../fixtures/blobs.js';
import { buildMsg, sample } from './msg-fixtures.js';

async function scanSample(name: string) {
  return scanMsgBytes(new Uint8Array(await readFile(sample(name))), name).report;
}

const names = (a: {
  longFilename: string | null;
  filename: string | null;
  displayName: string | null;
}) => [a.longFilename, a.filename, a.displayName];

describe('the real .msg samples', () => {
  it('attachmentFiles.msg: an IPM.Note with three binary attachments', async () => {
    const report = await scanSample('msgreader_attachmentFiles.msg');
    const [message] = report.messages;
    expect(message!.messageClass).toBe('IPM.Note');
    expect(message!.subject).toBe('attachmentFiles');
    expect(
      message!.attachments.map((a) => [a.number, a.longFilename, a.kind, a.dataBytes, a.rule]),
    ).toEqual([
      [1, 'jpg.jpg', 'binary', 726, null],
      [2, 'png.png', 'binary', 134, null],
      [3, 'tif.tif', 'binary', 664, null],
    ]);
    expect(report.summary).toBe(
      'a message of class IPM.Note, not IPM.MessageManager, with 3 attachment(s), 3 binary',
    );
  });

  it('test2.msg: one binary attachment, A.txt, 11 bytes', async () => {
    const report = await scanSample('msgreader_test2_A-txt.msg');
    expect(report.messages[0]!.attachments.map((a) => [...names(a), a.dataBytes])).toEqual([
      ['A.txt', 'A.txt', 'A.txt', 11],
    ]);
  });

  it('msgInMsg.msg: an embedded message and green.png (134 bytes)', async () => {
    const report = await scanSample('msgreader_msgInMsg.msg');
    expect(
      report.messages[0]!.attachments.map((a) => [a.kind, a.longFilename, a.dataBytes]),
    ).toEqual([
      ['embedded-message', null, null],
      ['binary', 'green.png', 134],
    ]);
  });

  it('EmbeddedImage1.msg: 7132 bytes with no long filename and no filename', async () => {
    const report = await scanSample('aspose-py_EmbeddedImage1_no-longfilename.msg');
    const [attachment] = report.messages[0]!.attachments;
    expect([
      attachment!.longFilename,
      attachment!.filename,
      attachment!.dataBytes,
      attachment!.kind,
    ]).toEqual([null, null, 7132, 'binary']);
  });
});

describe('BlobPOP histories under each naming rule', () => {
  const clean = buildBlob(CLEAN_TAGS);
  const msg = buildMsg({
    messageClass: 'IPM.MessageManager',
    subject: 'Outlook Message Manager (Outlook) (KEY: 00112233445566778899AABBCCDDEEFF)',
    conversationKey: Uint8Array.from({ length: 16 }, (_, i) => i * 0x11),
    attachments: [
      { longFilename: 'BlobPOPlong@example.com', filename: 'BlobPOP~1', data: clean },
      { filename: 'BlobPOPshort@example.com', data: clean },
      { displayName: 'BlobPOPshown@example.com', data: problemBlob() },
      { filename: 'Blob0012abcd', data: clean },
      { longFilename: 'BlobPOPansi@example.com', ansi: true, data: clean },
      { longFilename: 'notes.txt', filename: 'BlobPOPsecond@example.com', data: clean },
      { longFilename: 'notes.txt', data: clean },
    ],
  });
  const report = scanMsgBytes(msg, 'fixture.msg').report;
  const attachments = report.messages[0]!.attachments;

  it('names the rule and the account of each attachment', () => {
    expect(attachments.map((a) => [a.number, a.rule, a.account, a.miniUid])).toEqual([
      [1, 'long-filename', 'long@example.com', null],
      [2, 'filename', 'short@example.com', null],
      [3, 'display-name', 'shown@example.com', null],
      [4, 'mini-uid', null, '0012abcd'],
      [5, 'long-filename', 'ansi@example.com', null],
      [6, 'filename', 'second@example.com', null],
      [7, null, null, null],
    ]);
  });

  it('decodes each history with the codec', () => {
    expect(attachments[0]!.history).toMatchObject({
      bytes: clean.length,
      version: 3,
      declaredCount: 3,
      entryCount: 3,
      firstTimestamp: '2011-01-02T03:04:05Z',
      lastTimestamp: '2013-01-01T00:00:00Z',
      diagnostics: { error: 0, warning: 0, info: 0 },
    });
    expect(attachments[2]!.history!.diagnostics.error).toBeGreaterThan(0);
    expect(attachments[6]!.history).toBeNull();
  });

  it('reports the message and its histories', () => {
    const message = report.messages[0]!;
    expect(message.messageClass).toBe('IPM.MessageManager');
    expect(message.conversationKey).toBe('00112233445566778899AABBCCDDEEFF');
    expect(message.status).toBe('6 POP3 account histories');
    expect(report.historyCount).toBe(6);
  });

  it('a message manager with no attachment says so', () => {
    const empty = scanMsgBytes(
      buildMsg({ messageClass: 'IPM.MessageManager', attachments: [] }),
      'e.msg',
    );
    expect(empty.report.summary).toBe(NO_HISTORY);
    expect(empty.report.messages[0]!.status).toBe(NO_HISTORY);
  });

  it('gives the attachment bytes by number', () => {
    const result = scanMsgBytes(msg, 'fixture.msg');
    expect(result.attachmentData(3)).toEqual(problemBlob());
    expect(result.attachmentData(99)).toBeNull();
  });
});

describe('lookup rules', () => {
  it('apply in Outlook order across attachments: a long filename beats an earlier display name', () => {
    const list = [
      { longFilename: null, filename: null, displayName: 'BlobPOPa@example.com', id: 1 },
      { longFilename: 'BlobPOPA@Example.com', filename: null, displayName: null, id: 2 },
    ];
    expect(findAccount(list, 'a@example.com')?.id).toBe(2);
    expect(findAccount(list, 'b@example.com')).toBeNull();
  });

  it('find a mini-UID attachment by Blob%.8x or its hex digits', () => {
    const list = [{ longFilename: null, filename: 'Blob0000beef', displayName: null }];
    expect(findAccount(list, 'Blob0000BEEF')).toBe(list[0]);
    expect(findAccount(list, '0000beef')).toBe(list[0]);
  });

  it('need a name after BlobPOP and eight lower-case hex digits after Blob', () => {
    expect(
      matchHistoryName({ longFilename: 'BlobPOP', filename: 'Blob12345678x', displayName: null }),
    ).toBeNull();
    expect(
      matchHistoryName({ longFilename: null, filename: 'Blob1234567', displayName: null }),
    ).toBeNull();
  });
});

describe('not a container', () => {
  it('is refused at byte 0 with what was expected', async () => {
    const error = await scanSource(memorySource(Uint8Array.of(3, 0, 1, 0, 0x2b)), 'x.bin').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContainerError);
    expect((error as Error).message).toBe(
      'not a PST, OST or .msg file: it starts with neither !BDN (PST/OST) nor D0 CF 11 E0 (.msg) (at byte 0 (0x0))',
    );
  });
});
