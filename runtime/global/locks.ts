/**
 * Global read/write locks on the Web Locks API, which serialises holders across Workers, hosts
 * and tabs of the origin. The host agent holds each lock on behalf of a call (a Faaslet cannot
 * wait on a Web Lock while its wasm blocks the Worker), so a lock would outlive a killed Faaslet:
 * this table records, per call, what it holds and what it waits for, and `endCall` releases both
 * (the idea of state/ledger.ts, kept in the agent because the agent is the holder). Web Locks the
 * agent holds are also released by the browser if the agent's Worker or tab goes away.
 */
import type { GlobalLockMode } from './protocol';

/** The part of `navigator.locks` used here (a fake in unit tests). */
export interface LockRequester {
  request(
    name: string,
    options: { mode: 'shared' | 'exclusive'; signal: AbortSignal },
    callback: () => Promise<void>,
  ): Promise<unknown>;
}

export interface ReleasedLock {
  key: string;
  mode: GlobalLockMode;
}

interface Held extends ReleasedLock {
  release(): void;
}

const lockName = (key: string) => `faasm-global:${key}`;

export class GlobalLocks {
  private readonly held = new Map<number, Held[]>();
  private readonly waiting = new Map<number, Set<AbortController>>();

  constructor(private readonly locks: LockRequester) {}

  /**
   * Resolves once the call holds the lock; rejects if the call ends first, and at once if the call
   * holds a lock on the key that this one excludes: it would wait for itself until it is killed.
   */
  acquire(callId: number, key: string, mode: GlobalLockMode): Promise<void> {
    const own = this.held.get(callId)?.find((h) => h.key === key && (h.mode === 'write' || mode === 'write'));
    if (own) {
      return Promise.reject(
        new Error(`this call already holds the global ${own.mode} lock on "${key}"; a Faaslet cannot wait for itself to release it`),
      );
    }
    const abort = new AbortController();
    const waiting = this.waiting.get(callId) ?? new Set();
    this.waiting.set(callId, waiting.add(abort));
    let release!: () => void;
    // The lock is held until this promise settles.
    const holding = new Promise<void>((resolve) => (release = resolve));
    const options = { mode: mode === 'write' ? ('exclusive' as const) : ('shared' as const), signal: abort.signal };
    return new Promise<void>((granted, failed) => {
      this.locks
        .request(lockName(key), options, () => {
          waiting.delete(abort);
          // Granted after the call ended (a kill raced the grant): give it back at once, or it
          // would be held by nobody for ever.
          if (abort.signal.aborted) {
            failed(new Error(`the call ended before it got the global ${mode} lock on "${key}"`));
            return Promise.resolve();
          }
          this.held.set(callId, [...(this.held.get(callId) ?? []), { key, mode, release }]);
          granted();
          return holding;
        })
        .catch((error: unknown) => {
          waiting.delete(abort);
          failed(error);
        });
    });
  }

  /** Release one lock the call holds; false if it holds none of that kind on the key. */
  release(callId: number, key: string, mode: GlobalLockMode): boolean {
    const list = this.held.get(callId) ?? [];
    const index = list.findLastIndex((h) => h.key === key && h.mode === mode);
    if (index < 0) return false;
    list[index]!.release();
    list.splice(index, 1);
    if (list.length === 0) this.held.delete(callId);
    return true;
  }

  /** The call is over (returned, trapped or killed): stop its waits, release what it holds, say what. */
  endCall(callId: number): ReleasedLock[] {
    for (const abort of this.waiting.get(callId) ?? []) abort.abort();
    this.waiting.delete(callId);
    const held = this.held.get(callId) ?? [];
    this.held.delete(callId);
    for (const lock of held) lock.release();
    return held.map(({ key, mode }) => ({ key, mode }));
  }
}
