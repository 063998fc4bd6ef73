/**
 * Compares a history with a UIDL listing: which UIDs Outlook keeps, which it will download on
 * the next check, which history entries are stale, which are duplicated, and near misses that
 * likely explain a mismatch. Matching is exact on the decoded UID, through Maps keyed by UID,
 * so 65,535 entries against 65,535 messages stays linear.
 */
import type { UidlDocument } from '../codec/types.js';
import { summarizeComparison } from './comparison-summary.js';
import { isLikelyNew, newestSeenPosition } from './likely-new.js';
import { findNearMisses, nearMissPairs, type Sides } from './near-miss.js';
import { quote } from '../wording.js';
import type {
  ComparedUid,
  Comparison,
  ComparisonCounts,
  ListedMessage,
  NearMissCause,
  ParsedListing,
} from './types.js';

export interface CompareOptions {
  /** This history's name, used when the listing is another history (two histories compared). */
  readonly name?: string;
}

const NO_NUMBERS: readonly number[] = Object.freeze([]);

/** The messages by message number (a plain list has none and keeps its order). */
function inMessageOrder(messages: readonly ListedMessage[]): readonly ListedMessage[] {
  let sorted = true;
  for (let i = 1; i < messages.length && sorted; i++) {
    const previous = messages[i - 1]!.number;
    const current = messages[i]!.number;
    if (previous !== null && current !== null && current < previous) sorted = false;
  }
  if (sorted) return messages;
  return [...messages].sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
}

function sidesFor(listing: ParsedListing, name: string | undefined): Sides {
  if (listing.shape !== 'history') {
    return {
      other: 'the server',
      history: 'the history',
      onOther: 'on the server',
      inHistory: 'in the history',
    };
  }
  const other = listing.name !== undefined ? quote(listing.name) : 'the other history';
  const history = name !== undefined ? quote(name) : 'this history';
  return { other, history, onOther: `in ${other}`, inHistory: `in ${history}` };
}

