/**
 * Long host work the renderer started (a store scan, a live POP3 check): each runs under the
 * task id the renderer chose, reports progress under it, and stops when the renderer cancels
 * it. Services see only a TaskContext, so they stay testable without IPC.
 */
import type { HostProgress } from '../../shared/host/contract.js';
import type { TaskContext } from '../services/host-services.js';

/** Progress events at most this often per task (the last one is always sent). */
const PROGRESS_INTERVAL_MS = 100;

export interface HostTasks {
  /** Runs `work` under `taskId` (or an anonymous task when null). */
  run<T>(
    task: HostProgress['task'],
    taskId: string | null,
    work: (context: TaskContext) => Promise<T>,
  ): Promise<T>;
  /** Aborts the running task of that id; unknown ids are ignored (it may have just ended). */
  cancel(taskId: string): boolean;
  readonly running: number;
}

export function createHostTasks(
  send: (progress: HostProgress) => void,
  now: () => number = Date.now,
): HostTasks {
  const controllers = new Map<string, AbortController>();

  return {
    async run(task, taskId, work) {
      const controller = new AbortController();
      // A reused id cancels its predecessor: the renderer only shows the newest.
      if (taskId !== null) {
        controllers.get(taskId)?.abort();
        controllers.set(taskId, controller);
      }
      let lastSent = Number.NEGATIVE_INFINITY;
      let lastPhase: string | null = null;
      const context: TaskContext = {
        signal: controller.signal,
        progress(phase, done, total) {
          if (taskId === null || controller.signal.aborted) return;
          const time = now();
          const finished = total !== null && done >= total;
          // A new phase always shows ("Connecting" → "Signing in" may be milliseconds apart).
          const newPhase = phase !== lastPhase;
          if (!finished && !newPhase && time - lastSent < PROGRESS_INTERVAL_MS) return;
          lastSent = time;
          lastPhase = phase;
          send({ taskId, task, phase, done, total });
        },
      };
      try {
        return await work(context);
      } finally {
        if (taskId !== null && controllers.get(taskId) === controller) controllers.delete(taskId);
      }
    },
    cancel(taskId) {
      const controller = controllers.get(taskId);
      if (!controller) return false;
      controller.abort();
      controllers.delete(taskId);
      return true;
    },
    get running() {
      return controllers.size;
    },
  };
}
