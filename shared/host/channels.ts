/**
 * The desktop app's IPC surface in one table: each HostApi method → its channel and how its
 * arguments become the payload sent. The payload's schema is keyed by the same channel in
 * ipc.ts (kept apart so the preload bundle, which only sends, does not carry the validation
 * library; a compile-time check there holds each payload to its schema); results are HostApi's
 * own types (InvokeResult). The preload's methods and the main process's handlers are both
 * built from this table.
 */
import type { HostApi, OpenOptions } from './contract.js';

/** `fields` without its undefined members: those that may be undefined become optional. */
type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** `{ key: value }` for each defined value only (the schemas are strict about undefined too). */
function defined<T extends object>(fields: T): Defined<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Defined<T>;
}

const openOptions = (options: OpenOptions | undefined) =>
  defined({ readOnly: options?.readOnly, taskId: options?.taskId, purpose: options?.purpose });

/**
 * Renderer → main requests answered with a result (`ipcRenderer.invoke`), keyed by the
 * HostApi method they serve (`openPath` serves `openPicked`: the picked file's path). `payload`
 * rebuilds the message from the contract's fields, so an object with extra properties from the
 * page cannot trip main's strict schemas; a row without one sends no argument.
 */
export const INVOKE_TABLE = {
  openDialog: { channel: 'file:open-dialog', payload: openOptions },
  openPath: {
    channel: 'file:open-path',
    payload: (path: string, options?: OpenOptions) => ({ path, ...openOptions(options) }),
  },
  openRecent: {
    channel: 'file:open-recent',
    payload: (path, options) => ({ path, ...openOptions(options) }),
  },
  listRecent: { channel: 'recent:list' },
  clearRecent: { channel: 'recent:clear' },
  save: {
    channel: 'file:save',
    payload: (request) => ({ fileId: request.fileId, bytes: request.bytes }),
  },
  saveAs: {
    channel: 'file:save-as',
    payload: (request) =>
      defined({
        suggestedName: request.suggestedName,
        bytes: request.bytes,
        filters: request.filters,
        sourceFileId: request.sourceFileId,
      }),
  },
  exportFile: {
    channel: 'file:export',
    payload: (request) =>
      defined({
        suggestedName: request.suggestedName,
        bytes: request.bytes,
        mimeType: request.mimeType,
        filters: request.filters,
        sourceFileId: request.sourceFileId,
      }),
  },
  getSettings: { channel: 'settings:get' },
  updateSettings: {
    channel: 'settings:update',
    payload: (changes) => defined({ theme: changes.theme, openReadOnly: changes.openReadOnly }),
  },
  copyText: { channel: 'clipboard:write-text', payload: (text) => String(text) },
  openContainerChoice: {
    channel: 'container:open-choice',
    payload: (containerId, number) => ({ containerId, number }),
  },
  writeBackMsg: {
    channel: 'container:write-back-msg',
    payload: (request) => ({
      containerId: request.containerId,
      number: request.number,
      bytes: request.bytes,
      suggestedName: request.suggestedName,
    }),
  },
  findContainerVersions: {
    channel: 'container:find-versions',
    payload: (containerId, taskId) => ({ containerId, taskId }),
  },
  openContainerVersion: {
    channel: 'container:open-version',
    payload: (containerId, number) => ({ containerId, number }),
  },
  pop3Check: {
    channel: 'pop3:check',
    payload: (request) => ({
      taskId: request.taskId,
      host: request.host,
      port: request.port,
      security: request.security,
      allowPlain: request.allowPlain,
      user: request.user,
      password: request.password,
      rememberPassword: request.rememberPassword,
      insecure: request.insecure,
    }),
  },
  listPop3Accounts: { channel: 'pop3:list-accounts' },
  forgetPop3Account: {
    channel: 'pop3:forget-account',
    payload: (host, port, user) => ({ host, port, user }),
  },
} as const satisfies { readonly [M in ServingMethod]?: InvokeRow<M> };

export type InvokeMethod = keyof typeof INVOKE_TABLE;

/**
 * Each method → its channel (the table's first column). Pure, so a bundle that takes only a
 * schema from ipc.ts (the browser host) drops the table.
 */
export const INVOKE_CHANNELS = /* @__PURE__ */ (() =>
  Object.fromEntries(
    Object.entries(INVOKE_TABLE).map(([method, row]) => [method, row.channel]),
  ) as { readonly [M in InvokeMethod]: (typeof INVOKE_TABLE)[M]['channel'] })();

/** Renderer → main notifications (`ipcRenderer.send`). */
export const SEND_CHANNELS = {
  documentState: 'document:state',
  cancelTask: 'task:cancel',
  /** Paths of files the user dropped or chose in a file box, seen by the preload. */
  filesPicked: 'file:picked',
} as const;

/** Paths in one files-picked message: a drop or file box gives a few; the page opens one. */
export const MAX_PICKED_PATHS = 64;

/** Main → renderer events. */
export const EVENT_CHANNELS = { command: 'host:command', progress: 'host:progress' } as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[InvokeMethod];

/** The HostApi methods a row may serve: the table's names, `openPath` for `openPicked`. */
type ServingMethod = Exclude<keyof HostApi, 'openPicked'> | 'openPath';

/** The HostApi method a table entry serves. */
type ServedMethod<M extends string> = M extends 'openPath' ? 'openPicked' : M;

/** The arguments of row `M`'s method: the HostApi method's own; a path instead of a File for openPath. */
export type InvokeArgs<M extends string> = M extends 'openPath'
  ? [path: string, options?: OpenOptions]
  : M extends keyof HostApi
    ? HostApi[M] extends (...args: infer A) => unknown
      ? A
      : never
    : never;

/** One row: the channel, and the payload made of the method's arguments (none: no argument). */
export interface InvokeRow<M extends string> {
  readonly channel: string;
  readonly payload?: (...args: InvokeArgs<M>) => unknown;
}

/** What the channel of `M` answers: the result of the HostApi method it serves. */
export type InvokeResult<M extends InvokeMethod> = Awaited<
  ReturnType<HostApi[ServedMethod<M> & keyof HostApi]>
>;

/** The payload row `M` sends (undefined for a row without a payload). */
export type SentPayload<M extends InvokeMethod> = (typeof INVOKE_TABLE)[M] extends {
  readonly payload: (...args: never[]) => infer P;
}
  ? P
  : undefined;

/** The preload's method for row `M`: the HostApi method's arguments, its typed result. */
export type Invoker<M extends InvokeMethod> = (...args: InvokeArgs<M>) => Promise<InvokeResult<M>>;

/**
 * The HostApi members the preload answers without a table row: a value, `openPicked` (which
 * finds the file's path, then sends openPath's row), the notifications of SEND_CHANNELS and the
 * subscriptions to EVENT_CHANNELS.
 */
export const PRELOAD_OWN_MEMBERS = [
  'capabilities',
  'openPicked',
  'setDocumentState',
  'cancelTask',
  'onCommand',
  'onProgress',
] as const satisfies readonly (keyof HostApi)[];

type Unserved = Exclude<keyof HostApi, InvokeMethod | (typeof PRELOAD_OWN_MEMBERS)[number]>;

// Every table entry serves a HostApi method, and every HostApi member is a row or the
// preload's own: these fail to compile if one drifts.
type Assert<T extends true> = T;
export type TableChecks = [
  { [M in InvokeMethod]: ServedMethod<M> extends keyof HostApi ? true : never },
  Assert<[Unserved] extends [never] ? true : false>,
];
