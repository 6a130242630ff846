import { wasi } from '@bjorn3/browser_wasi_shim';
import { describe, expect, it } from 'vitest';
import type { GlobalStateChange } from '../api';
import { StateArena } from '../state';
import { GlobalLocks } from './locks';
import { answerReply, replyAnswer } from './protocol';
import { MemoryAppendedStore } from './appended-memory.test-support';
import { MemoryGlobalStore } from './memory-store.test-support';
import { failureMessage, GlobalTier } from './tier';

/** Two hosts' local tiers of user `u`, one global tier between them. */
function cluster() {
  const store = new MemoryGlobalStore();
  const arenas = [StateArena.create(), StateArena.create()];
  const changes: GlobalStateChange[] = [];
  const tier = new GlobalTier({
    store,
    appended: new MemoryAppendedStore(),
    locks: new GlobalLocks({ request: () => Promise.reject(new Error('no locks in this test')) }),
    arenaOf: (host) => arenas[host]!,
    emit: (change) => changes.push(change),
    openTabs: () => null,
  });
  return { store, arenas, changes, tier };
}

const on = (host: number, callId = 1) => ({ host, callId, user: 'u' });

describe('GlobalTier', () => {
  it('a value pushed on host 0 and pulled on host 1 arrives byte for byte, created with the global size', async () => {
    const { arenas, changes, tier } = cluster();
    const value = arenas[0]!.ensure('u/k', 5000);
    arenas[0]!.bytes(value).set(Array.from({ length: 5000 }, (_, i) => i % 251));
    arenas[0]!.flagDirty(value);
    expect(await tier.serve(on(0), { kind: 'push', key: 'u/k', mode: 'whole' })).toEqual({ kind: 'done', version: 1 });
    expect(arenas[0]!.dirtyOf(value)).toBe('clean');

    expect(await tier.serve(on(1), { kind: 'pull', key: 'u/k', size: 0 })).toEqual({ kind: 'done', version: 1 });
    const pulled = arenas[1]!.require('u/k');
    expect(pulled.size).toBe(5000);
    expect(arenas[1]!.bytes(pulled).every((byte, i) => byte === i % 251)).toBe(true);
    expect([arenas[0]!.globalVersionOf(value), arenas[1]!.globalVersionOf(pulled)]).toEqual([1, 1]);
    // Host 0 pushes again: host 1's copy is still the one it pulled at version 1.
    arenas[0]!.flagDirty(value, 0, 1);
    await tier.serve(on(0), { kind: 'push', key: 'u/k', mode: 'partial' });
    expect([arenas[0]!.globalVersionOf(value), arenas[1]!.globalVersionOf(pulled)]).toEqual([2, 1]);
    expect(changes.map((c) => [c.kind, c.host, c.kind === 'failed' ? 0 : c.bytes])).toEqual([
      ['push', 0, 5000],
      ['pull', 1, 5000],
      ['push', 0, 64],
    ]);
  });

  it('a clean value is not pushed; a partial push moves only the dirty chunks, not what lies between them', async () => {
    const { arenas, changes, tier } = cluster();
    const arena = arenas[0]!;
    const value = arena.ensure('u/k', 1 << 20);
    arena.flagDirty(value);
    await tier.serve(on(0), { kind: 'push', key: 'u/k', mode: 'whole' });
    expect(await tier.serve(on(0), { kind: 'push', key: 'u/k', mode: 'partial' })).toEqual({ kind: 'done', version: 1 });

    const encode = (text: string) => new TextEncoder().encode(text);
    arena.bytes(value, 0, 16).fill(0x58); // written through a pointer, never flagged
    arena.bytes(value, 512 << 10, 16).fill(0x58); // between the two flagged ranges, never flagged
    arena.bytes(value, 100 << 10, 7).set(encode('PARTIAL'));
    arena.flagDirty(value, 100 << 10, 7);
    arena.bytes(value, 900 << 10, 4).set(encode('FAR!'));
    arena.flagDirty(value, 900 << 10, 4);
    expect(await tier.serve(on(0), { kind: 'push', key: 'u/k', mode: 'partial' })).toEqual({ kind: 'done', version: 2 });
    expect(changes.at(-1)).toMatchObject({ kind: 'push', version: 2, bytes: 128 });

    await tier.serve(on(1), { kind: 'pull', key: 'u/k', size: 1 << 20 });
    const there = arenas[1]!;
    const pulled = there.require('u/k');
    expect(there.bytes(pulled, 0, 16).every((b) => b === 0)).toBe(true);
    expect(there.bytes(pulled, 512 << 10, 16).every((b) => b === 0)).toBe(true);
    expect(new TextDecoder().decode(there.bytes(pulled, 100 << 10, 7))).toBe('PARTIAL');
    expect(new TextDecoder().decode(there.bytes(pulled, 900 << 10, 4))).toBe('FAR!');
  });

  it('a mask push moves the bytes the mask marks', async () => {
    const { arenas, changes, tier } = cluster();
    const arena = arenas[0]!;
    const value = arena.ensure('u/k', 64);
    const mask = arena.ensure('u/mask', 64);
    arena.flagDirty(value);
    await tier.serve(on(0), { kind: 'push', key: 'u/k', mode: 'whole' });
    arena.bytes(value).fill(9);
    arena.bytes(mask, 8, 4).fill(1);
    arena.flagDirty(value);
    await tier.serve(on(0), { kind: 'push', key: 'u/k', mode: 'mask', maskKey: 'u/mask' });
    expect(changes.at(-1)).toMatchObject({ kind: 'push', bytes: 4 });
    await tier.serve(on(1), { kind: 'pull', key: 'u/k', size: 0 });
    expect([...arenas[1]!.bytes(arenas[1]!.require('u/k'), 6, 8)]).toEqual([0, 0, 9, 9, 9, 9, 0, 0]);
  });

  it('a store failure is an errno for the function and a failed row for the UI, and the value stays dirty', async () => {
    const { arenas, changes, store, tier } = cluster();
    const value = arenas[0]!.ensure('u/k', 100);
    arenas[0]!.flagDirty(value, 10, 5);
    store.failPut = 0;
    const reply = await tier.serve(on(0, 7), { kind: 'push', key: 'u/k', mode: 'partial' });
    const message = "the browser's storage quota for this site is full; nothing was written, the global tier is as it was";
    expect(reply).toEqual({ kind: 'store-failed', errno: wasi.ERRNO_NOSPC, message });
    expect(changes).toEqual([expect.objectContaining({ kind: 'failed', key: 'u/k', callId: 7, message })]);
    expect(arenas[0]!.dirtyOf(value)).toEqual([{ offset: 0, length: 64 }]);
    expect(await store.list()).toEqual([]);
  });

  it('a later push still sends what a failed push left dirty', async () => {
    const { arenas, changes, store, tier } = cluster();
    const arena = arenas[0]!;
    const value = arena.ensure('u/k', 64);
    arena.flagDirty(value);
    await tier.serve(on(0), { kind: 'push', key: 'u/k', mode: 'whole' });
    arena.bytes(value, 20, 4).fill(7);
    arena.flagDirty(value, 20, 4);
    store.failPut = 0;
    expect(await tier.serve(on(0), { kind: 'push', key: 'u/k', mode: 'partial' })).toMatchObject({ kind: 'store-failed' });
    expect(await tier.serve(on(0), { kind: 'push', key: 'u/k', mode: 'partial' })).toEqual({ kind: 'done', version: 2 });
    expect(changes.at(-1)).toMatchObject({ kind: 'push', version: 2, bytes: 64 });
    await tier.serve(on(1), { kind: 'pull', key: 'u/k', size: 0 });
    expect([...arenas[1]!.bytes(arenas[1]!.require('u/k'), 18, 8)]).toEqual([0, 0, 7, 7, 7, 7, 0, 0]);
  });

  it('the reply crosses the mailbox with its kind: a version, a refusal, or -errno', () => {
    for (const reply of [
      { kind: 'done', version: 3 },
      { kind: 'refused', message: 'no' },
      { kind: 'store-failed', errno: wasi.ERRNO_IO, message: 'IndexedDB failed' },
    ] as const) {
      expect(answerReply(replyAnswer(reply))).toEqual(reply);
    }
  });

  it('refuses to pull into a local value of another size', async () => {
    const { arenas, tier } = cluster();
    arenas[0]!.flagDirty(arenas[0]!.ensure('u/k', 8));
    await tier.serve(on(0), { kind: 'push', key: 'u/k', mode: 'whole' });
    arenas[1]!.ensure('u/k', 16);
    const reply = await tier.serve(on(1), { kind: 'pull', key: 'u/k', size: 0 });
    expect(reply).toEqual({ kind: 'refused', message: `key "u/k" has 8 bytes in the global tier; this host's value has 16` });
  });

  it('a pull whose call ended (was killed) while it was served writes nothing into the local tier', async () => {
    const { arenas, changes, tier } = cluster();
    const value = arenas[0]!.ensure('u/k', 64);
    arenas[0]!.bytes(value).fill(7);
    arenas[0]!.flagDirty(value);
    await tier.serve(on(0), { kind: 'push', key: 'u/k', mode: 'whole' });
    const pull = tier.serve(on(1, 9), { kind: 'pull', key: 'u/k', size: 0 });
    tier.endCall(9);
    await pull;
    expect(arenas[1]!.find('u/k')).toBeNull();
    expect(changes.map((c) => c.kind)).toEqual(['push']);
    // The next call's pull is served as usual.
    await tier.serve(on(1, 10), { kind: 'pull', key: 'u/k', size: 0 });
    expect(arenas[1]!.bytes(arenas[1]!.require('u/k')).every((byte) => byte === 7)).toBe(true);
  });

  it("settled(call) waits for the call's push in flight, so a killed call's push lands before its end is reported", async () => {
    const { arenas, changes, tier } = cluster();
    const value = arenas[0]!.ensure('u/k', 64);
    arenas[0]!.flagDirty(value);
    expect(changes).toHaveLength(0);
    const push = tier.serve(on(0, 11), { kind: 'push', key: 'u/k', mode: 'whole' });
    tier.endCall(11);
    await tier.settled(11);
    // Once settled, the push has committed: nothing of the call can change the global tier later.
    expect(changes.map((c) => c.kind)).toEqual(['push']);
    await push;
    expect(changes).toHaveLength(1);
    // A call with nothing in flight is settled at once.
    await tier.settled(12);
  });

  it('pulling a key the global tier lacks creates it locally with the size asked for, as zeros', async () => {
    const { arenas, tier } = cluster();
    expect(await tier.serve(on(1), { kind: 'pull', key: 'u/new', size: 8 })).toEqual({ kind: 'done', version: 0 });
    expect(arenas[1]!.require('u/new').size).toBe(8);
  });
});

describe('failureMessage', () => {
  it("says the quota is full and that nothing was written for IndexedDB's QuotaExceededError", () => {
    expect(failureMessage(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toBe(
      "the browser's storage quota for this site is full; nothing was written, the global tier is as it was",
    );
  });

  it("names any other IndexedDB failure, and a rule's refusal is its own message", () => {
    expect(failureMessage(new DOMException('The transaction was aborted.', 'AbortError'))).toBe(
      'IndexedDB failed (AbortError: The transaction was aborted.); nothing was written, the global tier is as it was',
    );
    expect(failureMessage(new Error('key "u/k" has 8 bytes'))).toBe('key "u/k" has 8 bytes');
  });
});
