/**
 * `npm run bench`: codec throughput on generated histories of 1,000 / 10,000 / 65,535 tags.
 * Target (issue 2): 65,535 tags parsed, every UID decoded and every diagnostic computed in
 * under 20 ms median, with memory under 3x the input beyond the input. The baseline, run in
 * the same process on the same bytes, is merely finding every NUL: ratios against it cancel
 * out most of the noise of a shared 2-core machine.
 */
import { parse } from '../shared/codec/parse.js';
import { serialize } from '../shared/codec/serialize.js';
import { applyEdits } from '../shared/codec/edit.js';
import { generateHistory } from './generate-history.js';
import { UidlHistory } from './kaitai/uidl-history.js';
import { medianMs } from './measure.js';

function findEveryNul(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(0, 4); i !== -1; i = bytes.indexOf(0, i + 1)) count++;
  return count;
}

const latin1 = new TextDecoder('latin1');

/** The floor: every NUL found and one string made of all the bytes. */
function nulsAndOneString(bytes: Uint8Array): number {
  return findEveryNul(bytes) + latin1.decode(bytes).length;
}

/** The Kaitai Struct reference parser (bench/kaitai/): every tag's fields as strings. */
function kaitaiParse(bytes: Uint8Array): number {
  let total = 0;
  for (const tag of UidlHistory.fromBytes(bytes).tags) total += tag.uid.length;
  return total;
}

/** Parses, then decodes every UID to its string, so nothing is left for later. */
function parseAndDecode(bytes: Uint8Array): number {
  const doc = parse(bytes);
  let total = doc.diagnostics.length;
  for (const uid of doc.uidList()) total += uid.length;
  return total;
}

/** Heap and array-buffer bytes the parsed document keeps, without and with every UID decoded. */
function retainedBytes(bytes: Uint8Array, decodeUids: boolean): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return Number.NaN;
  const used = (): number => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  gc();
  const before = used();
  const doc = parse(bytes);
  if (decodeUids) doc.uidList();
  gc();
  const after = used();
  if (doc.entryCount < 0) console.log('unreachable');
  return after - before;
}

const format = (value: number, digits = 1): string => value.toFixed(digits);
const rows: string[][] = [];
for (const tags of [1_000, 10_000, 65_535]) {
  const bytes = generateHistory(tags);
  const megabytes = bytes.length / 1e6;
  const runs = tags > 10_000 ? 31 : 101;
  const baseline = medianMs(() => findEveryNul(bytes), runs);
  const parseMs = medianMs(() => parse(bytes), runs);
  const decodeMs = medianMs(() => parseAndDecode(bytes), runs);
  const floorMs = medianMs(() => nulsAndOneString(bytes), runs);
  const kaitaiMs = medianMs(() => kaitaiParse(bytes), runs);
  const doc = parse(bytes);
  const serializeMs = medianMs(() => serialize(doc), runs);
  const memory = Math.max(...[1, 2, 3].map(() => retainedBytes(bytes, false)));
  const memoryWithUids = Math.max(...[1, 2, 3].map(() => retainedBytes(bytes, true)));
  rows.push([
    tags.toLocaleString('en-US'),
    format(megabytes, 2),
    format(baseline, 2),
    format(parseMs, 2),
    format(decodeMs, 2),
    format(serializeMs, 2),
    format(megabytes / (decodeMs / 1000), 0),
    format(tags / (decodeMs / 1000) / 1e6, 2),
    format(decodeMs / baseline, 1),
    format(floorMs, 2),
    format(kaitaiMs, 2),
    format(kaitaiMs / decodeMs, 1),
    format(decodeMs / floorMs, 1),
    Number.isNaN(memory) ? 'n/a (run with --expose-gc)' : format(memory / bytes.length, 2),
    Number.isNaN(memoryWithUids) ? 'n/a' : format(memoryWithUids / bytes.length, 2),
  ]);
}

const header = [
  'tags',
  'MB',
  'find NULs ms',
  'parse ms',
  'parse+decode ms',
  'serialize ms',
  'MB/s',
  'M tags/s',
  'x NUL scan',
  'floor ms',
  'Kaitai ms',
  'Kaitai / ours',
  'ours / floor',
  'memory / input',
  'with UIDs / input',
];
console.log(`Node ${process.version}, medians (31-101 runs after warm-up)\n`);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
const largest = rows[rows.length - 1]!;
const large = parse(generateHistory(65_535));
const editMs = medianMs(() =>
  applyEdits(large, [{ kind: 'update', index: 30_000, fields: { uid: 'edited-uid' } }]),
);
console.log(
  `\none-tag edit of the 65,535-tag history (splice + re-parse): ${format(editMs, 2)} ms median`,
);
console.log(
  `target: 65,535 tags parse+decode < 20 ms median: ${Number(largest[4]) < 20 ? 'met' : 'NOT met'} (${largest[4]} ms)`,
);
