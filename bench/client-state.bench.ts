/**
 * `npm run bench:clients`: other clients' state files at the largest size a history holds,
 * 65,535 messages. The baselines, run in the same process on the same data, are the least the
 * work can cost: splitting the file into lines and each line at its spaces, and parsing the
 * BLOB with all its UIDs decoded. Output must stay linear in input; the ratios show it without
 * a timed test.
 */
import { parse } from '../shared/codec/parse.js';
import { toClientState } from '../shared/export/client-state.js';
import { decodeInput } from '../shared/input/decode.js';
import { generateHistory } from './generate-history.js';
import { medianMs } from './measure.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function popstateOf(count: number): Uint8Array {
  const doc = parse(generateHistory(count));
  return encode(toClientState(doc, 'popstate', { host: 'pop.example.com', user: 'joe' }).text);
}

function splitBaseline(bytes: Uint8Array): number {
  let fields = 0;
  for (const line of new TextDecoder().decode(bytes).split('\n')) fields += line.split(' ').length;
  return fields;
}

function parseBaseline(bytes: Uint8Array): number {
  return parse(bytes).uidList().length;
}

const runs = 15;
const format = (value: number): string => value.toFixed(2);
console.log(`Node ${process.version}, medians of ${runs} runs after warm-up\n`);
console.log(
  '| messages | file MB | split ms | read+convert ms | x split | parse+UIDs ms | parse+write popstate ms | x parse |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const count of [1_000, 10_000, 65_535]) {
  const file = popstateOf(count);
  const blob = decodeInput(file, { format: 'popstate' }).bytes;
  const splitMs = medianMs(() => splitBaseline(file), runs);
  const readMs = medianMs(() => decodeInput(file, { format: 'popstate' }), runs);
  const parseMs = medianMs(() => parseBaseline(blob), runs);
  const writeMs = medianMs(
    () => toClientState(parse(blob), 'popstate', { host: 'h', user: 'u' }),
    runs,
  );
  console.log(
    `| ${count.toLocaleString('en-US')} | ${format(file.length / 1e6)} | ${format(splitMs)} | ` +
      `${format(readMs)} | ${format(readMs / splitMs)} | ${format(parseMs)} | ${format(writeMs)} | ` +
      `${format(writeMs / parseMs)} |`,
  );
}
