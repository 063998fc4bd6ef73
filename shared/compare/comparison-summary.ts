/**
 * The sentences a support engineer pastes into a ticket: what each side holds, what Outlook
 * will download, what is stale or duplicated, and the likely cause when near misses explain
 * the downloads.
 */
import type { Sides } from './near-miss.js';
import { agree, groupDigits, plural } from '../wording.js';
import type { ComparisonCounts, NearMissCause } from './types.js';

export interface SummaryFacts {
  readonly counts: ComparisonCounts;
  /** History entries holding stale UIDs (more than counts.stale when some are duplicated). */
  readonly staleEntries: number;
  /** Will-download UIDs explained by each near-miss cause. */
  readonly willDownloadNearMisses: Readonly<Record<NearMissCause, number>>;
  /** Two histories compared (the listing is another history), not a history and a server. */
  readonly twoHistories: boolean;
  readonly sides: Sides;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const entries = (count: number): string => plural(count, 'entry', 'entries');

/** "118 of the 120 differ", "All 120 differ", "It differs", "1 of the 120 differs". */
function lead(part: number, whole: number): string {
  if (part === whole) return whole === 1 ? 'It differs' : `All ${groupDigits(whole)} differ`;
  return `${groupDigits(part)} of the ${groupDigits(whole)} ${agree(part, 'differs', 'differ')}`;
}

function nearMissSentences(facts: SummaryFacts): string[] {
  const { counts, sides, twoHistories } = facts;
  const whole = counts.willDownload;
  const anEntry = twoHistories ? `an entry of ${sides.history}` : 'a history entry';
  const conclusions: Record<NearMissCause, string> = {
    escaping: `only in '$' escaping: the UIDs of ${sides.history} were likely escaped twice, or their '$' not escaped, by a tool or a hand edit`,
    whitespace: `only in whitespace or control characters: ${sides.history} was likely edited by hand or by a tool`,
    case: twoHistories
      ? 'only in letter case: the UIDs likely changed case between the two'
      : "only in letter case: the server's UIDs likely changed case",
  };
  const causes: NearMissCause[] = ['case', 'escaping', 'whitespace'];
  return causes
    .filter((cause) => facts.willDownloadNearMisses[cause] > 0)
    .map(
      (cause) =>
        `${lead(facts.willDownloadNearMisses[cause], whole)} from ${anEntry} ${conclusions[cause]}.`,
    );
}

/**
 * What the next check downloads, the likely duplicates apart from the likely new mail: "Outlook
 * will download 2 messages again and 1 new message on the next check (…)".
 */
export function downloadClause(counts: ComparisonCounts): string {
  const fresh = counts.likelyNew;
  const again = counts.willDownload - fresh;
  if (counts.willDownload === 0) return 'Outlook will download nothing again on the next check';
  if (again === 0) {
    return (
      `Outlook will download ${plural(fresh, 'new message')} on the next check ` +
      '(listed after the newest message the history has seen)'
    );
  }
  const parts = [`${plural(again, 'message')} again`];
  if (fresh > 0) parts.push(plural(fresh, 'new message'));
  return (
    `Outlook will download ${parts.join(' and ')} on the next check ` +
    '(on the server but missing from the history)'
  );
}

export function summarizeComparison(facts: SummaryFacts): string {
  const { counts, sides, staleEntries, twoHistories } = facts;
  const staleUids = staleEntries === counts.stale ? '' : ` (${plural(counts.stale, 'UID')})`;
  const clauses: string[] = [];
  let opening: string;
  if (twoHistories) {
    opening =
      `${capitalize(sides.other)} has ${entries(counts.serverMessages)}; ` +
      `${sides.history} has ${entries(counts.historyEntries)}.`;
    clauses.push(
      counts.willDownload === 0
        ? `every UID of ${sides.other} is in ${sides.history}`
        : `${plural(counts.willDownload, 'UID')} of ${sides.other} ${agree(counts.willDownload, 'is', 'are')} missing from ${sides.history} (Outlook would download ${agree(counts.willDownload, 'it', 'them')} again)`,
    );
    if (counts.stale > 0) {
      clauses.push(
        `${entries(staleEntries)}${staleUids} of ${sides.history} ${agree(staleEntries, 'is', 'are')} not in ${sides.other}`,
      );
    }
  } else {
    opening =
      `The server lists ${counts.serverMessages === 0 ? 'no messages' : plural(counts.serverMessages, 'message')}; ` +
      `the history has ${counts.historyEntries === 0 ? 'no entries' : entries(counts.historyEntries)}.`;
    clauses.push(downloadClause(counts));
    if (counts.stale > 0) {
      clauses.push(
        `${plural(staleEntries, 'history entry', 'history entries')}${staleUids} ${agree(staleEntries, 'is', 'are')} stale (deleted on the server)`,
      );
    }
  }
  if (counts.duplicatedInHistory > 0) {
    clauses.push(
      `${plural(counts.duplicatedInHistory, 'UID')} ${agree(counts.duplicatedInHistory, 'appears', 'appear')} more than once in ${sides.history}`,
    );
  }
  const body = capitalize(clauses.join('; ')) + '.';
  return [opening, body, ...nearMissSentences(facts)].join(' ');
}
