import { describe, expect, it } from 'vitest';
import type { HostProgress } from '../../../shared/host/contract.js';
import { createHostTasks } from '../../../electron/main/host-tasks.js';
import type { TaskContext } from '../../../electron/services/host-services.js';

function tasksWithClock() {
  const sent: HostProgress[] = [];
  let time = 0;
  const tasks = createHostTasks(
    (progress) => sent.push(progress),
    () => time,
  );
  return { tasks, sent, advance: (ms: number) => (time += ms) };
}

/** A task that waits until the test releases it, exposing its context. */
function pendingTask() {
  let release!: (value: string) => void;
  let context!: TaskContext;
  const work = (given: TaskContext) => {
    context = given;
    return new Promise<string>((resolve) => (release = resolve));
  };
  return { work, release: (value: string) => release(value), context: () => context };
}

describe('createHostTasks', () => {
  it('sends progress under the task id, throttled, but always the last step', () => {
    const { tasks, sent, advance } = tasksWithClock();
    const pending = pendingTask();
    const result = tasks.run('scan', 'scan-1', pending.work);
    const context = pending.context();
    context.progress('Reading folders', 1, 10);
    context.progress('Reading folders', 2, 10); // within 100 ms: dropped
    advance(150);
    context.progress('Reading folders', 3, 10);
    context.progress('Reading folders', 10, 10); // finished: sent regardless
    pending.release('done');
    expect(sent.map((p) => `${p.taskId}:${p.task}:${p.done}/${p.total}`)).toEqual([
      'scan-1:scan:1/10',
      'scan-1:scan:3/10',
      'scan-1:scan:10/10',
    ]);
    return expect(result).resolves.toBe('done');
  });

  it('always sends a change of phase, even within the throttle interval', () => {
    const { tasks, sent } = tasksWithClock();
    const pending = pendingTask();
    void tasks.run('pop3', 'pop3-1', pending.work);
    const context = pending.context();
    context.progress('Connecting', 0, null);
    context.progress('Signing in', 0, null);
    context.progress('Receiving UIDL', 1, null);
    context.progress('Receiving UIDL', 2, null); // same phase, same instant: dropped
    pending.release('done');
    expect(sent.map((p) => `${p.phase}:${p.done}`)).toEqual([
      'Connecting:0',
      'Signing in:0',
      'Receiving UIDL:1',
    ]);
  });

  it('cancels a running task through its signal and forgets finished ones', async () => {
    const { tasks, sent } = tasksWithClock();
    const pending = pendingTask();
    const result = tasks.run('pop3', 'pop3-1', pending.work);
    expect(tasks.running).toBe(1);
    expect(tasks.cancel('pop3-1')).toBe(true);
    expect(pending.context().signal.aborted).toBe(true);
    // Progress after cancel is not sent: the renderer has stopped showing it.
    pending.context().progress('Receiving UIDL', 5, null);
    pending.release('late');
    await result;
    expect(sent).toEqual([]);
    expect(tasks.running).toBe(0);
    expect(tasks.cancel('pop3-1')).toBe(false);
  });

  it('aborts the predecessor when a task id is reused', async () => {
    const { tasks } = tasksWithClock();
    const first = pendingTask();
    const second = pendingTask();
    const one = tasks.run('scan', 'same', first.work);
    const two = tasks.run('scan', 'same', second.work);
    expect(first.context().signal.aborted).toBe(true);
    expect(second.context().signal.aborted).toBe(false);
    first.release('a');
    await one;
    // The first finishing must not unregister the second.
    expect(tasks.running).toBe(1);
    second.release('b');
    expect(await two).toBe('b');
    expect(tasks.running).toBe(0);
  });

  it('runs anonymous tasks without progress and unregisters after a failure', async () => {
    const { tasks, sent } = tasksWithClock();
    await expect(
      tasks.run('scan', null, async (context) => {
        context.progress('Reading', 1, 1);
        throw new Error('broken store');
      }),
    ).rejects.toThrow('broken store');
    const failing = tasks.run('scan', 'x', async () => {
      throw new Error('fails');
    });
    await expect(failing).rejects.toThrow('fails');
    expect(sent).toEqual([]);
    expect(tasks.running).toBe(0);
  });
});
