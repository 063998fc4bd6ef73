/**
 * The host API: everything the renderer may ask of the program around it. The desktop app
 * implements it in its preload script (over IPC to the main process), the browser edition with
 * a file input, drag and drop and downloads. The renderer depends on this contract only.
 *
 * Files are named by opaque ids the host hands out, never by paths the renderer makes up: a
 * compromised page can only save over files the user opened or chose in a save dialog.
 */
import type { AccountTimeline } from '../versions/timeline.js';
import type { VersionRecord } from '../versions/types.js';

/** What a host can do, so the UI offers only what works and says why the rest does not. */
export interface HostCapabilities {
  readonly kind: 'desktop' | 'browser';
  /** Save writes back to the file it came from (desktop); otherwise Save downloads a copy. */
  readonly saveInPlace: boolean;
  /** A recent-files list kept across sessions. */
  readonly recentFiles: boolean;
  /** Native application menus send commands (so the UI need not bind those shortcuts itself). */
  readonly nativeMenus: boolean;
  /** Live POP3 checks (desktop only; the browser cannot open TCP connections). */
  readonly network: boolean;
  /** PST, OST and `.msg` containers are opened and searched for histories (desktop only). */
  readonly containers: boolean;
}

/** The user's answer to a file dialog: nothing chosen is not an error. */
export interface Canceled {
  readonly status: 'canceled';
}

/** A file the host read for the renderer. */
export interface OpenedFile {
  readonly status: 'opened';
  /** Handle for later saves; meaningless outside this host session. */
  readonly fileId: string;
  /** The file's own name, for titles and suggested export names. */
  readonly name: string;
  /** Full path where the host knows it (desktop), else null. */
  readonly path: string | null;
  /** The input exactly as read (still hex or base64 text when it is a dump). */
  readonly bytes: Uint8Array;
  /** SHA-256 of `bytes`, 64 lower-case hex digits. */
  readonly sha256: string;
  /** Last modification time in ms since the epoch, when known. */
  readonly modifiedMs: number | null;
  /** Evidence mode: the document may be inspected and exported, never saved over its source. */
  readonly readOnly: boolean;
}

/** The host refused or failed; `message` says what went wrong and where, for the user. */
export interface HostFailure {
  readonly status: 'failed';
  readonly code: HostFailureCode;
  readonly message: string;
}

export type HostFailureCode =
  | 'too-large'
  | 'not-found'
  | 'not-a-file'
  | 'permission'
  | 'read-only'
  | 'unknown-file'
  | 'changed-on-disk'
  | 'unsupported'
  | 'io';

export type OpenResult = OpenedFile | OpenedContainer | Canceled | HostFailure;

/** One attachment of a container the user may open as a history (the chooser's rows). */
export interface ContainerChoice {
  /** 1-based attachment number across the container: `STORE#<n>`. */
  readonly number: number;
  /** The account address from the attachment's `BlobPOP<address>` name, when it has one. */
  readonly account: string | null;
  /** Where it is: folder path and message subject in a store, or the `.msg` file's name. */
  readonly storePath: string;
  /** The attachment's own name (long filename, else filename, else display name). */
  readonly attachmentName: string;
  /** Which docs/FORMAT.md lookup rule named it a history; null for another binary attachment. */
  readonly rule: 'long-filename' | 'filename' | 'display-name' | 'mini-uid' | null;
  /** Bytes of its binary data. */
  readonly bytes: number;
  /** Decoded entry count, for histories; null for other attachments. */
  readonly entryCount: number | null;
  /** The latest timestamp in the history, UTC (ISO 8601 with `Z`, docs/FORMAT.md), or null. */
  readonly lastActivity: string | null;
  /** Findings of the decoded history by severity; null for other attachments. */
  readonly diagnostics: {
    readonly error: number;
    readonly warning: number;
    readonly info: number;
  } | null;
  /**
   * Set on a `Restags…` attachment (docs/FORMAT.md "What Outlook really writes"): the companion of
   * an account's history, never a history itself (`rule` is null). List it with, or under, the
   * account's history and out of the history list; it can still be opened as bytes by number.
   * Absent (or null) for every other attachment.
   */
  readonly companion?: ChoiceCompanion | null;
  /**
   * The `%08x` of a `Blob…`/`Restags…` filename against PR_ATTACH_ADDITIONAL_INFO (0x370F);
   * absent (or null) when the attachment has neither.
   */
  readonly miniUid?: MiniUidCheck | null;
}

