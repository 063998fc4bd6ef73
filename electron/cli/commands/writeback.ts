/**
 * `uidl-studio writeback SOURCE.msg BLOB -o OUT.msg [--account ADDR | --attachment N]`: a copy
 * of the `.msg` with one attachment's data replaced by the BLOB. Never in place; written
 * atomically, an existing OUT kept as OUT.bak.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ContainerError } from '../../containers/errors.js';
import { writeBackMsg } from '../../containers/msg/writeback.js';
import { readMsgBytes } from '../../containers/scan.js';
import { openFileSource } from '../../containers/source.js';
import { writeFileAtomic } from '../../services/atomic-write.js';
import { CliError, describeFsError, describeStoreError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { LoadedInput } from '../load-input.js';
import { formatBytes, printable } from '../text.js';

export interface WritebackOptions {
  readonly output: string;
  /** Replace OUT even when it is a read-only file. */
  readonly force?: boolean;
  readonly account?: string;
  readonly attachment?: number;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

async function readMsgFile(path: string): Promise<Uint8Array> {
  let source;
  try {
    source = await openFileSource(path);
    return await readMsgBytes(source);
  } catch (error) {
    throw describeStoreError(path, error);
  } finally {
    await source?.close();
  }
}

export async function writeback(
  source: string,
  blob: LoadedInput,
  options: WritebackOptions,
  io: CliIo,
): Promise<number> {
  if (await sameFile(source, options.output)) {
    throw new CliError(
      `refusing to write back into '${options.output}' itself; -o must name a new copy`,
    );
  }
  if (blob.path !== null && (await sameFile(blob.path, options.output))) {
    throw new CliError(
      `refusing to overwrite the BLOB input '${options.output}' with the .msg copy`,
    );
  }
  // An existing OUT is kept under a free backup name (OUT.bak, OUT.1.bak...): never an input.
  const sourceBytes = await readMsgFile(source);
  let result;
  try {
    result = writeBackMsg(sourceBytes, blob.decoded.bytes, {
      ...(options.account !== undefined ? { account: options.account } : {}),
      ...(options.attachment !== undefined ? { attachment: options.attachment } : {}),
    });
  } catch (error) {
    if (error instanceof ContainerError) throw new CliError(`${source}: ${error.message}`);
    throw error;
  }
  let backupPath: string | null;
  try {
    ({ backupPath } = await writeFileAtomic(options.output, result.bytes, {
      replaceReadOnly: options.force === true,
    }));
  } catch (error) {
    throw describeFsError('write', options.output, error);
  }
  const { attachment } = result;
  const name =
    attachment.longFilename ?? attachment.filename ?? attachment.displayName ?? '(no name)';
  const errors = blob.document.diagnostics.filter((d) => d.severity === 'error').length;
  io.stdout.write(
    `Wrote '${options.output}' (${formatBytes(result.bytes.length)}): attachment #${attachment.index + 1} ` +
      `"${printable(name)}" data ${result.previousBytes.toLocaleString('en-US')} -> ` +
      `${blob.decoded.bytes.length.toLocaleString('en-US')} bytes` +
      (result.attachSize
        ? `, PR_ATTACH_SIZE ${result.attachSize.before.toLocaleString('en-US')} -> ${result.attachSize.after.toLocaleString('en-US')}`
        : '') +
      (backupPath ? `; the previous file is kept as '${backupPath}'` : '') +
      '.\n',
  );
  if (errors > 0) {
    io.stderr.write(
      `uidl-studio: warning: the BLOB written has ${errors} error finding(s); run 'uidl-studio validate' on it\n`,
    );
  }
  return 0;
}
