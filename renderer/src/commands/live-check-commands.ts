/**
 * The live check (desktop only): asks the host to fetch the POP3 server's UIDL listing under a
 * task id, follows its progress, cancels it, and makes the listing the comparison's side. The
 * Live check dialog holds the form; the running check and its failure are in the live-check
 * store, so the dialog only shows them.
 */
import type { HostApi, Pop3Account, Pop3CheckRequest } from '@shared/host/contract.js';
import { liveChannel, listingFromLiveCheck } from '@shared/listing/parse-listing.js';
import { plural } from '@shared/wording.js';
import type { ComparisonStore } from '../state/comparison/comparison-store';
import type { LiveCheckStore } from '../state/comparison/live-check-store';
import type { UiStore } from '../state/stores/ui-store';
import { newTaskId } from './task-id';

/** How a check ended: compared, failed (the store says why), or dropped (abandoned or busy). */
export type LiveCheckOutcome = 'compared' | 'failed' | 'dropped';

export interface LiveCheckCommands {
  /**
   * Runs a check with the form's request. Its listing becomes the comparison's side, with a
   * notice of what was listed; a failure is kept in the live-check store. Does nothing while
   * another check runs.
   */
  run(request: Omit<Pop3CheckRequest, 'taskId'>): Promise<LiveCheckOutcome>;
  /** Cancel check: the host stops it, and its answer (a failure) is shown as any other. */
  cancel(): void;
  /** The dialog went away: the running check is stopped and whatever it answers is dropped. */
  abandon(): void;
  /** Accounts checked before; none when the host cannot say (they are a convenience). */
  listAccounts(): Promise<readonly Pop3Account[]>;
  /** Forgets an account and its remembered password, and says so to screen readers. */
  forgetAccount(account: Pick<Pop3Account, 'host' | 'port' | 'user'>): Promise<void>;
}

export interface LiveCheckCommandDependencies {
  readonly ui: UiStore;
  readonly host: HostApi;
  readonly comparison: ComparisonStore;
  readonly liveCheck: LiveCheckStore;
}

/** `user@host:port`, how the form names an account. */
export function accountKey(account: Pick<Pop3Account, 'host' | 'port' | 'user'>): string {
  return `${account.user}@${account.host}:${account.port}`;
}

export function createLiveCheckCommands({
  ui,
  host,
  comparison,
  liveCheck,
}: LiveCheckCommandDependencies): LiveCheckCommands {
  const actions = () => liveCheck.getState().actions;
  const runningTask = () => liveCheck.getState().running?.taskId ?? null;

  return {
    async run(fields) {
      if (runningTask() !== null) return 'dropped';
      const request: Pop3CheckRequest = { ...fields, taskId: newTaskId('live-check') };
      const { taskId } = request;
      actions().begin(taskId);
      const unsubscribe = host.onProgress((event) => actions().progress(event));
      try {
        const result = await host.pop3Check(request);
        if (runningTask() !== taskId) return 'dropped'; // abandoned meanwhile
        if (result.status === 'failed') {
          actions().end(taskId, result.message);
          return 'failed';
        }
        const name = `${request.user}@${request.host}`;
        const where = `${request.host}:${request.port}`;
        const listing = listingFromLiveCheck(result, where, request.user);
        comparison.getState().actions.setSide({ kind: 'live', name, listing });
        ui.getState().actions.notify(
          'info',
          `${name}: ${plural(result.messages.length, 'message')} listed ${liveChannel(result)}.` +
            (result.problems.length > 0
              ? ` ${plural(result.problems.length, 'line')} of the answer could not be read.`
              : '') +
            (request.rememberPassword && !result.passwordRemembered
              ? ' The password could not be remembered: the OS keychain is not available.'
              : ''),
        );
        actions().end(taskId, null);
        return 'compared';
      } catch (error) {
        if (runningTask() !== taskId) return 'dropped';
        actions().end(taskId, error instanceof Error ? error.message : String(error));
        return 'failed';
      } finally {
        unsubscribe();
      }
    },

    cancel() {
      const taskId = runningTask();
      if (taskId !== null) host.cancelTask(taskId);
    },

    abandon() {
      const taskId = runningTask();
      if (taskId !== null) host.cancelTask(taskId);
      actions().reset();
    },

    listAccounts: () => host.listPop3Accounts().catch(() => []),

    async forgetAccount(account) {
      await host.forgetPop3Account(account.host, account.port, account.user);
      ui.getState().actions.announce(`Forgot ${accountKey(account)}.`);
    },
  };
}
