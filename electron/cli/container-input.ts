/**
 * `STORE#<account>` and `STORE#<n>`: a history inside a PST, OST or `.msg` file as the input of
 * inspect, export and validate; `STORE#versions/<n>`: a version the versions search lists. A container named without `#` is opened when it holds exactly
 * one history; otherwise the message lists the choices.
 */
import { open, stat } from 'node:fs/promises';
import { findAccount } from '../containers/lookup.js';
import { scanFile, type ContainerKind, type ScannedAttachment } from '../containers/scan.js';
import { searchFile } from '../containers/versions.js';
import type { VersionRecord, VersionsReport } from '../../shared/versions/types.js';
import { detectContainer } from '../../shared/input/container-signature.js';
import { MAX_INPUT_BYTES, MAX_INPUT_TEXT } from '../../shared/limits.js';
import { CliError, describeFsError, describeStoreError } from './errors.js';
import { formatBytes, printable } from './text.js';

export interface ContainerReference {
  /** The container file's path. */
  readonly path: string;
  /** What follows `#`, or null when the container was named alone. */
  readonly selector: string | null;
}

export interface ContainerAttachment {
  readonly path: string;
  readonly kind: ContainerKind;
  readonly attachment: ScannedAttachment;
  readonly bytes: Uint8Array;
  /** The `Restags…` companions of the chosen history (none for another attachment). */
  readonly companions: readonly ScannedAttachment[];
}

async function isContainer(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return detectContainer(head.subarray(0, bytesRead)) !== null;
  } finally {
    await handle.close();
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether `file` names a container: an existing PST/OST/.msg, or `PATH#SELECTOR` where PATH
 * exists (a file whose own name holds `#` is taken as it is).
 */
export async function containerReference(file: string): Promise<ContainerReference | null> {
  if (await isFile(file)) {
    try {
      return (await isContainer(file)) ? { path: file, selector: null } : null;
    } catch (error) {
      throw describeFsError('read', file, error);
    }
  }
  const hash = file.lastIndexOf('#');
  if (hash <= 0) return null;
  const path = file.slice(0, hash);
  if (!(await isFile(path))) return null;
  let container: boolean;
  try {
    container = await isContainer(path);
  } catch (error) {
    throw describeFsError('read', path, error);
  }
  if (!container) {
    throw new CliError(
      `'${path}' is not a PST, OST or .msg file, so '#${file.slice(hash + 1)}' cannot select a history in it`,
    );
  }
  return { path, selector: file.slice(hash + 1) };
}

function describe(attachment: ScannedAttachment): string {
  const name =
    attachment.account ??
    attachment.longFilename ??
    attachment.filename ??
    attachment.displayName ??
    '(no name)';
  return `#${attachment.number} ${printable(name)}`;
}

/** Scans the container and returns the chosen attachment's bytes. */
export async function loadContainerAttachment(
  reference: ContainerReference,
): Promise<ContainerAttachment> {
  const { path, selector } = reference;
  let result;
  try {
    result = await scanFile(path);
  } catch (error) {
    throw describeStoreError(path, error);
  }
  const attachments = result.report.messages.flatMap((m) => m.attachments);
  const histories = attachments.filter((a) => a.rule !== null);
  let chosen: ScannedAttachment | undefined;
  if (selector === null) {
    const kind = result.report.container.toUpperCase();
    if (histories.length === 0) {
      // Say there is none, and where else it may be, rather than asking to name one of none.
      const elsewhere =
        result.report.container === 'msg'
          ? 'export the IPM.MessageManager message of the account you want, or read its store'
          : `'uidl-studio scan ${path} --all-folders' looks in the other folders, and ` +
            `'uidl-studio versions ${path}' for earlier copies left in the file; ` +
            "otherwise the history is in another profile's store";
      throw new CliError(
        `'${path}' is a ${kind} file with no POP3 account history (${result.report.summary}); ${elsewhere}`,
      );
    }
    if (histories.length > 1) {
      throw new CliError(
        `'${path}' is a ${kind} file holding ${histories.length} POP3 account histories: ` +
          `${histories.map(describe).join(', ')}; name one as '${path}#<account>' or ` +
          `'${path}#<n>' (see 'uidl-studio scan ${path}')`,
      );
    }
    chosen = histories[0];
  } else if (/^\d+$/.test(selector)) {
    const number = Number(selector);
    chosen = attachments.find((a) => a.number === number);
    if (!chosen) {
      throw new CliError(
        `'${path}' lists ${attachments.length} attachment(s)` +
          (attachments.length > 0 ? ` (#1 to #${attachments.length})` : '') +
          `; there is no #${number}`,
      );
    }
  } else {
    chosen =
      findAccount(
        attachments.filter((a) => a.kind === 'binary'),
        selector,
      ) ?? undefined;
    if (!chosen) {
      const known = histories.map(describe).join(', ') || 'none';
      throw new CliError(
        `'${path}' holds no history for '${printable(selector)}' (histories: ${known})`,
      );
    }
  }
  const bytes = result.attachmentData(chosen!.number);
  if (bytes === null) {
    throw new CliError(
      `'${path}#${chosen!.number}' has no binary data to read` +
        (chosen!.kind === 'embedded-message' ? ' (it is an embedded message)' : '') +
        (chosen!.note ? ` (${chosen!.note})` : ''),
    );
  }
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new CliError(
      `'${path}#${chosen!.number}' holds ${formatBytes(bytes.length)}; BLOBs over ${MAX_INPUT_TEXT} are refused`,
    );
  }
  const companions = attachments.filter((a) => a.companion?.historyNumber === chosen!.number);
  return { path, kind: result.report.container, attachment: chosen!, bytes, companions };
}

/** `versions/<n>` after `#`: a version of a history the versions search lists (1-based). */
export function versionNumber(selector: string | null): number | null {
  const match = selector === null ? null : /^versions\/(\d+)$/.exec(selector);
  if (!match) return null;
  const number = Number(match[1]);
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new CliError(`'#${selector}': versions are numbered from 1`);
  }
  return number;
}

export interface ContainerVersion {
  readonly path: string;
  readonly container: VersionsReport['container'];
  readonly record: VersionRecord;
  readonly count: number;
  readonly bytes: Uint8Array;
}

/** Searches the file for versions and returns version `number`'s bytes (read-only). */
export async function loadContainerVersion(
  reference: ContainerReference,
  number: number,
): Promise<ContainerVersion> {
  const { path } = reference;
  let result;
  try {
    result = await searchFile(path);
  } catch (error) {
    throw describeStoreError(path, error);
  }
  const { versions } = result.report;
  const record = versions[number - 1];
  const bytes = result.versionBytes(number);
  if (record === undefined || bytes === null) {
    throw new CliError(
      `'${path}' holds ${versions.length} version(s)` +
        (versions.length > 0 ? ` (versions/1 to versions/${versions.length})` : '') +
        `; there is no versions/${number} (see 'uidl-studio versions ${path}')`,
    );
  }
  return { path, container: result.report.container, record, count: versions.length, bytes };
}
