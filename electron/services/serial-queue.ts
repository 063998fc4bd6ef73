/**
 * One operation at a time: each task starts when the one before it has settled, so a task
 * always sees what the previous one left (a file's checks, a list just written). A failed task
 * does not stop the ones queued after it.
 */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
