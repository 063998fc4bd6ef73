/**
 * Finds POP3 UIDL histories in a container: a PST or OST store, or a `.msg` file. Lists every
 * IPM.MessageManager message with its attachments, names each attachment by FORMAT.md's lookup
 * rules and decodes the histories with the codec. The report is plain data (the CLI prints it,
 * `--json` writes it, the app shows it); attachment bytes are available separately by number.
 */

import { parse } from '../../shared/codec/parse.js';
import type { Severity } from '../../shared/codec/types.js';
import { sha256Hex } from '../../shared/hash.js';
import { hasCfbSignature, hasPstMagic } from '../../shared/input/container-signature.js';
import { MAX_INPUT_BYTES, MAX_INPUT_TEXT } from '../../shared/limits.js';
import { summarize } from '../../shared/summary.js';
import { ContainerError, ContainerLimitError } from './errors.js';
import {
  checkMiniUid,
  filenameMiniUid,
  matchCompanionName,
  matchHistoryName,
  type LookupRule,
  type MiniUidCheck,
} from './lookup.js';
import { readMsg } from './msg/msg-file.js';
import { cryptMethodName } from './pst/crypt.js';
import { PstStore, type PstAttachment } from './pst/store.js';
import { openFileSource, type ByteSource } from './source.js';

export const MESSAGE_MANAGER_CLASS = 'IPM.MessageManager';
export const NO_HISTORY = 'message manager present, no POP3 account history attached';
/** `.msg` files are single messages, read whole; larger ones are refused. */
export const MAX_MSG_BYTES = 256 * 1024 * 1024;

/** Message classes compare case-insensitively in MAPI. */
export function isMessageManager(messageClass: string | null): boolean {
  return messageClass?.toLowerCase() === MESSAGE_MANAGER_CLASS.toLowerCase();
}

export type ContainerKind = 'pst' | 'ost' | 'msg';

export interface HistorySummary {
  readonly bytes: number;
  readonly sha256: string;
  readonly version: number | null;
  readonly declaredCount: number | null;
  readonly entryCount: number;
  readonly firstTimestamp: string | null;
  readonly lastTimestamp: string | null;
  readonly diagnostics: Record<Severity, number>;
}

export interface ScannedAttachment {
  /** 1-based position among all attachments the scan lists: `STORE#<n>`. */
  readonly number: number;
  /** Position in its message's attachment list, from 0. */
  readonly index: number;
  readonly longFilename: string | null;
  readonly filename: string | null;
  readonly displayName: string | null;
  /** PR_ATTACH_SIZE as recorded. */
  readonly size: number | null;
  /** Bytes of PR_ATTACH_DATA_BIN, or null when it has none. */
  readonly dataBytes: number | null;
  readonly method: number | null;
  readonly kind: 'binary' | 'embedded-message' | 'none';
  readonly rule: LookupRule | null;
  readonly account: string | null;
  readonly miniUid: string | null;
  /** The decoded history, for attachments a lookup rule names. */
  readonly history: HistorySummary | null;
  readonly note: string | null;
  /** PR_ATTACH_ADDITIONAL_INFO (0x370F) as lower-case hex, or null when absent. */
  readonly additionalInfo: string | null;
  /** The filename's `%.8x` against PR_ATTACH_ADDITIONAL_INFO; null when it has neither. */
  readonly miniUidCheck: MiniUidCheck | null;
  /** Set on a `Restags…` attachment: the companion of an account's history, not a history. */
  readonly companion: Companion | null;
  /** Sentences about this attachment worth a look (a mini UID that does not match). */
  readonly findings: readonly string[];
}

export interface Companion {
  readonly rule: LookupRule;
  /** The address after `RestagsPOP`, or null for `Restags%.8x`. */
  readonly account: string | null;
  /** The attachment number of the history it accompanies (same address or same %.8x). */
  readonly historyNumber: number | null;
}

/**
 * The message manager's subject, `Outlook Message Manager (<profile>) (KEY: <hex>)`; since
 * Outlook 2010 the profile may be empty with the key the ASCII of "General Key" and a NUL.
 */
export interface SubjectForm {
  readonly profile: string;
  /** The KEY's hex digits as written. */
  readonly key: string;
  /** The key decoded when it is printable ASCII (a final NUL dropped): "General Key". */
  readonly keyText: string | null;
  /** Whether the KEY equals PR_CONVERSATION_KEY; null when the message has none. */
  readonly matchesConversationKey: boolean | null;
}

