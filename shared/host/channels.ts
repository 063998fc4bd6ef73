/**
 * The desktop app's IPC surface in one table: each HostApi method → its channel. Request
 * schemas are keyed by the same names in ipc.ts (kept apart so the preload bundle, which only
 * sends, does not carry the validation library); results are HostApi's own types
 * (InvokeResult). The preload and the main process's handlers are both typed from here.
 */
import type { HostApi } from './contract.js';

/**
 * Renderer → main requests answered with a result (`ipcRenderer.invoke`), keyed by the
 * HostApi method they serve (`openPath` serves `openPicked`: the picked file's path).
 */
export const INVOKE_CHANNELS = {
  openDialog: 'file:open-dialog',
  openPath: 'file:open-path',
  openRecent: 'file:open-recent',
  listRecent: 'recent:list',
  clearRecent: 'recent:clear',
  save: 'file:save',
  saveAs: 'file:save-as',
  exportFile: 'file:export',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  copyText: 'clipboard:write-text',
  openContainerChoice: 'container:open-choice',
  writeBackMsg: 'container:write-back-msg',
  findContainerVersions: 'container:find-versions',
  openContainerVersion: 'container:open-version',
  pop3Check: 'pop3:check',
  listPop3Accounts: 'pop3:list-accounts',
  forgetPop3Account: 'pop3:forget-account',
} as const;

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

export type InvokeMethod = keyof typeof INVOKE_CHANNELS;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[InvokeMethod];

/** The HostApi method a table entry serves. */
type ServedMethod<M extends InvokeMethod> = M extends 'openPath' ? 'openPicked' : M;

/** What the channel of `M` answers: the result of the HostApi method it serves. */
export type InvokeResult<M extends InvokeMethod> = Awaited<
  ReturnType<HostApi[ServedMethod<M> & keyof HostApi]>
>;

// Every table entry serves a HostApi method: this fails to compile if one drifts.
export type TableChecks = {
  [M in InvokeMethod]: ServedMethod<M> extends keyof HostApi ? true : never;
};
