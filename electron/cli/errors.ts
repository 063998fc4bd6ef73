/** Failures the CLI reports as one line on stderr, never as a stack trace. */
import { ContainerError } from '../containers/errors.js';
import { WriteRefusedError } from '../services/atomic-write.js';

/** An error whose message is meant for the user, exit code 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

const FS_ERROR_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a component of the path is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
};

/** Reading a store failed: its damage named after the path, or the fs error (describeFsError). */
export function describeStoreError(path: string, error: unknown): CliError {
  if (error instanceof ContainerError) return new CliError(`${path}: ${error.message}`);
  return describeFsError('read', path, error);
}

/** `cannot read 'x.bin': no such file or directory`, from a Node fs error. */
export function describeFsError(action: string, path: string, error: unknown): CliError {
  if (error instanceof WriteRefusedError) {
    const hint = error.code === 'EREADONLYFILE' ? ' (or pass --force to replace it)' : '';
    return new CliError(`refusing to ${action} '${path}': ${error.message}${hint}`);
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason =
    (code && FS_ERROR_TEXT[code]) ?? (error instanceof Error ? error.message : String(error));
  return new CliError(`cannot ${action} '${path}': ${reason}`);
}
