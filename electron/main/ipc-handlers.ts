/**
 * The main process's side of the host API: one handler per IPC channel. Each handler trusts
 * nothing it receives: it first checks that the message comes from the app's own page in the
 * main frame of our window, then validates the payload against the channel's schema, and only
 * then calls a service. Refusals throw (the renderer's `invoke` rejects) and are logged.
 */
import { dirname, join } from 'node:path';
import type {
  Canceled,
  DocumentState,
  HostFailure,
  ContainerVersionsResult,
  OpenResult,
  Pop3Account,
  Pop3CheckResult,
  SaveResult,
  Settings,
} from '../../shared/host/contract.js';
import type { FileFilter, RecentFile } from '../../shared/host/contract.js';
import type { INVOKE_CHANNELS } from '../../shared/host/ipc.js';
import {
  InvalidPayloadError,
  SEND_CHANNELS,
  parseDocumentState,
  parsePickedPaths,
  parseTaskId,
  validateInvokePayload,
  type InvokeChannel,
  type InvokePayload,
} from '../../shared/host/ipc.js';
import { INVOKE_TABLE, type InvokeMethod, type InvokeResult } from '../../shared/host/channels.js';
import type { FileService } from '../services/file-service.js';
import type { RecentFiles } from '../services/recent-files.js';
import type { SettingsStore } from '../services/settings-store.js';
import { APP_ORIGIN } from './app-protocol.js';
import { saveFilters } from './file-filters.js';
import type { ContainerHost, Pop3Host } from '../services/host-services.js';
import type { HostTasks } from './host-tasks.js';
import { openAndRemember } from './open-file.js';

