import { describe, expect, it } from 'vitest';
import { FaasletHandle, type FaasletEvents } from './faaslet-handle';
import { fakeJob, fakeSpawner, type Script } from './fake-worker.test-support';

function handleWith(script: () => Script, events: Partial<FaasletEvents> = {}) {
  const { spawn, spawned } = fakeSpawner(script);
  const handle = new FaasletHandle(1, 0, spawn, { started() {}, output() {}, chain() {}, await() {}, proto() {}, ...events });
  return { handle, spawned };
}

describe('FaasletHandle', () => {
  it('runs a call and is idle again afterwards', async () => {
    const { handle } = handleWith(() => ({ kind: 'done', ms: 2 }));
    await handle.ready;
    const outcome = handle.run(fakeJob(4), 1000);
    expect(handle.state).toBe('running');
    expect(await outcome).toMatchObject({ kind: 'done', done: { callId: 4 } });
    expect(handle.state).toBe('idle');
  });

  it('passes on how the Faaslet started the call, and remembers it', async () => {
    const reports: unknown[] = [];
    const { handle } = handleWith(() => ({ kind: 'done', ms: 2 }), { started: (report) => reports.push(report) });
    await handle.run({ ...fakeJob(5), start: { kind: 'restored', fingerprint: 'f1', image: {} as never } }, 1000);
    expect(reports).toEqual([{ kind: 'started', callId: 5, startKind: 'restored', startedAt: 0, startMs: 0.25, zygoteRan: false }]);
    expect(handle.lastStart).toBe('restored');
  });

  it('kills a call past its time limit, replaces the Worker, and forgets the module', async () => {
    const { handle, spawned } = handleWith(() => ({ kind: 'hang' }));
    handle.function = 'demo/f';
    expect(await handle.run(fakeJob(1), 20)).toMatchObject({ kind: 'killed', reason: 'time-limit' });
    expect(spawned[0]?.terminated).toBe(true);
    expect(spawned).toHaveLength(2);
    expect(handle.function).toBeNull();
  });

  it('stops the call it runs, and only that one', async () => {
    const { handle, spawned } = handleWith(() => ({ kind: 'hang' }));
    const outcome = handle.run(fakeJob(7), 10_000);
    expect(handle.stop(8)).toBe(false);
    expect(handle.stop(7)).toBe(true);
    expect(await outcome).toMatchObject({ kind: 'killed', reason: 'stopped' });
    expect(spawned[0]?.terminated).toBe(true);
  });

  it('is blocked while it awaits, its clock stopped, and resumes on the answer', async () => {
    let blocked = false;
    const { handle } = handleWith(() => ({ kind: 'await', awaited: 9 }), {
      await: (faaslet, callId, awaited) => {
        blocked = faaslet.state === 'blocked' && callId === 3 && awaited === 9;
      },
    });
    const outcome = handle.run(fakeJob(3), 30);
    await new Promise((r) => setTimeout(r, 60));
    // Blocked past its 30 ms limit and still alive: time spent awaiting does not count.
    expect(blocked).toBe(true);
    expect(handle.state).toBe('blocked');
    expect(handle.blockedIn).toBe('__faasm_await_call(9)');
    handle.answer(3, 9, { returnCode: 5, output: new Uint8Array(), error: null }, 'jspi');
    expect(await outcome).toMatchObject({ kind: 'done', done: { returnCode: 5 } });
  });
});
