/**
 * The host API in a plain browser tab (`npm run web`, or the static build on any web server):
 * a file picker and drops to open, downloads to save and export, localStorage for settings.
 * Nothing here touches the network; a page cannot write over the file it read, so Save
 * downloads a copy and the recent list is a desktop feature.
 */
import type {
  DocumentState,
  ExportRequest,
  HostApi,
  HostCapabilities,
  HostCommand,
  HostFailure,
  HostFailureCode,
  OpenOptions,
  OpenResult,
  PickedFile,
  RecentFile,
  SaveAsRequest,
  SaveRequest,
  SaveResult,
  Settings,
  HostProgress,
  Pop3Account,
  Pop3CheckResult,
} from '@shared/host/contract';
import { DEFAULT_SETTINGS, windowTitle } from '@shared/host/contract';
import { settingsChangesSchema, settingsSchema } from '@shared/host/ipc';
import { MAX_INPUT_BYTES, MAX_INPUT_TEXT } from '@shared/limits';
import { sha256Hex } from '@shared/hash';

export const BROWSER_CAPABILITIES: HostCapabilities = Object.freeze({
  kind: 'browser',
  saveInPlace: false,
  recentFiles: false,
  nativeMenus: false,
  network: false,
  containers: false,
});

const DESKTOP_ONLY_CONTAINERS =
  'PST, OST and .msg files are searched for histories in the desktop app only; in the browser ' +
  'edition open the history itself (uidl-studio export STORE#account writes it out).';
const DESKTOP_ONLY_NETWORK =
  'A browser page cannot open a POP3 connection: the live check is in the desktop app ' +
  "(or uidl-studio compare --pop3). Paste or load the server's UIDL listing instead.";

/** Where the settings live in localStorage. */
export const SETTINGS_KEY = 'uidl-studio:settings';

/**
 * How long a download's object URL outlives the click. Revoking it at once can abort the
 * download in some browsers (Firefox, older Safari); a few seconds costs only the copy's memory.
 */
export const REVOKE_DELAY_MS = 10_000;

const APP_NAME = 'UIDL Studio';

/** What the browser host needs from its page; tests pass their own. */
export interface BrowserHostEnvironment {
  readonly document: Document;
  readonly window: Window;
  /** null when storage is unavailable (disabled, or a sandboxed frame): settings then last the session. */
  readonly storage: Storage | null;
}

interface KnownFile {
  readonly name: string;
  readonly readOnly: boolean;
}

function failure(code: HostFailureCode, message: string): HostFailure {
  return { status: 'failed', code, message };
}

const MIB = 1024 * 1024;

/** A file's size for a refusal: MiB, or exact bytes when MiB would round to the limit itself. */
function describeSize(bytes: number): string {
  return bytes - MAX_INPUT_BYTES >= MIB / 10
    ? `${(bytes / MIB).toFixed(1)} MiB`
    : `${bytes.toLocaleString('en-US')} bytes`;
}

/** 32 hex digits from the CSPRNG: matches the IPC schema's file-id rule, works without a secure context. */
function newFileId(): string {
  const random = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function defaultStorage(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    // Reading `localStorage` itself throws where storage is blocked.
    return null;
  }
}

/** Settings from stored JSON, field by field: a corrupt field falls back to its default alone. */
export function readStoredSettings(text: string | null): Settings {
  if (text === null) return DEFAULT_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return DEFAULT_SETTINGS;
  }
  const whole = settingsSchema.safeParse(raw);
  if (whole.success) return whole.data;
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const fields = raw as Record<string, unknown>;
  const theme = settingsSchema.shape.theme.safeParse(fields.theme);
  const timeZone = settingsSchema.shape.timeZone.safeParse(fields.timeZone);
  const openReadOnly = settingsSchema.shape.openReadOnly.safeParse(fields.openReadOnly);
  return {
    theme: theme.success ? theme.data : DEFAULT_SETTINGS.theme,
    timeZone: timeZone.success ? timeZone.data : DEFAULT_SETTINGS.timeZone,
    openReadOnly: openReadOnly.success ? openReadOnly.data : DEFAULT_SETTINGS.openReadOnly,
  };
}

