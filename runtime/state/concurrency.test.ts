import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeArena, StateArena, StateError } from '.';
import { bundleStateModule } from './test-support/bundle';

let bundle = '';
beforeAll(async () => {
  bundle = await bundleStateModule();
});


/** Runs one test worker per data object to completion; each gets the bundle's URL too. Resolves with their messages. */
async function runWorkers(name: string, data: object[]): Promise<unknown[]> {
  const file = new URL(`./test-support/${name}.worker.mjs`, import.meta.url);
  const workers = data.map((workerData) => new Worker(file, { workerData: { bundle, ...workerData } }));
  const messages = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<unknown>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  await Promise.all(workers.map((worker) => worker.terminate()));
  return messages;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two Workers, each incrementing the same counter `times` times under its write lock; resolves with the final value. */
async function lockedRace(times: number): Promise<number> {
  const arena = StateArena.create();
  const value = arena.ensure('u/counter', 4);
  const data = { handle: arena.handle, key: 'u/counter', times };
  await runWorkers('counter', [data, data]);
  return new Int32Array(arena.memory.buffer, value.offset, 1)[0]!;
}

describe('the key table across Workers', () => {
  it('two Workers creating keys at once, growing the memory, leave a consistent table', async () => {
    const arena = StateArena.create({ initialPages: 1 });
    const count = 300;
    await runWorkers('keys', [1, 2].map((id) => ({ handle: arena.handle, id, count })));
    const values = [1, 2].flatMap((id) =>
      Array.from({ length: count }, (_, i) => ({ id, value: arena.require(`u/w${id}-${i}`) })),
    );
    for (const { id, value } of values) expect(arena.bytes(value).every((byte) => byte === id)).toBe(true);
    const ranges = values.map(({ value }) => value).sort((a, b) => a.offset - b.offset);
    ranges.slice(1).forEach((value, i) => expect(value.offset).toBeGreaterThanOrEqual(ranges[i]!.offset + ranges[i]!.size));
    for (let i = 0; i < count; i++) expect(arena.require(`u/shared-${i}`).size).toBe(500);
    expect(describeArena(arena)).toHaveLength(3 * count);
    expect(arena.memory.buffer.byteLength).toBeGreaterThan(65536);
  });
});

describe('per-key locks across Workers', () => {
  it('two Workers incrementing 100,000 times each under the write lock reach exactly 200,000', async () => {
    expect(await lockedRace(100_000)).toBe(200_000);
  });

  it('a Worker asking for a held write lock waits for the unlock, then reads what the holder wrote', async () => {
    const arena = StateArena.create();
    const value = arena.ensure('u/counter', 4);
    const asking = new SharedArrayBuffer(4);
    arena.lockWrite(value);
    const seen = runWorkers('waiter', [{ handle: arena.handle, key: 'u/counter', asking }]);
    while (Atomics.load(new Int32Array(asking), 0) === 0) await sleep(5);
    // Still held well after the Worker asked: a lock that let it through would have it read 0.
    await sleep(100);
    new Int32Array(arena.memory.buffer, value.offset, 1)[0] = 42;
    arena.unlockWrite(value);
    expect(await seen).toEqual([42]);
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

describe('dirty chunks across Workers', () => {
  it('four Workers flagging interleaved chunks at once lose none of them', async () => {
    const arena = StateArena.create();
    const value = arena.ensure('u/flags', 64 * 1000);
    const workers = 4;
    await runWorkers('dirty', [0, 1, 2, 3].map((id) => ({ handle: arena.handle, key: 'u/flags', id, workers, rounds: 20 })));
    expect(arena.takeDirty(value)).toEqual([{ offset: 0, length: value.size }]);
    expect(arena.dirtyOf(value)).toBe('clean');
  });
});

