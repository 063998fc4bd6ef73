/** Opening a file for the user, from any door (dialog, drop, recent list, command line). */
import type { HostFailure, OpenedContainer, OpenedFile } from '../../shared/host/contract.js';
import type { FileService } from '../services/file-service.js';
import type { RecentFiles } from '../services/recent-files.js';
import type { ContainerHost } from '../services/host-services.js';
import type { HostTasks } from './host-tasks.js';

export interface OpenFileDependencies {
  readonly files: Pick<FileService, 'open'>;
  readonly recent: Pick<RecentFiles, 'add'>;
  readonly containers: Pick<ContainerHost, 'openIfContainer'>;
  readonly tasks: Pick<HostTasks, 'run'>;
  /** Called after the recent list changed (the native menu shows it). */
  readonly onRecentChanged?: () => void;
}

export interface OpenRequest {
  readonly readOnly: boolean;
  /** Progress and cancel of a container scan run under this id. */
  readonly taskId?: string | undefined;
  /** A server listing is read as it is (no container scan) and not remembered as recent. */
  readonly purpose?: 'document' | 'listing' | undefined;
}

/**
 * Opens `path` and, when that worked, puts it first on the recent list. A PST, OST or `.msg`
 * is searched for histories (by offset, with progress under `taskId`) instead of being read
 * whole; containers are always read-only.
 */
export async function openAndRemember(
  deps: OpenFileDependencies,
  path: string,
  request: OpenRequest,
): Promise<OpenedFile | OpenedContainer | HostFailure> {
  const { readOnly, taskId = null, purpose = 'document' } = request;
  if (purpose === 'listing') return deps.files.open(path, { readOnly: true });
  const container = await deps.tasks.run('scan', taskId, (context) =>
    deps.containers.openIfContainer(path, context),
  );
  const result = container ?? (await deps.files.open(path, { readOnly }));
  if (result.status === 'opened' || result.status === 'container') {
    await deps.recent.add(result.path ?? path);
    deps.onRecentChanged?.();
  }
  return result;
}
