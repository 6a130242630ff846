/**
 * Which key locks one Faaslet holds, kept in shared memory beside the Faaslet. A Faaslet killed
 * by its time limit (or Stop) cannot unlock anything, and a function may return still holding a
 * lock; either way every other Faaslet of the user would block on that key forever. With the
 * ledger, whoever ends the call (the Faaslet at a normal end, the host agent after a kill)
 * releases what was left held.
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
}

export class LockLedger {
  private readonly words: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer);
  }

  /** Record a lock just taken (+1 read, or the write lock), or just released. */
  note(value: StateValue, kind: 'read' | 'write', taken: boolean): void {
    const entry = this.entryOf(value.slot, taken);
    if (entry < 0) {
      if (!taken) return;
      throw new StateError(`a Faaslet may hold locks on at most ${LEDGER_KEYS} keys at once`);
    }
    const held = this.words[entry + 1]!;
    const next = kind === 'write' ? (taken ? -1 : 0) : held + (taken ? 1 : -1);
    this.words[entry + 1] = next;
    if (next === 0) this.words[entry] = 0;
  }

  /** Unlock everything still held, clear the ledger, and say what was released. */
  releaseAll(arena: StateArena): Released[] {
    const released: Released[] = [];
    for (let entry = 0; entry < this.words.length; entry += 2) {
      const slot = this.words[entry]! - 1;
      const held = this.words[entry + 1]!;
      this.words[entry] = 0;
      this.words[entry + 1] = 0;
      if (slot < 0 || held === 0) continue;
      released.push(arena.releaseLocks(slot, held));
    }
    return released;
  }

  private entryOf(slot: number, orFree: boolean): number {
    let free = -1;
    for (let entry = 0; entry < this.words.length; entry += 2) {
      if (this.words[entry] === slot + 1) return entry;
      if (free < 0 && this.words[entry] === 0) free = entry;
    }
    if (orFree && free >= 0) this.words[free] = slot + 1;
    return orFree ? free : -1;
  }
}
