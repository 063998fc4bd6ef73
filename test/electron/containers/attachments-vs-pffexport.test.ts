/**
 * No public store holds a real BlobPOP attachment, so the attachment path (message subnodes,
 * attachment table, attachment objects, PR_ATTACH_DATA_BIN in the heap or in subnode data
 * trees) is proven on ordinary messages: every binary attachment the reader extracts from the
 * sample stores must equal, byte for byte, what libpff's pffexport writes.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PstStore } from '../../../electron/containers/pst/store.js';
import { openFileSource } from '../../../electron/containers/source.js';
import { sample } from './msg-fixtures.js';
import { pffexportAttachments, requirePffexport } from './pffexport.js';

interface Extracted {
  readonly folder: string;
  readonly number: number;
  readonly sha256: string;
  readonly size: number;
}

/** Every binary attachment of every ordinary message, read by the scanner's PST reader. */
async function readerAttachments(path: string): Promise<Extracted[]> {
  const source = await openFileSource(path);
  try {
    const store = await PstStore.open(source);
    const found: Extracted[] = [];
    for (const folder of await store.folders()) {
      for (const item of await store.contentsItems(folder.nid)) {
        // pffexport writes no attachments for meeting requests; leave them out on both sides.
        if (item.messageClass?.startsWith('IPM.Schedule.Meeting')) continue;
        const message = await store.message(item.nid);
        for (const attachment of message.attachments) {
          const data = attachment.hasBinaryData
            ? await attachment.data()
            : await attachment.objectData();
          if (data === null) continue;
          found.push({
            folder: folder.path.join('/'),
            number: attachment.index + 1,
            sha256: createHash('sha256').update(data).digest('hex'),
            size: data.length,
          });
        }
      }
    }
    return found;
  } finally {
    await source.close();
  }
}

const key = (a: Extracted): string => `${a.folder}|#${a.number}|${a.size}|${a.sha256}`;

let scratch = '';
beforeAll(async () => {
  requirePffexport();
  scratch = await mkdtemp(join(tmpdir(), 'uidl-pff-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('attachment bytes equal what pffexport extracts', () => {
  // Counts: attachments pffexport writes for each store's messages (binary and OLE objects).
  it.each([
    ['aspose-net_source_msgmanager-no-blob.pst', 30],
    ['aspose-net_Chunks_Test_part1_no-fai.pst', 33],
    ['aspose-net_SampleOstFile_msgmanager-no-blob.ost', 36],
  ])(
    '%s: %i attachments, same folder, number, size and SHA-256',
    async (name, count) => {
      const theirs = await pffexportAttachments(sample(name), join(scratch, name));
      const ours = await readerAttachments(sample(name));
      expect(ours.map(key).sort()).toEqual(theirs.map(key).sort());
      expect(ours).toHaveLength(count);
      // At least one attachment spans several blocks (a subnode data tree), not just the heap.
      expect(Math.max(...ours.map((a) => a.size))).toBeGreaterThan(8176);
    },
    120_000,
  );
});
