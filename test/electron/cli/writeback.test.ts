/** `uidl-studio writeback SOURCE.msg BLOB -o OUT.msg`: a repaired copy, never in place. */
import { readFile, truncate } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readMsg } from '../../../electron/containers/msg/msg-file.js';
import { buildBlob, CLEAN_TAGS, EXAMPLE_TAG } from '../../fixtures/blobs.js';
import { buildMsg } from '../containers/msg-fixtures.js';
import { expectOneErrorLine, runCli, useScratchFolder } from './helpers.js';

const oldBlob = buildBlob(CLEAN_TAGS);
const newBlob = buildBlob([EXAMPLE_TAG]);
const source = buildMsg({
  messageClass: 'IPM.MessageManager',
  attachments: [
    { longFilename: 'BlobPOPa@example.com', data: oldBlob, attachSize: 400 },
    { longFilename: 'BlobPOPb@example.com', data: oldBlob, attachSize: 400 },
  ],
});

describe('uidl-studio writeback', () => {
  const scratch = useScratchFolder();

  it('writes a copy with the account attachment replaced, and leaves the source alone', async () => {
    const msg = await scratch.write('in.msg', source);
    const blob = await scratch.write('fixed.hex', Buffer.from(newBlob).toString('hex'));
    const out = scratch.path('out.msg');
    const result = await runCli(['writeback', msg, blob, '-o', out, '--account', 'b@example.com']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `^Wrote '.*out\\.msg' \\(.*\\): attachment #2 "BlobPOPb@example.com" data ${oldBlob.length} -> ` +
          `${newBlob.length} bytes, PR_ATTACH_SIZE 400 -> ${400 + newBlob.length - oldBlob.length}\\.\\n$`,
      ),
    );
    const written = readMsg(new Uint8Array(await readFile(out)));
    expect(written.attachments.map((a) => a.data)).toEqual([oldBlob, newBlob]);
    expect(new Uint8Array(await readFile(msg))).toEqual(source);
  });

  it('reads the BLOB from another container (STORE#<account>)', async () => {
    const msg = await scratch.write('in.msg', source);
    const donor = await scratch.write(
      'donor.msg',
      buildMsg({
        messageClass: 'IPM.MessageManager',
        attachments: [{ longFilename: 'BlobPOPx@example.com', data: newBlob }],
      }),
    );
    const out = scratch.path('out.msg');
    const result = await runCli([
      'writeback',
      msg,
      `${donor}#x@example.com`,
      '-o',
      out,
      '--attachment',
      '1',
    ]);
    expect(result.code).toBe(0);
    expect(readMsg(new Uint8Array(await readFile(out))).attachments[0]!.data).toEqual(newBlob);
  });

  it('keeps an existing OUT as OUT.bak', async () => {
    const msg = await scratch.write('in.msg', source);
    const blob = await scratch.write('fixed.bin', newBlob);
    const out = await scratch.write('out.msg', 'previous');
    const result = await runCli(['writeback', msg, blob, '-o', out, '--account', 'a@example.com']);
    expect(result.code).toBe(0);
    expect(await readFile(`${out}.bak`, 'utf8')).toBe('previous');
  });

  it('never writes in place, and needs a choice among several histories', async () => {
    const msg = await scratch.write('in.msg', source);
    const blob = await scratch.write('fixed.bin', newBlob);
    const inPlace = await runCli(['writeback', msg, blob, '-o', msg, '--account', 'a@example.com']);
    expect(inPlace.code).toBe(2);
    expect(expectOneErrorLine(inPlace.stderr)).toBe(
      `uidl-studio: refusing to write back into '${msg}' itself; -o must name a new copy`,
    );
    const ambiguous = await runCli(['writeback', msg, blob, '-o', scratch.path('o.msg')]);
    expect(expectOneErrorLine(ambiguous.stderr)).toBe(
      `uidl-studio: ${msg}: the .msg holds 2 histories (a@example.com, b@example.com); choose one with --account`,
    );
    const both = await runCli([
      'writeback',
      msg,
      blob,
      '-o',
      scratch.path('o.msg'),
      '--account',
      'a',
      '--attachment',
      '1',
    ]);
    expect(expectOneErrorLine(both.stderr)).toBe(
      'uidl-studio: give --account or --attachment, not both',
    );
    expect(new Uint8Array(await readFile(msg))).toEqual(source);
  });

  it('never replaces the source with the backup of an existing OUT (SOURCE is OUT.bak)', async () => {
    const msg = await scratch.write('case.msg.bak', source);
    const blob = await scratch.write('fixed.bin', newBlob);
    const out = await scratch.write('case.msg', 'an older copy');
    const result = await runCli(['writeback', msg, blob, '-o', out, '--account', 'a@example.com']);
    expect(result.code).toBe(0);
    // The older copy is kept under the next free backup name, never over the source.
    expect(result.stdout).toContain(`the previous file is kept as '${out}.1.bak'`);
    expect(new Uint8Array(await readFile(msg))).toEqual(source);
    expect(await readFile(`${out}.1.bak`, 'utf8')).toBe('an older copy');
  });

  it('refuses a source that is not a .msg', async () => {
    const notMsg = await scratch.write('in.msg', oldBlob);
    const blob = await scratch.write('fixed.bin', newBlob);
    const result = await runCli(['writeback', notMsg, blob, '-o', scratch.path('o.msg')]);
    expect(expectOneErrorLine(result.stderr)).toBe(
      `uidl-studio: ${notMsg}: not a .msg file: no Compound File signature (D0 CF 11 E0 A1 B1 1A E1) (at byte 0 (0x0))`,
    );
  });

  it('refuses a .msg over 256 MiB by its size, before reading it', async () => {
    const big = await scratch.write('big.msg', source);
    await truncate(big, 256 * 1024 * 1024 + 1); // sparse: nothing written
    const blob = await scratch.write('fixed.bin', newBlob);
    const result = await runCli(['writeback', big, blob, '-o', scratch.path('o.msg')]);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toBe(
      `uidl-studio: ${big}: the .msg file is 268,435,457 bytes; .msg files over 256 MiB are refused`,
    );
  });
});
