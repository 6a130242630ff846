/**
 * A user's state arena on one host: the local tier. A shared WebAssembly.Memory (memory 1 of each
 * of the user's Faaslets on that host) holds the values; a metadata SAB (layout.ts) holds the key
 * table and the locks. Both are shared, so `StateArena.attach(arena.handle)` in another Worker
 * gives a view of the very same arena.
 */
import { allocate, PAGE_BYTES } from './alloc';
import { StateError } from './errors';
import { dirtyRanges, flagChunks, type DirtyRange } from './dirty';
import { DIRTY_WHOLE, H, HAS_VALUE, HOST_HOLDER, MAGIC, Meta, metaByteLength, R } from './layout';
import * as locks from './locks';
import { recoverTable } from './recover';
import type { Released } from './ledger';
import { assertRoom, findOrInsertSlot, findSlot, keyName, slotKey } from './table';

/** What to post to a Worker: both parts are shared, nothing is copied. */
export interface StateArenaHandle {
  readonly memory: WebAssembly.Memory;
  readonly meta: SharedArrayBuffer;
}

export interface StateArenaOptions {
  /** Pages (64 KiB) the arena memory starts with. @default 16 */
  initialPages?: number;
  /** Bytes the arena may hold in all; at most 2 GiB − 64 KiB. @default 256 MiB */
  quotaBytes?: number;
  /** Keys the table can hold. @default 1024 */
  maxKeys?: number;
  /** Longest key name in UTF-8 bytes, user prefix included. @default 256 */
  maxKeyBytes?: number;
}

/** A key that has a value: where it lives in the arena and how big it is (fixed). */
export interface StateValue {
  readonly key: string;
  readonly slot: number;
  readonly offset: number;
  readonly size: number;
}

/** What a push would send: nothing, the whole value, or its dirty chunks (dirty.ts). */
export type DirtyState = 'clean' | 'whole' | DirtyRange[];

/** The arena fills the whole shared window: 32768 × 64 KiB = 2 GiB. Memory 1's import must allow it. */
export const ARENA_MAX_PAGES = 32768;

export class StateArena {
  /** A new, empty arena. */
  static create(options: StateArenaOptions = {}): StateArena {
    const { initialPages = 16, quotaBytes = 256 << 20, maxKeys = 1024, maxKeyBytes = 256 } = options;
    if (quotaBytes > (ARENA_MAX_PAGES - 1) * PAGE_BYTES) {
      throw new RangeError(`quotaBytes ${quotaBytes} exceeds 2 GiB − 64 KiB`);
    }
    const meta = new SharedArrayBuffer(metaByteLength(maxKeys, maxKeyBytes, quotaBytes));
    const words = new Int32Array(meta);
    words[H.QUOTA] = quotaBytes;
    words[H.SLOTS] = maxKeys;
    words[H.KEY_BYTES] = maxKeyBytes;
    words[H.MAGIC] = MAGIC;
    const memory = new WebAssembly.Memory({ initial: initialPages, maximum: ARENA_MAX_PAGES, shared: true });
    return new StateArena({ memory, meta });
  }

  /**
   * The same arena in another Worker, from a posted `handle`. `holder` (a Faaslet's id, > 0) is
   * recorded while this view holds the key table's mutex.
   */
  static attach(handle: StateArenaHandle, holder = HOST_HOLDER): StateArena {
    return new StateArena(handle, holder);
  }

  private readonly meta: Meta;

  private constructor(
    readonly handle: StateArenaHandle,
    private readonly holder = HOST_HOLDER,
  ) {
    if (!(handle.meta instanceof SharedArrayBuffer) || new Int32Array(handle.meta)[H.MAGIC] !== MAGIC) {
      throw new TypeError('not a state arena handle: its metadata buffer is missing or foreign');
    }
    this.meta = new Meta(handle.meta);
  }

  get memory(): WebAssembly.Memory {
    return this.handle.memory;
  }

  /** Bytes allocated so far (the bump pointer); the memory may be larger. */
  get usedBytes(): number {
    return this.meta.header(H.TOP);
  }

  get quotaBytes(): number {
    return this.meta.header(H.QUOTA);
  }

  /** The key's value, or null if it was never created with a size. Takes no lock. */
  find(key: string): StateValue | null {
    const slot = findSlot(this.meta, keyName(this.meta, key));
    return slot >= 0 ? this.valueAt(key, slot) : null;
  }

  /** A missing key has size 0. */
  sizeOf(key: string): number {
    return this.find(key)?.size ?? 0;
  }

  /** The key's value, created zero-filled with `size` bytes if new; its size never changes. */
  ensure(key: string, size: number): StateValue {
    const found = this.find(key);
    if (found) return this.fits(found, size);
    if (!(size > 0)) throw new StateError(`key "${key}" does not exist yet, and creating it needs a size > 0`);
    const name = keyName(this.meta, key);
    const created = this.locked(() => {
      const existing = findSlot(this.meta, name);
      // Another Worker may have created it while we waited for the mutex.
      if (existing >= 0 && this.valueAt(key, existing)) return existing;
      // Check room and quota before inserting, so a refused key leaves no trace.
      if (existing < 0) assertRoom(this.meta, name);
      const offset = allocate(this.meta, this.memory, size, `key "${key}"`);
      const slot = existing >= 0 ? existing : findOrInsertSlot(this.meta, name);
      this.meta.set(slot, R.OFFSET, offset);
      this.meta.set(slot, R.SIZE, size);
      Atomics.or(this.meta.words, this.meta.index(slot, R.FLAGS), HAS_VALUE);
      return slot;
    });
    return this.fits(this.valueAt(key, created)!, size);
  }

