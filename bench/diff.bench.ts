/**
 * `npm run bench` (after the comparison): the diff of two histories (issue 12) and the forensic
 * report of one. The baseline, run in the same process on the same data, is the least a diff
 * can cost: a Set of each side's UIDs and a lookup of every UID in the other's. Ratios against
 * it cancel most of the noise of a shared machine; the sizes show the work is linear.
 */
import { parse } from '../shared/codec/parse.js';
import type { UidlDocument } from '../shared/codec/types.js';
import { diffHistories } from '../shared/diff/diff.js';
import { renderReport } from '../shared/report/render.js';
import { reportHistory } from '../shared/report/report-history.js';
import { generateHistory } from './generate-history.js';
import { medianMs } from './measure.js';

function setDifferenceBaseline(older: UidlDocument, newer: UidlDocument): number {
  const before = new Set(older.uidList());
  const after = new Set(newer.uidList());
  let differing = 0;
  for (const uid of after) if (!before.has(uid)) differing++;
  for (const uid of before) if (!after.has(uid)) differing++;
  return differing;
}

function report(document: UidlDocument): string {
  return renderReport({
    tool: { name: 'UIDL Studio', version: 'bench' },
    examinedAt: '2026-01-01T00:00:00Z',
    input: { path: 'bench.bin', bytes: document.bytes.length, sha256: '0'.repeat(64) },
    container: { kind: 'blob', summary: 'raw' },
    histories: [reportHistory(document, { account: null, attachment: null, location: null })],
    versions: null,
    versionDiffs: [],
  });
}

const runs = 11;
const format = (value: number): string => value.toFixed(1);
console.log(`Node ${process.version}, medians of ${runs} runs after warm-up\n`);
console.log('| measurement | ms | x baseline |');
console.log('|---|---|---|');
for (const count of [16_384, 65_535]) {
  // The same history parsed twice (every UID in both: every entry pair compared), and one of
  // another seed (no UID shared: every UID added or removed).
  const older = parse(generateHistory(count, 1));
  const newer = parse(generateHistory(count, 1));
  const fresh = parse(generateHistory(count >> 1, 2));
  older.uidList();
  newer.uidList();
  fresh.uidList();
  const baselineMs = medianMs(() => setDifferenceBaseline(older, newer), runs);
  const identicalMs = medianMs(() => diffHistories(older, newer), runs);
  const disjointMs = medianMs(() => diffHistories(older, fresh), runs);
  const reportMs = medianMs(() => report(older), 5, 1);
  const size = report(older).length;
  const label = count.toLocaleString('en-US');
  console.log(`| Set difference baseline, ${label} vs ${label} | ${format(baselineMs)} | |`);
  console.log(
    `| diffHistories, ${label} vs the same ${label} (every entry compared) | ${format(identicalMs)} | ${format(identicalMs / baselineMs)} |`,
  );
  console.log(
    `| diffHistories, ${label} vs ${(count >> 1).toLocaleString('en-US')} others (nothing shared) | ${format(disjointMs)} | ${format(disjointMs / baselineMs)} |`,
  );
  console.log(
    `| renderReport, ${label} entries (${(size / 1e6).toFixed(1)} MB of HTML) | ${format(reportMs)} | |`,
  );
}
