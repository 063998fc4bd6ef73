/**
 * The Compare view: the history against the server's UIDL listing (pasted, loaded, fetched by
 * a live check) or against another history. Counts per class filter the table; the summary
 * sentence can be copied into a ticket; the repairs are undoable edits of the document.
 */
import { useEffect, useId, useRef } from 'react';
import { plural } from '@shared/wording.js';
import type { Comparison, ListingShape, ParsedListing } from '@shared/compare/types.js';
import { useCommands, useComparison, useServices, useUi, useWorkspace } from '../app-context';
import {
  actionTargets,
  comparisonOf,
  visibleRowsOf,
  type CompareFilter,
  type ServerSide,
} from '../state/comparison/comparison-store';
import { COMPARED_GRID_ID, CompareTable } from './CompareTable';
import { COMPARISON_ID } from '../hooks/keyboard';

export const SHAPE_LABELS: Record<ListingShape, string> = {
  'uidl-response': 'UIDL response',
  'pop3-transcript': 'POP3 session transcript',
  'uid-list': 'list of UIDs',
  'live-check': 'live check',
  history: 'history',
};

interface ClassText {
  readonly label: string;
  /** What the class means, for the count button's tooltip. */
  readonly meaning: string;
}

/** Names of the classes: of the server and the history, or of two histories. */
export function classTexts(side: ServerSide): Record<CompareFilter, ClassText> {
  if (side.kind === 'history') {
    return {
      kept: { label: 'In both', meaning: 'In both histories' },
      'will-download': {
        label: `Only in ${side.name}`,
        meaning: `In ${side.name}, not in this document`,
      },
      stale: { label: 'Only in this document', meaning: `In this document, not in ${side.name}` },
      duplicated: {
        label: 'Duplicated in this document',
        meaning: 'In this document more than once',
      },
      'near-miss': {
        label: 'Near misses',
        meaning: 'Pairs of nearly the same UID, one on each side; both are shown',
      },
    };
  }
  return {
    kept: {
      label: 'Kept',
      meaning: 'On the server and in the history: Outlook will not download them again',
    },
    'will-download': {
      label: 'Will be downloaded',
      meaning: 'On the server, not in the history: downloaded on the next check',
    },
    stale: {
      label: 'Stale',
      meaning: 'In the history, not on the server: deleted on the server since',
    },
    duplicated: { label: 'Duplicated in history', meaning: 'In the history more than once' },
    'near-miss': {
      label: 'Near misses',
      meaning:
        'Pairs of a UID to download and a stale one that nearly match (case, escaping or ' +
        'whitespace); both UIDs of a pair are shown',
    },
  };
}

const FILTER_ORDER: readonly CompareFilter[] = [
  'will-download',
  'stale',
  'kept',
  'duplicated',
  'near-miss',
];

/** Classes that call for a look are coloured once they are not empty. */
const FILTER_TONES: Record<CompareFilter, 'warning' | 'info' | 'error' | null> = {
  'will-download': 'warning',
  stale: 'info',
  kept: null,
  duplicated: 'info',
  'near-miss': 'error',
};

function countOf(comparison: Comparison, filter: CompareFilter): number {
  const { counts } = comparison;
  switch (filter) {
    case 'kept':
      return counts.kept;
    case 'will-download':
      return counts.willDownload;
    case 'stale':
      return counts.stale;
    case 'duplicated':
      return counts.duplicatedInHistory;
    case 'near-miss':
      return counts.nearMisses;
  }
}

/** "UIDL response, 34 messages, 1 line not read": what was read from the listing. */
function listingFacts(listing: ParsedListing): string {
  const skipped = listing.problems.filter((problem) => problem.severity === 'error').length;
  return [
    SHAPE_LABELS[listing.shape],
    plural(listing.messages.length, 'message'),
    ...(skipped > 0 ? [`${plural(skipped, 'line')} not read`] : []),
    ...(listing.complete ? [] : ["no terminating '.' line: the listing may be cut short"]),
  ].join(', ');
}

