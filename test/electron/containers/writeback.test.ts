/**
 * Write-back round trips, re-opened with @kenjiuno/msgreader (its own compound-file reader, not
 * the cfb library that wrote the copy): every stream identical but the replaced data and the
 * two size fields of the attachment's property stream.
 */
import msgreader from '@kenjiuno/msgreader';
import { Reader, type CFolder } from '@kenjiuno/msgreader/lib/Reader.js';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ContainerError } from '../../../electron/containers/errors.js';
import { readMsg } from '../../../electron/containers/msg/msg-file.js';
import { writeBackMsg } from '../../../electron/containers/msg/writeback.js';
import { buildBlob, CLEAN_TAGS, EXAMPLE_TAG } from '../../fixtures/blobs.js';
import { buildMsg, sample } from './msg-fixtures.js';

// The package is CommonJS: Vitest hands over its default export, Node's own loader the module.
const MsgReader = ((msgreader as unknown as { default?: unknown }).default ??
  msgreader) as typeof msgreader.default;

const CFB_SIGNATURE_STREAM = '\u0001Sh33tJ5';

/** Every stream of a compound file by path, read with msgreader's reader. */
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

/** The offsets at which two equal-length byte arrays differ. */
function differingOffsets(a: Uint8Array, b: Uint8Array): number[] {
  expect(a.length).toBe(b.length);
  const offsets: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) offsets.push(i);
  return offsets;
}

function propertyValueAt(stream: Uint8Array, tag: number): number {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.length);
  for (let at = 8; at + 16 <= stream.length; at += 16)
    if (view.getUint32(at, true) === tag) return at + 8;
  throw new Error(`no property 0x${tag.toString(16)}`);
}

const newBlob = buildBlob([...CLEAN_TAGS, { ...EXAMPLE_TAG, uid: 'added-after-repair' }]);

describe('write-back into a fixture .msg', () => {
  const oldBlob = buildBlob(CLEAN_TAGS);
  const source = buildMsg({
    messageClass: 'IPM.MessageManager',
    subject: 'Outlook Message Manager (General Key) (KEY: 47656E6572616C204B657900)',
    attachments: [
      { longFilename: 'BlobPOPa@example.com', data: oldBlob, attachSize: 500 },
      { filename: 'BlobPOPb@example.com', data: oldBlob, attachSize: 700 },
    ],
  });
  const sourceCopy = source.slice();
  const result = writeBackMsg(source, newBlob, { account: 'b@example.com' });

  it('replaces only the chosen attachment data and its sizes', () => {
    const before = streams(source);
    const after = streams(result.bytes);
    before.delete(CFB_SIGNATURE_STREAM); // the fixture was written by cfb; the copy drops it
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const data = '__attach_version1.0_#00000001/__substg1.0_37010102';
    const props = '__attach_version1.0_#00000001/__properties_version1.0';
    for (const [path, bytes] of before) {
      if (path === data || path === props) continue;
      expect(after.get(path), path).toEqual(bytes);
    }
    expect(after.get(data)).toEqual(newBlob);
    const oldProps = before.get(props)!;
    const newProps = after.get(props)!;
    const sizeAt = propertyValueAt(oldProps, 0x0e200003);
    const lengthAt = propertyValueAt(oldProps, 0x37010102);
    // Only the low bytes of the two values may differ.
    for (const offset of differingOffsets(oldProps, newProps)) {
      expect([sizeAt, sizeAt + 1, lengthAt, lengthAt + 1]).toContain(offset);
    }
    const view = new DataView(newProps.buffer, newProps.byteOffset, newProps.length);
    expect(view.getUint32(lengthAt, true)).toBe(newBlob.length);
    expect(view.getUint32(sizeAt, true)).toBe(700 + newBlob.length - oldBlob.length);
    expect(result.attachSize).toEqual({
      before: 700,
      after: 700 + newBlob.length - oldBlob.length,
    });
  });

  it('reads back through MsgReader as the new BLOB under the same name', () => {
    const reader = new MsgReader(new Uint8Array(result.bytes).buffer);
    const data = reader.getFileData();
    expect(data.attachments).toHaveLength(2);
    expect(Uint8Array.from(reader.getAttachment(1).content)).toEqual(newBlob);
    expect(Uint8Array.from(reader.getAttachment(0).content)).toEqual(oldBlob);
    expect(readMsg(result.bytes).attachments[1]!.filename).toBe('BlobPOPb@example.com');
  });

  it('never touches the source bytes', () => {
    expect(source).toEqual(sourceCopy);
  });

  it('needs a choice when there are several histories, and names them', () => {
    expect(() => writeBackMsg(source, newBlob)).toThrow(
      new ContainerError(
        'the .msg holds 2 histories (a@example.com, b@example.com); choose one with --account',
      ),
    );
    expect(() => writeBackMsg(source, newBlob, { account: 'c@example.com' })).toThrow(
      /no attachment holds the history of 'c@example.com'/,
    );
    expect(() => writeBackMsg(source, newBlob, { attachment: 3 })).toThrow(
      'the .msg has 2 attachment(s); there is no #3',
    );
  });
});

describe('write-back into a real .msg (written by Outlook, not by cfb)', () => {
  it('keeps every other stream of msgreader_attachmentFiles.msg byte for byte', async () => {
    const source = new Uint8Array(await readFile(sample('msgreader_attachmentFiles.msg')));
    const result = writeBackMsg(source, newBlob, { attachment: 2 });
    const before = streams(source);
    const after = streams(result.bytes);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...before].filter(([path, bytes]) => {
      const other = after.get(path)!;
      return other.length !== bytes.length || other.some((b, i) => b !== bytes[i]);
    });
    expect(changed.map(([path]) => path).sort()).toEqual([
      '__attach_version1.0_#00000001/__properties_version1.0',
      '__attach_version1.0_#00000001/__substg1.0_37010102',
    ]);
    expect(after.get('__attach_version1.0_#00000001/__substg1.0_37010102')).toEqual(newBlob);
    expect(result.previousBytes).toBe(134);
    const reader = new MsgReader(new Uint8Array(result.bytes).buffer);
    reader.getFileData();
    expect(Uint8Array.from(reader.getAttachment(1).content)).toEqual(newBlob);
    expect(reader.getAttachment(1).fileName).toBe('png.png');
  });

  it('refuses an attachment without binary data', async () => {
    const source = new Uint8Array(await readFile(sample('msgreader_msgInMsg.msg')));
    expect(() => writeBackMsg(source, newBlob, { attachment: 1 })).toThrow(
      'attachment #1 has no binary data stream to replace',
    );
  });
});
