/** The stores, the commands and the host, handed to every component through one context. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { HostApi } from '@shared/host/contract.js';
import { createCommands, type Commands } from './commands/commands';
import {
  createComparisonStore,
  type ComparisonState,
  type ComparisonStore,
} from './state/comparison/comparison-store';
import {
  createContainerSessionStore,
  type ContainerSessionStore,
} from './state/containers/container-session';
import {
  createLiveCheckStore,
  type LiveCheckState,
  type LiveCheckStore,
} from './state/comparison/live-check-store';
import {
  createHistoryDiffStore,
  type HistoryDiffState,
  type HistoryDiffStore,
} from './state/history-diff/history-diff-store';
import { createUiStore, type UiState, type UiStore } from './state/stores/ui-store';
import {
  createWorkspaceStore,
  type WorkspaceState,
  type WorkspaceStore,
} from './state/stores/workspace-store';

export interface AppServices {
  readonly host: HostApi;
  readonly workspace: WorkspaceStore;
  readonly ui: UiStore;
  /** The Compare view: its server side, filter and selection. */
  readonly comparison: ComparisonStore;
  /** The live check being waited for, and why the last one failed. */
  readonly liveCheck: LiveCheckStore;
  /** PST, OST and `.msg`: the scan being waited for, and where the document came from. */
  readonly containerSession: ContainerSessionStore;
  /** Compare with another history: the other side, the direction, filter and active row. */
  readonly historyDiff: HistoryDiffStore;
  readonly commands: Commands;
}

/** The page's local storage, or none where it is blocked (a sandboxed or private page). */
function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function createServices(host: HostApi): AppServices {
  const workspace = createWorkspaceStore();
  const ui = createUiStore(pageStorage());
  const comparison = createComparisonStore();
  const liveCheck = createLiveCheckStore();
  const containerSession = createContainerSessionStore(workspace);
  const historyDiff = createHistoryDiffStore();
  return {
    host,
    workspace,
    ui,
    comparison,
    liveCheck,
    containerSession,
    historyDiff,
    commands: createCommands(
      workspace,
      ui,
      host,
      comparison,
      containerSession,
      liveCheck,
      historyDiff,
    ),
  };
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useServices outside <AppContext.Provider>');
  return services;
}

export function useWorkspace<T>(selector: (state: WorkspaceState) => T): T {
  return useStore(useServices().workspace, selector);
}

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useServices().ui, selector);
}

export function useComparison<T>(selector: (state: ComparisonState) => T): T {
  return useStore(useServices().comparison, selector);
}

export function useLiveCheck<T>(selector: (state: LiveCheckState) => T): T {
  return useStore(useServices().liveCheck, selector);
}

export function useHistoryDiff<T>(selector: (state: HistoryDiffState) => T): T {
  return useStore(useServices().historyDiff, selector);
}

export function useCommands(): Commands {
  return useServices().commands;
}
