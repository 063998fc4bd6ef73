/**
 * What a second instance asks the running one to do, passed as `requestSingleInstanceLock`'s
 * `additionalData`. Electron's docs advise it over the `argv` of 'second-instance', which "will
 * not be exactly the same list of arguments as those passed to the second instance. The order
 * might change and additional arguments might be appended", and is empty when the second
 * instance runs as another user. The second instance has already resolved its files against its
 * own folder; `argv` stays the fallback for an instance that sent nothing usable.
 */
import { isAbsolute } from 'node:path';
import { parseCommandLine, type CommandLine } from './args.js';

/** Marks the data as ours and of this shape. */
const KIND = 'uidl-studio/open';

export interface InstanceRequest {
  /** Absolute paths, in the order given. */
  readonly files: readonly string[];
  readonly readOnly: boolean;
}

/** The additionalData a second instance sends (JSON: Electron serializes it). */
export function instanceRequestData(commandLine: CommandLine): Record<string, unknown> {
  return { kind: KIND, files: [...commandLine.files], readOnly: commandLine.readOnly };
}

/** The request in additionalData, or null when it is not one of ours. */
export function parseInstanceRequest(data: unknown): InstanceRequest | null {
  if (typeof data !== 'object' || data === null) return null;
  const { kind, files, readOnly } = data as Record<string, unknown>;
  if (kind !== KIND || typeof readOnly !== 'boolean' || !Array.isArray(files)) return null;
  if (!files.every((file): file is string => typeof file === 'string' && isAbsolute(file)))
    return null;
  return { files, readOnly };
}

/** What a 'second-instance' event asks for: its additionalData, or else its argv. */
export function secondInstanceRequest(
  argv: readonly string[],
  workingDirectory: string,
  additionalData: unknown,
  defaultApp: boolean,
): InstanceRequest {
  const sent = parseInstanceRequest(additionalData);
  if (sent) return sent;
  const parsed = parseCommandLine(argv, { cwd: workingDirectory, defaultApp });
  return { files: parsed.files, readOnly: parsed.readOnly };
}
