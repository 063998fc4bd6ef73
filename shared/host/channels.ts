/**
 * The desktop app's IPC channel names, apart from their schemas so the preload bundle (which
 * only sends) does not carry the validation library that the main process needs.
 */

/** Renderer → main requests answered with a result (`ipcRenderer.invoke`). */
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

export type InvokeChannel = (typeof INVOKE_CHANNELS)[keyof typeof INVOKE_CHANNELS];
