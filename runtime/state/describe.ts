/**
 * A read-only snapshot of an arena for the UI's state view. Takes no lock and never blocks, so
 * the main thread may call it; a key being created at that instant may be missing from it.
 */
import type { DirtyState, StateArena } from './arena';
import { slotKey, usedSlots } from './table';

export interface ArenaKeyInfo {
  /** The namespaced key, `user/key`. */
  key: string;
  /**
   * Where the value starts in the arena (its shared-window address is 0x8000_0000 + offset);
   * null for a key whose creation was cut off by a kill (the next `ensure` gives it a value).
   */
  offset: number | null;
  /** 0 for a key without a value. */
  size: number;
  /** Bumped by every write or dirty flag made through the host interface. */
  version: number;
  /** The global version this copy was last pulled or pushed at; 0 if never. */
  globalVersion: number;
  dirty: DirtyState;
  /** How many Faaslets hold the key's read lock. */
  readers: number;
  /** Whether a Faaslet holds its write lock. */
  writer: boolean;
}

export function describeArena(arena: StateArena): ArenaKeyInfo[] {
  const meta = arena.metadata;
  return usedSlots(meta)
    .map((slot): ArenaKeyInfo => {
      const key = slotKey(meta, slot);
      const value = arena.find(key);
      const lock = Atomics.load(meta.words, meta.lockIndex(slot));
      return {
        key,
        offset: value?.offset ?? null,
        size: value?.size ?? 0,
        version: value ? arena.versionOf(value) : 0,
        globalVersion: value ? arena.globalVersionOf(value) : 0,
        dirty: value ? arena.dirtyOf(value) : 'clean',
        readers: Math.max(lock, 0),
        writer: lock === -1,
      };
    })
    .sort((a, b) => (a.offset ?? Infinity) - (b.offset ?? Infinity) || a.key.localeCompare(b.key));
}
