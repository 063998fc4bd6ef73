/**
 * Versions of the histories in a container (issue 12): the chooser searches the whole file for
 * earlier copies (progress and cancel through the host's task), lists them under each account,
 * and opens one read-only like any history. `openContainerVersion` is the door a later
 * "Compare with another history… → a version of this store" can use as well.
 */
import type {
  ContainerVersionsResult,
  HostApi,
  HostProgress,
  OpenedContainer,
  OpenedFile,
} from '@shared/host/contract.js';
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
}

export interface VersionCommandDependencies {
  readonly host: HostApi;
  readonly ui: UiStore;
  readonly loadFile: (file: OpenedFile) => Promise<string | null>;
}

export function createVersionCommands({
  host,
  ui,
  loadFile,
}: VersionCommandDependencies): VersionCommands {
  const commands: VersionCommands = {
    findVersions(container, onProgress) {
      const taskId = newTaskId('versions');
      const unsubscribe = host.onProgress((event) => {
        if (event.taskId === taskId) onProgress(event);
      });
      const result = host.findContainerVersions(container.containerId, taskId).finally(unsubscribe);
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
  };
  return commands;
}