export function CompareView() {
  const session = useWorkspace((state) => state.session);
  const side = useComparison((state) => state.side);
  const openDialog = useUi((state) => state.actions.openDialog);
  const { host, comparison } = useServices();
  const commands = useCommands();
  const { network } = host.capabilities;
  const titleId = useId();
  const pasteRef = useRef<HTMLButtonElement>(null);
  if (!session) return null;

  const clear = (): void => {
    // Clear goes away with the side: the keyboard moves on to what comes next, pasting one.
    pasteRef.current?.focus();
    comparison.getState().actions.clear();
  };

  return (
    <section
      id={COMPARISON_ID}
      aria-label="Comparison"
      aria-describedby={titleId}
      className="compare"
      tabIndex={-1}
    >
      <div className="panel-heading compare__heading">
        <h2 id={titleId} className="panel-title">
          {side ? (
            <>
              Comparison with <span className="compare__side-name">{side.name}</span>
            </>
          ) : (
            'Comparison with the server'
          )}
        </h2>
        {side && <span className="compare__facts">{listingFacts(side.listing)}</span>}
        <div role="group" aria-label="Server side" className="compare__sources">
          <button ref={pasteRef} type="button" onClick={() => openDialog({ name: 'listing' })}>
            Paste listing…
          </button>
          <button
            type="button"
            onClick={() => openDialog({ name: 'live-check' })}
            title={network ? 'Fetch the listing from the POP3 server' : 'Desktop app only'}
          >
            Live check…
          </button>
          {side && (
            <button type="button" onClick={clear}>
              Clear
            </button>
          )}
          <button
            type="button"
            onClick={() => commands.comparison.hide()}
            title="Back to the findings and the timeline"
          >
            Close comparison
          </button>
        </div>
      </div>
      {side ? (
        <ComparisonBody
          side={side}
          comparison={comparisonOf(session.document, side.listing, session.source.name)}
        />
      ) : (
        <p className="panel-empty">
          Compare this history with the server: paste or load the server&apos;s UIDL listing (the
          answer to <code>UIDL</code>, a POP3 session transcript, or one UID a line)
          {network ? ', or fetch it with a live check' : ''}. The comparison shows what Outlook will
          download on its next check, and why.
        </p>
      )}
    </section>
  );
}

interface BodyProps {
  readonly side: ServerSide;
  readonly comparison: Comparison;
}

function ComparisonBody({ side, comparison }: BodyProps) {
  const commands = useCommands();
  const filter = useComparison((state) => state.filter);
  const selected = useComparison((state) => state.selected);
  const setFilter = useComparison((state) => state.actions.setFilter);
  const texts = classTexts(side);
  const visible = visibleRowsOf(comparison, filter);
  const problems = side.listing.problems;

  const copySummary = (): Promise<void> =>
    commands.copyText(comparison.summary, 'Copied the summary.');

  return (
    <>
      <div role="group" aria-label="Classes" className="compare__counts">
        <button
          type="button"
          className="count-button"
          aria-pressed={filter === null}
          onClick={() => setFilter(null)}
          title="Show every UID"
        >
          All: {comparison.uids.length.toLocaleString('en-US')}
        </button>
        {FILTER_ORDER.map((name) => {
          const count = countOf(comparison, name);
          return (
            <button
              key={name}
              type="button"
              className={`count-button${count > 0 && FILTER_TONES[name] ? ` count-button--${FILTER_TONES[name]}` : ''}`}
              aria-pressed={filter === name}
              onClick={() => setFilter(filter === name ? null : name)}
              title={`${texts[name].meaning}. ${filter === name ? 'Click to show every UID.' : 'Click to show only these.'}`}
            >
              {texts[name].label}: {count.toLocaleString('en-US')}
            </button>
          );
        })}
        {problems.length > 0 && (
          <details className="compare__problems">
            <summary>
              {plural(problems.length, 'line')} of the listing{' '}
              {problems.length === 1 ? 'needs' : 'need'} a look
            </summary>
            <ListingProblems listing={side.listing} />
          </details>
        )}
      </div>
      <div className="compare__summary">
        <p role="status" className="compare__sentence" data-testid="comparison-summary">
          {comparison.summary}
        </p>
        <button type="button" onClick={() => void copySummary()}>
          Copy summary
        </button>
      </div>
      <Repairs comparison={comparison} side={side} selected={selected} visible={visible} />
      <CompareTable comparison={comparison} rows={visible} texts={texts} />
    </>
  );
}

