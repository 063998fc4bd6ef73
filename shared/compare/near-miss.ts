/**
 * Near misses: a UID Outlook will download and a stale history UID that are almost the same,
 * which usually means one message whose UID changed form rather than two messages. Only
 * unmatched UIDs are paired (a will-download UID with a stale one), and each gets at most one
 * counterpart, by the first cause that explains it: escaping, whitespace, then letter case.
 */
import { decodeUid } from '../codec/uid.js';
import { HASH_START, KeyIndex, mixHash, type SameKey } from './key-index.js';
import { quote } from '../wording.js';
import type { ComparedUid, NearMiss, NearMissCause } from './types.js';

/** How sentences name the two sides: the server and the history, or two histories. */
export interface Sides {
  /** `the server`, or the other history's quoted name. */
  readonly other: string;
  /** `the history`, or this history's quoted name. */
  readonly history: string;
  /** `on the server` / `in 'B'`. */
  readonly onOther: string;
  /** `in the history` / `in 'A'`. */
  readonly inHistory: string;
}

/** Space, C0 and C1 controls, DEL and no-break space: what a decoded `$20` or `$0d` gives. */
const isWhitespaceOrControl = (code: number): boolean =>
  code <= 0x20 || (code >= 0x7f && code <= 0xa0);

/** ASCII letters to lower case: UIDs are ASCII, and the fold must not depend on a locale. */
const foldCase = (code: number): number => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code);

/** `$` followed by two hex digits: a UID that decoding would change. */
const ESCAPE = /\$[0-9A-Fa-f]{2}/;
const DOLLAR = 0x24;

/** What one pass over one side's UIDs finds. */
interface SideScan {
  /** Hash of each UID with its letters folded to lower case. */
  readonly foldedHashes: Int32Array;
  /** The UIDs holding a `$`, the only ones an escaping difference can concern. */
  readonly withDollar: string[];
  /** Whether any UID holds whitespace or control characters. */
  readonly whitespace: boolean;
}

function scanSide(uids: readonly string[]): SideScan {
  const foldedHashes = new Int32Array(uids.length);
  const withDollar: string[] = [];
  let whitespace = false;
  for (let i = 0; i < uids.length; i++) {
    const uid = uids[i]!;
    let hash = HASH_START;
    let dollar = false;
    for (let j = 0; j < uid.length; j++) {
      const code = uid.charCodeAt(j);
      if (code === DOLLAR) dollar = true;
      else if (isWhitespaceOrControl(code)) whitespace = true;
      hash = mixHash(hash, foldCase(code));
    }
    foldedHashes[i] = hash;
    if (dollar) withDollar.push(uid);
  }
  return { foldedHashes, withDollar, whitespace };
}

/** Hash of each UID without its whitespace and control characters. */
function strippedHashes(uids: readonly string[]): Int32Array {
  const hashes = new Int32Array(uids.length);
  for (let i = 0; i < uids.length; i++) {
    const uid = uids[i]!;
    let hash = HASH_START;
    for (let j = 0; j < uid.length; j++) {
      const code = uid.charCodeAt(j);
      if (!isWhitespaceOrControl(code)) hash = mixHash(hash, code);
    }
    hashes[i] = hash;
  }
  return hashes;
}

const sameIgnoringCase: SameKey = (a, b) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (foldCase(a.charCodeAt(i)) !== foldCase(b.charCodeAt(i))) return false;
  }
  return true;
};

const sameIgnoringWhitespace: SameKey = (a, b) => {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isWhitespaceOrControl(a.charCodeAt(i))) i++;
    while (j < b.length && isWhitespaceOrControl(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a.charCodeAt(i++) !== b.charCodeAt(j++)) return false;
  }
};

/**
 * The near misses of `willDownload` (server UIDs missing from the history) and `stale`
 * (history UIDs missing from the server), by UID. The two lists share no UID.
 */
