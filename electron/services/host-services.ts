/**
 * What the IPC handlers need of the container and POP3 services, as interfaces: the handlers
 * validate and route, the services (electron/containers, electron/network) do the work. They
 * live here, not in electron/main/, so imports only go toward main: main composes the
 * services, the services never import main.
 */
import type {
  HostFailure,
  ContainerVersionsResult,
  OpenResult,
  OpenedContainer,
  Pop3Account,
  Pop3CheckRequest,
  Pop3CheckResult,
  SaveResult,
  WriteBackRequest,
} from '../../shared/host/contract.js';

/**
 * What a long task (a store scan, a live POP3 check) sees of the main process's task runner
 * (electron/main/host-tasks.ts): services stay testable without IPC.
 */
export interface TaskContext {
  readonly signal: AbortSignal;
  /** Reports progress; throttled within a phase, so callers may report as often as they like. */
  progress(phase: string, done: number, total: number | null): void;
}

export interface ContainerHost {
  /**
   * Opens `path` as a container when its first bytes say it is a PST, OST or `.msg`, scanning
   * it read-only with progress; resolves null when it is not a container (open it as a file).
   */
  openIfContainer(path: string, task: TaskContext): Promise<OpenedContainer | HostFailure | null>;
  /** One attachment of an opened container, as a read-only history file. */
  openChoice(containerId: string, number: number): Promise<OpenResult>;
  /** Writes `request.bytes` into a copy of the container's `.msg` at `targetPath`. */
  writeBack(request: WriteBackRequest, targetPath: string): Promise<SaveResult>;
  /** The container's path, for the save dialog's default folder; null when unknown. */
  sourcePath(containerId: string): string | null;
  /** Searches the whole container for versions of its histories (progress, cancel). */
  findVersions(containerId: string, task: TaskContext): Promise<ContainerVersionsResult>;
  /** Version `number` of the last search of that container, as a read-only history file. */
  openVersion(containerId: string, number: number): Promise<OpenResult>;
}

export interface Pop3Host {
  /** UIDL then QUIT against the server; never RETR, never DELE. */
  check(request: Pop3CheckRequest, task: TaskContext): Promise<Pop3CheckResult>;
  listAccounts(): Promise<readonly Pop3Account[]>;
  forgetAccount(host: string, port: number, user: string): Promise<void>;
}
