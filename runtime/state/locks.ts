/**
 * Lock words in shared memory. Both kinds spin briefly, then block in Atomics.wait: waking an idle
 * thread costs ~40 µs, a short spin ~0.15 µs (DESIGN.md, "Threads and host calls"). Blocking is
 * only allowed in Workers; the main thread never takes these locks (the UI only reads).
 *
 * Every wait is a kill point of the thread's Faaslet (faaslet/control.ts): it is BLOCKED while it
 * waits and throws on waking if its supervisor killed it meanwhile, before it takes the lock. The
 * spins and the step from taking a lock to the caller's ledger note hold no wait, so a kill never
 * lands between a lock change and its record.
 */
import { blockingWait } from '../faaslet/control';
import { StateError } from './errors';

const SPINS = 1000;

/**
 * The key table's mutex (Drepper's three-state futex mutex: 0 free, 1 held, 2 held with waiters),
 * held only for the few microseconds a key is created or an append is made.
 */
export function lockMutex(words: Int32Array, index: number): void {
  let state = Atomics.compareExchange(words, index, 0, 1);
  for (let spin = 0; state !== 0 && spin < SPINS; spin++) {
    state = Atomics.compareExchange(words, index, 0, 1);
  }
  if (state === 0) return;
  if (state !== 2) state = Atomics.exchange(words, index, 2);
  while (state !== 0) {
    blockingWait(() => Atomics.wait(words, index, 2));
    state = Atomics.exchange(words, index, 2);
  }
}

/**
 * Wakes every waiter, not one: a waiter may be a Faaslet killed while it waited, which wakes only
 * to die (faaslet/control.ts) and would swallow a single wake-up, leaving the others asleep on a
 * free mutex.
 */
export function unlockMutex(words: Int32Array, index: number): void {
  if (Atomics.sub(words, index, 1) !== 1) {
    Atomics.store(words, index, 0);
    Atomics.notify(words, index);
  }
}

/**
 * Holds the mutex at `index` around `body`, with `holder` (a Faaslet id, > 0) recorded in the
 * word at `holderIndex` meanwhile, so a supervisor can recover the mutex of a Faaslet that died
 * holding it (only a crash can: no poll or wait sits inside `body`).
 */
export function withMutex<T>(words: Int32Array, index: number, holderIndex: number, holder: number, body: () => T): T {
  lockMutex(words, index);
  Atomics.store(words, holderIndex, holder);
  try {
    return body();
  } finally {
    Atomics.store(words, holderIndex, 0);
    unlockMutex(words, index);
  }
}

/** A dead holder's mutex, released by its supervisor; waiters wake and retry. */
export function forceUnlockMutex(words: Int32Array, index: number, holderIndex: number): void {
  Atomics.store(words, holderIndex, 0);
  Atomics.store(words, index, 0);
  Atomics.notify(words, index);
}

/** Reader-writer lock word: 0 free, n > 0 held by n readers, -1 held by a writer. */
export function lockRead(words: Int32Array, index: number): void {
  for (let spin = 0; ; spin++) {
    const state = Atomics.load(words, index);
    if (state >= 0) {
      if (Atomics.compareExchange(words, index, state, state + 1) === state) return;
    } else if (spin >= SPINS) {
      blockingWait(() => Atomics.wait(words, index, state));
    }
  }
}

export function lockWrite(words: Int32Array, index: number): void {
  for (let spin = 0; ; spin++) {
    const state = Atomics.compareExchange(words, index, 0, -1);
    if (state === 0) return;
    if (spin >= SPINS) blockingWait(() => Atomics.wait(words, index, state));
  }
}

export function unlockRead(words: Int32Array, index: number, key: string): void {
  for (;;) {
    const state = Atomics.load(words, index);
    if (state <= 0) throw new StateError(`key "${key}" is not locked for reading`);
    if (Atomics.compareExchange(words, index, state, state - 1) === state) {
      if (state === 1) Atomics.notify(words, index);
      return;
    }
  }
}

export function unlockWrite(words: Int32Array, index: number, key: string): void {
  if (Atomics.compareExchange(words, index, -1, 0) !== -1) {
    throw new StateError(`key "${key}" is not locked for writing`);
  }
  Atomics.notify(words, index);
}
