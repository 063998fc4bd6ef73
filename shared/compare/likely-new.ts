/**
 * Likely new mail among the UIDs Outlook will download. A server numbers its messages in the
 * order they arrived (RFC 1939), so a missing UID listed after every message the history holds
 * most likely arrived after Outlook's last check: new mail, which must not be marked as
 * downloaded by default. One listed before or among the kept messages was most likely
 * downloaded before and dropped from the history: a duplicate-to-be.
 *
 * "The newest message the history has seen" is the highest message number whose UID is kept
 * (on the server and in the history); a plain list of UIDs, which has no numbers, stands in
 * with each UID's 1-based position. With nothing kept the history has seen none of the
 * server's messages, and every missing UID counts as new. A missing UID that nearly matches a
 * history entry (a near miss) is never new: the history holds it in another form.
 */

/**
 * The newest message the history has seen: the highest of `lastListed[i]` (a UID's highest
 * message number, or position) among the UIDs that are `kept[i]`; null when none is kept.
 */
export function newestSeenPosition(
  kept: readonly boolean[],
  lastListed: readonly number[],
): number | null {
  let newest: number | null = null;
  for (let i = 0; i < kept.length; i++) {
    if (kept[i] && (newest === null || lastListed[i]! > newest)) newest = lastListed[i]!;
  }
  return newest;
}

/**
 * Whether a UID Outlook will download is likely new mail: first listed (its lowest message
 * number, or position) after the newest message the history has seen, and no near miss.
 */
export function isLikelyNew(
  firstListed: number,
  newestSeen: number | null,
  nearMiss: boolean,
): boolean {
  return !nearMiss && (newestSeen === null || firstListed > newestSeen);
}
