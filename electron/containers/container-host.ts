/**
 * The desktop app's side of containers: a PST, OST or `.msg` opened from any door is scanned
 * (read-only, by offset, with progress and cancel) and listed for the renderer's chooser; one
 * attachment is then opened as a read-only history, and a repaired history can be written into
 * a copy of a `.msg`. Stores are never written.
 */
import { randomBytes } from 'node:crypto';
import { open, realpath, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type {
  ContainerChoice,
  ContainerVersionsResult,
  HostFailure,
  HostFailureCode,
  OpenedContainer,
  OpenedFile,
  OpenResult,
  SaveResult,
  WriteBackRequest,
} from '../../shared/host/contract.js';
import { sha256Hex } from '../../shared/hash.js';
import {
  detectContainer,
  PST_WRITE_BACK_UNSUPPORTED,
} from '../../shared/input/container-signature.js';
import type { ContainerHost, TaskContext } from '../services/host-services.js';
import { fsFailure, type FileService } from '../services/file-service.js';
import { ContainerError } from './errors.js';
import { writeBackMsg } from './msg/writeback.js';
import {
  readMsgBytes,
  scanMsgBytes,
  scanSource,
  type ContainerKind,
  type ScannedAttachment,
  type ScannedMessage,
  type ScanProgress,
  type ScanReport,
  type ScanResult,
} from './scan.js';
import { openFileSource, type ByteSource } from './source.js';
import { findVersionsInSource, type VersionsResult } from './versions.js';
import { versionTimelines } from './version-timelines.js';

/** Scans kept for openChoice and writeBack; each holds its histories' bytes, so few. */
export const MAX_KEPT_CONTAINERS = 4;

export interface ContainerHostOptions {
  readonly log: (message: string) => void;
  /**
   * Histories opened from a container are registered here as read-only documents (Save As and
   * Export work from their ids; nothing writes over the store), and write-back copies are
   * written through its export, which refuses to replace any file opened read-only.
   */
  readonly files: Pick<FileService, 'registerContained' | 'exportTo'>;
  /** Issues container ids; must match the IPC schema's `[A-Za-z0-9_-]{8,64}`. */
  readonly newContainerId?: () => string;
}

interface KeptContainer {
  readonly path: string;
  readonly name: string;
  readonly kind: ContainerKind;
  readonly mtimeMs: number;
  readonly scan: ScanResult;
  readonly choices: readonly ContainerChoice[];
  /** SHA-256 of a `.msg` as scanned: write-back refuses a file that changed since. */
  readonly msgSha256: string | null;
}

/** Thrown from inside the scan when the renderer cancels it. */
class ScanCanceled extends Error {}

function failure(code: HostFailureCode, message: string): HostFailure {
  return { status: 'failed', code, message };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** `text` ending with a full stop. */
function withPeriod(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** `text` as a sentence: capitalised, with a full stop. */
function sentence(text: string): string {
  const ended = withPeriod(text);
  return `${ended.charAt(0).toUpperCase()}${ended.slice(1)}`;
}

function attachmentName(attachment: ScannedAttachment): string {
  return attachment.longFilename ?? attachment.filename ?? attachment.displayName ?? '(no name)';
}

/** Where a message is: its folder path and subject in a store, the file's name for a `.msg`. */
function messagePlace(message: ScannedMessage, containerName: string): string {
  if (message.folderPath === null) return containerName;
  return `${message.folderPath.join('/')} › ${message.subject ?? '(no subject)'}`;
}

/** Why an attachment is not offered in the chooser, or null when it is. */
function notOffered(attachment: ScannedAttachment): string | null {
  if (attachment.kind === 'embedded-message') return 'an embedded message';
  if (attachment.dataBytes === null) return attachment.note ?? 'no binary data';
  return null;
}

/**
 * The chooser's rows: histories first, then their `Restags…` companions (never offered as
 * histories), then other binary attachments, each by number.
 */
export function containerChoices(
  report: ScanReport,
  containerName: string,
): readonly ContainerChoice[] {
  const rows = report.messages.flatMap((message) =>
    message.attachments
      .filter((attachment) => notOffered(attachment) === null)
      .map((attachment): ContainerChoice => ({
        number: attachment.number,
        account: attachment.account,
        storePath: messagePlace(message, containerName),
        attachmentName: attachmentName(attachment),
        rule: attachment.rule,
        bytes: attachment.dataBytes ?? 0,
        entryCount: attachment.history?.entryCount ?? null,
        lastActivity: attachment.history?.lastTimestamp ?? null,
        diagnostics: attachment.history
          ? {
              error: attachment.history.diagnostics.error,
              warning: attachment.history.diagnostics.warning,
              info: attachment.history.diagnostics.info,
            }
          : null,
        companion: attachment.companion && {
          account: attachment.companion.account,
          historyNumber: attachment.companion.historyNumber,
          rule: attachment.companion.rule,
        },
        miniUid: attachment.miniUidCheck,
      })),
  );
  const histories = rows.filter((row) => row.rule !== null);
  const companions = rows.filter((row) => row.rule === null && row.companion);
  const others = rows.filter((row) => row.rule === null && !row.companion);
  const byNumber = (a: ContainerChoice, b: ContainerChoice) => a.number - b.number;
  return [...histories.sort(byNumber), ...companions.sort(byNumber), ...others.sort(byNumber)];
}

/** One line per message: where it is, and what it holds (and which attachments are not offered). */
export function messageLines(report: ScanReport, containerName: string): string[] {
  return report.messages.map((message) => {
    const skipped = message.attachments
      .map((attachment) => [attachment, notOffered(attachment)] as const)
      .filter(([, reason]) => reason !== null)
      .map(
        ([attachment, reason]) => `#${attachment.number} ${attachmentName(attachment)} (${reason})`,
      );
    return (
      `${messagePlace(message, containerName)}: ${message.status}` +
      (skipped.length > 0 ? `; not offered: ${skipped.join(', ')}` : '')
    );
  });
}

/** The scan's result in a sentence or two, with how much of a store was read. */
export function scanSummary(report: ScanReport): string {
  const { store } = report;
  if (store === null) return sentence(report.summary);
  const where =
    store.scope === 'inbox' && store.inbox
      ? `the Inbox (${store.inbox.path.join('/')})`
      : `${store.foldersSearched} folder(s)`;
  return (
    `${sentence(report.summary)} Searched ${where}, reading ${sizeText(store.bytesRead)} ` +
    `of the ${sizeText(report.fileSize)} store.`
  );
}

/** The scan phases, for the user. */
function phaseText(progress: ScanProgress): string {
  return progress.phase === 'folders'
    ? 'Listing folders'
    : 'Searching folders for IPM.MessageManager messages';
}

/** A byte source that stops at the first read after a cancel, and reports bytes read. */
function cancellable(
  source: ByteSource,
  signal: AbortSignal,
  onRead: (bytesRead: number) => void,
): ByteSource {
  return {
    get size() {
      return source.size;
    },
    get bytesRead() {
      return source.bytesRead;
    },
    async read(offset, length, what) {
      if (signal.aborted) throw new ScanCanceled();
      const bytes = await source.read(offset, length, what);
      onRead(source.bytesRead);
      return bytes;
    },
    close: () => source.close(),
  };
}

/** The container kind a file's first bytes announce, or null (also when it cannot be read). */
async function sniff(path: string): Promise<{ kind: ContainerKind; mtimeMs: number } | null> {
  try {
    // stat before open: opening a FIFO would block until something writes to it.
    const stats = await stat(path);
    if (!stats.isFile()) return null;
    const handle = await open(path, 'r');
    try {
      const head = new Uint8Array(16);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const found = detectContainer(head.subarray(0, bytesRead));
      if (found === null) return null;
      return { kind: found === 'compound-file' ? 'msg' : found, mtimeMs: stats.mtimeMs };
    } finally {
      await handle.close();
    }
  } catch {
    // The file service opens it next and reports the problem in its usual words.
    return null;
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [x, y] = await Promise.all([stat(a, { bigint: true }), stat(b, { bigint: true })]);
    if (x.ino !== 0n && x.dev === y.dev && x.ino === y.ino) return true;
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false; // the target does not exist yet
  }
}

export function createContainerHost(options: ContainerHostOptions): ContainerHost {
  const { log, files } = options;
  const newContainerId = options.newContainerId ?? (() => randomBytes(16).toString('base64url'));
  const kept = new Map<string, KeptContainer>();
  /** The last versions search of each kept container (issue 12), for openVersion. */
  const versionsOf = new Map<string, VersionsResult>();

  /** A history read from a kept container, registered so Save As and Export name its source. */
  async function openedContained(
    container: KeptContainer,
    name: string,
    bytes: Uint8Array,
  ): Promise<OpenedFile> {
    const fileId = await files.registerContained(container.path, {
      name,
      bytes,
      mtimeMs: container.mtimeMs,
    });
    return {
      status: 'opened',
      fileId,
      name,
      path: container.path,
      bytes,
      sha256: sha256Hex(bytes),
      modifiedMs: container.mtimeMs,
      // Evidence: a history or version lives inside the store, which is never written.
      readOnly: true,
    };
  }

  function keep(id: string, container: KeptContainer): void {
    kept.set(id, container);
    for (const oldest of kept.keys()) {
      if (kept.size <= MAX_KEPT_CONTAINERS) break;
      kept.delete(oldest);
      versionsOf.delete(oldest);
    }
  }

  const notOpen = (): HostFailure =>
    failure(
      'unknown-file',
      'That PST, OST or .msg file is no longer open in this session (only the last ' +
        `${MAX_KEPT_CONTAINERS} are kept); open it again.`,
    );

  async function scan(
    path: string,
    kind: ContainerKind,
    task: TaskContext,
  ): Promise<{ result: ScanResult; msgSha256: string | null }> {
    const name = basename(path);
    let phaseReported = false;
    const onRead = (bytesRead: number): void => {
      // Until the scanner names a phase (an Inbox-only scan names one only at its end).
      if (!phaseReported)
        task.progress(`Reading ${name}: ${sizeText(bytesRead)} read`, bytesRead, null);
    };
    const source = cancellable(await openFileSource(path), task.signal, onRead);
    try {
      if (kind === 'msg') {
        const bytes = await readMsgBytes(source);
        return { result: scanMsgBytes(bytes, path), msgSha256: sha256Hex(bytes) };
      }
      const result = await scanSource(source, path, {
        onProgress(progress) {
          if (task.signal.aborted) throw new ScanCanceled();
          phaseReported = true;
          task.progress(phaseText(progress), progress.done, progress.total);
        },
      });
      return { result, msgSha256: null };
    } finally {
      await source.close();
    }
  }

  return {
    async openIfContainer(givenPath, task) {
      const path = resolve(givenPath);
      const sniffed = await sniff(path);
      if (sniffed === null) return null;
      const name = basename(path);
      const canceled = () => {
        log(`Canceled the scan of ${path}`);
        return failure('io', `Canceled: the search of '${name}' was stopped; nothing was opened.`);
      };
      if (task.signal.aborted) return canceled();
      task.progress(`Opening ${name}`, 0, null);

      let scanned;
      try {
        scanned = await scan(path, sniffed.kind, task);
      } catch (error) {
        if (error instanceof ScanCanceled) return canceled();
        if (error instanceof ContainerError) {
          return failure('unsupported', `Cannot open '${path}': ${withPeriod(error.message)}`);
        }
        if ((error as NodeJS.ErrnoException | null)?.code !== undefined) {
          return fsFailure('open', path, error);
        }
        log(
          `Scanning ${path} failed: ${error instanceof Error ? (error.stack ?? '') : ''} ${describeError(error)}`,
        );
        return failure(
          'io',
          `Cannot open '${path}': the scan stopped unexpectedly (${describeError(error)}).`,
        );
      }
      if (task.signal.aborted) return canceled();

      const { report } = scanned.result;
      const containerId = newContainerId();
      const choices = containerChoices(report, name);
      keep(containerId, {
        path,
        name,
        kind: report.container,
        mtimeMs: sniffed.mtimeMs,
        scan: scanned.result,
        choices,
        msgSha256: scanned.msgSha256,
      });
      return {
        status: 'container',
        containerId,
        name,
        path,
        kind: report.container,
        summary: scanSummary(report),
        messages: messageLines(report, name),
        choices,
        writeBack: report.container === 'msg' ? 'msg-copy' : 'unsupported',
      } satisfies OpenedContainer;
    },

    async openChoice(containerId, number): Promise<OpenResult> {
      const container = kept.get(containerId);
      if (!container) return notOpen();
      const choice = container.choices.find((c) => c.number === number);
      const bytes = choice ? container.scan.attachmentData(number) : null;
      if (!choice || bytes === null) {
        return failure(
          'not-found',
          `'${container.name}' has no attachment #${number} with binary data to open.`,
        );
      }
      // A file-like name (it is a raw BLOB) from which Save As and Export suggest names.
      const name = `${choice.account ?? choice.attachmentName} — ${container.name} #${number}.bin`;
      return openedContained(container, name, bytes);
    },

    async writeBack(request: WriteBackRequest, targetPath: string): Promise<SaveResult> {
      const container = kept.get(request.containerId);
      if (!container) return notOpen();
      if (container.kind !== 'msg') return failure('unsupported', PST_WRITE_BACK_UNSUPPORTED);
      const target = resolve(targetPath);
      if (await sameFile(target, container.path)) {
        return failure(
          'read-only',
          `Cannot write into '${target}': it is the .msg the history came from, which is never ` +
            'modified. Choose another name for the copy.',
        );
      }
      // A file at the target is kept under a free backup name: the write replaces no other.

      let source: Uint8Array;
      try {
        const file = await openFileSource(container.path);
        try {
          source = await readMsgBytes(file);
        } finally {
          await file.close();
        }
      } catch (error) {
        if (error instanceof ContainerError) {
          return failure(
            'unsupported',
            `Cannot read '${container.path}': ${withPeriod(error.message)}`,
          );
        }
        return fsFailure('read', container.path, error);
      }
      if (sha256Hex(source) !== container.msgSha256) {
        return failure(
          'changed-on-disk',
          `'${container.path}' changed on disk since it was opened; open it again before ` +
            'writing a history into a copy of it.',
        );
      }

      let copy: Uint8Array;
      try {
        copy = writeBackMsg(source, request.bytes, { attachment: request.number }).bytes;
      } catch (error) {
        if (error instanceof ContainerError) {
          return failure(
            'unsupported',
            `Cannot write into a copy of '${container.name}': ${withPeriod(error.message)}`,
          );
        }
        log(`Write-back into a copy of ${container.path} failed: ${describeError(error)}`);
        return failure(
          'io',
          `Cannot write into a copy of '${container.name}': ${describeError(error)}.`,
        );
      }
      return files.exportTo(target, copy);
    },

    sourcePath(containerId) {
      return kept.get(containerId)?.path ?? null;
    },

    async findVersions(containerId, task): Promise<ContainerVersionsResult> {
      const container = kept.get(containerId);
      if (!container) return notOpen();
      if (task.signal.aborted) return { status: 'canceled' };
      task.progress(`Searching ${container.name} for earlier versions`, 0, null);
      let result: VersionsResult;
      try {
        const source = await openFileSource(container.path);
        try {
          result = await findVersionsInSource(source, container.path, {
            signal: task.signal,
            onProgress: (done, total) =>
              task.progress(`Searching ${container.name} for earlier versions`, done, total),
          });
        } finally {
          await source.close();
        }
      } catch (error) {
        if (task.signal.aborted) return { status: 'canceled' };
        if (error instanceof ContainerError) {
          return failure(
            'unsupported',
            `Cannot search '${container.name}' for versions: ${withPeriod(error.message)}`,
          );
        }
        if ((error as NodeJS.ErrnoException | null)?.code !== undefined) {
          return fsFailure('read', container.path, error);
        }
        log(`Searching ${container.path} for versions failed: ${describeError(error)}`);
        return failure(
          'io',
          `Cannot search '${container.name}' for versions: ${describeError(error)}.`,
        );
      }
      if (task.signal.aborted) return { status: 'canceled' };
      versionsOf.set(containerId, result);
      return {
        status: 'versions',
        versions: result.report.versions,
        timeline: versionTimelines(result),
        findings: result.report.findings,
      };
    },

    async openVersion(containerId, number): Promise<OpenResult> {
      const container = kept.get(containerId);
      const result = versionsOf.get(containerId);
      if (!container || !result) return notOpen();
      const record = result.report.versions[number - 1];
      const bytes = result.versionBytes(number);
      if (!record || bytes === null) {
        return failure('not-found', `'${container.name}' has no version ${number} to open.`);
      }
      const role = record.current ? 'current' : 'carved';
      const name = `${record.current?.account ?? record.precedes?.account ?? 'history'} — ${container.name} versions-${number} (${role}).bin`;
      return openedContained(container, name, bytes);
    },
  };
}
