import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { StateArena, StateError } from '.';
import { bundleStateModule } from './test-support/bundle';

let bundle = '';
beforeAll(async () => {
  bundle = await bundleStateModule();
});

const workerFile = new URL('./test-support/counter.worker.mjs', import.meta.url);

/** Two Workers, each incrementing the same counter `times` times; resolves with the final value. */
async function race(locked: boolean, times: number): Promise<number> {
  const arena = StateArena.create();
  const value = arena.ensure('u/counter', 4);
  const workers = [0, 1].map(
    () => new Worker(workerFile, { workerData: { bundle, handle: arena.handle, key: 'u/counter', times, locked } }),
  );
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
        }),
    ),
  );
  await Promise.all(workers.map((worker) => worker.terminate()));
  return new Int32Array(arena.memory.buffer, value.offset, 1)[0]!;
}

describe('per-key locks across Workers', () => {
  it('two Workers incrementing 100,000 times each under the write lock reach exactly 200,000', async () => {
    expect(await race(true, 100_000)).toBe(200_000);
  });

  it('runs without the lock too (updates may be lost: a teaching moment, not asserted)', async () => {
    const total = await race(false, 100_000);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(200_000);
  });
});

describe('per-key locks in one thread', () => {
  it('admits many readers, or one writer, and refuses unlocking what is not locked', () => {
    const arena = StateArena.create();
    const value = arena.ensure('u/k', 8);
    arena.lockRead(value);
    arena.lockRead(value);
    arena.unlockRead(value);
    arena.unlockRead(value);
    expect(() => arena.unlockRead(value)).toThrow(/"u\/k" is not locked for reading/);
    arena.lockWrite(value);
    expect(() => arena.unlockRead(value)).toThrow(StateError);
    arena.unlockWrite(value);
    expect(() => arena.unlockWrite(value)).toThrow(/not locked for writing/);
  });
});
