/**
 * The page's state around PST, OST and `.msg` containers: the scan it waits for (its task id
 * and latest progress), and where the open document came from when it is a history inside a
 * container (for write-back). One per workspace, beside it in the app's services
 * (AppServices.containerSession).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ContainerChoice,
  ContainerVersions,
  HostProgress,
  OpenedContainer,
} from '@shared/host/contract.js';
import type { WorkspaceStore } from '../stores/workspace-store';

/** A scan the page waits for. */
export interface RunningScan {
  /** The id the page gave the open request; the host's progress events carry it. */
  readonly taskId: string;
  /** The latest progress event; null until the first (plain files send none). */
  readonly progress: HostProgress | null;
  /** The user asked to stop it; its result, whatever it is, is dropped. */
  readonly canceled: boolean;
}

/** The container the open document was read from, and which of its attachments it is. */
export interface ContainerOrigin {
  readonly containerId: string;
  readonly containerName: string;
  readonly kind: OpenedContainer['kind'];
  readonly writeBack: OpenedContainer['writeBack'];
  readonly choice: ContainerChoice;
}

/** The last search for versions that ended with a result, and the container it searched. */
export interface FoundVersions {
  readonly containerId: string;
  readonly result: ContainerVersions;
}

export interface ContainerSessionActions {
  begin(taskId: string): void;
  /** Records a progress event of the running scan (others are ignored). */
  progress(event: HostProgress): void;
  markCanceled(taskId: string): void;
  end(taskId: string): void;
  /** The document just opened came from this container; cleared when another is opened. */
  setOrigin(origin: ContainerOrigin): void;
  /** A search for versions ended with a result (kept for the report of a history of it). */
  setVersions(found: FoundVersions): void;
}

export interface ContainerSessionState {
  readonly scan: RunningScan | null;
  readonly origin: ContainerOrigin | null;
  readonly versions: FoundVersions | null;
  readonly actions: ContainerSessionActions;
}

export type ContainerSessionStore = StoreApi<ContainerSessionState>;

/** The container state of `workspace`: its document's origin is cleared when another opens. */
export function createContainerSessionStore(workspace: WorkspaceStore): ContainerSessionStore {
  const store = createStore<ContainerSessionState>()((set, get) => {
    const ifRunning = (taskId: string, change: (scan: RunningScan) => RunningScan | null) => {
      const scan = get().scan;
      if (scan?.taskId === taskId) set({ scan: change(scan) });
    };
    return {
      scan: null,
      origin: null,
      versions: null,
      actions: {
        begin: (taskId) => set({ scan: { taskId, progress: null, canceled: false } }),
        progress: (event) => ifRunning(event.taskId, (scan) => ({ ...scan, progress: event })),
        markCanceled: (taskId) => ifRunning(taskId, (scan) => ({ ...scan, canceled: true })),
        end: (taskId) => ifRunning(taskId, () => null),
        setOrigin: (origin) => set({ origin }),
        setVersions: (versions) => set({ versions }),
      },
    };
  });
  // Another document (or none) replaces the one that came from the container.
  workspace.subscribe((state, previous) => {
    if (state.generation !== previous.generation || state.session === null) {
      if (store.getState().origin !== null) store.setState({ origin: null });
    }
  });
  return store;
}
