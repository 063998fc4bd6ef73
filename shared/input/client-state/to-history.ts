/**
 * One account of a state file as an Outlook history (docs/FORMAT.md, "Other clients'
 * formats"): `k` → `+b`, `b` and `f` → `+h`, `d` → `-b`, dated receivedAt in UTC. Every message
 * that cannot become a tag is a finding with its line, never dropped silently.
 */
import { encodeHeader } from '../../codec/serialize.js';
import { formatTimestampDigits } from '../../codec/timestamp.js';
import type { Timestamp } from '../../codec/types.js';
import { isAlphanumeric } from '../../codec/ascii.js';
import { isUidCharacter, validateUid } from '../../codec/uid.js';
import { formatUtcIso } from '../../time-display.js';
import type { InputDiagnostic } from '../types.js';
import type { ClientMessageStatus, ClientStateAccount } from './types.js';

/** Tags one history can count (the 16-bit Count). */
export const MAX_HISTORY_TAGS = 0xffff;

/** Operation and content of each status, as the tag's first two bytes. */
const TAG_OF: Record<ClientMessageStatus, readonly [number, number]> = {
  k: [0x2b, 0x62],
  b: [0x2b, 0x68],
  f: [0x2b, 0x68],
  d: [0x2d, 0x62],
};

const HEX_DIGITS = '0123456789abcdef';

/**
 * Writes the tags straight into one buffer: a string per tag and per escape made the garbage
 * collector most of the cost (1.1 s for 65,535 messages, against 0.1 s now; `npm run
 * bench:clients`).
 */
class TagWriter {
  private bytes: Uint8Array;
  length = 4;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  private room(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + more));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** One tag as Outlook writes it: lower-case escapes, 14 digits, one NUL. */
  tag(status: ClientMessageStatus, digits: string, uid: string): void {
    this.room(17 + 3 * uid.length);
    const out = this.bytes;
    let at = this.length;
    const [op, content] = TAG_OF[status];
    out[at++] = op;
    out[at++] = content;
    for (let i = 0; i < 14; i++) out[at++] = digits.charCodeAt(i);
    for (let i = 0; i < uid.length; i++) {
      const code = uid.charCodeAt(i); // 0x21-0x7E: checked before
      if (isAlphanumeric[code]) {
        out[at++] = code;
      } else {
        out[at++] = 0x24; // $
        out[at++] = HEX_DIGITS.charCodeAt(code >> 4);
        out[at++] = HEX_DIGITS.charCodeAt(code & 15);
      }
    }
    out[at++] = 0;
    this.length = at;
  }

  finish(count: number): Uint8Array {
    this.bytes.set(encodeHeader(count));
    return this.bytes.slice(0, this.length);
  }
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/**
 * The 14 digits of a time in Unix seconds, in UTC, without a Date per message (days to the
 * civil date: H. Hinnant's `civil_from_days`); seconds are at most 9999-12-31 23:59:59.
 */
export function utcDigitsOfSeconds(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const inDay = seconds - days * 86_400;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return (
    String(year).padStart(4, '0') +
    pad2(month) +
    pad2(day) +
    pad2(Math.floor(inDay / 3600)) +
    pad2(Math.floor((inDay % 3600) / 60)) +
    pad2(inDay % 60)
  );
}

/** Whether every character is one RFC 1939 allows (0x21-0x7E), the common case, checked fast. */
function isPlainUid(uid: string): boolean {
  if (uid.length === 0 || uid.length > 70) return false;
  for (let i = 0; i < uid.length; i++) if (!isUidCharacter(uid.charCodeAt(i))) return false;
  return true;
}

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
  const writer = new TagWriter(4 + account.messages.length * 48);
  let written = 0;
  const undatedDigits = formatTimestampDigits(undatedTime);
  let undated = 0;
  let firstUndatedLine = 0;
  for (const message of account.messages) {
    if (written === MAX_HISTORY_TAGS) {
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
    if (!isPlainUid(message.uid)) {
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
      diagnostics.push({
        code: 'state.uid-too-long',
        severity: 'warning',
        message: `Line ${message.line}: ${problems[0]!.message}; it was converted, but Outlook may not match it with the server's.`,
        line: message.line,
      });
    }
    let digits = undatedDigits;
    if (message.receivedAt === null) {
      if (undated++ === 0) firstUndatedLine = message.line;
    } else {
      digits = utcDigitsOfSeconds(message.receivedAt);
    }
    writer.tag(message.status, digits, message.uid);
    written++;
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
  return { bytes: writer.finish(written), diagnostics, written };
}
