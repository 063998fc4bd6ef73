/**
 * fetchmail's `.fetchids` (`--idfile`): one `<remotename>@<server> <uid>` line per message seen
 * (fetchmail `uid.c`, `write_saved_lists`). No times. A UID holds no space (RFC 1939: 0x21-0x7E),
 * so the last space ends the account; a user name may hold `@`, a host name never, so the last
 * `@` before it splits user from host.
 */
import { splitStateLines, unreadableLine } from './lines.js';
import type { ClientStateAccount, ClientStateFile, ClientStateMessage } from './types.js';

export function readFetchids(text: string): ClientStateFile {
  const { lines, diagnostics, lineBreak } = splitStateLines(text);
  const found = [...diagnostics];
  const byAccount = new Map<string, ClientStateAccount & { messages: ClientStateMessage[] }>();
  for (const line of lines) {
    const space = line.text.lastIndexOf(' ');
    const account = space > 0 ? line.text.slice(0, space) : '';
    const at = account.lastIndexOf('@');
    const uid = line.text.slice(space + 1);
    if (space <= 0 || at <= 0 || at === account.length - 1 || uid.length === 0) {
      found.push(unreadableLine(line, 'a "<user>@<server> <uid>" line'));
      continue;
    }
    let section = byAccount.get(account);
    if (!section) {
      section = {
        user: account.slice(0, at),
        host: account.slice(at + 1),
        line: line.number,
        messages: [],
      };
      byAccount.set(account, section);
    }
    section.messages.push({ uid, status: 'k', receivedAt: null, line: line.number });
  }
  return { format: 'fetchids', accounts: [...byAccount.values()], diagnostics: found, lineBreak };
}
