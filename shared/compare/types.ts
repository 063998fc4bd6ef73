/**
 * The server side of a comparison and its result: what a UIDL listing holds, and how each UID
 * stands against a history ("which messages will Outlook download again, and why?").
 * Shared by the CLI's `compare`, the desktop app's live check and the workspace's Compare view.
 */

/**
 * Where a listing came from, as recognised from its text, or given: the live check, or another
 * history whose UIDs stand in for the server's (comparing two histories).
 */
export type ListingShape =
  'uidl-response' | 'pop3-transcript' | 'uid-list' | 'live-check' | 'history';

/** One message the server lists: `<msg-number> <uid>`; a plain UID list has no numbers. */
export interface ListedMessage {
  /** RFC 1939 message number; null for a plain list of UIDs. */
  readonly number: number | null;
  /** The UID exactly as the server sent it (1–70 characters, 0x21–0x7E when well formed). */
  readonly uid: string;
  /** 1-based line of the listing text it came from (0 for a live check). */
  readonly line: number;
}

/** A line that could not be read as a listed message; the rest of the listing is kept. */
export interface ListingProblem {
  /** 1-based line number in the pasted or loaded text. */
  readonly line: number;
  /** The line's text (shortened when very long), for the message. */
  readonly text: string;
  /** What is wrong, for the user: "line 12: message number 'x1' is not a number". */
  readonly message: string;
  /** Warnings keep the line's UID (e.g. a UID with characters outside 0x21–0x7E). */
  readonly severity: 'error' | 'warning';
}

export interface ParsedListing {
  readonly shape: ListingShape;
  /** Why the text was read as this shape, in one sentence. */
  readonly reason: string;
  readonly messages: readonly ListedMessage[];
  readonly problems: readonly ListingProblem[];
  /** The multi-line response's terminating `.` was seen (always true for a plain list). */
  readonly complete: boolean;
  /**
   * What the listing is called in sentences, when known: the other history's name for shape
   * `history` (the comparison then speaks of two histories, not of a server).
   */
  readonly name?: string;
}

/**
 * How one UID stands:
 * - `kept`: on the server and in the history (Outlook will not download it again);
 * - `will-download`: on the server, not in the history (downloaded on the next check; with
 *   "leave on server", these are the duplicates-to-be);
 * - `stale`: in the history, not on the server (deleted on the server since).
 */
export type UidClass = 'kept' | 'will-download' | 'stale';

export type NearMissCause = 'case' | 'escaping' | 'whitespace';

/** A UID that does not match exactly but almost does: the likely cause of a mismatch. */
export interface NearMiss {
  readonly cause: NearMissCause;
  /** The UID on the other side it nearly matches (server UID for a stale entry, etc.). */
  readonly counterpart: string;
  /** One sentence for the user, naming both forms. */
  readonly explanation: string;
}

export interface ComparedUid {
  /** The decoded UID (history side) or the server's UID. */
  readonly uid: string;
  readonly uidClass: UidClass;
  /** Message numbers the server gave it (more than one when the server repeats a UID). */
  readonly messageNumbers: readonly number[];
  /** Indexes of the history entries holding it, ascending (empty for `will-download`). */
  readonly historyEntries: readonly number[];
  /** In the history more than once. */
  readonly duplicateInHistory: boolean;
  /** Set for `will-download` and `stale` UIDs that nearly match one on the other side. */
  readonly nearMiss: NearMiss | null;
  /**
   * For `will-download` UIDs: listed after the newest message the history has seen, so likely
   * new mail rather than a message downloaded before (likely-new.ts); false for the others.
   */
  readonly likelyNew: boolean;
}

export interface ComparisonCounts {
  readonly serverMessages: number;
  readonly historyEntries: number;
  readonly kept: number;
  readonly willDownload: number;
  /** Of willDownload, the UIDs that are likely new mail; the rest were likely downloaded before. */
  readonly likelyNew: number;
  readonly stale: number;
  /** Distinct UIDs in the history more than once. */
  readonly duplicatedInHistory: number;
  /** Pairs of a will-download UID and a stale UID that nearly match (nearMissPairs). */
  readonly nearMisses: number;
}

export interface Comparison {
  /** Every UID once: server order first (by message number), then stale history order. */
  readonly uids: readonly ComparedUid[];
  readonly counts: ComparisonCounts;
  /**
   * The newest message the history has seen: the highest message number (a plain list's
   * position) whose UID is kept; null when the history holds none of the listed UIDs.
   */
  readonly newestSeen: number | null;
  /** One or two sentences a support engineer can paste into a ticket. */
  readonly summary: string;
}
