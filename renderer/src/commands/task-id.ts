/** Ids for long host work (scans, live checks): they name its progress events and its cancel. */

/** A task id as the host's IPC schema takes it (`[A-Za-z0-9_-]{1,64}`), unguessable enough. */
export function newTaskId(kind: 'scan' | 'live-check' | 'versions'): string {
  const random = new Uint8Array(9);
  crypto.getRandomValues(random);
  return `${kind}-${Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