export function compareHistory(
  document: UidlDocument,
  listing: ParsedListing,
  options: CompareOptions = {},
): Comparison {
  const historyUids = document.uidList();
  const messages = inMessageOrder(listing.messages);
  // One slot per distinct UID of either side, found through one Map; everything else about a
  // UID sits in arrays indexed by its slot. Map operations are what a compare of 65,535 UIDs
  // spends its time on, so each UID costs as few as possible (two per history UID, one per
  // server message), and no Map is built per class.
  const slotOf = new Map<string, number>();
  const slotUids: string[] = [];
  const capacity = historyUids.length + messages.length;
  /** First history entry of the slot's UID, or -1 when the history lacks it. */
  const firstEntry = new Int32Array(capacity).fill(-1);
  /** Every entry, for the few UIDs the history holds more than once. */
  const repeated = new Map<number, number[]>();
  for (let index = 0; index < historyUids.length; index++) {
    const uid = historyUids[index]!;
    const slot = slotOf.get(uid);
    if (slot === undefined) {
      firstEntry[slotUids.length] = index;
      slotOf.set(uid, slotUids.length);
      slotUids.push(uid);
    } else {
      const group = repeated.get(slot);
      if (group) group.push(index);
      else repeated.set(slot, [firstEntry[slot]!, index]);
    }
  }
  // History UIDs hold slots 0..historySlots-1, in the order of their first entries.
  const historySlots = slotUids.length;

  /** Position of the slot's UID in server order, or -1 when the server does not list it. */
  const serverRank = new Int32Array(capacity).fill(-1);
  const serverSlots: number[] = [];
  const serverNumbers: number[][] = [];
  // Where each server UID is first and last listed: its message numbers, or its 1-based
  // position in a plain list of UIDs, which has none. Decides likely new mail (likely-new.ts).
  const firstListed: number[] = [];
  const lastListed: number[] = [];
  for (let position = 1; position <= messages.length; position++) {
    const message = messages[position - 1]!;
    const listed = message.number ?? position;
    let slot = slotOf.get(message.uid);
    if (slot === undefined) {
      slot = slotUids.length;
      slotOf.set(message.uid, slot);
      slotUids.push(message.uid);
    }
    const rank = serverRank[slot]!;
    if (rank < 0) {
      serverRank[slot] = serverSlots.length;
      serverSlots.push(slot);
      // A literal of the right size: `[]` then push would reserve room for 16 numbers.
      serverNumbers.push(message.number === null ? [] : [message.number]);
      firstListed.push(listed);
      lastListed.push(listed);
    } else {
      if (message.number !== null) serverNumbers[rank]!.push(message.number);
      firstListed[rank] = Math.min(firstListed[rank]!, listed);
      lastListed[rank] = Math.max(lastListed[rank]!, listed);
    }
  }

  const willDownload: string[] = [];
  for (const slot of serverSlots) if (firstEntry[slot]! < 0) willDownload.push(slotUids[slot]!);
  const stale: string[] = [];
  for (let slot = 0; slot < historySlots; slot++) {
    if (serverRank[slot]! < 0) stale.push(slotUids[slot]!);
  }

  const sides = sidesFor(listing, options.name);
  const nearMisses = findNearMisses(willDownload, stale, sides);
  const entriesOf = (slot: number): readonly number[] => {
    const first = firstEntry[slot]!;
    return first < 0 ? NO_NUMBERS : (repeated.get(slot) ?? [first]);
  };

  const newestSeen = newestSeenPosition(
    serverSlots.map((slot) => firstEntry[slot]! >= 0),
    lastListed,
  );
  // Another history is not a server: nothing it holds is mail the server has just received.
  const newMailPossible = listing.shape !== 'history';
  let likelyNewCount = 0;
  const uids: ComparedUid[] = [];
  for (let rank = 0; rank < serverSlots.length; rank++) {
    const slot = serverSlots[rank]!;
    const uid = slotUids[slot]!;
    const historyEntries = entriesOf(slot);
    const kept = historyEntries.length > 0;
    const nearMiss = kept ? null : (nearMisses.get(uid) ?? null);
    const likelyNew =
      !kept && newMailPossible && isLikelyNew(firstListed[rank]!, newestSeen, nearMiss !== null);
    if (likelyNew) likelyNewCount++;
    uids.push({
      uid,
      uidClass: kept ? 'kept' : 'will-download',
      messageNumbers: serverNumbers[rank]!,
      historyEntries,
      duplicateInHistory: historyEntries.length > 1,
      nearMiss,
      likelyNew,
    });
  }
  let staleEntries = 0;
  for (let slot = 0; slot < historySlots; slot++) {
    if (serverRank[slot]! >= 0) continue;
    const uid = slotUids[slot]!;
    const historyEntries = entriesOf(slot);
    staleEntries += historyEntries.length;
    uids.push({
      uid,
      uidClass: 'stale',
      messageNumbers: NO_NUMBERS,
      historyEntries,
      duplicateInHistory: historyEntries.length > 1,
      nearMiss: nearMisses.get(uid) ?? null,
      likelyNew: false,
    });
  }

  const willDownloadNearMisses: Record<NearMissCause, number> = {
    case: 0,
    escaping: 0,
    whitespace: 0,
  };
  for (const uid of willDownload) {
    const nearMiss = nearMisses.get(uid);
    if (nearMiss) willDownloadNearMisses[nearMiss.cause]++;
  }
  const counts: ComparisonCounts = {
    serverMessages: listing.messages.length,
    historyEntries: document.entryCount,
    kept: serverSlots.length - willDownload.length,
    willDownload: willDownload.length,
    likelyNew: likelyNewCount,
    stale: stale.length,
    duplicatedInHistory: repeated.size,
    nearMisses: nearMissPairs(uids).length,
  };
  return {
    uids,
    counts,
    newestSeen,
    summary: summarizeComparison({
      counts,
      staleEntries,
      willDownloadNearMisses,
      twoHistories: listing.shape === 'history',
      sides,
    }),
  };
}