/** How a `Restags…` attachment was recognised, in the same rule order as `Blob…`. */
export type CompanionRule = 'long-filename' | 'filename' | 'display-name' | 'mini-uid';

export interface ChoiceCompanion {
  /** The account it belongs to (`RestagsPOP<address>`), or null when named `Restags%08x` only. */
  readonly account: string | null;
  /** The 1-based number of the history it accompanies (same address or same %08x), or null. */
  readonly historyNumber: number | null;
  readonly rule: CompanionRule;
}

export interface MiniUidCheck {
  /** The 8 lower-case hex digits of the filename (`Blob%08x`, `Restags%08x`), or null. */
  readonly filename: string | null;
  /** PR_ATTACH_ADDITIONAL_INFO as lower-case hex, exactly as stored; null when absent. */
  readonly additionalInfo: string | null;
  /**
   * The same 32-bit value: the additional info's 4 bytes reversed equal the filename's hex
   * (`45a98eda` ↔ `da8ea945`). Null when either side is missing.
   */
  readonly matches: boolean | null;
}

/**
 * A PST, OST or `.msg` file: the host searched it (read-only, by offset) and lists what it
 * found; the renderer shows a chooser and opens one choice, or compares two.
 */
export interface OpenedContainer {
  readonly status: 'container';
  /** Handle for openContainerChoice and writeBackMsg; meaningless outside this host session. */
  readonly containerId: string;
  readonly name: string;
  readonly path: string | null;
  readonly kind: 'pst' | 'ost' | 'msg';
  /** The scan's one-sentence result ("1 history found in …" or the no-history sentence). */
  readonly summary: string;
  /** One line per IPM.MessageManager message (or the `.msg` itself): where, and its status. */
  readonly messages: readonly string[];
  /** Histories first (by number), then other binary attachments that can be opened as BLOBs. */
  readonly choices: readonly ContainerChoice[];
  /** A repaired history can be written into a copy of a `.msg`; PST/OST write-back is not supported. */
  readonly writeBack: 'msg-copy' | 'unsupported';
}

/**
 * The versions of the histories in a container (issue 12): the current ones and the earlier
 * copies carved from the rest of the file, oldest first, with each account's UID timeline.
 */
export interface ContainerVersions {
  readonly status: 'versions';
  readonly versions: readonly VersionRecord[];
  /** Per account, each UID's first and last version (cut-off copies left out). */
  readonly timeline: readonly AccountTimeline[];
  /** Sentences about the whole search (a store that could not be scanned). */
  readonly findings: readonly string[];
}

export type ContainerVersionsResult = ContainerVersions | Canceled | HostFailure;

export interface WriteBackRequest {
  readonly containerId: string;
  /** The attachment number whose data the BLOB replaces. */
  readonly number: number;
  readonly bytes: Uint8Array;
  readonly suggestedName: string;
}

/** Progress of long host work (scanning a store, a live check), sent while it runs. */
export interface HostProgress {
  /** The id the renderer gave the request, so it can match and cancel it. */
  readonly taskId: string;
  readonly task: 'scan' | 'pop3' | 'versions';
  /** What is being done now, for the user: "Reading folders", "Receiving UIDL". */
  readonly phase: string;
  readonly done: number;
  /** Null while the total is not known. */
  readonly total: number | null;
}

export type Pop3Security = 'tls' | 'stls' | 'plain';

export interface Pop3CheckRequest {
  readonly taskId: string;
  readonly host: string;
  readonly port: number;
  /** Implicit TLS (995), STLS upgrade (110), or plain text, only with `allowPlain`. */
  readonly security: Pop3Security;
  /** Plain text sends the password unprotected: the user must have said yes explicitly. */
  readonly allowPlain: boolean;
  readonly user: string;
  /** The password typed now; null to use the one remembered for this account. */
  readonly password: string | null;
  /** Remember the password in the OS keychain (Electron safeStorage); never in clear text. */
  readonly rememberPassword: boolean;
  /** Skip certificate verification (self-signed test servers); the result says it was skipped. */
  readonly insecure: boolean;
}

