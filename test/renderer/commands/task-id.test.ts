import { describe, expect, it } from 'vitest';
import { taskIdSchema } from '@shared/host/ipc.js';
import { newTaskId } from '../../../renderer/src/commands/task-id';

describe('newTaskId', () => {
  it('makes ids the host accepts, named by their kind, never twice the same', () => {
    const ids = Array.from({ length: 200 }, (_, i) => newTaskId(i % 2 ? 'scan' : 'live-check'));
    for (const id of ids) expect(taskIdSchema.safeParse(id).success).toBe(true);
    expect(ids[0]).toMatch(/^live-check-[0-9a-f]{18}$/);
    expect(ids[1]).toMatch(/^scan-[0-9a-f]{18}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
