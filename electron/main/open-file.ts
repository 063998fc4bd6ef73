/** Opening a file for the user, from any door (dialog, drop, recent list, command line). */
import type { HostFailure, OpenedFile } from '../../shared/host/contract.js';
import type { FileService } from '../services/file-service.js';
import type { RecentFiles } from '../services/recent-files.js';

export interface OpenFileDependencies {
  readonly files: Pick<FileService, 'open'>;
  readonly recent: Pick<RecentFiles, 'add'>;
  /** Called after the recent list changed (the native menu shows it). */
  readonly onRecentChanged?: () => void;
}

/** Opens `path` and, when that worked, puts it first on the recent list. */
export async function openAndRemember(
  deps: OpenFileDependencies,
  path: string,
  readOnly: boolean,
): Promise<OpenedFile | HostFailure> {
  const result = await deps.files.open(path, { readOnly });
  if (result.status === 'opened') {
    await deps.recent.add(result.path ?? path);
    deps.onRecentChanged?.();
  }
  return result;
}