export type Pop3FailureCode =
  | 'refused'
  | 'timeout'
  | 'dns'
  | 'tls'
  | 'auth'
  | 'no-uidl'
  | 'protocol'
  | 'canceled'
  | 'plain-not-allowed'
  | 'no-password'
  | 'unsupported';

export interface Pop3Failure {
  readonly status: 'failed';
  readonly code: Pop3FailureCode;
  readonly message: string;
}

export interface Pop3Listed {
  readonly status: 'listed';
  /** Messages as `UIDL` listed them, in order. */
  readonly messages: readonly { readonly number: number; readonly uid: string }[];
  /** Lines of the response that were not `n uid`, with their line numbers in the response. */
  readonly problems: readonly {
    readonly line: number;
    readonly text: string;
    readonly message: string;
  }[];
  readonly greeting: string;
  /** `TLSv1.3` etc., or null for a plain connection. */
  readonly tlsProtocol: string | null;
  /** False when the user skipped verification. */
  readonly certificateVerified: boolean;
  /** Whether the password is now remembered (safeStorage available and asked for). */
  readonly passwordRemembered: boolean;
}

export type Pop3CheckResult = Pop3Listed | Pop3Failure;

/** An account the user checked before (never its password), for the live-check form. */
export interface Pop3Account {
  readonly host: string;
  readonly port: number;
  readonly security: Pop3Security;
  readonly user: string;
  readonly hasRememberedPassword: boolean;
}

export interface OpenOptions {
  /** Open in read-only evidence mode. */
  readonly readOnly?: boolean;
  /** Names the scan's progress events (and lets cancelTask stop it) when the file is a container. */
  readonly taskId?: string;
  /**
   * What the file is for: a document (the default: containers are searched, the file joins the
   * recent list) or a server listing to compare with (read as it is, never remembered).
   */
  readonly purpose?: 'document' | 'listing';
}

/** A file written: where, and where the previous content was kept. */
export interface Saved {
  readonly status: 'saved';
  /** Handle of the file now holding the document (new after Save As). */
  readonly fileId: string;
  readonly name: string;
  readonly path: string | null;
  readonly sha256: string;
  /** `NAME.bak` holding the replaced content, or null when nothing was replaced. */
  readonly backupPath: string | null;
}

export type SaveResult = Saved | Canceled | HostFailure;

export interface SaveRequest {
  /** The file the document was opened from (or last saved to). */
  readonly fileId: string;
  readonly bytes: Uint8Array;
  // No "overwrite anyway" flag: when the file changed on disk since it was opened, the host
  // that writes it asks the user (the desktop app's native dialog) and the page sees only the
  // outcome (saved, canceled or failed).
}

/** A file filter for save dialogs: a label and extensions without dots. */
export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

export interface SaveAsRequest {
  readonly suggestedName: string;
  readonly bytes: Uint8Array;
  readonly filters?: readonly FileFilter[];
  /** The file the document came from, so Save As refuses to write over a read-only source. */
  readonly sourceFileId?: string;
}

export interface ExportRequest {
  readonly suggestedName: string;
  readonly bytes: Uint8Array;
  /** MIME type for browser downloads. */
  readonly mimeType: string;
  readonly filters?: readonly FileFilter[];
  /** The file the document came from: exports never write over it. */
  readonly sourceFileId?: string;
}

/**
 * A file from the page's file input or a drop, as the DOM's `File` gives it (declared here
 * structurally because shared/ is compiled without the DOM library).
 */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface RecentFile {
  readonly path: string;
  readonly name: string;
  /** When it was last opened, ms since the epoch. */
  readonly openedMs: number;
}

export type ThemePreference = 'system' | 'light' | 'dark';

/** How times are shown: as written (UTC, as Outlook writes them) or in the computer's zone. */
export type TimeZonePreference = 'utc' | 'local';

export interface Settings {
  readonly theme: ThemePreference;
  readonly timeZone: TimeZonePreference;
  /** The read-only box's default in the open controls. */
  readonly openReadOnly: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  timeZone: 'utc',
  openReadOnly: false,
};

