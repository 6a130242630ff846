import { describe, expect, it } from 'vitest';
import { StateArena } from '../state';
import { MemoryAppendedStore } from './appended-memory.test-support';
import { GlobalLocks } from './locks';
import { MemoryGlobalStore } from './memory-store.test-support';
import { GlobalTier } from './tier';

/** Two hosts' local tiers of user `u` and one global tier, as the host agent has them. */
function cluster() {
  const arenas = [StateArena.create(), StateArena.create()];
  const tier = new GlobalTier({
    store: new MemoryGlobalStore(),
    appended: new MemoryAppendedStore(),
    locks: new GlobalLocks({ request: () => Promise.reject(new Error('no locks in this test')) }),
    arenaOf: (host) => arenas[host]!,
    emit: () => {},
    openTabs: () => null,
  });
  const on = (host: number) => ({ host, callId: 1, user: 'u' });
  const append = (host: number, ...data: number[]) => tier.serve(on(host), { kind: 'append', key: 'u/log', data: Uint8Array.from(data) });
  const read = (host: number, count: number, maxBytes = 1000) => tier.serve(on(host), { kind: 'read-appended', key: 'u/log', count, maxBytes });
  return { tier, on, append, read };
}

describe('appended state in the global tier', () => {
  it('is one sequence for every host: elements appended on host 0 and host 1 are all read on either, in order', async () => {
    const { append, read } = cluster();
    expect(await append(0, 1, 2)).toEqual({ kind: 'done', version: 1 });
    expect(await append(1, 3)).toEqual({ kind: 'done', version: 2 });
    expect(await append(0, 4, 5, 6)).toEqual({ kind: 'done', version: 3 });
    for (const host of [0, 1]) {
      const reply = await read(host, 3);
      expect(reply.kind === 'done' && Array.from(reply.bytes ?? [])).toEqual([1, 2, 3, 4, 5, 6]);
    }
    const firstTwo = await read(1, 2);
    expect(firstTwo.kind === 'done' && Array.from(firstTwo.bytes ?? [])).toEqual([1, 2, 3]);
  });

  it('concurrent appends from both hosts all land, none lost or doubled', async () => {
    const { append, read } = cluster();
    await Promise.all(Array.from({ length: 200 }, (_, i) => append(i % 2, i)));
    const reply = await read(0, 200);
    expect(reply.kind === 'done' && Array.from(reply.bytes ?? []).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('as Faasm (Redis LRANGE 0 n-1): asking for more elements than exist reads those that do; 0 reads them all; reads remove nothing', async () => {
    const { append, read } = cluster();
    await append(0, 7);
    await append(1, 8);
    const more = await read(1, 50);
    expect(more).toMatchObject({ kind: 'done', version: 2 });
    expect(more.kind === 'done' && Array.from(more.bytes ?? [])).toEqual([7, 8]);
    const all = await read(0, 0);
    expect(all.kind === 'done' && Array.from(all.bytes ?? [])).toEqual([7, 8]);
    expect(await read(0, 5, 1000)).toMatchObject({ version: 2 });
  });

  it('a read whose elements overrun the buffer is refused before anything is copied', async () => {
    const { append, read } = cluster();
    await append(0, 1, 2, 3);
    await append(1, 4);
    expect(await read(0, 2, 3)).toEqual({
      kind: 'refused',
      message: 'the first 2 appended elements of key "u/log" are 4 bytes; the buffer holds 3',
    });
  });

  it('clear on one host empties the sequence for every host; appends start again from nothing', async () => {
    const { tier, on, append, read } = cluster();
    await append(0, 1);
    await append(1, 2);
    expect(await tier.serve(on(1), { kind: 'clear-appended', key: 'u/log' })).toEqual({ kind: 'done', version: 0 });
    expect(await read(0, 2)).toEqual({ kind: 'done', version: 0, bytes: new Uint8Array() });
    expect(await append(0, 9)).toEqual({ kind: 'done', version: 1 });
    const after = await read(1, 1);
    expect(after.kind === 'done' && Array.from(after.bytes ?? [])).toEqual([9]);
  });
});
