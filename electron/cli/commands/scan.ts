/**
 * `uidl-studio scan STORE [--json] [--all-folders]`: the IPM.MessageManager messages of a PST,
 * OST or `.msg` file, their attachments, the lookup rule that names each history, and each
 * history's entry count and findings.
 */
import { ContainerError } from '../../containers/errors.js';
import { RULE_LABELS } from '../../containers/lookup.js';
import {
  scanFile,
  type ScannedAttachment,
  type ScannedMessage,
  type ScanReport,
  type SubjectForm,
} from '../../containers/scan.js';
import { parseTimestampText } from '../../../shared/codec/timestamp.js';
import { formatTimestampForDisplay } from '../../../shared/time-display.js';
import { CliError, describeFsError } from '../errors.js';
import type { CliIo } from '../io.js';
import { formatBytes, printable } from '../text.js';

export interface ScanCommandOptions {
  readonly json: boolean;
  readonly allFolders: boolean;
}

const text = (value: string | null): string => (value === null ? '-' : `"${printable(value)}"`);
const number = (value: number | null): string =>
  value === null ? '-' : value.toLocaleString('en-US');

function attachmentLines(attachment: ScannedAttachment): string[] {
  const lines = [
    `  #${attachment.number}  attachment ${attachment.index}: ${attachment.kind}`,
    `      long filename ${text(attachment.longFilename)}, filename ${text(attachment.filename)}, ` +
      `display name ${text(attachment.displayName)}`,
    `      size ${number(attachment.size)} (PR_ATTACH_SIZE), data ${attachment.dataBytes === null ? 'size unknown' : `${number(attachment.dataBytes)} bytes`}`,
  ];
  const companion = attachment.companion;
  if (companion !== null) {
    const of =
      companion.historyNumber === null
        ? `${companion.account === null ? 'an account' : printable(companion.account)} (no history of it in this message)`
        : `${companion.account === null ? 'the account' : printable(companion.account)}'s history #${companion.historyNumber}`;
    lines.push(
      `      companion: Restags… of ${of}, ${attachment.dataBytes === null ? 'size unknown' : `${number(attachment.dataBytes)} bytes`}; not a history ` +
        `(named by ${RULE_LABELS[companion.rule].replace(/Blob/g, 'Restags')})`,
    );
  } else if (attachment.rule === null) {
    lines.push('      rule: none (not named like a POP3 history)');
  } else {
    const account =
      attachment.account ?? `unknown (mini UID ${attachment.miniUid}, kept in the profile)`;
    lines.push(
      `      rule: ${RULE_LABELS[attachment.rule]}`,
      `      account: ${printable(account)}`,
    );
  }
  const check = attachment.miniUidCheck;
  if (check !== null) {
    const verdict =
      check.matches === null
        ? check.additionalInfo === null
          ? 'no PR_ATTACH_ADDITIONAL_INFO to check against'
          : 'no Blob/Restags %08x filename to check against'
        : check.matches
          ? 'match (the same 32-bit value, bytes reversed)'
          : 'MISMATCH';
    lines.push(
      `      mini UID: filename ${check.filename ?? '-'}, PR_ATTACH_ADDITIONAL_INFO (0x370F) ` +
        `${check.additionalInfo ?? '-'}: ${verdict}`,
    );
  }
  for (const finding of attachment.findings) lines.push(`      finding: ${finding}`);
  const history = attachment.history;
  if (history) {
    const dates =
      history.firstTimestamp === null
        ? 'no valid dates'
        : `${utcText(history.firstTimestamp)} to ${utcText(history.lastTimestamp!)}`;
    const { error, warning, info } = history.diagnostics;
    lines.push(
      `      history: ${number(history.entryCount)} entries (${history.declaredCount === null ? 'no count' : `${number(history.declaredCount)} declared`}), ${dates}`,
      `      findings: ${error} error(s), ${warning} warning(s), ${info} info`,
    );
  }
  if (attachment.note) lines.push(`      note: ${attachment.note}`);
  return lines;
}

/** `2017-06-12T14:32:50Z` as `2017-06-12 14:32:50 UTC`. */
function utcText(iso: string): string {
  const time = parseTimestampText(iso);
  return time === null ? iso : formatTimestampForDisplay(time);
}

function subjectFormText(form: SubjectForm): string {
  const profile = form.profile === '' ? 'no profile name' : `profile "${printable(form.profile)}"`;
  const key =
    form.keyText === null ? `key ${form.key}` : `key "${printable(form.keyText)}" (${form.key})`;
  const conversation =
    form.matchesConversationKey === null
      ? 'no conversation key to compare'
      : form.matchesConversationKey
        ? 'equal to the conversation key'
        : 'NOT the conversation key';
  return `Outlook Message Manager, ${profile}, ${key}, ${conversation}`;
}

function messageLines(message: ScannedMessage): string[] {
  const where = message.folderPath === null ? '' : ` in ${printable(message.folderPath.join('/'))}`;
  const node = message.nid === null ? '' : ` (node 0x${message.nid.toString(16)})`;
  const lines = [
    `${message.messageClass === null ? '(no message class)' : printable(message.messageClass)}${where}${node}`,
    `  subject: ${text(message.subject)}`,
    ...(message.subjectForm === null
      ? []
      : [`  subject form: ${subjectFormText(message.subjectForm)}`]),
    `  conversation key: ${message.conversationKey ?? '-'}`,
    `  search key: ${message.searchKey ?? '-'}`,
    `  attachments: ${message.attachments.length}`,
  ];
  for (const attachment of message.attachments) lines.push(...attachmentLines(attachment));
  lines.push(`  ${message.status}`);
  return lines;
}

export function formatScan(report: ScanReport): string {
  const lines = [
    `${printable(report.file)}: ${report.container.toUpperCase()}, ${formatBytes(report.fileSize)}`,
  ];
  const store = report.store;
  if (store) {
    lines.push(
      `Store: ${store.format === 'unicode' ? 'Unicode' : 'ANSI'}, ${store.encoding} encoding, ` +
        `display name ${text(store.displayName)}`,
      store.inbox
        ? `Inbox: ${printable(store.inbox.path.join('/'))} (found by ${store.inbox.foundBy === 'name' ? 'its name' : 'the receive folder table'})`
        : 'Inbox: not found',
      `Searched: ${store.scope === 'inbox' ? "the Inbox's associated contents" : `the associated contents of ${store.foldersSearched} folders`}` +
        `; read ${formatBytes(store.bytesRead)}`,
    );
  }
  for (const message of report.messages) lines.push('', ...messageLines(message));
  lines.push('', `Summary: ${report.summary}`);
  return lines.join('\n') + '\n';
}

export async function scan(store: string, options: ScanCommandOptions, io: CliIo): Promise<number> {
  let report: ScanReport;
  try {
    report = (await scanFile(store, { allFolders: options.allFolders })).report;
  } catch (error) {
    if (error instanceof ContainerError) throw new CliError(`${store}: ${error.message}`);
    if (error instanceof CliError) throw error;
    throw describeFsError('read', store, error);
  }
  io.stdout.write(options.json ? JSON.stringify(report, null, 2) + '\n' : formatScan(report));
  return 0;
}
