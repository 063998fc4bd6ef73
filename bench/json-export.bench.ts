/**
 * `npm run bench` (third part): the JSON export (history-export@3) of 65,535 copies of one
 * tag, the worst case for its size, since every copy carries a uid.duplicate finding. Target
 * (issue 14): under 30 MB and under 2 s. The baseline, run in the same process on the same
 * document, is JSON.stringify of its decoded UIDs alone: the least any JSON of it can cost.
 */
import { parse } from '../shared/codec/parse.js';
import { toJson } from '../shared/export/json.js';
import { medianMs } from './measure.js';

const COPIES = 65_535;

/** A BLOB of `COPIES` copies of the tag `+b<time><uid>` and its NUL. */
function copiesOf(encodedUid: string): Uint8Array {
  const tag = `+b20240101120000${encodedUid}\0`;
  const out = new Uint8Array(4 + tag.length * COPIES);
  out.set([3, 0, COPIES & 0xff, COPIES >> 8]);
  for (let i = 0; i < tag.length; i++) out[4 + i] = tag.charCodeAt(i);
  for (let copy = 1; copy < COPIES; copy++)
    out.copyWithin(4 + copy * tag.length, 4, 4 + tag.length);
  return out;
}

const cases = [
  ['16-character UID', 'ABCDEF0123456789'],
  ['GUID with 4 escapes', '0BC535DB$2dEA63$2d11E1$2dA75C$2d00215AD7BB74'],
] as const;
const options = { inputSha256: '0'.repeat(64), inputFormat: 'raw' } as const;

console.log(
  `\nJSON export of ${COPIES.toLocaleString('en-US')} copies of one tag, medians of 7 runs:\n`,
);
console.log('| tag | JSON bytes | MB | toJson ms | baseline ms | x baseline | target |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, uid] of cases) {
  const document = parse(copiesOf(uid));
  const uids = document.uidList();
  const size = toJson(document, options).length;
  const baselineMs = medianMs(() => JSON.stringify(uids), 7, 1);
  const exportMs = medianMs(() => toJson(document, options), 7, 1);
  const met = size < 30_000_000 && exportMs < 2_000 ? 'met' : 'NOT met';
  console.log(
    `| ${name} | ${size.toLocaleString('en-US')} | ${(size / 1e6).toFixed(1)} | ${exportMs.toFixed(0)} | ` +
      `${baselineMs.toFixed(1)} | ${(exportMs / baselineMs).toFixed(0)} | < 30 MB, < 2 s: ${met} |`,
  );
}
