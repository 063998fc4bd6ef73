/**
 * Recognising another client's state file by its content, before the BLOB detection (a getmail
 * file holds NULs, which would otherwise make it "binary"). Only the first lines are looked at.
 */
import { POPSTATE_HEADER } from './popstate.js';
import type { ClientStateFormat } from './types.js';

/** Enough of the file to see its first lines. */
const HEAD_BYTES = 4096;

function headText(input: Uint8Array): string {
  const start = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  let text = '';
  const end = Math.min(input.length, start + HEAD_BYTES);
  // Latin-1 is enough to see the shape: every marker looked for is ASCII.
  for (let i = start; i < end; i++) text += String.fromCharCode(input[i]!);
  return text;
}

function firstLines(text: string, count: number): string[] {
  return text
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
    .filter((line) => line.length > 0)
    .slice(0, count);
}

const POPSTATE_MESSAGE = /^[kdbf] [\x21-\x7e\x80-\xff]+( \d+)?$/;
const FETCHIDS_LINE =
  /^[\x21-\x3f\x41-\x7e]+(@[\x21-\x3f\x41-\x7e]+)*@[\x21-\x3f\x41-\x7e]+ [\x21-\x7e]+$/;
// Printable ASCII UIDs only (RFC 1939): a few binary bytes with a NUL must not look like one.
const GETMAIL_LINE = /^[\x21-\x7e]+\0\d+$/;

export interface ClientStateDetection {
  readonly format: ClientStateFormat;
  readonly reason: string;
}

/** Which client wrote `input`, or null when it is none of them. */
export function detectClientState(input: Uint8Array): ClientStateDetection | null {
  const text = headText(input);
  // The last line of the head may be cut short: judge only complete ones.
  const complete = input.length > HEAD_BYTES ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
  const lines = firstLines(complete, 5);
  const first = lines[0];
  if (first === undefined) return null;
  if (POPSTATE_HEADER.test(first)) {
    return {
      format: 'popstate',
      reason: `The file begins "${first}", the first line of Thunderbird's popstate.dat.`,
    };
  }
  const account = lines.find((line) => !line.startsWith('#'));
  if (account?.startsWith('*') && account.includes(' ')) {
    const next = lines[lines.indexOf(account) + 1];
    if (next === undefined || POPSTATE_MESSAGE.test(next)) {
      return {
        format: 'popstate',
        reason:
          'The file has "*<host> <user>" account lines followed by "<status> <uid> <time>" lines, as Thunderbird\'s popstate.dat.',
      };
    }
  }
  if (lines.every((line) => GETMAIL_LINE.test(line))) {
    return {
      format: 'getmail',
      reason: 'Each line is a UID, a NUL and a Unix time, as in a getmail oldmail file.',
    };
  }
  if (lines.every((line) => FETCHIDS_LINE.test(line))) {
    return {
      format: 'fetchids',
      reason: 'Each line is "<user>@<server> <uid>", as in a fetchmail .fetchids file.',
    };
  }
  return null;
}
