/**
 * The desktop HostApi, built over IPC. The preload exposes exactly this object to the page;
 * nothing of ipcRenderer itself (not even the event objects, which carry a `sender`) reaches
 * the page. Each invoke method is made from its row of the IPC table (shared/host/channels.ts),
 * which rebuilds the payload from the contract's fields, so an object with extra properties
 * from the renderer cannot trip the main process's strict schemas.
 */
import type {
  DocumentState,
  HostApi,
  HostCapabilities,
  HostCommand,
  HostProgress,
  PickedFile,
} from '../../shared/host/contract.js';
import {
  EVENT_CHANNELS,
  INVOKE_TABLE,
  MAX_PICKED_PATHS,
  SEND_CHANNELS,
  type InvokeMethod,
  type InvokeRow,
  type Invoker,
} from '../../shared/host/channels.js';

/** The parts of ipcRenderer used. */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export const DESKTOP_CAPABILITIES: HostCapabilities = Object.freeze({
  kind: 'desktop',
  saveInPlace: true,
  recentFiles: true,
  nativeMenus: true,
  network: true,
  containers: true,
});

/** Commands kept while nobody listens yet (files from the command line arrive early). */
const MAX_QUEUED_COMMANDS = 32;

/** Every row of the IPC table as a method: its payload sent on its channel, the reply typed. */
export function createInvokers(ipc: Pick<PreloadIpc, 'invoke'>): {
  readonly [M in InvokeMethod]: Invoker<M>;
} {
  const rows = Object.entries(INVOKE_TABLE) as [InvokeMethod, InvokeRow<string>][];
  return Object.fromEntries(
    rows.map(([method, row]) => {
      const payload = row.payload as ((...args: unknown[]) => unknown) | undefined;
      const invoke = payload
        ? (...args: unknown[]) => ipc.invoke(row.channel, payload(...args))
        : () => ipc.invoke(row.channel);
      return [method, invoke];
    }),
  ) as { readonly [M in InvokeMethod]: Invoker<M> };
}

/** What the preload sees of a DOM event that may carry files (a drop, a file box's change). */
export interface PickEvent {
  readonly isTrusted: boolean;
  readonly dataTransfer?: { readonly files: ArrayLike<PickedFile> } | null;
  readonly target?: { readonly files?: ArrayLike<PickedFile> | null } | null;
}

export interface PickEventTarget {
  addEventListener(
    type: 'drop' | 'change',
    listener: (event: PickEvent) => void,
    capture: true,
  ): void;
}

/**
 * Tells main the paths of files the user drops on the window or chooses in a file box, from
 * trusted (user-made) events only: main opens no other path the renderer names. Listens in the
 * capture phase, so main knows a file before the page asks to open it.
 */
export function watchPickedFiles(
  window: PickEventTarget,
  ipc: Pick<PreloadIpc, 'send'>,
  getPathForFile: (file: PickedFile) => string,
): void {
  const report = (event: PickEvent): void => {
    if (!event.isTrusted) return;
    const files = event.dataTransfer?.files ?? event.target?.files ?? [];
    const paths: string[] = [];
    for (const file of Array.from(files).slice(0, MAX_PICKED_PATHS)) {
      try {
        const path = getPathForFile(file);
        if (path !== '') paths.push(path);
      } catch {
        // not a file on disk
      }
    }
    if (paths.length > 0) ipc.send(SEND_CHANNELS.filesPicked, paths);
  };
  window.addEventListener('drop', report, true);
  window.addEventListener('change', report, true);
}

export function createHostApi(
  ipc: PreloadIpc,
  /** webUtils.getPathForFile: the path of a File from disk, '' for one made in the page. */
  getPathForFile: (file: PickedFile) => string,
): HostApi {
  const listeners = new Set<(command: HostCommand) => void>();
  const queued: HostCommand[] = [];

  // One listener for the page's lifetime: main may send `opened` before React subscribes
  // (command-line files are sent once the page has loaded), so early commands are queued and
  // delivered to the first subscriber.
  function dispatch(command: HostCommand): void {
    if (listeners.size === 0) {
      if (queued.length < MAX_QUEUED_COMMANDS) queued.push(command);
      return;
    }
    for (const listener of [...listeners]) listener(command);
  }
  ipc.on(EVENT_CHANNELS.command, (_event, command) => dispatch(command as HostCommand));

  // Progress is only of interest while someone shows it: nothing is queued.
  const progressListeners = new Set<(progress: HostProgress) => void>();
  ipc.on(EVENT_CHANNELS.progress, (_event, progress) => {
    for (const listener of [...progressListeners]) listener(progress as HostProgress);
  });

  const { openPath, ...invokers } = createInvokers(ipc);

  return {
    capabilities: DESKTOP_CAPABILITIES,
    ...invokers,

    async openPicked(file, options) {
      let path: string;
      try {
        path = getPathForFile(file);
      } catch {
        path = ''; // not a File object at all
      }
      if (path === '') {
        return {
          status: 'failed',
          code: 'unsupported',
          message:
            `'${String(file?.name ?? '')}' is not a file on disk (it may come from another ` +
            `program or a web page); save it to a file first, or paste it with Paste Dump.`,
        };
      }
      return openPath(path, options);
    },

    setDocumentState(state: DocumentState) {
      ipc.send(SEND_CHANNELS.documentState, { title: state.title, dirty: state.dirty });
    },

    onCommand(listener) {
      // A wrapper per subscription, so subscribing one function twice unsubscribes each alone.
      const subscription = (command: HostCommand) => listener(command);
      listeners.add(subscription);
      if (queued.length > 0) {
        const early = queued.splice(0);
        // After onCommand returns, so the subscriber has its unsubscribe function first; and
        // to whoever listens then (React's strict mode subscribes, unsubscribes, resubscribes).
        queueMicrotask(() => early.forEach(dispatch));
      }
      return () => {
        listeners.delete(subscription);
      };
    },

    onProgress(listener) {
      const subscription = (progress: HostProgress) => listener(progress);
      progressListeners.add(subscription);
      return () => {
        progressListeners.delete(subscription);
      };
    },

    cancelTask(taskId: string) {
      ipc.send(SEND_CHANNELS.cancelTask, String(taskId));
    },
  };
}