export interface ScannedMessage {
  /** Folder names from below the store's root; null for a `.msg` file. */
  readonly folderPath: readonly string[] | null;
  /** The message's node id in a store; null for a `.msg` file. */
  readonly nid: number | null;
  readonly messageClass: string | null;
  readonly subject: string | null;
  readonly conversationKey: string | null;
  readonly searchKey: string | null;
  readonly attachments: readonly ScannedAttachment[];
  /** The subject read as Outlook's message-manager form, or null when it is another. */
  readonly subjectForm: SubjectForm | null;
  /** One sentence: how many histories it holds, or NO_HISTORY. */
  readonly status: string;
}

export interface StoreInfo {
  readonly format: 'unicode' | 'ansi';
  readonly encoding: string;
  readonly displayName: string | null;
  readonly inbox: { readonly path: readonly string[]; readonly foundBy: string } | null;
  readonly scope: 'inbox' | 'all-folders';
  readonly foldersSearched: number;
  readonly bytesRead: number;
}

export interface ScanReport {
  readonly schema: 'uidl-studio/scan@1';
  readonly file: string;
  readonly fileSize: number;
  readonly container: ContainerKind;
  readonly store: StoreInfo | null;
  /** IPM.MessageManager messages of a store; the message itself for a `.msg` file. */
  readonly messages: readonly ScannedMessage[];
  readonly historyCount: number;
  readonly summary: string;
}

export interface ScanProgress {
  readonly phase: 'folders' | 'messages';
  readonly done: number;
  /** Null while the total is not known yet. */
  readonly total: number | null;
  readonly bytesRead: number;
  readonly fileSize: number;
}

export interface ScanOptions {
  /** Search every folder's associated contents, not only the Inbox's. */
  readonly allFolders?: boolean;
  readonly onProgress?: (progress: ScanProgress) => void;
}

export interface ScanResult {
  readonly report: ScanReport;
  /** Attachment `number`'s binary data (PR_ATTACH_DATA_BIN), or null when it has none. */
  attachmentData(number: number): Uint8Array | null;
}

function summarizeHistory(bytes: Uint8Array): HistorySummary {
  const document = parse(bytes);
  const summary = summarize(document);
  return {
    bytes: bytes.length,
    sha256: sha256Hex(bytes),
    version: summary.version,
    declaredCount: summary.declaredCount,
    entryCount: summary.entryCount,
    firstTimestamp: summary.firstTimestamp,
    lastTimestamp: summary.lastTimestamp,
    diagnostics: summary.diagnostics,
  };
}

interface RawAttachment {
  readonly index: number;
  readonly longFilename: string | null;
  readonly filename: string | null;
  readonly displayName: string | null;
  readonly size: number | null;
  readonly method: number | null;
  readonly kind: ScannedAttachment['kind'];
  readonly data: Uint8Array | null;
  readonly note: string | null;
  readonly additionalInfo: Uint8Array | null;
}

/** A mini UID that disagrees with its filename is worth a look: one sentence, else none. */
export function miniUidFindings(check: MiniUidCheck | null): string[] {
  if (check?.matches !== false) return [];
  return [
    `PR_ATTACH_ADDITIONAL_INFO (0x370F) ${check.additionalInfo} is not the filename's ` +
      `${check.filename} with its bytes reversed: they name different mini UIDs`,
  ];
}

/** Numbers attachments, applies the lookup rules and decodes the histories. */
class Collector {
  private next = 1;
  readonly data = new Map<number, Uint8Array>();

  attachment(raw: RawAttachment): ScannedAttachment {
    const number = this.next++;
    if (raw.data) this.data.set(number, raw.data);
    const match = raw.kind === 'binary' ? matchHistoryName(raw) : null;
    const companion = match === null ? matchCompanionName(raw) : null;
    const miniUidCheck = checkMiniUid(raw.filename, raw.additionalInfo);
    const findings = miniUidFindings(miniUidCheck);
    return {
      number,
      index: raw.index,
      longFilename: raw.longFilename,
      filename: raw.filename,
      displayName: raw.displayName,
      size: raw.size,
      dataBytes: raw.data?.length ?? null,
      method: raw.method,
      kind: raw.kind,
      rule: match?.rule ?? null,
      account: match?.account ?? null,
      miniUid: match?.miniUid ?? null,
      history: match && raw.data ? summarizeHistory(raw.data) : null,
      note: raw.note,
      additionalInfo: miniUidCheck?.additionalInfo ?? null,
      miniUidCheck,
      companion: companion && {
        rule: companion.rule,
        account: companion.account,
        historyNumber: null,
      },
      findings,
    };
  }
}

/**
 * Links each `Restags…` companion to its message's history of the same account: the same
 * address (case-insensitive), else the same `%.8x` in the filenames.
 */
