/**
 * What a Mark as downloaded did besides marking, for the notice after it: the likely new
 * messages it left out (Outlook still downloads them) and the UIDs it could not write.
 */
import { describeSkipped, type SkippedUid } from '@shared/compare/actions.js';
import { agree, plural } from '@shared/wording.js';

/** Skipped UIDs named in a notice; the rest are counted. */
export const SKIPPED_SHOWN = 5;

/** "Skipped 2 UIDs that cannot be written: 'a b': …; 'c': …." */
export function skippedText(skipped: readonly SkippedUid[]): string {
  const shown = skipped.slice(0, SKIPPED_SHOWN).map(describeSkipped);
  const more = skipped.length - shown.length;
  return (
    `Skipped ${plural(skipped.length, 'UID')} that cannot be written: ${shown.join('; ')}` +
    (more > 0 ? `; and ${plural(more, 'more UID')}.` : '.') +
    ` Outlook downloads ${agree(skipped.length, 'that message', 'those messages')} again.`
  );
}

/** "Marked 2 UIDs as downloaded. Left out 1 new message: … Skipped …" */
export function repairNotice(
  marked: number,
  leftOutNew: number,
  skipped: readonly SkippedUid[],
): string {
  const parts = [`Marked ${plural(marked, 'UID')} as downloaded.`];
  if (leftOutNew > 0) {
    parts.push(
      `Left out ${plural(leftOutNew, 'new message')} (listed after the newest message the ` +
        `history has seen): Outlook downloads ${agree(leftOutNew, 'it', 'them')} on the next ` +
        'check.',
    );
  }
  if (skipped.length > 0) parts.push(skippedText(skipped));
  return parts.join(' ');
}