/** Commands the host's menus (or the OS) send to the renderer. */
export type HostCommand =
  | { readonly type: 'open' }
  | { readonly type: 'save' }
  | { readonly type: 'save-as' }
  | { readonly type: 'export' }
  | { readonly type: 'close' }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'find' }
  | { readonly type: 'paste-dump' }
  /** Shows the Compare view (or hides it when shown), as Ctrl/Cmd+Shift+L does. */
  | { readonly type: 'compare' }
  /** Shows the Compare view and the live POP3 check. */
  | { readonly type: 'live-check' }
  /** Compare with another history…: picks a file and shows its diff with the document. */
  | { readonly type: 'compare-history' }
  /** Export report…: the forensic report of the document. */
  | { readonly type: 'export-report' }
  /** A file to open that the host already read (command line, second instance, Open Recent). */
  | { readonly type: 'opened'; readonly file: OpenedFile | OpenedContainer }
  /** The host tried to open a file for the user and could not. */
  | { readonly type: 'open-failed'; readonly failure: HostFailure };

/** What the renderer tells the host so it can title the window and guard close and quit. */
export interface DocumentState {
  readonly title: string;
  readonly dirty: boolean;
}

/** The title both hosts show: `• NAME — APP` while there are unsaved changes. */
export function windowTitle(state: DocumentState | null, appName: string): string {
  const title = state?.title.trim() ?? '';
  if (title === '') return appName;
  return `${state?.dirty ? '• ' : ''}${title} — ${appName}`;
}

export interface HostApi {
  readonly capabilities: HostCapabilities;
  /** The host's own open dialog (native on the desktop, a file picker in the browser). */
  openDialog(options?: OpenOptions): Promise<OpenResult>;
  /** A file the user dropped or picked in the page's own file input. */
  openPicked(file: PickedFile, options?: OpenOptions): Promise<OpenResult>;
  /** A file from the recent list. */
  openRecent(path: string, options?: OpenOptions): Promise<OpenResult>;
  listRecent(): Promise<readonly RecentFile[]>;
  clearRecent(): Promise<void>;
  save(request: SaveRequest): Promise<SaveResult>;
  saveAs(request: SaveAsRequest): Promise<SaveResult>;
  exportFile(request: ExportRequest): Promise<SaveResult>;
  getSettings(): Promise<Settings>;
  updateSettings(changes: Partial<Settings>): Promise<Settings>;
  /**
   * Puts text on the clipboard (the grid's Copy). The desktop app writes it from the main
   * process, so the page needs no clipboard permission; resolves false when it could not.
   */
  copyText(text: string): Promise<boolean>;
  /** Title and unsaved-changes flag, for the window title and the close/quit prompt. */
  setDocumentState(state: DocumentState): void;
  /** Subscribes to menu and OS commands; returns the unsubscribe function. */
  onCommand(listener: (command: HostCommand) => void): () => void;
  /** Subscribes to progress of long host work (scans, live checks). */
  onProgress(listener: (progress: HostProgress) => void): () => void;
  /** Opens one attachment of a container the host opened, as a read-only history. */
  openContainerChoice(containerId: string, number: number): Promise<OpenResult>;
  /** Writes `bytes` into a copy of the `.msg` the container is (a save dialog picks the copy). */
  writeBackMsg(request: WriteBackRequest): Promise<SaveResult>;
  /**
   * Searches the whole container for versions of its histories (progress under `taskId`,
   * stopped by cancelTask): read-only, in bounded chunks.
   */
  findContainerVersions(containerId: string, taskId: string): Promise<ContainerVersionsResult>;
  /** Opens version `number` (as findContainerVersions listed it) as a read-only history. */
  openContainerVersion(containerId: string, number: number): Promise<OpenResult>;
  /** Fetches the server's UIDL listing (UIDL then QUIT; never RETR or DELE). */
  pop3Check(request: Pop3CheckRequest): Promise<Pop3CheckResult>;
  /** Stops a running scan or live check; its promise then resolves as canceled/failed. */
  cancelTask(taskId: string): void;
  /** Accounts checked before, most recent first. */
  listPop3Accounts(): Promise<readonly Pop3Account[]>;
  /** Forgets an account and its remembered password. */
  forgetPop3Account(host: string, port: number, user: string): Promise<void>;
}
