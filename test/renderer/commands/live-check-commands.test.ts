/** The live check as a command: its task, progress, cancel and the comparison it makes. */
import { describe, expect, it, vi } from 'vitest';
import type { Pop3CheckRequest, Pop3CheckResult, Pop3Listed } from '@shared/host/contract.js';
import { createLiveCheckCommands } from '../../../renderer/src/commands/live-check-commands';
import { createComparisonStore } from '../../../renderer/src/state/comparison/comparison-store';
import { createLiveCheckStore } from '../../../renderer/src/state/comparison/live-check-store';
import { createUiStore } from '../../../renderer/src/state/stores/ui-store';
import { createFakeHost } from '../support/fake-host';

const LISTED: Pop3Listed = {
  status: 'listed',
  messages: [
    { number: 1, uid: 'AAA-1' },
    { number: 2, uid: 'BBB-2' },
  ],
  problems: [],
  greeting: '+OK ready',
  tlsProtocol: 'TLSv1.3',
  certificateVerified: true,
  passwordRemembered: false,
};

const FIELDS: Omit<Pop3CheckRequest, 'taskId'> = {
  host: 'pop.example.com',
  port: 995,
  security: 'tls',
  allowPlain: false,
  user: 'ana',
  password: 'secret',
  rememberPassword: false,
  insecure: false,
};

function setup() {
  const host = createFakeHost();
  const ui = createUiStore();
  const comparison = createComparisonStore();
  const liveCheck = createLiveCheckStore();
  const commands = createLiveCheckCommands({ ui, host, comparison, liveCheck });
  /** Holds pop3Check's answer until `answer` is called. */
  let answer: (result: Pop3CheckResult) => void = () => undefined;
  vi.mocked(host.pop3Check).mockImplementation(
    () => new Promise<Pop3CheckResult>((resolve) => (answer = resolve)),
  );
  const taskId = () => vi.mocked(host.pop3Check).mock.calls[0]![0].taskId;
  return {
    host,
    ui,
    comparison,
    liveCheck,
    commands,
    answer: (r: Pop3CheckResult) => answer(r),
    taskId,
  };
}

describe('live-check commands', () => {
  it('runs under a task id, follows its progress only, and makes the listing the side', async () => {
    const { host, ui, comparison, liveCheck, commands, answer, taskId } = setup();
    const outcome = commands.run(FIELDS);
    expect(taskId()).toMatch(/^live-check-[0-9a-f]{18}$/);
    expect(vi.mocked(host.pop3Check).mock.calls[0]![0]).toEqual({ ...FIELDS, taskId: taskId() });
    expect(liveCheck.getState().running).toEqual({
      taskId: taskId(),
      phase: 'Connecting',
      received: 0,
      total: null,
    });
    host.progress({ taskId: 'scan-other', task: 'scan', phase: 'Reading', done: 9, total: 9 });
    host.progress({ taskId: taskId(), task: 'pop3', phase: 'Receiving UIDL', done: 1, total: 2 });
    expect(liveCheck.getState().running).toMatchObject({
      phase: 'Receiving UIDL',
      received: 1,
      total: 2,
    });
    // A second check while one runs is not started.
    expect(await commands.run(FIELDS)).toBe('dropped');
    expect(host.pop3Check).toHaveBeenCalledTimes(1);

    answer(LISTED);
    expect(await outcome).toBe('compared');
    expect(liveCheck.getState()).toMatchObject({ running: null, failure: null });
    const side = comparison.getState().side!;
    expect(side.kind).toBe('live');
    expect(side.name).toBe('ana@pop.example.com');
    expect(side.listing.messages.map((message) => message.uid)).toEqual(['AAA-1', 'BBB-2']);
    expect(comparison.getState().open).toBe(true);
    expect(ui.getState().notices.at(-1)?.message).toMatch(
      /^ana@pop\.example\.com: 2 messages listed/,
    );
    // Progress after the end is not shown.
    host.progress({ taskId: taskId(), task: 'pop3', phase: 'late', done: 2, total: 2 });
    expect(liveCheck.getState().running).toBeNull();
  });

  it('keeps a failure for the dialog, and Cancel check asks the host to stop that task', async () => {
    const { host, comparison, liveCheck, commands, answer, taskId } = setup();
    const outcome = commands.run(FIELDS);
    commands.cancel();
    expect(host.cancelTask).toHaveBeenCalledWith(taskId());
    answer({ status: 'failed', code: 'canceled', message: 'The live check was canceled.' });
    expect(await outcome).toBe('failed');
    expect(liveCheck.getState()).toMatchObject({
      running: null,
      failure: 'The live check was canceled.',
    });
    expect(comparison.getState().side).toBeNull();
    liveCheck.getState().actions.clearFailure();
    expect(liveCheck.getState().failure).toBeNull();
  });

  it('drops the answer of a check abandoned by closing the dialog', async () => {
    const { host, ui, comparison, liveCheck, commands, answer, taskId } = setup();
    const outcome = commands.run(FIELDS);
    commands.abandon();
    expect(host.cancelTask).toHaveBeenCalledWith(taskId());
    answer(LISTED);
    expect(await outcome).toBe('dropped');
    expect(comparison.getState().side).toBeNull();
    expect(ui.getState().notices).toEqual([]);
    expect(liveCheck.getState()).toMatchObject({ running: null, failure: null });
  });

  it('says when the password could not be remembered', async () => {
    const { ui, commands, answer } = setup();
    const outcome = commands.run({ ...FIELDS, rememberPassword: true });
    answer(LISTED);
    await outcome;
    expect(ui.getState().notices.at(-1)?.message).toContain(
      'The password could not be remembered: the OS keychain is not available.',
    );
  });
});
