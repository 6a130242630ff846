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

  it('a lock granted just after its call ended (a kill raced the grant) is given back at once', async () => {
    // Web Locks may run the callback of a request granted before its abort was seen.
    let grant: (() => Promise<void>) | null = null;
    const late: LockRequester = {
      request(_name, _options, callback) {
        grant = callback;
        return new Promise(() => {});
      },
    };
    const locks = new GlobalLocks(late);
    const acquired = locks.acquire(1, 'u/k', 'write');
    expect(locks.endCall(1)).toEqual([]);
    const held = grant!();
    await expect(acquired).rejects.toThrow('the call ended before it got the global write lock on "u/k"');
    await held;
    expect(locks.endCall(1)).toEqual([]);
  });

  it('releasing a lock the call does not hold says so', () => {
    expect(new GlobalLocks(fakeLocks()).release(1, 'u/k', 'read')).toBe(false);
  });

  it('ending a call releases what it holds and abandons what it waits for', async () => {
    const manager = fakeLocks();
    const locks = new GlobalLocks(manager);
    await locks.acquire(1, 'u/a', 'read');
    await locks.acquire(1, 'u/b', 'write');
    await locks.acquire(2, 'u/a', 'read');
    const waiting = locks.acquire(2, 'u/b', 'write');
    await tick();
    expect(locks.endCall(2)).toEqual([{ key: 'u/a', mode: 'read' }]);
    await expect(waiting).rejects.toThrow('aborted');
    expect(locks.endCall(1)).toEqual([
      { key: 'u/a', mode: 'read' },
      { key: 'u/b', mode: 'write' },
    ]);
    await tick();
    expect(manager.holders('faasm-global:u/a') + manager.holders('faasm-global:u/b')).toBe(0);
    // Another call gets the lock at once.
    await locks.acquire(2, 'u/b', 'write');
  });

  it('a lock the call itself excludes fails at once instead of waiting for the call to be killed', async () => {
    const locks = new GlobalLocks(fakeLocks());
    await locks.acquire(1, 'u/k', 'write');
    await expect(locks.acquire(1, 'u/k', 'write')).rejects.toThrow(
      'this call already holds the global write lock on "u/k"; a Faaslet cannot wait for itself to release it',
    );
    await expect(locks.acquire(1, 'u/k', 'read')).rejects.toThrow('already holds the global write lock');
    await locks.acquire(2, 'u/r', 'read');
    await expect(locks.acquire(2, 'u/r', 'write')).rejects.toThrow('already holds the global read lock on "u/r"');
    // Read locks share: a second one is granted, and other keys are unaffected.
    await locks.acquire(2, 'u/r', 'read');
    await locks.acquire(1, 'u/other', 'write');
    expect(locks.endCall(1)).toHaveLength(2);
  });
});