/** Problems listed one by one; a listing whose every line is odd would otherwise render each. */
export const PROBLEMS_SHOWN = 100;

/** The lines of a listing that were not read (or read with a warning), by line number. */
export function ListingProblems({ listing }: { readonly listing: ParsedListing }) {
  const shown = listing.problems.slice(0, PROBLEMS_SHOWN);
  const more = listing.problems.length - shown.length;
  return (
    <>
      <ul className="listing-problems" aria-label="Lines not read">
        {shown.map((problem, k) => (
          // The message names its place ("line 12: …"); the text is the line as written.
          <li
            key={k}
            className={`listing-problem listing-problem--${problem.severity}`}
            title={problem.text}
          >
            <span className={`severity severity--${problem.severity}`}>
              {problem.severity === 'error' ? 'left out' : 'kept'}
            </span>{' '}
            {problem.message}
          </li>
        ))}
      </ul>
      {more > 0 && (
        <p className="listing-problems__more" data-testid="listing-problems-more">
          …and {plural(more, 'more line')} (the first {PROBLEMS_SHOWN} are listed; the command
          line’s <code>uidl-studio compare --json</code> reports every one).
        </p>
      )}
    </>
  );
}

type Targets = ReturnType<typeof actionTargets>;

/** "the 2 selected UIDs", "all 3 “Stale” UIDs": what an action applies to. */
function targetsText(targets: Targets, label: string): string {
  const count = targets.rows.length;
  if (targets.scope === 'selected') return `the ${plural(count, 'selected UID')}`;
  return count === 1 ? `the “${label}” UID` : `all ${plural(count, `“${label}” UID`)}`;
}

/**
 * What Mark as downloaded marks: the selected will-download UIDs, or, on all of them, only those
 * likely downloaded before (new mail is marked only when asked: Mark new mail too…).
 */
export function downloadPlan(download: Targets): {
  readonly marked: readonly string[];
  /** Likely new messages among the selected ones (marked, after a confirm). */
  readonly newMarked: number;
  /** Likely new messages left out of a Mark as downloaded on all. */
  readonly newLeftOut: readonly string[];
} {
  if (download.scope === 'selected') {
    return {
      marked: download.rows.map((row) => row.uid),
      newMarked: download.rows.filter((row) => row.likelyNew).length,
      newLeftOut: [],
    };
  }
  return {
    marked: download.rows.filter((row) => !row.likelyNew).map((row) => row.uid),
    newMarked: 0,
    newLeftOut: download.rows.filter((row) => row.likelyNew).map((row) => row.uid),
  };
}

type DownloadPlan = ReturnType<typeof downloadPlan>;

