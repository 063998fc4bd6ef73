/** `uidl-studio scan`, and `STORE#<account>` / `STORE#<n>` as the input of the other commands. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildBlob, CLEAN_TAGS, problemBlob } from '../../fixtures/blobs.js';
import { buildMsg, sample } from '../containers/msg-fixtures.js';
import { expectOneErrorLine, runCli, useScratchFolder } from './helpers.js';

const PST = sample('aspose-net_source_msgmanager-no-blob.pst');
const OST = sample('aspose-net_SampleOstFile_msgmanager-no-blob.ost');
const CORRUPT = sample('aspose-net_AddingBulkMessages_bad-header-crc.pst');

const clean = buildBlob(CLEAN_TAGS);
const twoHistories = buildMsg({
  messageClass: 'IPM.MessageManager',
  subject: 'Outlook Message Manager (Outlook) (KEY: 00)',
  attachments: [
    { longFilename: 'BlobPOPa@example.com', data: clean },
    { displayName: 'BlobPOPb@example.com', data: problemBlob() },
  ],
});
const oneHistory = buildMsg({
  messageClass: 'IPM.MessageManager',
  attachments: [{ filename: 'BlobPOPonly@example.com', data: clean }],
});

describe('uidl-studio scan', () => {
  const scratch = useScratchFolder();

  it('prints the PST message manager: folder, subject, keys and the no-history status', async () => {
    const result = await runCli(['scan', PST]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines).toContain(
      'Inbox: Top of Personal Folders/Inbox (found by the receive folder table)',
    );
    expect(lines).toContain('IPM.MessageManager in Top of Personal Folders/Inbox (node 0x1000c8)');
    expect(lines).toContain(
      '  subject: "Outlook Message Manager (Outlook) (KEY: 77A132798936C64BA13C628E8F64C7C2)"',
    );
    expect(lines).toContain('  conversation key: 77A132798936C64BA13C628E8F64C7C2');
    expect(lines).toContain('  attachments: 0');
    expect(lines).toContain('Summary: message manager present, no POP3 account history attached');
  });

  it('--json gives the report as data', async () => {
    const result = await runCli(['scan', OST, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown> & {
      messages: { conversationKey: string; folderPath: string[] }[];
    };
    expect(report.schema).toBe('uidl-studio/scan@1');
    expect(report.container).toBe('ost');
    expect(report.messages.map((m) => [m.folderPath.join('/'), m.conversationKey])).toEqual([
      ['Root - Mailbox/IPM_SUBTREE/Inbox', 'F0BD37A12EA1984DA577EAEABBB73BB4'],
    ]);
  });

  it('lists each attachment with its names, rule, account and history', async () => {
    const file = await scratch.write('mm.msg', twoHistories);
    const result = await runCli(['scan', file]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain('  #1  attachment 0: binary');
    expect(lines).toContain(
      '      long filename "BlobPOPa@example.com", filename -, display name -',
    );
    expect(lines).toContain('      rule: PidTagAttachLongFilename (0x3707) = BlobPOP<address>');
    expect(lines).toContain('      account: a@example.com');
    expect(lines).toContain(
      '      history: 3 entries (3 declared), 2011-01-02 03:04:05 UTC to 2013-01-01 00:00:00 UTC',
    );
    expect(lines).toContain('      findings: 0 error(s), 0 warning(s), 0 info');
    expect(lines).toContain('      rule: PidTagDisplayName (0x3001) = BlobPOP<address>');
    expect(lines).toContain('Summary: 2 POP3 account histories');
  });

  it('refuses the corrupt store in one line naming the checksum and the offset', async () => {
    const result = await runCli(['scan', CORRUPT]);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toBe(
      `uidl-studio: ${CORRUPT}: the store's header is damaged: partial checksum mismatch ` +
        '(stored 0x424c6db2, computed 0x34620c55); refusing to read it (at byte 4 (0x4))',
    );
  });

  it('refuses a missing file and a file that is no container', async () => {
    const missing = await runCli(['scan', scratch.path('nope.pst')]);
    expect(missing.code).toBe(2);
    expect(expectOneErrorLine(missing.stderr)).toMatch(
      /cannot read '.*nope\.pst': no such file or directory$/,
    );
    const blob = await scratch.write('h.bin', clean);
    const wrong = await runCli(['scan', blob]);
    expect(wrong.code).toBe(2);
    expect(expectOneErrorLine(wrong.stderr)).toContain('not a PST, OST or .msg file');
  });
});

describe('STORE#<account> and STORE#<n>', () => {
  const scratch = useScratchFolder();

  it('export FILE#<account> gives the attachment bytes', async () => {
    const file = await scratch.write('mm.msg', twoHistories);
    const result = await runCli(['export', `${file}#A@Example.com`, '--format', 'hex']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(Buffer.from(clean).toString('hex').toUpperCase());
  });

  it('validate FILE#<n> checks the n-th attachment', async () => {
    const file = await scratch.write('mm.msg', twoHistories);
    expect((await runCli(['validate', `${file}#1`])).code).toBe(0);
    expect((await runCli(['validate', `${file}#2`])).code).toBe(2);
  });

  it('a container with one history opens it without a selector', async () => {
    const file = await scratch.write('one.msg', oneHistory);
    const result = await runCli(['inspect', file, '--no-table']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('3 declared, 3 found');
  });

  it('a container with several or no histories says which exist', async () => {
    const file = await scratch.write('mm.msg', twoHistories);
    const several = await runCli(['inspect', file]);
    expect(several.code).toBe(2);
    expect(expectOneErrorLine(several.stderr)).toContain(
      "is a MSG file holding 2 POP3 account histories: #1 a@example.com, #2 b@example.com; name one as '",
    );
    const none = await runCli(['inspect', PST]);
    // None: said so, with where else to look, never "name one" of none.
    expect(expectOneErrorLine(none.stderr)).toBe(
      `uidl-studio: '${PST}' is a PST file with no POP3 account history (message manager present, ` +
        `no POP3 account history attached); 'uidl-studio scan ${PST} --all-folders' looks in the ` +
        `other folders, and 'uidl-studio versions ${PST}' for earlier copies left in the file; ` +
        "otherwise the history is in another profile's store",
    );
  });

  it('a selector that matches nothing is refused with the choices', async () => {
    const file = await scratch.write('mm.msg', twoHistories);
    const number = await runCli(['inspect', `${file}#9`]);
    expect(expectOneErrorLine(number.stderr)).toContain(
      'lists 2 attachment(s) (#1 to #2); there is no #9',
    );
    const account = await runCli(['inspect', `${file}#c@example.com`]);
    expect(expectOneErrorLine(account.stderr)).toContain(
      "holds no history for 'c@example.com' (histories: #1 a@example.com, #2 b@example.com)",
    );
    const notContainer = await scratch.write('h.bin', clean);
    const wrong = await runCli(['inspect', `${notContainer}#1`]);
    expect(expectOneErrorLine(wrong.stderr)).toContain(
      "is not a PST, OST or .msg file, so '#1' cannot select a history in it",
    );
  });

  it('an embedded message cannot be read as a BLOB', async () => {
    const result = await runCli(['inspect', `${sample('msgreader_msgInMsg.msg')}#1`]);
    expect(expectOneErrorLine(result.stderr)).toContain(
      "#1' has no binary data to read (it is an embedded message)",
    );
  });

  it('never overwrites the container with an export', async () => {
    const file = await scratch.write('mm.msg', twoHistories);
    const refused = await runCli(['export', `${file}#1`, '--format', 'bin', '-o', file]);
    expect(expectOneErrorLine(refused.stderr)).toContain('refusing to overwrite the input file');
    const forced = await runCli([
      'export',
      `${file}#1`,
      '--format',
      'bin',
      '-o',
      file,
      '--overwrite-input',
    ]);
    expect(expectOneErrorLine(forced.stderr)).toContain(
      '--overwrite-input cannot replace the MSG file',
    );
    expect(new Uint8Array(await readFile(file))).toEqual(twoHistories);
  });
});
