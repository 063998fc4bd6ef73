import { describe, expect, it } from 'vitest';
import { serialQueue } from '../../../electron/services/serial-queue.js';

describe('serialQueue', () => {
  it('starts each task after the previous one settled, failed ones included', async () => {
    const run = serialQueue();
    const events: string[] = [];
    let release!: () => void;
    const first = run(async () => {
      events.push('first start');
      await new Promise<void>((resolve) => (release = resolve));
      events.push('first end');
      throw new Error('first failed');
    });
    const second = run(async () => {
      events.push('second');
      return 2;
    });
    await Promise.resolve();
    expect(events).toEqual(['first start']);
    release();
    await expect(first).rejects.toThrow('first failed');
    await expect(second).resolves.toBe(2);
    expect(events).toEqual(['first start', 'first end', 'second']);
  });
});
