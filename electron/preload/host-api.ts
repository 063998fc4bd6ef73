/**
 * The desktop HostApi, built over IPC. The preload exposes exactly this object to the page;
 * nothing of ipcRenderer itself (not even the event objects, which carry a `sender`) reaches
 * the page. Payloads are rebuilt from the contract's fields, so an object with extra
 * properties from the renderer cannot trip the main process's strict schemas.
 */
import type {
  DocumentState,
  ExportRequest,
  HostApi,
  HostCapabilities,
  HostCommand,
  HostProgress,
  OpenOptions,
  Pop3CheckRequest,
  PickedFile,
  SaveAsRequest,
  SaveRequest,
  WriteBackRequest,
} from '../../shared/host/contract.js';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  MAX_PICKED_PATHS,
  SEND_CHANNELS,
  type InvokeMethod,
  type InvokeResult,
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

/** `{ key: value }` for each defined value only (the schemas are strict about undefined too). */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
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

  // The one place a reply is typed: by the IPC table, as the HostApi method's result.
  const invoke = <M extends InvokeMethod>(method: M, ...args: unknown[]) =>
    ipc.invoke(INVOKE_CHANNELS[method], ...args) as Promise<InvokeResult<M>>;
  const openOptions = (options: OpenOptions | undefined) =>
    defined({ readOnly: options?.readOnly, taskId: options?.taskId, purpose: options?.purpose });

  return {
    capabilities: DESKTOP_CAPABILITIES,

    openDialog: (options) => invoke('openDialog', openOptions(options)),

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
      return invoke('openPath', { path, ...openOptions(options) });
    },

    openRecent: (path, options) => invoke('openRecent', { path, ...openOptions(options) }),

    listRecent: () => invoke('listRecent'),

    clearRecent: () => invoke('clearRecent'),

    save: (request: SaveRequest) =>
      invoke('save', { fileId: request.fileId, bytes: request.bytes }),

    saveAs: (request: SaveAsRequest) =>
      invoke(
        'saveAs',
        defined({
          suggestedName: request.suggestedName,
          bytes: request.bytes,
          filters: request.filters,
          sourceFileId: request.sourceFileId,
        }),
      ),

    exportFile: (request: ExportRequest) =>
      invoke(
        'exportFile',
        defined({
          suggestedName: request.suggestedName,
          bytes: request.bytes,
          mimeType: request.mimeType,
          filters: request.filters,
          sourceFileId: request.sourceFileId,
        }),
      ),

    getSettings: () => invoke('getSettings'),

    updateSettings: (changes) =>
      invoke(
        'updateSettings',
        defined({ theme: changes.theme, openReadOnly: changes.openReadOnly }),
      ),

    copyText: (text: string) => invoke('copyText', String(text)),

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

    openContainerChoice: (containerId: string, number: number) =>
      invoke('openContainerChoice', { containerId, number }),

    writeBackMsg: (request: WriteBackRequest) =>
      invoke('writeBackMsg', {
        containerId: request.containerId,
        number: request.number,
        bytes: request.bytes,
        suggestedName: request.suggestedName,
      }),

    findContainerVersions: (containerId: string, taskId: string) =>
      invoke('findContainerVersions', { containerId, taskId }),

    openContainerVersion: (containerId: string, number: number) =>
      invoke('openContainerVersion', { containerId, number }),

    pop3Check: (request: Pop3CheckRequest) =>
      invoke('pop3Check', {
        taskId: request.taskId,
        host: request.host,
        port: request.port,
        security: request.security,
        allowPlain: request.allowPlain,
        user: request.user,
        password: request.password,
        rememberPassword: request.rememberPassword,
        insecure: request.insecure,
      }),

    cancelTask(taskId: string) {
      ipc.send(SEND_CHANNELS.cancelTask, String(taskId));
    },

    listPop3Accounts: () => invoke('listPop3Accounts'),

    forgetPop3Account: (host: string, port: number, user: string) =>
      invoke('forgetPop3Account', { host, port, user }),
  };
}