  /** The key's value; fails naming the key if it was never created with a size. */
  require(key: string): StateValue {
    const found = this.find(key);
    if (!found) throw new StateError(`key "${key}" has never been created with a size`);
    return found;
  }

  /** A live view of `length` bytes at `offset` in the value; fails rather than overrun it. */
  bytes(value: StateValue, offset = 0, length = value.size - offset): Uint8Array {
    this.inRange(value, offset, length);
    return new Uint8Array(this.memory.buffer, value.offset + offset, length);
  }

  /** Flag the whole value dirty, or the chunks of a range of it; bumps the version. */
  flagDirty(value: StateValue, offset?: number, length?: number): void {
    this.markDirty(value, offset === undefined || length === undefined ? 'whole' : [{ offset, length }]);
    this.meta.add(value.slot, R.VERSION, 1);
  }

  dirtyOf(value: StateValue): DirtyState {
    return this.dirtyState(value, false);
  }

  /** What is dirty, cleared in the same atomic steps: a flag set meanwhile stays for the next push. */
  takeDirty(value: StateValue): DirtyState {
    return this.dirtyState(value, true);
  }

  /** Put back what takeDirty took (a push that failed), without counting it as a write. */
  markDirty(value: StateValue, dirty: DirtyState): void {
    const { meta } = this;
    if (dirty === 'whole') Atomics.or(meta.words, meta.index(value.slot, R.FLAGS), DIRTY_WHOLE);
    else if (dirty !== 'clean') {
      for (const { offset, length } of dirty) {
        if (this.inRange(value, offset, length) && length > 0) flagChunks(meta, value.offset, offset, length);
      }
    }
  }

  private dirtyState(value: StateValue, take: boolean): DirtyState {
    const { meta } = this;
    const flags = meta.index(value.slot, R.FLAGS);
    const whole = (take ? Atomics.and(meta.words, flags, ~DIRTY_WHOLE) : Atomics.load(meta.words, flags)) & DIRTY_WHOLE;
    const ranges = dirtyRanges(meta, value.offset, value.size, take);
    return whole ? 'whole' : ranges.length > 0 ? ranges : 'clean';
  }

  versionOf(value: StateValue): number {
    return this.meta.get(value.slot, R.VERSION);
  }

  /** The global version this host's copy was last pulled or pushed at; 0 if never. */
  globalVersionOf(value: StateValue): number {
    return this.meta.get(value.slot, R.GLOBAL_VERSION);
  }

  /** After a pull or push (runtime/global): the local copy is now this global version. */
  syncedAt(value: StateValue, globalVersion: number): void {
    this.meta.set(value.slot, R.GLOBAL_VERSION, globalVersion);
  }

  /** Block (in a Worker) until the key's read lock is held. */
  lockRead(value: StateValue): void {
    locks.lockRead(this.meta.words, this.meta.lockIndex(value.slot));
  }

  lockWrite(value: StateValue): void {
    locks.lockWrite(this.meta.words, this.meta.lockIndex(value.slot));
  }

  unlockRead(value: StateValue): void {
    locks.unlockRead(this.meta.words, this.meta.lockIndex(value.slot), value.key);
  }

  unlockWrite(value: StateValue): void {
    locks.unlockWrite(this.meta.words, this.meta.lockIndex(value.slot), value.key);
  }

  /**
   * Release locks a Faaslet left held (see ledger.ts): `held` read locks, or -1 for the write
   * lock. A lock word that disagrees is left alone and the mismatch reported, never thrown: the
   * supervisor calls this while replacing a dead Faaslet and must not stop halfway.
   */
  releaseLocks(slot: number, held: number): Released {
    const key = slotKey(this.meta, slot);
    const kind = held < 0 ? 'write' : 'read';
    const released: Released = { key, kind, count: Math.abs(held) };
    try {
      if (held < 0) locks.unlockWrite(this.meta.words, this.meta.lockIndex(slot), key);
      for (let n = 0; n < held; n++) locks.unlockRead(this.meta.words, this.meta.lockIndex(slot), key);
    } catch (error) {
      released.problem = error instanceof Error ? error.message : String(error);
    }
    return released;
  }

  /** Internal to the state folder (describe.ts): the metadata views. */
  get metadata(): Meta {
    return this.meta;
  }

  /**
   * After the Faaslet `holder` died (faaslet/control.ts): if it held the key table's mutex, put
   * the table back in order (recover.ts) and release the mutex. True when it held it.
   */
  recoverMutexOf(holder: number): boolean {
    if (this.meta.header(H.HOLDER) !== holder) return false;
    recoverTable(this.meta);
    locks.forceUnlockMutex(this.meta.words, H.MUTEX, H.HOLDER);
    return true;
  }

  private locked<T>(body: () => T): T {
    return locks.withMutex(this.meta.words, H.MUTEX, H.HOLDER, this.holder, body);
  }

  private valueAt(key: string, slot: number): StateValue | null {
    if (!(this.meta.get(slot, R.FLAGS) & HAS_VALUE)) return null;
    return { key, slot, offset: this.meta.get(slot, R.OFFSET), size: this.meta.get(slot, R.SIZE) };
  }

  private fits(value: StateValue, size: number): StateValue {
    if (size > value.size) {
      throw new StateError(
        `key "${value.key}" has size ${value.size}, fixed when it was created; ${size} bytes were asked for`,
      );
    }
    return value;
  }

  private inRange(value: StateValue, offset: number, length: number): true {
    if (!(offset >= 0 && length >= 0 && offset + length <= value.size)) {
      throw new StateError(
        `${length} bytes at offset ${offset} run past the end of key "${value.key}" (${value.size} bytes)`,
      );
    }
    return true;
  }
}
