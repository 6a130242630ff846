/**
 * The state part of the host interface, on the local tier: the user's state arena on this host
 * (runtime/state). Keys are C strings namespaced by user; every pointer may be private or in the
 * shared window (FaasletMemory resolves both), so `write_state(key, read_state_ptr(other))` works.
 * Push, pull and appended state belong to the global tier and are not here. What a state pointer is (the value
 * itself in the shared window, or a private copy) is the call's StateMapping (state-mapping.ts).
 *
 * Pointers are checked before a key is created, so a bad pointer never leaves a new key behind.
 * A view taken before the arena grows stays valid: shared buffers are never detached.
 */
import { HostError, type FaasletMemory } from './memory';
import type { StateMapping } from './state-mapping';
import { StateError, type LockLedger, type StateArena, type StateValue } from '../state';

export function stateImports(
  memory: FaasletMemory,
  arena: StateArena,
  user: string,
  mapping: () => StateMapping,
  ledger?: LockLedger,
) {
  /** Runs one import; a refused state operation becomes a HostError naming the import. */
  const run = <T>(call: string, keyPtr: number, body: (key: string) => T): T => {
    try {
      return body(`${user}/${memory.readCString(call, keyPtr)}`);
    } catch (error) {
      throw error instanceof StateError ? new HostError(`${call}: ${error.message}`) : error;
    }
  };
  /** A key that must already have a value of at least `totalLen` bytes. */
  const sized = (key: string, totalLen: number): StateValue => {
    const value = arena.require(key);
    if (totalLen >>> 0 > value.size) {
      throw new StateError(`key "${key}" has size ${value.size}; ${totalLen >>> 0} bytes were asked for`);
    }
    return value;
  };

  return {
    /**
     * len 0 asks for the size only; a missing key has size 0 and reads as zeros. Asking an
     * existing value for more than its size is refused, not cut short.
     */
    __faasm_read_state(keyPtr: number, buf: number, len: number): number {
      return run('__faasm_read_state', keyPtr, (key) => {
        const value = arena.find(key);
        if (len === 0) return value?.size ?? 0;
        const target = memory.view('__faasm_read_state', buf, len);
        if (!value) target.fill(0);
        else target.set(arena.bytes(sized(key, len), 0, target.byteLength));
        return value?.size ?? 0;
      });
    },
    /** Zero-copy: the value's address in the shared window; creates the key if new. */
    __faasm_read_state_ptr(keyPtr: number, totalLen: number): number {
      return run('__faasm_read_state_ptr', keyPtr, (key) => {
        const value = arena.ensure(key, totalLen >>> 0);
        return mapping().pointer(value, 0, value.size);
      });
    },
    __faasm_write_state(keyPtr: number, data: number, len: number): void {
      run('__faasm_write_state', keyPtr, (key) => {
        const source = memory.view('__faasm_write_state', data, len);
        const value = arena.ensure(key, len >>> 0);
        arena.bytes(value, 0, len >>> 0).set(source);
        arena.flagDirty(value, 0, len >>> 0);
      });
    },
    __faasm_read_state_offset(keyPtr: number, totalLen: number, off: number, buf: number, len: number): void {
      run('__faasm_read_state_offset', keyPtr, (key) => {
        const target = memory.view('__faasm_read_state_offset', buf, len);
        target.set(arena.bytes(arena.ensure(key, totalLen >>> 0), off >>> 0, len >>> 0));
      });
    },
    __faasm_read_state_offset_ptr(keyPtr: number, totalLen: number, off: number, len: number): number {
      return run('__faasm_read_state_offset_ptr', keyPtr, (key) => {
        const value = arena.ensure(key, totalLen >>> 0);
        arena.bytes(value, off >>> 0, len >>> 0); // bounds check only
        return mapping().pointer(value, off >>> 0, len >>> 0);
      });
    },
    __faasm_write_state_offset(keyPtr: number, totalLen: number, off: number, data: number, len: number): void {
      run('__faasm_write_state_offset', keyPtr, (key) => {
        const source = memory.view('__faasm_write_state_offset', data, len);
        const value = arena.ensure(key, totalLen >>> 0);
        arena.bytes(value, off >>> 0, len >>> 0).set(source);
        arena.flagDirty(value, off >>> 0, len >>> 0);
      });
    },
    __faasm_flag_state_dirty(keyPtr: number, totalLen: number): void {
      run('__faasm_flag_state_dirty', keyPtr, (key) => {
        const value = sized(key, totalLen);
        mapping().writeBack(value);
        arena.flagDirty(value);
      });
    },
    __faasm_flag_state_offset_dirty(keyPtr: number, totalLen: number, off: number, len: number): void {
      run('__faasm_flag_state_offset_dirty', keyPtr, (key) => {
        const value = sized(key, totalLen);
        mapping().writeBack(value);
        arena.flagDirty(value, off >>> 0, len >>> 0);
      });
    },
    /** Blocks the Faaslet's Worker until the lock is held (Atomics.wait). */
    __faasm_lock_state_read(keyPtr: number): void {
      run('__faasm_lock_state_read', keyPtr, (key) => {
        const value = arena.require(key);
        arena.lockRead(value);
        ledger?.note(value, 'read', true);
        mapping().refresh(value);
      });
    },
    __faasm_lock_state_write(keyPtr: number): void {
      run('__faasm_lock_state_write', keyPtr, (key) => {
        const value = arena.require(key);
        arena.lockWrite(value);
        ledger?.note(value, 'write', true);
        mapping().refresh(value);
      });
    },
    __faasm_unlock_state_read(keyPtr: number): void {
      run('__faasm_unlock_state_read', keyPtr, (key) => {
        const value = arena.require(key);
        arena.unlockRead(value);
        ledger?.note(value, 'read', false);
      });
    },
    __faasm_unlock_state_write(keyPtr: number): void {
      run('__faasm_unlock_state_write', keyPtr, (key) => {
        const value = arena.require(key);
        mapping().writeBack(value);
        arena.unlockWrite(value);
        ledger?.note(value, 'write', false);
      });
    },
  };
}
