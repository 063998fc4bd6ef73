/**
 * getmail's `oldmail-<server>-<port>-<user>`: one `<uid>` NUL `<unix time>` line per message
 * (getmail6 `getmailcore/_retrieverbases.py`, `write_oldmailfile`: `'%s\0%i%s' % (msgid, t,
 * os.linesep)`). The account is in the file's name only.
 */
import { parseUnixSeconds, splitStateLines, unreadableLine } from './lines.js';
import type { ClientStateFile, ClientStateMessage } from './types.js';

export function readGetmail(text: string): ClientStateFile {
  const { lines, diagnostics, lineBreak } = splitStateLines(text);
  const found = [...diagnostics];
  const messages: ClientStateMessage[] = [];
  for (const line of lines) {
    const nul = line.text.indexOf('\0');
    const uid = nul > 0 ? line.text.slice(0, nul) : '';
    const seconds = nul > 0 ? parseUnixSeconds(line.text.slice(nul + 1)) : null;
    if (uid.length === 0 || seconds === null) {
      found.push(unreadableLine(line, 'a "<uid> NUL <unix time>" line'));
      continue;
    }
    messages.push({ uid, status: 'k', receivedAt: seconds, line: line.number });
  }
  // One account always: an empty oldmail file is an account with nothing downloaded yet.
  const accounts = [{ host: null, user: null, line: 1, messages }];
  return { format: 'getmail', accounts, diagnostics: found, lineBreak };
}
