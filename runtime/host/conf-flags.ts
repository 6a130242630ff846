/**
 * `__faasm_conf_flag(key)` (libfaasm's `getConfFlag`), answered as Faasm's runtime answers it
 * (faasm/faasm src/wavm/faasm.cpp, `__faasm_conf_flag`): PYTHON_PRELOAD follows Faasm's config,
 * whose default is off (no Python here, so always off); ALWAYS_ON and ALWAYS_OFF exist for
 * tests; any other key is 0, with the warning Faasm logs, here on the call's stderr.
 */
import type { FaasletMemory } from './memory';

/** Every flag Faasm knows, with the value it has here. */
export const CONF_FLAGS: ReadonlyMap<string, 0 | 1> = new Map([
  ['PYTHON_PRELOAD', 0],
  ['ALWAYS_ON', 1],
  ['ALWAYS_OFF', 0],
]);

export function confFlag(key: string, warn: (text: string) => void): 0 | 1 {
  const value = CONF_FLAGS.get(key);
  if (value !== undefined) return value;
  warn(`faasm: unknown conf flag "${key}" (0)\n`);
  return 0;
}

export function confFlagImports(memory: FaasletMemory, stderr: (text: string) => void) {
  return {
    __faasm_conf_flag(keyPtr: number): number {
      return confFlag(memory.readCString('__faasm_conf_flag', keyPtr), stderr);
    },
  };
}