export function findNearMisses(
  willDownload: readonly string[],
  stale: readonly string[],
  sides: Sides,
): Map<string, NearMiss> {
  const found = new Map<string, NearMiss>();
  if (willDownload.length === 0 || stale.length === 0) return found;
  const note = (
    uid: string,
    cause: NearMissCause,
    counterpart: string,
    explanation: string,
  ): void => {
    if (!found.has(uid)) found.set(uid, { cause, counterpart, explanation });
  };
  const pair = (history: string, server: string, cause: NearMissCause, text: string): void => {
    note(server, cause, history, text);
    note(history, cause, server, text);
  };
  const staleScan = scanSide(stale);
  const willScan = scanSide(willDownload);

  // Escaping. "Escaped twice": the history's decoded UID still holds escapes (an encoded UID
  // pasted where the decoded one belongs, or a tool that escaped an escaped UID). "Not
  // escaped": the server's UID holds `$xx` and the history was written without escaping its
  // `$`, so reading the history decoded it. Only UIDs holding `$xx` can be either.
  const staleEscaped = staleScan.withDollar.filter((uid) => ESCAPE.test(uid));
  if (staleEscaped.length > 0) {
    const willSet = new Set(willDownload);
    for (const history of staleEscaped) {
      const server = decodeUid(history).uid;
      if (!willSet.has(server)) continue;
      pair(
        history,
        server,
        'escaping',
        `${quote(history)} ${sides.inHistory} still holds '$xx' escapes and, decoded once ` +
          `more, is ${quote(server)} ${sides.onOther}: the UID was escaped twice when written.`,
      );
    }
  }
  const willEscaped = willScan.withDollar.filter((uid) => ESCAPE.test(uid));
  if (willEscaped.length > 0) {
    const staleSet = new Set(stale);
    for (const server of willEscaped) {
      const history = decodeUid(server).uid;
      if (!staleSet.has(history)) continue;
      pair(
        history,
        server,
        'escaping',
        `${quote(server)} ${sides.onOther}, read as escaped, is ${quote(history)} ` +
          `${sides.inHistory}: ${sides.history} was written without escaping '$' (Outlook ` +
          `writes '$24'), so its '$xx' was read as an escape.`,
      );
    }
  }

  // Whitespace and letter case: equal once both sides are reduced to a key. Every UID looks
  // for the first one on the other side with its key, so each of several twins finds one.
  const byKey = (
    cause: NearMissCause,
    staleHashes: Int32Array,
    willHashes: Int32Array,
    same: SameKey,
    explain: (history: string, server: string) => string,
  ): void => {
    const staleByKey = new KeyIndex(stale, staleHashes, same);
    const willByKey = new KeyIndex(willDownload, willHashes, same);
    willDownload.forEach((server, i) => {
      const history = staleByKey.find(server, willHashes[i]!);
      if (history !== undefined) note(server, cause, history, explain(history, server));
    });
    stale.forEach((history, i) => {
      const server = willByKey.find(history, staleHashes[i]!);
      if (server !== undefined) note(history, cause, server, explain(history, server));
    });
  };
  if (staleScan.whitespace || willScan.whitespace) {
    byKey(
      'whitespace',
      strippedHashes(stale),
      strippedHashes(willDownload),
      sameIgnoringWhitespace,
      (history, server) =>
        `${quote(history)} ${sides.inHistory} and ${quote(server)} ` +
        `${sides.onOther} differ only in whitespace or control characters.`,
    );
  }
  byKey(
    'case',
    staleScan.foldedHashes,
    willScan.foldedHashes,
    sameIgnoringCase,
    (history, server) =>
      `${quote(server)} ${sides.onOther} and ${quote(history)} ` +
      `${sides.inHistory} differ only in letter case.`,
  );
  return found;
}

/** A will-download UID and a stale UID that nearly match: one near miss, however counted. */
export interface NearMissPair {
  readonly willDownload: string;
  readonly stale: string;
  /** As found from the will-download side when it names this pair, else from the stale side. */
  readonly nearMiss: NearMiss;
}

/**
 * The near misses of a comparison as pairs, each once, in the order of `uids` (both UIDs of a
 * pair usually name each other; a UID with twins on the other side names only the first, and
 * a twin that names it makes a pair of its own). What every count of near misses counts.
 */
export function nearMissPairs(uids: readonly ComparedUid[]): NearMissPair[] {
  const pairs = new Map<string, NearMissPair>();
  for (const compared of uids) {
    const { nearMiss } = compared;
    if (nearMiss === null) continue;
    const fromWillDownload = compared.uidClass === 'will-download';
    const willDownload = fromWillDownload ? compared.uid : nearMiss.counterpart;
    const stale = fromWillDownload ? nearMiss.counterpart : compared.uid;
    // JSON of the two strings: a key no pair of UIDs can share, whatever characters they hold.
    const key = JSON.stringify([willDownload, stale]);
    const known = pairs.get(key);
    if (known === undefined) pairs.set(key, { willDownload, stale, nearMiss });
    else if (fromWillDownload) pairs.set(key, { ...known, nearMiss });
  }
  return [...pairs.values()];
}
