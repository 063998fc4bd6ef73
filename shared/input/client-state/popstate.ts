/**
 * Thunderbird/SeaMonkey `popstate.dat`: `#` comment lines, then per account `*<host> <user>`
 * and one `<status> <uid> <receivedAt>` line per message (comm-central
 * `mailnews/local/src/Pop3Client.sys.mjs`, `_loadUidlState` and `_writeUidlState`). Netscape
 * and early Mozilla wrote no receivedAt; such lines are read with none.
 */
import type { InputDiagnostic } from '../types.js';
import { parseUnixSeconds, splitStateLines, unreadableLine } from './lines.js';
import type {
  ClientMessageStatus,
  ClientStateAccount,
  ClientStateFile,
  ClientStateMessage,
} from './types.js';

const STATUSES = new Set<string>(['k', 'd', 'b', 'f']);

/** The first line Thunderbird (and, with "Netscape", its ancestors) writes. */
export const POPSTATE_HEADER = /^# (Netscape )?POP3 State File/;

export function readPopstate(text: string): ClientStateFile {
  const { lines, diagnostics, lineBreak } = splitStateLines(text);
  const found: InputDiagnostic[] = [...diagnostics];
  const accounts: ClientStateAccount[] = [];
  let current: { host: string; user: string; line: number; messages: ClientStateMessage[] } | null =
    null;
  const close = (): void => {
    if (current) accounts.push(current);
  };
  for (const line of lines) {
    const { text: content } = line;
    if (content.startsWith('#')) continue;
    if (content.startsWith('*')) {
      close();
      const space = content.indexOf(' ');
      if (space <= 1 || space === content.length - 1) {
        found.push(unreadableLine(line, 'an account line "*<host> <user>"'));
        current = null;
        continue;
      }
      current = {
        host: content.slice(1, space),
        user: content.slice(space + 1),
        line: line.number,
        messages: [],
      };
      continue;
    }
    const fields = content.split(' ');
    const [status, uid, receivedAt] = fields;
    if (
      fields.length < 2 ||
      fields.length > 3 ||
      !STATUSES.has(status ?? '') ||
      uid === undefined ||
      uid.length === 0
    ) {
      found.push(
        unreadableLine(line, 'a message line "<k|d|b|f> <uid> <receivedAt>" or an account line'),
      );
      continue;
    }
    if (!current) {
      found.push({
        code: 'state.no-account',
        severity: 'error',
        message: `Line ${line.number} is a message line before any "*<host> <user>" account line; it was not read.`,
        line: line.number,
      });
      continue;
    }
    let seconds: number | null = null;
    if (receivedAt !== undefined) {
      seconds = parseUnixSeconds(receivedAt);
      if (seconds === null) {
        found.push(
          unreadableLine(line, 'a message line: its receivedAt is not a time in Unix seconds'),
        );
        continue;
      }
    }
    current.messages.push({
      uid,
      status: status as ClientMessageStatus,
      receivedAt: seconds,
      line: line.number,
    });
  }
  close();
  return { format: 'popstate', accounts, diagnostics: found, lineBreak };
}
