/**
 * Which key locks one Faaslet holds, kept in shared memory beside the Faaslet. A Faaslet killed
 * by its time limit (or Stop) cannot unlock anything, and a function may return still holding a
 * lock; either way every other Faaslet of the user would block on that key forever. With the
 * ledger, whoever ends the call (the Faaslet at a normal end, the host agent after the Faaslet is
 * DEAD, faaslet/control.ts) releases what was left held.
 *
 * Order, so that a kill at any poll or wait leaves the ledger and the locks agreeing: an entry is
 * reserved before the lock is waited for (a kill in the wait leaves it at 0 held, released as
 * nothing), the note follows the taking CAS with no wait between, and an unlock is noted before
 * the lock word changes. An unlock the ledger says this Faaslet does not hold is refused without
 * touching the lock word: it would release another Faaslet's lock.
 */
import type { StateArena, StateValue } from './arena';
import { StateError } from './errors';

/** Distinct keys one Faaslet may hold locks on at once. */
export const LEDGER_KEYS = 64;

/** Per entry: slot + 1 (0 = free), then the read locks held (> 0) or -1 for the write lock. */
export const createLockLedger = () => new SharedArrayBuffer(LEDGER_KEYS * 2 * 4);

export interface Released {
  key: string;
  kind: 'read' | 'write';
  count: number;
  /** Set when the lock word did not match the ledger (nothing of another holder was released). */
  problem?: string;
}

/** The four lock operations of one Faaslet, each recorded in its ledger. */
export interface LedgerLocks {
  lockRead(value: StateValue): void;
  lockWrite(value: StateValue): void;
  unlockRead(value: StateValue): void;
  unlockWrite(value: StateValue): void;
}

export class LockLedger {
  private readonly words: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer);
  }

  /** The arena's locks, recorded here as they are taken and released. */
  over(arena: StateArena): LedgerLocks {
    return {
      lockRead: (value) => {
        const entry = this.reserve(value);
        if (Atomics.load(this.words, entry + 1) < 0) {
          throw new StateError(`this call holds the write lock on key "${value.key}"; a read lock would wait for itself`);
        }
        arena.lockRead(value);
        Atomics.add(this.words, entry + 1, 1);
      },
      lockWrite: (value) => {
        const entry = this.reserve(value);
        if (Atomics.load(this.words, entry + 1) !== 0) {
          throw new StateError(`this call already holds a lock on key "${value.key}"; a write lock would wait for itself`);
        }
        arena.lockWrite(value);
        Atomics.store(this.words, entry + 1, -1);
      },
      unlockRead: (value) => {
        const entry = this.held(value, 'read');
        const left = Atomics.sub(this.words, entry + 1, 1) - 1;
        if (left === 0) this.free(entry);
        arena.unlockRead(value);
      },
      unlockWrite: (value) => {
        this.free(this.held(value, 'write'));
        arena.unlockWrite(value);
      },
    };
  }

  /**
   * Unlock everything still held, clear the ledger, and say what was released. Each entry is
   * taken with one atomic exchange, so two releasers never release it twice, and a lock word that
   * disagrees is reported in `problem`, never thrown.
   */
  releaseAll(arena: StateArena): Released[] {
    const released: Released[] = [];
    for (let entry = 0; entry < this.words.length; entry += 2) {
      const held = Atomics.exchange(this.words, entry + 1, 0);
      const slot = Atomics.exchange(this.words, entry, 0) - 1;
      if (slot < 0 || held === 0) continue;
      released.push(arena.releaseLocks(slot, held));
    }
    return released;
  }

  private held(value: StateValue, kind: 'read' | 'write'): number {
    const entry = this.entryOf(value.slot);
    const held = entry < 0 ? 0 : Atomics.load(this.words, entry + 1);
    if (kind === 'write' ? held !== -1 : held <= 0) {
      throw new StateError(`key "${value.key}" is not locked for ${kind === 'write' ? 'writing' : 'reading'} by this call`);
    }
    return entry;
  }

  private free(entry: number): void {
    Atomics.store(this.words, entry + 1, 0);
    Atomics.store(this.words, entry, 0);
  }

  /** The key's entry, or a free one claimed for it. */
  private reserve(value: StateValue): number {
    const found = this.entryOf(value.slot);
    if (found >= 0) return found;
    for (let entry = 0; entry < this.words.length; entry += 2) {
      if (Atomics.compareExchange(this.words, entry, 0, value.slot + 1) === 0) return entry;
    }
    throw new StateError(`a Faaslet may hold locks on at most ${LEDGER_KEYS} keys at once`);
  }

  private entryOf(slot: number): number {
    for (let entry = 0; entry < this.words.length; entry += 2) {
      if (Atomics.load(this.words, entry) === slot + 1) return entry;
    }
    return -1;
  }
}