export function linkCompanions(attachments: readonly ScannedAttachment[]): ScannedAttachment[] {
  const histories = attachments.filter((a) => a.rule !== null);
  return attachments.map((attachment) => {
    const companion = attachment.companion;
    if (companion === null) return attachment;
    const address = companion.account?.toLowerCase();
    const hex = filenameMiniUid(attachment.filename);
    const history =
      (address === undefined
        ? undefined
        : histories.find((h) => h.account?.toLowerCase() === address)) ??
      (hex === null ? undefined : histories.find((h) => filenameMiniUid(h.filename) === hex));
    return {
      ...attachment,
      companion: {
        ...companion,
        account: companion.account ?? history?.account ?? null,
        historyNumber: history?.number ?? null,
      },
    };
  });
}

const SUBJECT_FORM = /^Outlook Message Manager \((.*)\) \(KEY: ([0-9A-Fa-f]*)\)$/;

/** Reads `Outlook Message Manager (<profile>) (KEY: <hex>)`, decoding a printable key. */
export function readSubjectForm(
  subject: string | null,
  conversationKey: string | null,
): SubjectForm | null {
  const match = subject === null ? null : SUBJECT_FORM.exec(subject);
  if (!match || match[2]!.length % 2 !== 0) return null;
  const key = match[2]!;
  const codes = key.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? [];
  const text = codes.at(-1) === 0 ? codes.slice(0, -1) : codes;
  const printable = text.length > 0 && text.every((code) => code >= 0x20 && code <= 0x7e);
  return {
    profile: match[1]!,
    key,
    keyText: printable ? String.fromCharCode(...text) : null,
    matchesConversationKey:
      conversationKey === null ? null : conversationKey.toLowerCase() === key.toLowerCase(),
  };
}

function messageStatus(
  messageClass: string | null,
  attachments: readonly ScannedAttachment[],
): string {
  const histories = attachments.filter((a) => a.rule !== null).length;
  const companions = attachments.filter((a) => a.companion !== null).length;
  const binary = attachments.filter((a) => a.kind === 'binary').length;
  if (!isMessageManager(messageClass)) {
    return (
      `a message of class ${messageClass ?? '(none)'}, not ${MESSAGE_MANAGER_CLASS}, with ` +
      `${attachments.length} attachment(s), ${binary} binary` +
      (histories > 0 ? `, ${histories} named like a POP3 history` : '')
    );
  }
  if (histories === 0) {
    return attachments.length === 0
      ? NO_HISTORY
      : `${NO_HISTORY} (${attachments.length} other attachment(s))`;
  }
  const withCompanions =
    companions === 0 ? '' : `, with ${companions} Restags companion${companions === 1 ? '' : 's'}`;
  return `${histories} POP3 account histor${histories === 1 ? 'y' : 'ies'}${withCompanions}`;
}

async function pstAttachment(attachment: PstAttachment): Promise<RawAttachment> {
  let data: Uint8Array | null = null;
  let note: string | null = null;
  if (attachment.hasBinaryData) {
    try {
      data = await attachment.data(MAX_INPUT_BYTES);
    } catch (error) {
      // Only the size limit is tolerated here; damage still fails the scan.
      if (!(error instanceof ContainerLimitError)) throw error;
      note = `data over ${MAX_INPUT_TEXT}, not read`;
    }
  }
  return {
    index: attachment.index,
    longFilename: attachment.longFilename,
    filename: attachment.filename,
    displayName: attachment.displayName,
    size: attachment.size,
    method: attachment.method,
    additionalInfo: attachment.additionalInfo,
    kind: attachment.hasBinaryData
      ? 'binary'
      : attachment.method === 5
        ? 'embedded-message'
        : 'none',
    data,
    note,
  };
}