export function createBrowserHost(
  env: BrowserHostEnvironment = {
    document,
    window,
    storage: defaultStorage(window),
  },
): HostApi {
  const files = new Map<string, KnownFile>();
  let sessionSettings: Settings | null = null;
  let dirtyGuard: ((event: BeforeUnloadEvent) => void) | null = null;

  function remember(name: string, readOnly: boolean): string {
    const fileId = newFileId();
    files.set(fileId, { name, readOnly });
    return fileId;
  }

  async function openPicked(file: PickedFile, options?: OpenOptions): Promise<OpenResult> {
    // Refuse by the declared size first: reading 2 GB only to refuse it would hang the tab.
    if (file.size > MAX_INPUT_BYTES) {
      return failure(
        'too-large',
        `${file.name} is ${describeSize(file.size)}; UIDL Studio opens files up to ` +
          `${MAX_INPUT_TEXT} (a UIDL history is a few MiB at most).`,
      );
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return failure(
        'io',
        `Could not read ${file.name}: ${reason}. It may have been moved or changed since it was chosen.`,
      );
    }
    if (bytes.length > MAX_INPUT_BYTES) {
      return failure('too-large', `${file.name} grew past ${MAX_INPUT_TEXT} while it was read.`);
    }
    const readOnly = options?.readOnly ?? false;
    return {
      status: 'opened',
      fileId: remember(file.name, readOnly),
      name: file.name,
      path: null,
      bytes,
      sha256: sha256Hex(bytes),
      modifiedMs: Number.isFinite(file.lastModified) ? file.lastModified : null,
      readOnly,
    };
  }

  function openDialog(options?: OpenOptions): Promise<OpenResult> {
    const { document: doc } = env;
    const input = doc.createElement('input');
    input.type = 'file';
    input.hidden = true;
    // Some browsers only open the picker of an input that is in the document.
    doc.body.append(input);
    return new Promise<OpenResult>((resolve) => {
      const finish = (result: Promise<OpenResult> | OpenResult): void => {
        input.remove();
        resolve(result);
      };
      input.addEventListener(
        'change',
        () => {
          const file = input.files?.[0];
          finish(file ? openPicked(file, options) : { status: 'canceled' });
        },
        { once: true },
      );
      input.addEventListener('cancel', () => finish({ status: 'canceled' }), { once: true });
      input.click();
    });
  }

  /** Hands `bytes` to the browser's download manager under `name`. */
  function download(name: string, bytes: Uint8Array, mimeType: string): void {
    const { document: doc, window: win } = env;
    // Copy into a fresh ArrayBuffer: the caller's bytes may be a view on a larger or shared buffer.
    const blob = new Blob([new Uint8Array(bytes)], { type: mimeType });
    const url = URL.createObjectURL(blob);
    const anchor = doc.createElement('a');
    anchor.href = url;
    anchor.download = name;
    anchor.rel = 'noopener';
    anchor.hidden = true;
    doc.body.append(anchor);
    try {
      anchor.click();
    } finally {
      anchor.remove();
      win.setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
    }
  }

  function downloaded(name: string, bytes: Uint8Array, fileId: string): SaveResult {
    return {
      status: 'saved',
      fileId,
      name,
      path: null,
      sha256: sha256Hex(bytes),
      backupPath: null,
    };
  }

  async function save(request: SaveRequest): Promise<SaveResult> {
    const known = files.get(request.fileId);
    if (!known) {
      return failure('unknown-file', 'This document has no file to save to; use Save as.');
    }
    if (known.readOnly) {
      return failure(
        'read-only',
        `${known.name} was opened read-only (evidence mode): it cannot be saved. Export a copy instead.`,
      );
    }
    download(known.name, request.bytes, 'application/octet-stream');
    return downloaded(known.name, request.bytes, request.fileId);
  }

  async function saveAs(request: SaveAsRequest): Promise<SaveResult> {
    // A download never replaces the source, so a read-only source does not stop Save as here.
    download(request.suggestedName, request.bytes, 'application/octet-stream');
    return downloaded(request.suggestedName, request.bytes, remember(request.suggestedName, false));
  }

  async function exportFile(request: ExportRequest): Promise<SaveResult> {
    download(request.suggestedName, request.bytes, request.mimeType);
    return downloaded(request.suggestedName, request.bytes, remember(request.suggestedName, false));
  }

  function loadSettings(): Settings {
    if (sessionSettings) return sessionSettings;
    let text: string | null;
    try {
      text = env.storage?.getItem(SETTINGS_KEY) ?? null;
    } catch {
      text = null;
    }
    sessionSettings = readStoredSettings(text);
    return sessionSettings;
  }

  async function getSettings(): Promise<Settings> {
    return loadSettings();
  }

  async function updateSettings(changes: Partial<Settings>): Promise<Settings> {
    const parsed = settingsChangesSchema.safeParse(changes);
    if (!parsed.success) {
      throw new Error(
        `Invalid settings: ${parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(settings)'}: ${issue.message}`)
          .join('; ')}`,
      );
    }
    const next: Settings = { ...loadSettings(), ...definedFields(parsed.data) };
    sessionSettings = next;
    try {
      env.storage?.setItem(SETTINGS_KEY, JSON.stringify(next));
    } catch {
      // Storage full or blocked: the settings still hold for this session.
    }
    return next;
  }

  function setDocumentState(state: DocumentState): void {
    env.document.title = windowTitle(state, APP_NAME);
    if (state.dirty && !dirtyGuard) {
      dirtyGuard = (event: BeforeUnloadEvent) => {
        // Both forms: preventDefault for current browsers, returnValue for older ones.
        event.preventDefault();
        event.returnValue = '';
      };
      env.window.addEventListener('beforeunload', dirtyGuard);
    } else if (!state.dirty && dirtyGuard) {
      env.window.removeEventListener('beforeunload', dirtyGuard);
      dirtyGuard = null;
    }
  }

  async function copyText(text: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // No clipboard API (an http page other than localhost) or the user refused it.
      return false;
    }
  }

  return {
    capabilities: BROWSER_CAPABILITIES,
    openDialog,
    openPicked,
    openRecent: async () =>
      failure(
        'unsupported',
        'The recent-files list is a desktop feature; in the browser edition open the file again with Open.',
      ),
    listRecent: async (): Promise<readonly RecentFile[]> => [],
    clearRecent: async () => undefined,
    save,
    saveAs,
    exportFile,
    getSettings,
    updateSettings,
    copyText,
    setDocumentState,
    // No native menus in a tab: the page binds its own shortcuts, so nothing ever arrives here.
    onCommand: (_listener: (command: HostCommand) => void) => () => undefined,
    // Nothing runs long in the host here (no scans, no network), so there is never progress.
    onProgress: (_listener: (progress: HostProgress) => void) => () => undefined,
    openContainerChoice: async () => failure('unsupported', DESKTOP_ONLY_CONTAINERS),
    writeBackMsg: async () => failure('unsupported', DESKTOP_ONLY_CONTAINERS),
    findContainerVersions: async () => failure('unsupported', DESKTOP_ONLY_CONTAINERS),
    openContainerVersion: async () => failure('unsupported', DESKTOP_ONLY_CONTAINERS),
    pop3Check: async (): Promise<Pop3CheckResult> => ({
      status: 'failed',
      code: 'unsupported',
      message: DESKTOP_ONLY_NETWORK,
    }),
    cancelTask: () => undefined,
    listPop3Accounts: async (): Promise<readonly Pop3Account[]> => [],
    forgetPop3Account: async () => undefined,
  };
}

/** Drops keys whose value is undefined, so a partial update never erases a setting. */
function definedFields(changes: {
  readonly [K in keyof Settings]?: Settings[K] | undefined;
}): Partial<Settings> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<Settings>;
}
