/**
 * `__faasm_write_state_from_file(key, path) -> size` (ABI.md's "files" row), as Faasm has it: the
 * file's bytes become the key's value on the local tier, the key created with the file's length,
 * and the value is pushed to the global tier as `__faasm_push_state` pushes it (a store failure
 * returns its -errno instead of the size). The file is read
 * from the call's own copy of the user's files, so what the call wrote before counts.
 */
import { StateError, type StateArena } from '../state';
import type { ChainContext } from './chaining';
import { normalizePath } from './files/entries';
import { askGlobalTier } from './global-tier';
import { HostError, type FaasletMemory } from './memory';

/** A file's bytes in the running call's tree (a normalized path), or null when there is none. */
export type ReadFile = (path: string) => Uint8Array | null;

export function stateFromFileImports(
  memory: FaasletMemory,
  arena: StateArena,
  user: string,
  chain: ChainContext,
  readFile: ReadFile,
) {
  return {
    __faasm_write_state_from_file(keyPtr: number, pathPtr: number): number {
      const call = '__faasm_write_state_from_file';
      const key = `${user}/${memory.readCString(call, keyPtr)}`;
      const file = memory.readCString(call, pathPtr);
      const path = normalizePath(file);
      if (path === null) throw new HostError(`${call}: "${file}" is not a path inside the user's files`);
      const bytes = readFile(path);
      if (!bytes) throw new HostError(`${call}: /${path}: no such file in ${user}'s files (the Files tab uploads one)`);
      try {
        const value = arena.ensure(key, bytes.byteLength);
        arena.bytes(value, 0, bytes.byteLength).set(bytes);
        arena.flagDirty(value);
      } catch (error) {
        throw error instanceof StateError ? new HostError(`${call}: ${error.message}`) : error;
      }
      // The value is on the local tier either way; a store failure is the push's error code.
      const pushed = askGlobalTier(chain, user, call, { kind: 'push', key, mode: 'whole' });
      return pushed < 0 ? pushed : bytes.byteLength;
    },
  };
}