async function scanStore(
  source: ByteSource,
  file: string,
  options: ScanOptions,
): Promise<ScanResult> {
  const store = await PstStore.open(source);
  const collector = new Collector();
  const progress = (phase: ScanProgress['phase'], done: number, total: number | null): void =>
    options.onProgress?.({
      phase,
      done,
      total,
      bytesRead: source.bytesRead,
      fileSize: source.size,
    });

  const { displayName } = await store.storeInfo();
  const inbox = await store.findInbox();
  // Without an Inbox every folder is searched, so a history is not missed.
  const allFolders = options.allFolders === true || inbox === null;
  const folders = allFolders
    ? (await store.folders((p) => progress('folders', p.foldersDone, null))).map((f) => ({
        nid: f.nid,
        path: f.path,
      }))
    : [{ nid: inbox!.nid, path: inbox!.path }];

  const messages: ScannedMessage[] = [];
  for (const [done, folder] of folders.entries()) {
    for (const item of await store.associatedItems(folder.nid)) {
      if (item.messageClass !== null && !isMessageManager(item.messageClass)) continue;
      const message = await store.message(item.nid);
      if (!isMessageManager(message.messageClass)) continue;
      const collected: ScannedAttachment[] = [];
      for (const attachment of message.attachments) {
        collected.push(collector.attachment(await pstAttachment(attachment)));
      }
      const attachments = linkCompanions(collected);
      messages.push({
        folderPath: folder.path,
        nid: message.nid,
        messageClass: message.messageClass,
        subject: message.subject,
        conversationKey: message.conversationKey,
        searchKey: message.searchKey,
        attachments,
        subjectForm: readSubjectForm(message.subject, message.conversationKey),
        status: messageStatus(message.messageClass, attachments),
      });
    }
    progress('messages', done + 1, folders.length);
  }
  const historyCount = messages.reduce(
    (n, m) => n + m.attachments.filter((a) => a.rule !== null).length,
    0,
  );
  const where = allFolders ? 'in any folder' : "in the Inbox's associated contents";
  const summary =
    messages.length === 0
      ? `no ${MESSAGE_MANAGER_CLASS} message ${where}` +
        (inbox === null ? ' (the store has no Inbox: every folder was searched)' : '')
      : historyCount === 0
        ? NO_HISTORY
        : `${historyCount} POP3 account histor${historyCount === 1 ? 'y' : 'ies'} in ${messages.length} ${MESSAGE_MANAGER_CLASS} message(s)`;
  return {
    report: {
      schema: 'uidl-studio/scan@1',
      file,
      fileSize: source.size,
      container: store.header.kind,
      store: {
        format: store.header.format,
        encoding: cryptMethodName(store.header.crypt),
        displayName,
        inbox: inbox && { path: inbox.path, foundBy: inbox.foundBy },
        scope: allFolders ? 'all-folders' : 'inbox',
        foldersSearched: folders.length,
        bytesRead: source.bytesRead,
      },
      messages,
      historyCount,
      summary,
    },
    attachmentData: (number) => collector.data.get(number) ?? null,
  };
}

/** A `.msg` file's bytes, read whole; one over MAX_MSG_BYTES is refused before it is read. */
export async function readMsgBytes(source: ByteSource): Promise<Uint8Array> {
  if (source.size > MAX_MSG_BYTES) {
    throw new ContainerError(
      `the .msg file is ${source.size.toLocaleString('en-US')} bytes; .msg files over 256 MiB are refused`,
    );
  }
  return source.read(0, source.size, '.msg file');
}

/** Scans a `.msg` file already in memory. */
export function scanMsgBytes(bytes: Uint8Array, file: string): ScanResult {
  const msg = readMsg(bytes);
  const collector = new Collector();
  const attachments = linkCompanions(
    msg.attachments.map((a) =>
      collector.attachment({
        ...a,
        kind: a.data ? 'binary' : a.embeddedMessage ? 'embedded-message' : 'none',
        data: a.data,
        note: null,
      }),
    ),
  );
  const message: ScannedMessage = {
    folderPath: null,
    nid: null,
    messageClass: msg.messageClass,
    subject: msg.subject,
    conversationKey: msg.conversationKey,
    searchKey: msg.searchKey,
    attachments,
    subjectForm: readSubjectForm(msg.subject, msg.conversationKey),
    status: messageStatus(msg.messageClass, attachments),
  };
  const historyCount = attachments.filter((a) => a.rule !== null).length;
  return {
    report: {
      schema: 'uidl-studio/scan@1',
      file,
      fileSize: bytes.length,
      container: 'msg',
      store: null,
      messages: [message],
      historyCount,
      summary: message.status,
    },
    attachmentData: (number) => collector.data.get(number) ?? null,
  };
}

/** Scans a store held in memory (tests) or opened from a file. */
export async function scanSource(
  source: ByteSource,
  file: string,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const head = await source.read(0, Math.min(8, source.size), 'file signature');
  if (hasPstMagic(head)) return scanStore(source, file, options);
  if (hasCfbSignature(head)) return scanMsgBytes(await readMsgBytes(source), file);
  throw new ContainerError(
    'not a PST, OST or .msg file: it starts with neither !BDN (PST/OST) nor D0 CF 11 E0 (.msg)',
    0,
  );
}

/** Opens `path` read-only and scans it. */
export async function scanFile(path: string, options: ScanOptions = {}): Promise<ScanResult> {
  const source = await openFileSource(path);
  try {
    return await scanSource(source, path, options);
  } finally {
    await source.close();
  }
}
