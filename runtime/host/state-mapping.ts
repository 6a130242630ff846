/**
 * How `__faasm_read_state_ptr` hands a state value to a function.
 *
 * - zero-copy (browsers with multi-memory): the value's address in the shared window; the
 *   rewritten module reaches the arena through memory 1, so every Faaslet sees every write at once.
 * - copy (browsers without multi-memory, or forced for comparison): a private copy made with the
 *   module's own malloc. Writes reach the arena when the write lock is released, when the value is
 *   flagged dirty, and when the call ends; taking a lock first refreshes the copy. This is what
 *   Faasm does between hosts, here within one host.
 *
 * A write-back carries only the bytes the Faaslet changed since its copy was last synced: writing
 * the whole copy would put back stale bytes over what others wrote under the lock since.
 */
import type { StateArena, StateValue } from '../state';
import { HostError, SHARED_WINDOW_BASE, type FaasletMemory } from './memory';

export type StateMappingMode = 'zero-copy' | 'copy';

export interface StateMapping {
  pointer(value: StateValue, offset: number, length: number): number;
  /** After taking a lock on the value: copies show what other Faaslets wrote. */
  refresh(value: StateValue): void;
  /** Copies of the value (or of every value) go back to the arena. */
  writeBack(value?: StateValue): void;
}

export const ZERO_COPY: StateMapping = {
  pointer: (value, offset) => SHARED_WINDOW_BASE + value.offset + offset,
  refresh() {},
  writeBack() {},
};

interface Copy {
  value: StateValue;
  offset: number;
  length: number;
  ptr: number;
  /** The bytes as last copied in or written back. */
  synced: Uint8Array;
}

export class CopiedState implements StateMapping {
  private copies: Copy[] = [];

  constructor(
    private readonly memory: FaasletMemory,
    private readonly arena: StateArena,
    private readonly malloc: (size: number) => number,
  ) {}

  /** A new call: the instance was reset, so earlier copies are gone with it. */
  reset(): void {
    this.copies = [];
  }

  pointer(value: StateValue, offset: number, length: number): number {
    const same = this.copies.find((c) => c.value.slot === value.slot && c.offset === offset && c.length === length);
    if (same) return same.ptr;
    const ptr = this.malloc(Math.max(length, 1)) >>> 0;
    if (ptr === 0) throw new HostError(`__faasm_read_state_ptr: no private memory left for a ${length}-byte copy`);
    const copy = { value, offset, length, ptr, synced: new Uint8Array(length) };
    this.copies.push(copy);
    this.copyIn(copy);
    return ptr;
  }

  refresh(value: StateValue): void {
    for (const copy of this.copies) if (copy.value.slot === value.slot) this.copyIn(copy);
  }

  writeBack(value?: StateValue): void {
    for (const copy of this.copies) {
      if (value && copy.value.slot !== value.slot) continue;
      const current = this.memory.view('state copy', copy.ptr, copy.length);
      const target = this.arena.bytes(copy.value, copy.offset, copy.length);
      for (const [start, end] of changedRanges(copy.synced, current)) {
        target.set(current.subarray(start, end), start);
        this.arena.flagDirty(copy.value, copy.offset + start, end - start);
      }
      copy.synced.set(current);
    }
  }

  private copyIn(copy: Copy): void {
    const source = this.arena.bytes(copy.value, copy.offset, copy.length);
    this.memory.view('state copy', copy.ptr, copy.length).set(source);
    copy.synced.set(source);
  }
}

/** The [start, end) runs where `after` differs from `before`. */
export function changedRanges(before: Uint8Array, after: Uint8Array): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i < after.length; i++) {
    if (before[i] !== after[i]) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      ranges.push([start, i]);
      start = -1;
    }
  }
  if (start >= 0) ranges.push([start, after.length]);
  return ranges;
}
