/**
 * `npm run bench` (after the codec): comparing a history with a server listing. Target
 * (issue 6): 65,535 entries against a 65,535-message listing well under 100 ms median. The
 * baselines, run in the same process on the same data, are the least such work can cost:
 * building a Set of the history's UIDs and looking every server UID up in it, and splitting
 * the listing into lines and each line at its space. Ratios against them cancel out most of
 * the noise of a shared machine.
 */
import { parse } from '../shared/codec/parse.js';
import { compareHistory } from '../shared/compare/compare.js';
import { parseListing } from '../shared/listing/parse-listing.js';
import { generateHistory } from './generate-history.js';
import { medianMs } from './measure.js';

const COUNT = 65_535;
const bytes = generateHistory(COUNT);
const document = parse(bytes);
const historyUids = document.uidList();

/**
 * The server's view of the same mailbox: most UIDs kept, every 97th message new, every 101st
 * with its UID upper-cased (case near misses), so every class and near misses occur.
 */
function serverUids(): string[] {
  return historyUids.map((uid, i) =>
    i % 97 === 0 ? `new-${i}` : i % 101 === 0 ? uid.toUpperCase() : uid,
  );
}

/** Nothing in common: every UID will download and every entry is stale (the near-miss worst case). */
const disjointUids = historyUids.map((uid) => `X${uid.toLowerCase()}`);

const responseText = (uids: readonly string[]): string =>
  `+OK ${uids.length} messages\r\n${uids.map((uid, i) => `${i + 1} ${uid}\r\n`).join('')}.\r\n`;

/** The least a listing parser does: split the text into lines and each line at its space. */
function splitBaseline(text: string): number {
  let fields = 0;
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space >= 0 && line.slice(space + 1).length > 0) fields++;
  }
  return fields;
}

function setLookupBaseline(uids: readonly string[]): number {
  const known = new Set(historyUids);
  let found = 0;
  for (const uid of uids) if (known.has(uid)) found++;
  return found;
}

const mixedText = responseText(serverUids());
const disjointText = responseText(disjointUids);
const mixed = parseListing(mixedText);
const disjoint = parseListing(disjointText);

const runs = 31;
const splitMs = medianMs(() => splitBaseline(mixedText), runs);
const parseListingMs = medianMs(() => parseListing(mixedText), runs);
const setMs = medianMs(() => setLookupBaseline(mixed.messages.map((m) => m.uid)), runs);
// The document keeps its decoded UIDs once asked, as the workspace's does.
const compareMs = medianMs(() => compareHistory(document, mixed), runs);
const disjointMs = medianMs(() => compareHistory(document, disjoint), runs);
// From the BLOB's bytes and the listing's text, nothing decoded beforehand: the CLI's path.
const endToEndMs = medianMs(() => compareHistory(parse(bytes), parseListing(mixedText)), runs);

const sample = compareHistory(document, mixed).counts;
const format = (value: number): string => value.toFixed(2);
const rows: [string, number, number | null][] = [
  ['split 65,535 lines, and each at its space (baseline)', splitMs, null],
  ['parseListing, 65,535-line UIDL response', parseListingMs, splitMs],
  ['Set of 65,535 UIDs + 65,535 lookups (baseline)', setMs, null],
  ['compareHistory, 65,535 vs 65,535 (mixed)', compareMs, setMs],
  ['compareHistory, 65,535 vs 65,535 (disjoint: all near-miss work)', disjointMs, setMs],
  ['parse BLOB + parseListing + compareHistory', endToEndMs, setMs],
];

console.log(`Node ${process.version}, medians of ${runs} runs after warm-up\n`);
console.log(
  `mixed listing: kept ${sample.kept}, will download ${sample.willDownload}, stale ` +
    `${sample.stale}, near misses ${sample.nearMisses}\n`,
);
console.log('| measurement | ms | x baseline |');
console.log('|---|---|---|');
for (const [name, ms, baseline] of rows) {
  console.log(`| ${name} | ${format(ms)} | ${baseline === null ? '' : format(ms / baseline)} |`);
}
const worst = Math.max(compareMs, disjointMs);
console.log(
  `\ntarget: 65,535 vs 65,535 compared in < 100 ms median: ${worst < 100 ? 'met' : 'NOT met'} ` +
    `(${format(worst)} ms, the slower of mixed and disjoint)`,
);
