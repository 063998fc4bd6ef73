/**
 * `uidl-studio report INPUT -o REPORT.html`: the forensic report (shared/report) of one input.
 * A PST, OST or `.msg` named alone is scanned and every history in it is reported; any other
 * input (a BLOB file, hex or base64 text, `STORE#account`, `STORE#n`) is one history. The
 * report is written like an export (atomically, the previous file kept as a numbered backup),
 * never over the input.
 *
 * A container named alone is also searched for every version of its histories (the
 * `versions` command's search), listed with the diffs between consecutive versions of each
 * account; its SHA-256 is that search's, which reads the whole file once.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from '../../../shared/codec/parse.js';
import { renderReport } from '../../../shared/report/render.js';
import { reportHistory } from '../../../shared/report/report-history.js';
import type { ReportHistory, ReportInput } from '../../../shared/report/types.js';
import { scanFile, type ScannedMessage } from '../../containers/scan.js';
import { searchFile } from '../../containers/versions.js';
import { versionDiffsByAccount } from '../../../shared/report/version-diffs.js';
import { writeFileAtomic } from '../../services/atomic-write.js';
import { containerReference } from '../container-input.js';
import { CliError, describeFsError, describeStoreError } from '../errors.js';
import type { CliIo } from '../io.js';
import { loadInput, type InputFormatOption, type InputReadOptions } from '../load-input.js';
import { formatBytes } from '../text.js';
import { packageVersion } from '../version.js';
import { isSameFile } from './export.js';
import { formatByteOffset } from '../../../shared/byte-range.js';

export const TOOL_NAME = 'UIDL Studio';

export interface ReportCommandOptions {
  readonly output: string;
  readonly force: boolean;
  readonly inputFormat: InputFormatOption;
  readonly readOptions?: InputReadOptions;
}

/** The time of examination, to the second, in UTC. */
export function examinationTime(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** SHA-256 of a whole file, streamed: a store may be far larger than memory should hold. */
async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

function locationOf(message: ScannedMessage): string | null {
  const parts = [...(message.folderPath ?? []), ...(message.subject ? [message.subject] : [])];
  return parts.length === 0 ? null : parts.join(' / ');
}

/** Every history a container's scan finds, each decoded for the report. */
async function containerReport(
  path: string,
): Promise<Pick<ReportInput, 'container' | 'histories'>> {
  let result;
  try {
    result = await scanFile(path);
  } catch (error) {
    throw describeStoreError(path, error);
  }
  const histories: ReportHistory[] = [];
  for (const message of result.report.messages) {
    for (const attachment of message.attachments) {
      if (attachment.rule === null) continue;
      const bytes = result.attachmentData(attachment.number);
      if (bytes === null) continue;
      const name =
        attachment.longFilename ?? attachment.filename ?? attachment.displayName ?? '(no name)';
      histories.push(
        reportHistory(parse(bytes), {
          account: attachment.account,
          attachment: `#${attachment.number} ${name}`,
          location: locationOf(message),
          containerFindings: attachment.findings,
        }),
      );
    }
  }
  return {
    container: { kind: result.report.container, summary: result.report.summary },
    histories,
  };
}

/** Every version of the histories in `path`, and the diffs between each account's versions. */
async function versionsReport(
  path: string,
): Promise<Pick<ReportInput, 'input' | 'versions' | 'versionDiffs'>> {
  let result;
  try {
    result = await searchFile(path);
  } catch (error) {
    throw describeStoreError(path, error);
  }
  const found = result;
  const { bytes, sha256 } = found.report.input;
  return {
    input: { path, bytes, sha256 },
    versions: found.report,
    versionDiffs: versionDiffsByAccount(found.report.versions, (number) => {
      const versionBytes = found.versionBytes(number);
      return versionBytes === null ? null : parse(versionBytes);
    }),
  };
}

export async function buildReportInput(
  file: string,
  inputFormat: InputFormatOption,
  io: CliIo,
  readOptions: InputReadOptions = {},
): Promise<ReportInput> {
  const common = {
    tool: { name: TOOL_NAME, version: packageVersion() },
    examinedAt: examinationTime(),
    versions: null,
    versionDiffs: [],
  };
  const reference = file === '-' ? null : await containerReference(file);
  if (reference !== null && reference.selector === null) {
    const histories = await containerReport(file);
    return { ...common, ...histories, ...(await versionsReport(file)) };
  }
  const loaded = await loadInput(file, inputFormat, io, readOptions);
  const { container, version } = loaded;
  const history = reportHistory(loaded.document, {
    account:
      container?.account ??
      version?.record.current?.account ??
      version?.record.precedes?.account ??
      null,
    attachment: container
      ? `#${container.attachment}`
      : version
        ? `versions/${version.record.number} (${version.record.current ? 'current' : 'carved'}, ${formatByteOffset(version.record.offset, { hex: true })})`
        : null,
    location: null,
  });
  if (reference !== null) {
    // STORE#selector: the input is the store; its hash is the whole file's.
    const hashed = await hashFile(reference.path);
    return {
      ...common,
      input: { path: file, ...hashed },
      container: {
        kind: container
          ? container.kind
          : version && version.container !== 'unknown'
            ? version.container
            : 'blob',
        summary: `one history, chosen by #${reference.selector}`,
      },
      histories: [history],
    };
  }
  return {
    ...common,
    input: { path: loaded.label, bytes: loaded.inputBytes.length, sha256: loaded.inputSha256 },
    container: { kind: 'blob', summary: `${loaded.decoded.format}: ${loaded.decoded.reason}` },
    histories: [history],
  };
}

/** The files a report may never replace: the input as named and, for `STORE#x`, the store. */
function protectedPaths(file: string): string[] {
  if (file === '-') return [];
  const hash = file.lastIndexOf('#');
  return hash > 0 ? [resolve(file), resolve(file.slice(0, hash))] : [resolve(file)];
}

export async function reportCommand(
  file: string,
  options: ReportCommandOptions,
  io: CliIo,
): Promise<number> {
  const { output } = options;
  if (output === '-') throw new CliError('the report is written to a file: give -o REPORT.html');
  for (const path of protectedPaths(file)) {
    if (await isSameFile(path, output)) {
      throw new CliError(`refusing to write the report over its input '${output}'`);
    }
  }
  const html = renderReport(
    await buildReportInput(file, options.inputFormat, io, options.readOptions),
  );
  const bytes = new TextEncoder().encode(html);
  let backupPath: string | null;
  try {
    ({ backupPath } = await writeFileAtomic(output, bytes, { replaceReadOnly: options.force }));
  } catch (error) {
    throw describeFsError('write', output, error);
  }
  io.stdout.write(
    `Wrote the report (${formatBytes(bytes.length)}) to '${output}'` +
      (backupPath ? `; the previous file is kept as '${backupPath}'.\n` : '.\n'),
  );
  return 0;
}
