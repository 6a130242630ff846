/**
 * The control word across real threads (worker_threads, shared memory): a kill while running
 * lands at the next poll, a kill while blocked is at once, a kill racing a wake-up never lets the
 * Faaslet take the lock it was woken for, and nothing is written after DEAD.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLockLedger, LockLedger, StateArena } from '../state';
import { H } from '../state/layout';
import { findOrInsertSlot, keyName, slotKey, usedSlots } from '../state/table';
import { bundleStateModule } from '../state/test-support/bundle';
import { BLOCKED, createControl, DEAD, FaasletControl, FaasletKilled, FINISHED, KILL_REQUESTED, RUNNING } from './control';

let bundle = '';
beforeAll(async () => {
  bundle = await bundleStateModule(new URL('./test-support/entry.ts', import.meta.url));
});

const workers: Worker[] = [];
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.terminate()));
});

/** A thread playing a Faaslet (test-support/faaslet.worker.mjs); `round` runs one script on it. */
async function faasletThread(arena: StateArena, holder = 1) {
  const worker = new Worker(new URL('./test-support/faaslet.worker.mjs', import.meta.url), {
    workerData: { bundle, handle: arena.handle, holder },
  });
  workers.push(worker);
  const messages: string[] = [];
  let failure: Error | null = null;
  worker.on('message', (message: string) => messages.push(message));
  worker.on('error', (error) => (failure = error));
  const next = async () => {
    while (messages.length === 0) {
      if (failure) throw failure;
      await new Promise((r) => setTimeout(r, 1));
    }
    return messages.shift()!;
  };
  expect(await next()).toBe('ready');
  return {
    worker,
    round(script: string, args: object) {
      const control = new FaasletControl(createControl());
      control.reset();
      const ledger = createLockLedger();
      worker.postMessage({ script, control: control.buffer, ledger, ...args });
      return { control, ledger, outcome: next() };
    },
  };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((r) => setTimeout(r, 1));
};

describe('the control word in one thread', () => {
  it('moves only along its transitions', () => {
    const control = new FaasletControl(createControl());
    control.reset();
    control.enterWait();
    expect(control.state).toBe(BLOCKED);
    control.leaveWait();
    expect(control.state).toBe(RUNNING);
    expect(control.requestKill('stopped')).toBe(KILL_REQUESTED);
    expect(() => control.poll()).toThrow(FaasletKilled);
    expect(control.state).toBe(DEAD);
    // A host call that swallowed the throw does not get the Faaslet back to life.
    expect(() => control.poll()).toThrow(FaasletKilled);
    expect(() => control.enterWait()).toThrow(FaasletKilled);

    control.reset();
    control.enterWait();
    expect(control.requestKill('time-limit')).toBe(DEAD);
    expect(() => control.leaveWait()).toThrow('killed (time-limit)');

    control.reset();
    expect(control.finish()).toBe(true);
    expect(control.requestKill('stopped')).toBe(FINISHED);

    control.reset();
    control.requestKill('stopped');
    expect(control.finish()).toBe(false);
    expect(control.state).toBe(DEAD);
  });

  it('a running Faaslet that spends its budget dies as a time-limit kill', () => {
    const control = new FaasletControl(createControl());
    control.reset();
    control.book(10);
    expect(() => control.die('time-limit')).toThrow(FaasletKilled);
    expect([control.state, control.reason, control.unitsUsed]).toEqual([DEAD, 'time-limit', 10]);
  });
});

