/**
 * Versions of the histories in a container (issue 12): the chooser searches the whole file for
 * earlier copies (progress and cancel through the host's task), lists them under each account,
 * and opens one read-only like any history, or compares one with the current history of its
 * account (Compare with another history, the version as the older side). A search's result is
 * kept in the container session, for the report of a history of that container.
 */
import type {
  ContainerVersionsResult,
  HostApi,
  HostProgress,
  OpenedContainer,
  OpenedFile,
} from '@shared/host/contract.js';
import type { VersionRecord } from '@shared/versions/types.js';
import { versionAccount } from '@shared/report/version-diffs.js';
import type { ContainerSessionStore } from '../state/containers/container-session';
import type { UiStore } from '../state/stores/ui-store';
import { newTaskId } from './task-id';

export interface VersionSearch {
  readonly taskId: string;
  readonly result: Promise<ContainerVersionsResult>;
}

export interface VersionCommands {
  /** Starts the search; `onProgress` gets its progress events until it ends. */
  findVersions(
    container: OpenedContainer,
    onProgress: (progress: HostProgress) => void,
  ): VersionSearch;
  /** Stops a running search; its result then answers canceled. */
  cancelVersions(taskId: string): void;
  /** Fetches version `number` of the last search, read-only; a failure is a message. */
  openContainerVersion(container: OpenedContainer, number: number): Promise<OpenedFile | string>;
  /** Opens version `number` as the document and closes the chooser; null, or why it could not. */
  openVersion(container: OpenedContainer, number: number): Promise<string | null>;
  /**
   * Opens the current history of `version`'s account as the document and compares it with the
   * version (the older side); null, or why it could not.
   */
  compareVersion(container: OpenedContainer, version: VersionRecord): Promise<string | null>;
}

export interface VersionCommandDependencies {
  readonly host: HostApi;
  readonly ui: UiStore;
  readonly loadFile: (file: OpenedFile) => Promise<string | null>;
  readonly containerSession: ContainerSessionStore;
  /** Opens a history of the container as the document and closes the chooser (container commands). */
  readonly openChoice: (container: OpenedContainer, number: number) => Promise<string | null>;
  /** Compares the open document with a history's bytes (history-diff commands). */
  readonly compareWithOtherHistory: (bytes: Uint8Array, label: string) => Promise<boolean>;
}

export function createVersionCommands({
  host,
  ui,
  loadFile,
  containerSession,
  openChoice,
  compareWithOtherHistory,
}: VersionCommandDependencies): VersionCommands {
  const commands: VersionCommands = {
    findVersions(container, onProgress) {
      const taskId = newTaskId('versions');
      const unsubscribe = host.onProgress((event) => {
        if (event.taskId === taskId) onProgress(event);
      });
      const result = host
        .findContainerVersions(container.containerId, taskId)
        .finally(unsubscribe)
        .then((answer) => {
          if (answer.status === 'versions') {
            containerSession
              .getState()
              .actions.setVersions({ containerId: container.containerId, result: answer });
          }
          return answer;
        });
      return { taskId, result };
    },

    cancelVersions(taskId) {
      host.cancelTask(taskId);
    },

    async openContainerVersion(container, number) {
      const result = await host.openContainerVersion(container.containerId, number);
      if (result.status === 'opened') return result;
      if (result.status === 'failed') return result.message;
      return `Version ${number} of ${container.name} could not be opened.`;
    },

    async openVersion(container, number) {
      const file = await commands.openContainerVersion(container, number);
      if (typeof file === 'string') return file;
      const error = await loadFile(file);
      if (error !== null) return error;
      ui.getState().actions.closeDialog();
      return null;
    },

    async compareVersion(container, version) {
      const account = versionAccount(version);
      const current = container.choices.find(
        (choice) => choice.account !== null && choice.account === account,
      );
      if (current === undefined) {
        return `${container.name} holds no current history of ${account ?? 'the account of this version'} to compare versions/${version.number} with.`;
      }
      // The version first: if it cannot be read, the open document stays as it was.
      const file = await commands.openContainerVersion(container, version.number);
      if (typeof file === 'string') return file;
      const error = await openChoice(container, current.number);
      if (error !== null) return error;
      const compared = await compareWithOtherHistory(
        file.bytes,
        `versions/${version.number} of ${container.name}`,
      );
      // compareWithOtherHistory has said why when it could not.
      return compared ? null : `versions/${version.number} could not be compared.`;
    },
  };
  return commands;
}
