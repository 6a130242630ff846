import { describe, expect, it } from 'vitest';
import { BLOCKED, FaasletControl } from '../faaslet/control';
import { FUEL_UNITS_PER_MS } from '../faaslet/fuel';
import { LockLedger, StateArena } from '../state';
import type { RunJob } from '../faaslet';
import { FaasletHandle, type FaasletEvents } from './faaslet-handle';
import { fakeJob, fakeSpawner, type FakeWorker, type Script } from './fake-worker.test-support';

function handleWith(script: (job: RunJob) => Script, events: Partial<FaasletEvents> = {}, killGraceMs = 10_000) {
  const { spawn, spawned } = fakeSpawner(script);
  const handle = new FaasletHandle(1, 0, spawn, { started() {}, output() {}, chain() {}, await() {}, proto() {}, ...events }, {
    killGraceMs,
    quarantineMs: 10_000,
  });
  return { handle, spawned };
}

/** A job that records its locks in the handle's ledger, on a real arena. */
function jobWithLedger(handle: FaasletHandle, arena: StateArena, callId: number) {
  return { ...fakeJob(callId), arena: arena.handle, locks: handle.locks };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((r) => setTimeout(r, 1));
};

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

  it('gives the Faaslet its budget in fuel units, and reports the kill once it stopped itself past it', async () => {
    const { handle, spawned } = handleWith(() => ({ kind: 'hang' }));
    handle.function = 'demo/f';
    const outcome = await handle.run(fakeJob(1), 20);
    expect(spawned[0]!.jobs[0]!.cpuBudgetUnits).toBe(20 * FUEL_UNITS_PER_MS);
    expect(outcome).toMatchObject({ kind: 'killed', reason: 'time-limit', confirmed: true });
    // Killed at the first poll past the budget: the units it booked are its budget and one poll more.
    expect(outcome.kind === 'killed' && outcome.fuelUnits).toBe(21 * FUEL_UNITS_PER_MS);
    expect(spawned[0]?.terminated).toBe(true);
    expect(spawned).toHaveLength(2);
    expect(handle.function).toBeNull();
  });

  it('stops the call it runs, and only that one, reporting it once the Faaslet is dead', async () => {
    const { handle, spawned } = handleWith(() => ({ kind: 'hang' }));
    const outcome = handle.run(fakeJob(7), 10_000);
    expect(handle.stop(8)).toBe(false);
    expect(handle.stop(7)).toBe(true);
    // Not yet terminated: the Faaslet dies at its next poll, then the supervisor moves.
    expect(spawned[0]?.terminated).toBe(false);
    expect(await outcome).toMatchObject({ kind: 'killed', reason: 'stopped', confirmed: true });
    expect(new FaasletControl(spawned[0]!.jobs[0]!.control).state).toBe(3);
    expect(spawned[0]?.terminated).toBe(true);
  });

  it('is blocked while it awaits, past its limit, and resumes on the answer', async () => {
    let blocked = false;
    const { handle, spawned } = handleWith(() => ({ kind: 'await', awaited: 9 }), {
      await: (faaslet, callId, awaited) => {
        blocked = faaslet.state === 'blocked' && callId === 3 && awaited === 9;
      },
    });
    const outcome = handle.run(fakeJob(3), 1);
    await until(() => blocked);
    // Blocked burns no fuel: however long it waits, its 1 ms limit is not reached.
    await new Promise((r) => setTimeout(r, 30));
    expect(new FaasletControl(spawned[0]!.jobs[0]!.control).state).toBe(BLOCKED);
    expect(handle.blockedIn).toBe('__faasm_await_call(9)');
    handle.answer(3, 9, { returnCode: 5, output: new Uint8Array(), error: null }, 'jspi');
    expect(await outcome).toMatchObject({ kind: 'done', done: { returnCode: 5 } });
  });

  it('kills a blocked Faaslet at once: it is dead before it could wake', async () => {
    const { handle, spawned } = handleWith(() => ({ kind: 'await', awaited: 9 }));
    const outcome = handle.run(fakeJob(3), 1000);
    await until(() => handle.state === 'blocked');
    expect(handle.stop(3)).toBe(true);
    expect(await outcome).toMatchObject({ kind: 'killed', reason: 'stopped', confirmed: true });
    expect(spawned[0]!.terminated).toBe(true);
  });

  it('releases the locks of a killed Faaslet only after it is dead, exactly once', async () => {
    const arena = StateArena.create({ initialPages: 1 });
    const value = arena.ensure('demo/k', 4);
    const { handle } = handleWith(() => ({ kind: 'hang' }));
    const job = jobWithLedger(handle, arena, 11);
    const outcome = handle.run(job, 10_000);
    // As the Faaslet would: the write lock taken through its ledger.
    new LockLedger(job.locks).over(arena).lockWrite(value);
    handle.stop(11);
    expect(Atomics.load(arena.metadata.words, arena.metadata.lockIndex(value.slot))).toBe(-1);
    await outcome;
    expect(Atomics.load(arena.metadata.words, arena.metadata.lockIndex(value.slot))).toBe(0);
    // A second release (a zombie's stale ledger) finds nothing: another holder's lock survives.
    arena.lockWrite(value);
    expect(new LockLedger(job.locks).releaseAll(arena)).toEqual([]);
    expect(Atomics.load(arena.metadata.words, arena.metadata.lockIndex(value.slot))).toBe(-1);
  });

  it('comes back with a live Worker when releasing the ledger throws, and says why on stderr', async () => {
    const arena = StateArena.create({ initialPages: 1 });
    const stderr: string[] = [];
    const script = (job: RunJob): Script => (job.callId === 12 ? { kind: 'hang' } : { kind: 'done', ms: 1 });
    const { handle, spawned } = handleWith(script, { output: (_id, _stream, text) => stderr.push(text) });
    const job = { ...jobWithLedger(handle, arena, 12), arena: { ...arena.handle, meta: new SharedArrayBuffer(8) } };
    const outcome = handle.run(job, 10_000);
    // A ledger entry whose arena metadata is foreign: attaching it throws during the release.
    new Int32Array(job.locks).set([1, -1]);
    handle.stop(12);
    expect(await outcome).toMatchObject({ kind: 'killed', reason: 'stopped' });
    expect(stderr.join('')).toMatch(/releasing the killed Faaslet's locks failed/);
    expect(spawned).toHaveLength(2);
    expect(handle.worker).toBe(spawned[1] as unknown as Worker);
    expect((spawned[1] as FakeWorker).terminated).toBe(false);
    await handle.ready;
    expect(await handle.run(fakeJob(13), 1000)).toMatchObject({ kind: 'done', done: { callId: 13 } });
  });

  it('terminates a Faaslet that never polls after its grace, reports it as unconfirmed, and keeps its locks', async () => {
    const arena = StateArena.create({ initialPages: 1 });
    const value = arena.ensure('demo/k', 4);
    const stderr: string[] = [];
    const { handle, spawned } = handleWith(() => ({ kind: 'unmetered' }), { output: (_id, _s, text) => stderr.push(text) }, 20);
    const job = jobWithLedger(handle, arena, 14);
    const outcome = handle.run(job, 10_000);
    new LockLedger(job.locks).over(arena).lockWrite(value);
    handle.stop(14);
    expect(await outcome).toMatchObject({ kind: 'killed', confirmed: false });
    expect(spawned[0]!.terminated).toBe(true);
    expect(stderr.join('')).toMatch(/did not stop at a poll/);
    // Quarantined: the zombie may still run, so its lock is still held.
    expect(Atomics.load(arena.metadata.words, arena.metadata.lockIndex(value.slot))).toBe(-1);
    // Its successor has its own ledger and mailbox, which the zombie cannot touch.
    expect(handle.locks).not.toBe(job.locks);
  });

  it('a Worker error during a call ends it as crashed and respawns', async () => {
    const { handle, spawned } = handleWith(() => ({ kind: 'hang' }));
    const outcome = handle.run(fakeJob(15), 10_000);
    spawned[0]!.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    expect(await outcome).toEqual({ kind: 'crashed', message: 'boom' });
    expect(spawned).toHaveLength(2);
  });
});