describe('the control word across threads', () => {
  it('a running Faaslet dies at its next poll and writes nothing after DEAD', async () => {
    const arena = StateArena.create({ initialPages: 1 });
    const value = arena.ensure('u/counter', 4);
    const thread = await faasletThread(arena);
    const writes = new SharedArrayBuffer(4);
    const { control, outcome } = thread.round('spin', { key: 'u/counter', writes });
    await until(() => Atomics.load(new Int32Array(writes), 0) > 1000);
    expect(control.requestKill('stopped')).toBe(KILL_REQUESTED);
    expect(await control.whenDead(60_000)).toBe(true);
    const atDeath = new Int32Array(arena.memory.buffer, value.offset, 1)[0];
    expect(await outcome).toBe('killed');
    expect(new Int32Array(arena.memory.buffer, value.offset, 1)[0]).toBe(atDeath);
    expect(Atomics.load(new Int32Array(writes), 0)).toBe(atDeath);
  });

  it('a Faaslet blocked on a lock is dead at once, and never takes the lock it was woken for', async () => {
    const arena = StateArena.create({ initialPages: 1 });
    const value = arena.ensure('u/counter', 8);
    const thread = await faasletThread(arena);
    arena.lockWrite(value);
    const done = new SharedArrayBuffer(4);
    const { control, ledger, outcome } = thread.round('locked', { key: 'u/counter', times: 1, done });
    await until(() => control.state === BLOCKED);
    expect(control.requestKill('stopped')).toBe(DEAD);
    arena.unlockWrite(value);
    expect(await outcome).toBe('killed');
    expect(Atomics.load(arena.metadata.words, arena.metadata.lockIndex(value.slot))).toBe(0);
    expect(new LockLedger(ledger).releaseAll(arena)).toEqual([]);
    expect(new Int32Array(arena.memory.buffer, value.offset, 1)[0]).toBe(0);
  });

  it('kills racing wake-ups and lock hand-overs: one holder at a time, each lock released once, counts exact', async () => {
    const arena = StateArena.create({ initialPages: 1 });
    const value = arena.ensure('u/counter', 8);
    const threads = await Promise.all([1, 2, 3].map((holder) => faasletThread(arena, holder)));
    const counter = () => new Int32Array(arena.memory.buffer, value.offset, 1)[0]!;
    let returned = 0;
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fff_ffff) / 0x7fff_ffff);
    for (let round = 0; round < 60; round++) {
      const runs = threads.map((thread) => {
        const done = new SharedArrayBuffer(4);
        return { done, ...thread.round('locked', { key: 'u/counter', times: 200, done }) };
      });
      const victim = runs[Math.floor(random() * runs.length)]!;
      await until(() => Atomics.load(new Int32Array(victim.done), 0) >= Math.floor(random() * 100) || victim.control.state === FINISHED);
      const state = victim.control.requestKill('stopped');
      if (state !== FINISHED) expect(await victim.control.whenDead(60_000)).toBe(true);
      // Released by the "supervisor" only now, after DEAD; the others go on meanwhile. A victim
      // killed holding the lock left its holder flag set: rolled back first, as a supervisor would.
      if (new Int32Array(victim.ledger).includes(-1)) new Int32Array(arena.memory.buffer, value.offset, 2)[1] = 0;
      for (const released of new LockLedger(victim.ledger).releaseAll(arena)) expect(released.problem).toBeUndefined();
      for (const run of runs) expect(['finished', 'killed']).toContain(await run.outcome);
      returned += runs.reduce((sum, run) => sum + Atomics.load(new Int32Array(run.done), 0), 0);
      // A victim killed between its increment and its unlock did one increment more than returned.
      expect(counter() - returned).toBeGreaterThanOrEqual(0);
      expect(counter() - returned).toBeLessThanOrEqual(round + 1);
      expect(Atomics.load(arena.metadata.words, arena.metadata.lockIndex(value.slot))).toBe(0);
      returned = counter();
    }
  }, 120_000);
});

describe('the key table after its mutex holder dies', () => {
  it('a thread terminated at any instruction while creating keys leaves a table that recovers', async () => {
    const arena = StateArena.create({ initialPages: 1, maxKeys: 16_384, maxKeyBytes: 32 });
    for (let round = 0; round < 12; round++) {
      const holder = 100 + round;
      const thread = await faasletThread(arena, holder);
      thread.round('table', { prefix: `u/r${round}` });
      const before = arena.metadata.header(H.KEYS);
      await until(() => arena.metadata.header(H.KEYS) > before + 20 * (round % 5));
      await thread.worker.terminate();
      // Recovered only if it died holding the mutex; either way the table must be whole.
      arena.recoverMutexOf(holder);
      expect(arena.metadata.header(H.KEYS)).toBe(usedSlots(arena.metadata).length);
      // Every key it finished holds its own bytes; a cut one gets a value from the next ensure.
      for (const slot of usedSlots(arena.metadata)) {
        const key = slotKey(arena.metadata, slot);
        const i = Number(key.slice(key.lastIndexOf('-') + 1));
        if (!key.startsWith(`u/r${round}-`)) continue;
        const value = arena.ensure(key, 1 + (i % 300));
        expect(value.size).toBe(1 + (i % 300));
      }
      // The host agent can take the mutex again: a new key goes through.
      expect(arena.ensure(`u/after-${round}`, 8).size).toBe(8);
    }
    expect(arena.metadata.header(H.KEYS)).toBe(usedSlots(arena.metadata).length);
  }, 120_000);

  it('a key cut off between its record and its count is recounted, and only its holder recovers the mutex', () => {
    const arena = StateArena.create({ initialPages: 1 });
    arena.ensure('u/a', 8);
    const meta = arena.metadata;
    // As if its holder died after publishing the record's hash, before bumping the key count.
    findOrInsertSlot(meta, keyName(meta, 'u/cut'));
    meta.setHeader(H.KEYS, 1);
    Atomics.store(meta.words, H.MUTEX, 1);
    Atomics.store(meta.words, H.HOLDER, 42);
    expect(arena.recoverMutexOf(41)).toBe(false);
    expect(arena.recoverMutexOf(42)).toBe(true);
    expect(meta.header(H.KEYS)).toBe(2);
    expect(arena.find('u/cut')).toBeNull();
    expect(arena.ensure('u/cut', 4).size).toBe(4);
  });
});
