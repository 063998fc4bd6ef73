// The host API contract (what the renderer may ask of the desktop app or the browser edition)
// and the desktop app's IPC channel schemas.
export * from './contract.js';
export * from './ipc.js';
