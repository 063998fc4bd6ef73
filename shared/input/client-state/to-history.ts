/**
 * One account of a state file as an Outlook history (docs/FORMAT.md, "Other clients'
 * formats"): `k` → `+b`, `b` and `f` → `+h`, `d` → `-b`, dated receivedAt in UTC. Every message
 * that cannot become a tag is a finding with its line, never dropped silently.
 */
import { concatBytes } from '../../bytes.js';
import { encodeTag } from '../../codec/edit.js';
import { encodeHeader } from '../../codec/serialize.js';
import type { Timestamp } from '../../codec/types.js';
import { validateUid } from '../../codec/uid.js';
import { formatUtcIso, utcTimestampOf } from '../../time-display.js';
import type { InputDiagnostic } from '../types.js';
import type { ClientMessageStatus, ClientStateAccount } from './types.js';

/** Tags one history can count (the 16-bit Count). */
export const MAX_HISTORY_TAGS = 0xffff;

const TAG_OF: Record<ClientMessageStatus, { op: '+' | '-'; content: 'b' | 'h' }> = {
  k: { op: '+', content: 'b' },
  b: { op: '+', content: 'h' },
  f: { op: '+', content: 'h' },
  d: { op: '-', content: 'b' },
};

export interface HistoryFromState {
  /** The BLOB: version 3, Count, one tag per message written. */
  readonly bytes: Uint8Array;
  readonly diagnostics: InputDiagnostic[];
  /** Messages written as tags. */
  readonly written: number;
}

/**
 * `undatedTime` dates messages the file gives no time (all of a `.fetchids`; Netscape-era
 * popstate lines); a finding says how many and which time was used.
 */
export function accountToHistory(
  account: ClientStateAccount,
  undatedTime: Timestamp,
): HistoryFromState {
  const diagnostics: InputDiagnostic[] = [];
  const tags: Uint8Array[] = [];
  let undated = 0;
  let firstUndatedLine = 0;
  for (const message of account.messages) {
    if (tags.length === MAX_HISTORY_TAGS) {
      diagnostics.push({
        code: 'state.too-many-messages',
        severity: 'error',
        message:
          `The account holds more than ${MAX_HISTORY_TAGS.toLocaleString('en-US')} messages, ` +
          `the most an Outlook history can count; line ${message.line} and the ones after it ` +
          'were not converted.',
        line: message.line,
      });
      break;
    }
    const problems = validateUid(message.uid);
    const unwritable = problems.find((p) => p.code !== 'uid.too-long');
    if (unwritable) {
      diagnostics.push({
        code: 'state.uid-unwritable',
        severity: 'error',
        message: `Line ${message.line}: Outlook cannot hold this UID (${unwritable.message}); it was not converted.`,
        line: message.line,
      });
      continue;
    }
    if (problems.length > 0) {
      diagnostics.push({
        code: 'state.uid-too-long',
        severity: 'warning',
        message: `Line ${message.line}: ${problems[0]!.message}; it was converted, but Outlook may not match it with the server's.`,
        line: message.line,
      });
    }
    let time = undatedTime;
    if (message.receivedAt === null) {
      if (undated++ === 0) firstUndatedLine = message.line;
    } else {
      time = utcTimestampOf(message.receivedAt * 1000);
    }
    tags.push(encodeTag({ ...TAG_OF[message.status], timestamp: time, uid: message.uid }));
  }
  if (undated > 0) {
    diagnostics.push({
      code: 'state.no-times',
      severity: 'info',
      message:
        `${undated.toLocaleString('en-US')} message(s) have no time in the file (the first on ` +
        `line ${firstUndatedLine}); they are dated ${formatUtcIso(undatedTime)}, the time chosen ` +
        'for undated messages.',
      line: firstUndatedLine,
    });
  }
  return {
    bytes: concatBytes([encodeHeader(tags.length), ...tags]),
    diagnostics,
    written: tags.length,
  };
}