/** What the two repairs would do now, in one line beside their buttons. */
function repairScope(
  download: Targets,
  plan: DownloadPlan,
  stale: Targets,
  texts: Record<CompareFilter, ClassText>,
): string {
  const parts: string[] = [];
  const count = plan.marked.length;
  if (download.scope === 'selected') {
    const whom = targetsText(download, texts['will-download'].label);
    parts.push(`${whom} ${count === 1 ? 'gets' : 'get'} a +b entry dated now (UTC)`);
  } else if (count > 0) {
    const whom =
      count === 1
        ? 'the UID likely downloaded before'
        : `the ${plural(count, 'UID')} likely downloaded before`;
    parts.push(`${whom} ${count === 1 ? 'gets' : 'get'} a +b entry dated now (UTC)`);
  }
  const fresh = plan.newLeftOut.length;
  if (fresh > 0) {
    parts.push(
      `${plural(fresh, 'new message')} ${fresh === 1 ? 'is' : 'are'} left out, so Outlook ` +
        `still downloads ${fresh === 1 ? 'it' : 'them'} (Mark new mail too… includes ` +
        `${fresh === 1 ? 'it' : 'them'})`,
    );
  }
  if (stale.rows.length > 0) {
    const entries = stale.rows.reduce((sum, row) => sum + row.historyEntries.length, 0);
    const whose = targetsText(stale, texts.stale.label);
    parts.push(
      `${entries === 1 ? 'the entry' : `the ${plural(entries, 'entry', 'entries')}`} of ${whose} ` +
        `${entries === 1 ? 'is' : 'are'} deleted`,
    );
  }
  if (parts.length === 0) return 'Nothing to repair.';
  const text = parts.join('; ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}. Undo reverses each.`;
}

/** The confirm before new mail is marked: those messages would then never be downloaded. */
function newMailQuestion(count: number, confirmLabel: string) {
  return {
    title: 'Mark new mail as downloaded?',
    message:
      `${plural(count, 'message')} ${count === 1 ? 'is' : 'are'} likely new mail (listed after ` +
      'the newest message the history has seen). Marked as downloaded, ' +
      `${count === 1 ? 'it' : 'they'} will never be downloaded: Outlook skips ` +
      `${plural(count, 'new message')}. Mark new mail only when you already have it elsewhere ` +
      '(moving a mailbox to another server, say).',
    confirmLabel,
    cancelLabel: 'Leave new mail out',
  };
}

interface RepairsProps extends BodyProps {
  readonly selected: ReadonlySet<string>;
  readonly visible: Comparison['uids'];
}

/** Mark as downloaded and Remove stale entries, on the selected UIDs of their class or on all. */
function Repairs({ comparison, side, selected, visible }: RepairsProps) {
  const commands = useCommands();
  const ask = useUi((state) => state.actions.ask);
  const scopeId = useId();
  const texts = classTexts(side);
  const download = actionTargets(comparison, visible, selected, 'will-download');
  const plan = downloadPlan(download);
  const stale = actionTargets(comparison, visible, selected, 'stale');
  const markRef = useRef<HTMLButtonElement>(null);
  const markNewRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const pressed = useRef<HTMLButtonElement | null>(null);

  // A repair that leaves nothing to repair disables its button, and the keyboard would fall to
  // the page with it: it goes on to the compared UIDs instead.
  useEffect(() => {
    const button = pressed.current;
    pressed.current = null;
    if (button && (button.disabled || !button.isConnected)) {
      document.getElementById(COMPARED_GRID_ID)?.focus();
    }
  });

  const run = (button: HTMLButtonElement | null, repair: () => void): void => {
    pressed.current = button;
    repair();
  };

  const markSelectedOrOlder = async (): Promise<void> => {
    const button = markRef.current;
    if (plan.newMarked > 0) {
      const label = `Mark ${plural(plan.newMarked, 'new message')} too`;
      if (!(await ask(newMailQuestion(plan.newMarked, label)))) return;
    }
    run(button, () => commands.markDownloaded(plan.marked, plan.newLeftOut.length));
  };

  const markNewToo = async (): Promise<void> => {
    const button = markNewRef.current;
    const fresh = plan.newLeftOut.length;
    const label = `Mark all ${plural(plan.marked.length + fresh, 'UID')}, new mail included`;
    if (!(await ask(newMailQuestion(fresh, label)))) return;
    run(button, () => commands.markDownloaded([...plan.marked, ...plan.newLeftOut]));
  };

  return (
    <div role="group" aria-label="Repairs" className="compare__actions">
      <button
        ref={markRef}
        type="button"
        onClick={() => void markSelectedOrOlder()}
        disabled={plan.marked.length === 0}
        aria-describedby={scopeId}
      >
        Mark as downloaded
      </button>
      {plan.newLeftOut.length > 0 && (
        <button
          ref={markNewRef}
          type="button"
          onClick={() => void markNewToo()}
          aria-describedby={scopeId}
          title="Also mark the likely new messages: Outlook will then never download them"
        >
          Mark new mail too…
        </button>
      )}
      <button
        ref={removeRef}
        type="button"
        onClick={() =>
          run(removeRef.current, () =>
            commands.removeStale(
              comparison,
              stale.scope === 'selected' ? stale.rows.map((row) => row.uid) : undefined,
            ),
          )
        }
        disabled={stale.rows.length === 0}
        aria-describedby={scopeId}
      >
        Remove stale entries
      </button>
      <p id={scopeId} className="compare__scope" data-testid="repair-scope">
        {repairScope(download, plan, stale, texts)}
      </p>
    </div>
  );
}
