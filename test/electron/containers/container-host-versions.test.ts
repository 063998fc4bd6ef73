/**
 * The desktop host's versions of a container (issue 12): the search under a task (progress to
 * the file's size, cancel), the timeline, and opening a carved version read-only, on the real
 * 39ba6b1 sample.
 */
import { describe, expect, it } from 'vitest';
import { createContainerHost } from '../../../electron/containers/container-host.js';
import { createFileService } from '../../../electron/services/file-service.js';
import type { TaskContext } from '../../../electron/services/host-services.js';
import type { ContainerVersions, OpenedContainer } from '../../../shared/host/contract.js';
import { parse } from '../../../shared/codec/parse.js';
import { RUN_SAMPLE_TESTS, sample } from '../../fixtures/samples.js';

function task(): {
  context: TaskContext;
  events: [string, number, number | null][];
  controller: AbortController;
} {
  const controller = new AbortController();
  const events: [string, number, number | null][] = [];
  return {
    context: {
      signal: controller.signal,
      progress: (phase, done, total) => events.push([phase, done, total]),
    },
    events,
    controller,
  };
}

describe.runIf(RUN_SAMPLE_TESTS)('versions of an opened store', () => {
  const path = (): string => sample('tghanem-pst_user1-test-lab_39ba6b1.pst');
  const newHost = () => createContainerHost({ log: () => undefined, files: createFileService() });

  async function openStore(host: ReturnType<typeof newHost>): Promise<OpenedContainer> {
    const opened = await host.openIfContainer(path(), task().context);
    if (opened?.status !== 'container') throw new Error(JSON.stringify(opened));
    return opened;
  }

  it('lists the carved 5-entry version and the current one, with progress to the end and a timeline', async () => {
    const host = newHost();
    const container = await openStore(host);
    const { context, events } = task();
    const result = (await host.findVersions(container.containerId, context)) as ContainerVersions;
    expect(result.status).toBe('versions');
    expect(
      result.versions.map((v) => [v.number, v.offset, v.entryCount, v.current?.account ?? null]),
    ).toEqual([
      [1, 37650, 5, null],
      [2, 43410, 6, 'user1@test.lab'],
    ]);
    expect(events.at(-1)).toEqual([
      'Searching tghanem-pst_user1-test-lab_39ba6b1.pst for earlier versions',
      271360,
      271360,
    ]);
    expect(result.timeline[0]!.rows.find((r) => r.uid === '6')).toMatchObject({
      firstVersion: 2,
      goneInVersion: null,
    });
  });

  it('opens a carved version read-only, by its number', async () => {
    const host = newHost();
    const container = await openStore(host);
    await host.findVersions(container.containerId, task().context);
    const opened = await host.openVersion(container.containerId, 1);
    if (opened.status !== 'opened') throw new Error(JSON.stringify(opened));
    expect(opened.readOnly).toBe(true);
    expect(opened.sha256).toBe('03274add5391c7753f4134289a33987dfce8c3129cf5484dd566e6540d3524e3');
    expect(parse(opened.bytes).uidList()).toEqual(['1', '2', '3', '4', '5']);
    expect(opened.name).toBe(
      'user1@test.lab — tghanem-pst_user1-test-lab_39ba6b1.pst versions-1 (carved).bin',
    );
    expect(await host.openVersion(container.containerId, 3)).toMatchObject({
      status: 'failed',
      code: 'not-found',
    });
  });

  it('a canceled search answers canceled; a version before any search is refused', async () => {
    const host = newHost();
    const container = await openStore(host);
    const { context, controller } = task();
    controller.abort();
    expect(await host.findVersions(container.containerId, context)).toEqual({ status: 'canceled' });
    expect(await host.openVersion(container.containerId, 1)).toMatchObject({
      status: 'failed',
      code: 'unknown-file',
    });
    expect(await host.findVersions('nosuchcontainer', task().context)).toMatchObject({
      status: 'failed',
      code: 'unknown-file',
    });
  });
});
