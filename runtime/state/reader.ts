/**
 * The page's window on a local tier: reads the arena every Faaslet maps, live and without a
 * lock (reads never block, so the main thread may use it). What it shows is what the Faaslets
 * see at that instant: no copy was made to show it.
 */
import { StateArena, type StateArenaHandle } from './arena';
import { describeArena, type ArenaKeyInfo } from './describe';

export class LocalTierReader {
  private readonly arena: StateArena;

  constructor(handle: StateArenaHandle) {
    this.arena = StateArena.attach(handle);
  }

  keys(): ArenaKeyInfo[] {
    return describeArena(this.arena);
  }

  /** A copy of up to `length` bytes of a value from `offset`; null if the key has no value. */
  read(key: string, offset = 0, length = Infinity): Uint8Array | null {
    const value = this.arena.find(key);
    if (!value) return null;
    const from = Math.min(Math.max(0, offset), value.size);
    return this.arena.bytes(value, from, Math.min(length, value.size - from)).slice();
  }

  /** Bytes of the arena's memory (it grows for every Faaslet at once). */
  get capacity(): number {
    return this.arena.memory.buffer.byteLength;
  }
}
