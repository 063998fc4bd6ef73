/**
 * The live check the page waits for: its task id and latest progress, and why the last one
 * failed. One per app (AppServices.liveCheck); the live-check commands write it, the Live
 * check dialog shows it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostProgress } from '@shared/host/contract.js';

/** A check that is running. */
export interface RunningLiveCheck {
  /** The id the page gave the request; the host's progress events carry it. */
  readonly taskId: string;
  /** What the host is doing now ("Connecting", "Receiving UIDL"). */
  readonly phase: string;
  /** UIDs received so far, of `total` when the server said how many. */
  readonly received: number;
  readonly total: number | null;
}

export interface LiveCheckActions {
  /** A check starts: it shows as connecting, and the previous failure is forgotten. */
  begin(taskId: string): void;
  /** Records a progress event of the running check (others are ignored). */
  progress(event: HostProgress): void;
  /** The check `taskId` ended; `failure` is why, when it failed (ignored for another task). */
  end(taskId: string, failure: string | null): void;
  /** Forgets the last failure (the user changed the form). */
  clearFailure(): void;
  /** Forgets the check and its failure (the dialog closed). */
  reset(): void;
}

export interface LiveCheckState {
  readonly running: RunningLiveCheck | null;
  /** Why the last check failed, for the dialog to show; null when it did not. */
  readonly failure: string | null;
  readonly actions: LiveCheckActions;
}

export type LiveCheckStore = StoreApi<LiveCheckState>;

export function createLiveCheckStore(): LiveCheckStore {
  return createStore<LiveCheckState>()((set, get) => {
    const isRunning = (taskId: string): boolean => get().running?.taskId === taskId;
    return {
      running: null,
      failure: null,
      actions: {
        begin: (taskId) =>
          set({
            running: { taskId, phase: 'Connecting', received: 0, total: null },
            failure: null,
          }),
        progress(event) {
          if (event.task !== 'pop3' || !isRunning(event.taskId)) return;
          set({
            running: {
              taskId: event.taskId,
              phase: event.phase,
              received: event.done,
              total: event.total,
            },
          });
        },
        end(taskId, failure) {
          if (isRunning(taskId)) set({ running: null, failure });
        },
        clearFailure: () => set({ failure: null }),
        reset: () => set({ running: null, failure: null }),
      },
    };
  });
}
