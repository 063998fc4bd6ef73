/**
 * Collects listed messages one by one and checks what RFC 1939 asks of them: a message number
 * given once, a UID of 1–70 characters from 0x21–0x7E, each UID once. A bad message number
 * leaves its line out; a bad or repeated UID is kept with a warning, because it is what the
 * server really sent (and Outlook compares it as sent).
 */
import { isUidCharacter, MAX_UID_LENGTH } from '../codec/uid.js';
import { groupDigits, quote } from '../wording.js';
import type { ListedMessage, ListingProblem } from '../compare/types.js';

/** Longest line text a problem carries. */
const MAX_PROBLEM_TEXT = 200;
const OUTSIDE_UID_RANGE = /[^\x21-\x7e]/;

function describeCharacter(code: number): string {
  return code <= 0xff
    ? `character 0x${code.toString(16).toUpperCase().padStart(2, '0')}`
    : `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What is wrong with a UID as RFC 1939 defines it, or null. */
export function uidDefect(uid: string): string | null {
  if (uid.length === 0) return 'the UID is empty';
  if (uid.length > MAX_UID_LENGTH) {
    return `UID ${quote(uid)} has ${groupDigits(uid.length)} characters; RFC 1939 allows at most ${MAX_UID_LENGTH}`;
  }
  if (!OUTSIDE_UID_RANGE.test(uid)) return null;
  for (let i = 0; i < uid.length; i++) {
    const code = uid.charCodeAt(i);
    if (!isUidCharacter(code)) {
      return (
        `UID ${quote(uid)} holds ${describeCharacter(code)} at position ${i + 1}, outside the ` +
        'printable ASCII (0x21–0x7E) RFC 1939 allows'
      );
    }
  }
  return null;
}

export class MessageCollector {
  readonly messages: ListedMessage[] = [];
  readonly problems: ListingProblem[] = [];
  /**
   * Message number → the line (or 0) that gave it first: built only once a number comes out
   * of ascending order. Servers list messages in order, and a 65,535-line listing then costs
   * no Map operation for its numbers.
   */
  private numbers: Map<number, number> | null = null;
  private highestNumber = 0;
  /** Every UID so far: one Set operation a line, since a repeat shows as an unchanged size. */
  private readonly uids = new Set<string>();
  /** UID → the first message with it: built at the first repeated UID, kept from then on. */
  private firstByUid: Map<string, ListedMessage> | null = null;

  /**
   * @param where How a problem names its place: `line 12` for text, `message 5` for a live
   *   check (whose messages have no line).
   */
  constructor(private readonly where: (line: number, number: number | null) => string) {}

  problem(
    line: number,
    text: string,
    number: number | null,
    severity: ListingProblem['severity'],
    what: string,
  ): void {
    this.problems.push({
      line,
      text: text.length > MAX_PROBLEM_TEXT ? `${text.slice(0, MAX_PROBLEM_TEXT)}…` : text,
      message: `${this.where(line, number)}: ${what}`,
      severity,
    });
  }

  /** Adds one listed message; `text` is its line as written, for problems. */
  add(line: number, text: string, number: number | null, uid: string): void {
    if (number !== null) {
      const earlier = this.earlierLineOf(number);
      if (earlier !== undefined) {
        this.problem(
          line,
          text,
          number,
          'error',
          `message number ${groupDigits(number)} is listed again` +
            (earlier > 0 ? ` (line ${groupDigits(earlier)} gave it first)` : '') +
            '; this one is left out',
        );
        return;
      }
      if (number > this.highestNumber) this.highestNumber = number;
      this.numbers?.set(number, line);
    }
    const defect = uidDefect(uid);
    if (defect !== null) this.problem(line, text, number, 'warning', `${defect}; it is kept`);
    const message: ListedMessage = { number, uid, line };
    const known = this.uids.size;
    this.uids.add(uid);
    if (this.uids.size > known) {
      if (this.firstByUid !== null) this.firstByUid.set(uid, message);
    } else {
      const first = this.firstMessageWith(uid);
      const firstPlace = [
        first.number !== null ? ` for message ${groupDigits(first.number)}` : '',
        first.line > 0 ? ` on line ${groupDigits(first.line)}` : '',
      ].join('');
      this.problem(
        line,
        text,
        number,
        'warning',
        `UID ${quote(uid)} is listed again (first listed${firstPlace}); RFC 1939 wants each ` +
          "message's UID unique. Both are kept",
      );
    }
    this.messages.push(message);
  }

  private firstMessageWith(uid: string): ListedMessage {
    if (this.firstByUid === null) {
      this.firstByUid = new Map();
      for (const message of this.messages) {
        if (!this.firstByUid.has(message.uid)) this.firstByUid.set(message.uid, message);
      }
    }
    return this.firstByUid.get(uid)!;
  }

  /** The line that gave `number` before, or undefined when none did. */
  private earlierLineOf(number: number): number | undefined {
    if (number > this.highestNumber) return undefined;
    if (this.numbers === null) {
      this.numbers = new Map();
      for (const message of this.messages) {
        if (message.number !== null && !this.numbers.has(message.number)) {
          this.numbers.set(message.number, message.line);
        }
      }
    }
    return this.numbers.get(number);
  }

  /** Problems in line order (stable, so one line's problems keep their order). */
  sortedProblems(): ListingProblem[] {
    return [...this.problems].sort((a, b) => a.line - b.line);
  }
}
