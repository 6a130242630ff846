import { describe, expect, it } from 'vitest';
import { GlobalLocks, type LockRequester } from './locks';

/** Web Locks in miniature: one exclusive holder or many shared ones per name, granted in order. */
function fakeLocks(): LockRequester & { holders(name: string): number } {
  const held = new Map<string, { mode: string; count: number }>();
  const queue: (() => boolean)[] = [];
  const pump = () => {
    for (let i = 0; i < queue.length; ) if (queue[i]!()) queue.splice(i, 1); else i++;
  };
  return {
    holders: (name) => held.get(name)?.count ?? 0,
    request(name, { mode, signal }, callback) {
      return new Promise((resolve, reject) => {
        const tryGrant = () => {
          if (signal.aborted) {
            reject(new DOMException('aborted', 'AbortError'));
            return true;
          }
          const current = held.get(name);
          if (current && (current.mode === 'exclusive' || mode === 'exclusive')) return false;
          held.set(name, { mode, count: (current?.count ?? 0) + 1 });
          void callback().then(() => {
            const now = held.get(name)!;
            if (--now.count === 0) held.delete(name);
            resolve(undefined);
            pump();
          });
          return true;
        };
        signal.addEventListener('abort', pump);
        if (!tryGrant()) queue.push(tryGrant);
      });
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('GlobalLocks', () => {
  it('a write lock waits for the holder to release it', async () => {
    const manager = fakeLocks();
    const locks = new GlobalLocks(manager);
    await locks.acquire(1, 'u/k', 'write');
    let second = false;
    void locks.acquire(2, 'u/k', 'write').then(() => (second = true));
    await tick();
    expect(second).toBe(false);
    expect(locks.release(1, 'u/k', 'write')).toBe(true);
    await tick();
    expect(second).toBe(true);
  });

  it('releasing a lock the call does not hold says so', () => {
    expect(new GlobalLocks(fakeLocks()).release(1, 'u/k', 'read')).toBe(false);
  });

  it('ending a call releases what it holds and abandons what it waits for', async () => {
    const manager = fakeLocks();
    const locks = new GlobalLocks(manager);
    await locks.acquire(1, 'u/a', 'read');
    await locks.acquire(1, 'u/b', 'write');
    const waiting = locks.acquire(1, 'u/b', 'write'); // would wait for itself forever
    expect(locks.endCall(1)).toEqual([
      { key: 'u/a', mode: 'read' },
      { key: 'u/b', mode: 'write' },
    ]);
    await expect(waiting).rejects.toThrow('aborted');
    await tick();
    expect(manager.holders('faasm-global:u/a') + manager.holders('faasm-global:u/b')).toBe(0);
    // Another call gets the lock at once.
    await locks.acquire(2, 'u/b', 'write');
  });
});