/** What a handler sees of Electron's IpcMainEvent / IpcMainInvokeEvent. */
export interface IpcSenderEvent {
  /** The WebContents that sent the message. */
  readonly sender: unknown;
  /** The frame that sent it; null once it navigated away or was destroyed. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export type IpcListener = (event: IpcSenderEvent, ...args: unknown[]) => void;

/** The parts of Electron's `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

/** The native dialogs, behind an interface so tests answer them. */
export interface HostDialogs {
  /** The file chosen in the open dialog, or null when the user canceled. */
  chooseFileToOpen(): Promise<string | null>;
  /** The path chosen in a save dialog, or null when the user canceled. */
  chooseSaveTarget(request: {
    readonly purpose: 'save-as' | 'export';
    readonly defaultPath: string;
    readonly filters: readonly FileFilter[];
  }): Promise<string | null>;
  /** Asks whether to overwrite a file that changed on disk since it was opened. */
  confirmOverwriteChanged(file: { readonly name: string; readonly path: string }): Promise<boolean>;
}

export interface IpcHandlerDependencies {
  readonly files: FileService;
  /** PST, OST and `.msg` files: searched for histories instead of being read whole. */
  readonly containers: ContainerHost;
  readonly pop3: Pop3Host;
  /** Runs scans and live checks under the renderer's task ids (progress, cancel). */
  readonly tasks: HostTasks;
  readonly recent: RecentFiles;
  readonly settings: SettingsStore;
  readonly dialogs: HostDialogs;
  /** Electron's clipboard (main process): the page itself is granted no clipboard access. */
  readonly clipboard: { writeText(text: string): void };
  /** Whether `sender` is our window's WebContents. */
  readonly isAppWebContents: (sender: unknown) => boolean;
  /** `--read-only` on the command line: every file of this session opens read-only. */
  readonly readOnlySession: boolean;
  readonly onDocumentState: (state: DocumentState) => void;
  readonly onRecentChanged?: () => void;
  readonly onSettingsChanged?: (settings: Settings) => void;
  readonly log: (message: string) => void;
}

const CANCELED: Canceled = { status: 'canceled' };

/** Paths remembered as dropped or picked; older ones are forgotten first. */
export const MAX_REMEMBERED_PICKS = 256;

/**
 * The paths `openPath` may open: those the preload saw the user drop on the window or choose
 * in its file box (trusted events only). Any other path from the renderer is refused, so a
 * compromised page cannot read a file of its choosing and then save over it.
 */
function pickedPaths(limit = MAX_REMEMBERED_PICKS) {
  const paths = new Set<string>();
  return {
    add(path: string): void {
      paths.delete(path);
      paths.add(path);
      if (paths.size > limit) paths.delete(paths.values().next().value as string);
    },
    has: (path: string): boolean => paths.has(path),
  };
}

/** Why a message must be refused, or null when it comes from the app's own main frame. */
export function foreignSenderReason(
  event: IpcSenderEvent,
  isAppWebContents: (sender: unknown) => boolean,
): string | null {
  const frame = event.senderFrame;
  if (!isAppWebContents(event.sender)) return 'it does not come from the UIDL Studio window';
  if (frame === null) return 'its frame navigated away or was closed';
  if (frame.parent !== null) return 'it comes from a sub-frame';
  if (!frame.url.startsWith(APP_ORIGIN)) return `it comes from ${frame.url || 'an unknown page'}`;
  return null;
}

/** One handler per method of the IPC table, answering the HostApi method's own result type. */
type Handlers = {
  [M in InvokeMethod]: (
    payload: InvokePayload<(typeof INVOKE_CHANNELS)[M]>,
  ) => Promise<InvokeResult<M>>;
};

/** Registers every handler; returns the function that removes them again. */
export function registerIpcHandlers(ipc: IpcMainLike, deps: IpcHandlerDependencies): () => void {
  const { files, recent, settings, dialogs, containers, tasks } = deps;
  const openDeps = {
    files,
    recent,
    containers,
    tasks,
    ...(deps.onRecentChanged && { onRecentChanged: deps.onRecentChanged }),
  };
  const readOnly = (requested: boolean | undefined) => requested === true || deps.readOnlySession;
  const picked = pickedPaths();

  function recentChanged(): void {
    deps.onRecentChanged?.();
  }

  /** The default path of a save dialog: the suggested name, in the source file's folder. */
  function defaultSavePath(suggestedName: string, sourceFileId: string | undefined): string {
    const source = sourceFileId === undefined ? undefined : files.describe(sourceFileId);
    return source ? join(dirname(source.path), suggestedName) : suggestedName;
  }

  const handlers: Handlers = {
    openDialog: async (options): Promise<OpenResult> => {
      const path = await dialogs.chooseFileToOpen();
      if (path === null) return CANCELED;
      return openAndRemember(openDeps, path, { ...options, readOnly: readOnly(options?.readOnly) });
    },
    openPath: async ({ path, ...options }): Promise<OpenResult> => {
      if (!picked.has(path)) {
        deps.log(`Refused to open ${path}: it was not dropped on the window or picked`);
        const failure: HostFailure = {
          status: 'failed',
          code: 'permission',
          message:
            `'${path}' was not dropped on the window or chosen in its file box, so the page ` +
            'may not open it; open it with Open… instead.',
        };
        return failure;
      }
      return openAndRemember(openDeps, path, { ...options, readOnly: readOnly(options.readOnly) });
    },
    openRecent: async ({ path, ...options }): Promise<OpenResult> => {
      // Only what the list holds: the renderer cannot use this door to read any path.
      if (!(await recent.includes(path))) {
        deps.log(`Refused to open ${path} from the recent list: it is not on it`);
        const failure: HostFailure = {
          status: 'failed',
          code: 'not-found',
          message: `'${path}' is no longer on the recent files list; open it with Open… instead.`,
        };
        return failure;
      }
      return openAndRemember(openDeps, path, { ...options, readOnly: readOnly(options.readOnly) });
    },
    listRecent: async (): Promise<readonly RecentFile[]> => recent.list(),
    clearRecent: async (): Promise<void> => {
      await recent.clear();
      recentChanged();
    },
    save: async ({ fileId, bytes }): Promise<SaveResult> => {
      // The one owner of the changed-on-disk question: the page only sees the outcome.
      const result = await files.save(fileId, bytes, false);
      if (result.status !== 'failed' || result.code !== 'changed-on-disk') return result;
      const file = files.describe(fileId);
      if (!file || !(await dialogs.confirmOverwriteChanged({ name: file.name, path: file.path }))) {
        return CANCELED;
      }
      return files.save(fileId, bytes, true);
    },
    saveAs: async (request): Promise<SaveResult> => {
      const path = await dialogs.chooseSaveTarget({
        purpose: 'save-as',
        defaultPath: defaultSavePath(request.suggestedName, request.sourceFileId),
        filters: saveFilters(request.suggestedName, request.filters),
      });
      if (path === null) return CANCELED;
      const result = await files.saveAs(path, request.bytes, request.sourceFileId);
      if (result.status === 'saved') {
        await recent.add(result.path ?? path);
        recentChanged();
      }
      return result;
    },
    exportFile: async (request): Promise<SaveResult> => {
      const path = await dialogs.chooseSaveTarget({
        purpose: 'export',
        defaultPath: defaultSavePath(request.suggestedName, request.sourceFileId),
        filters: saveFilters(request.suggestedName, request.filters),
      });
      if (path === null) return CANCELED;
      return files.exportTo(path, request.bytes, request.sourceFileId);
    },
    getSettings: async (): Promise<Settings> => settings.get(),
    updateSettings: async (changes): Promise<Settings> => {
      const updated = await settings.update(changes);
      deps.onSettingsChanged?.(updated);
      return updated;
    },
    copyText: async (text): Promise<boolean> => {
      deps.clipboard.writeText(text);
      return true;
    },
    openContainerChoice: async ({ containerId, number }): Promise<OpenResult> =>
      containers.openChoice(containerId, number),
    writeBackMsg: async (request): Promise<SaveResult> => {
      const source = containers.sourcePath(request.containerId);
      const path = await dialogs.chooseSaveTarget({
        purpose: 'export',
        defaultPath: source ? join(dirname(source), request.suggestedName) : request.suggestedName,
        filters: saveFilters(request.suggestedName, [
          { name: 'Outlook message', extensions: ['msg'] },
        ]),
      });
      if (path === null) return CANCELED;
      return containers.writeBack(request, path);
    },
    findContainerVersions: async ({ containerId, taskId }): Promise<ContainerVersionsResult> =>
      tasks.run('versions', taskId, (context) => containers.findVersions(containerId, context)),
    openContainerVersion: async ({ containerId, number }): Promise<OpenResult> =>
      containers.openVersion(containerId, number),
    pop3Check: async (request): Promise<Pop3CheckResult> =>
      tasks.run('pop3', request.taskId, (context) => deps.pop3.check(request, context)),
    listPop3Accounts: async (): Promise<readonly Pop3Account[]> => deps.pop3.listAccounts(),
    forgetPop3Account: async ({ host, port, user }): Promise<void> =>
      deps.pop3.forgetAccount(host, port, user),
  };

  function refuse(channel: string, reason: string): never {
    deps.log(`Refused ${channel}: ${reason}`);
    throw new Error(`Refused ${channel}: ${reason}`);
  }

  // One handler per row of the IPC table, on the row's channel.
  const table = Object.entries(INVOKE_TABLE).map(
    ([method, row]) => [method, row.channel] as [InvokeMethod, InvokeChannel],
  );
  const channels = table.map(([, channel]) => channel);
  for (const [method, channel] of table) {
    ipc.handle(channel, async (event, ...args) => {
      const foreign = foreignSenderReason(event, deps.isAppWebContents);
      if (foreign !== null) refuse(channel, foreign);
      if (args.length > 1) refuse(channel, `expected at most one argument, got ${args.length}`);
      let payload;
      try {
        payload = validateInvokePayload(channel, args[0]);
      } catch (error) {
        if (error instanceof InvalidPayloadError) refuse(channel, error.issues.join('; '));
        throw error;
      }
      try {
        return await (handlers[method] as (payload: unknown) => Promise<unknown>)(payload);
      } catch (error) {
        deps.log(
          `${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        throw error;
      }
    });
  }

  const onDocumentState: IpcListener = (event, ...args) => {
    const foreign = foreignSenderReason(event, deps.isAppWebContents);
    if (foreign !== null) {
      deps.log(`Ignored ${SEND_CHANNELS.documentState}: ${foreign}`);
      return;
    }
    const state = args.length === 1 ? parseDocumentState(args[0]) : null;
    if (state === null) {
      deps.log(`Ignored a malformed ${SEND_CHANNELS.documentState} message`);
      return;
    }
    deps.onDocumentState(state);
  };
  ipc.on(SEND_CHANNELS.documentState, onDocumentState);

  const onCancelTask: IpcListener = (event, ...args) => {
    const foreign = foreignSenderReason(event, deps.isAppWebContents);
    if (foreign !== null) {
      deps.log(`Ignored ${SEND_CHANNELS.cancelTask}: ${foreign}`);
      return;
    }
    const taskId = args.length === 1 ? parseTaskId(args[0]) : null;
    if (taskId === null) {
      deps.log(`Ignored a malformed ${SEND_CHANNELS.cancelTask} message`);
      return;
    }
    tasks.cancel(taskId);
  };
  ipc.on(SEND_CHANNELS.cancelTask, onCancelTask);

  const onFilesPicked: IpcListener = (event, ...args) => {
    const foreign = foreignSenderReason(event, deps.isAppWebContents);
    if (foreign !== null) {
      deps.log(`Ignored ${SEND_CHANNELS.filesPicked}: ${foreign}`);
      return;
    }
    const paths = args.length === 1 ? parsePickedPaths(args[0]) : null;
    if (paths === null) {
      deps.log(`Ignored a malformed ${SEND_CHANNELS.filesPicked} message`);
      return;
    }
    for (const path of paths) picked.add(path);
  };
  ipc.on(SEND_CHANNELS.filesPicked, onFilesPicked);

  return () => {
    for (const channel of channels) ipc.removeHandler(channel);
    ipc.removeListener(SEND_CHANNELS.documentState, onDocumentState);
    ipc.removeListener(SEND_CHANNELS.cancelTask, onCancelTask);
    ipc.removeListener(SEND_CHANNELS.filesPicked, onFilesPicked);
  };
}
