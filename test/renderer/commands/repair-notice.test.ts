import { describe, expect, it } from 'vitest';
import {
  repairNotice,
  SKIPPED_SHOWN,
  skippedText,
} from '../../../renderer/src/commands/repair-notice';

const skipped = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ uid: `bad ${i}`, reason: `reason ${i}` }));

describe('the notice after Mark as downloaded', () => {
  it('names the new mail left out and every skipped UID with its reason', () => {
    expect(repairNotice(3, 2, skipped(2))).toBe(
      'Marked 3 UIDs as downloaded. Left out 2 new messages (listed after the newest message ' +
        'the history has seen): Outlook downloads them on the next check. Skipped 2 UIDs that ' +
        "cannot be written: 'bad 0': reason 0; 'bad 1': reason 1. Outlook downloads those " +
        'messages again.',
    );
    expect(repairNotice(1, 1, [])).toBe(
      'Marked 1 UID as downloaded. Left out 1 new message (listed after the newest message the ' +
        'history has seen): Outlook downloads it on the next check.',
    );
  });

  it(`names the first ${SKIPPED_SHOWN} skipped UIDs and counts the rest`, () => {
    const text = skippedText(skipped(SKIPPED_SHOWN + 2));
    expect(text).toContain(
      `'bad ${SKIPPED_SHOWN - 1}': reason ${SKIPPED_SHOWN - 1}; and 2 more UIDs.`,
    );
    expect(text).not.toContain(`'bad ${SKIPPED_SHOWN}'`);
    expect(text.startsWith(`Skipped ${SKIPPED_SHOWN + 2} UIDs that cannot be written: `)).toBe(
      true,
    );
  });
});
