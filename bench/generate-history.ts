/**
 * A seeded generator of realistic histories, for benchmarks and large test fixtures: the UID
 * shapes real servers use (GUIDs, Dovecot's %08Xu%08Xv, Gmail-style ids, dotted ids).
 */
import { encodeUid } from '../shared/codec/uid.js';

/** mulberry32: a tiny deterministic PRNG, so every run measures the same bytes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(random: () => number, digits: number, upper = true): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += Math.floor(random() * 16).toString(16);
  return upper ? out.toUpperCase() : out;
}

const UID_SHAPES: ((random: () => number, i: number) => string)[] = [
  (r) => `${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}`,
  (r, i) => `${i.toString(16).padStart(8, '0')}${hex(r, 8, false)}`,
  (r) => `GmailId${hex(r, 16, false)}`,
  (r, i) => `${1_600_000_000 + i}.${hex(r, 6, false)}.mail_${Math.floor(r() * 1000)}@example`,
];

/** `count` tags, one per UID, dated a few minutes apart from 2019-01-01. Returns the BLOB. */
export function generateHistory(count: number, seed = 1): Uint8Array {
  const random = seededRandom(seed);
  const ops = ['+', '+', '+', '+', '&', '-'];
  const contents = ['b', 'b', 'b', 'h', ' '];
  const tags: string[] = [];
  let time = Date.UTC(2019, 0, 1);
  for (let i = 0; i < count; i++) {
    time += Math.floor(random() * 600_000);
    const stamp = new Date(time).toISOString().replace(/[-T:]/g, '').slice(0, 14);
    const uid = UID_SHAPES[i % UID_SHAPES.length]!(random, i);
    tags.push(
      ops[Math.floor(random() * ops.length)]! +
        contents[Math.floor(random() * contents.length)]! +
        stamp +
        encodeUid(uid) +
        '\0',
    );
  }
  const body = tags.join('');
  const out = new Uint8Array(4 + body.length);
  out.set([3, 0, count & 0xff, count >> 8]);
  for (let i = 0; i < body.length; i++) out[4 + i] = body.charCodeAt(i);
  return out;
}
