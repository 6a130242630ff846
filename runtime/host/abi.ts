/**
 * Faasm's function-facing imports (module `env`), as in faasm/cpp's host_interface.h.
 * wasm32: long, int, unsigned int and pointers are all i32. This table names every import
 * Faasm defines, grouped as ../shared/ABI.md groups them, so that an upload can say which
 * imports this runtime provides and which it refuses. The runtime's own imports, which the
 * toolchain adds and no function calls, are listed apart (RUNTIME_IMPORTS).
 */
import { FUEL_IMPORT } from '../faaslet/fuel';
import { GROW_IMPORT } from '../faaslet/grow';

export type AbiGroup =
  | 'input/output'
  | 'chaining'
  | 'state'
  | 'tiers'
  | 'local locks'
  | 'global locks'
  | 'files'
  | 'network'
  | 'dynamic linking'
  | 'misc';

export interface AbiImport {
  name: string;
  params: number;
  /** Whether it returns an i32. */
  returns: boolean;
  group: AbiGroup;
}

const i = (name: string, params: number, returns: boolean, group: AbiGroup): AbiImport => ({
  name,
  params,
  returns,
  group,
});

export const FAASM_IMPORTS: readonly AbiImport[] = [
  i('__faasm_read_input', 2, true, 'input/output'),
  i('__faasm_write_output', 2, false, 'input/output'),
  i('__faasm_chain_name', 3, true, 'chaining'),
  i('__faasm_chain_ptr', 3, true, 'chaining'),
  i('__faasm_await_call', 1, true, 'chaining'),
  i('__faasm_await_call_output', 3, true, 'chaining'),
  i('__faasm_read_state', 3, true, 'state'),
  i('__faasm_read_state_ptr', 2, true, 'state'),
  i('__faasm_write_state', 3, false, 'state'),
  i('__faasm_read_state_offset', 5, false, 'state'),
  i('__faasm_read_state_offset_ptr', 4, true, 'state'),
  i('__faasm_write_state_offset', 5, false, 'state'),
  i('__faasm_flag_state_dirty', 2, false, 'state'),
  i('__faasm_flag_state_offset_dirty', 4, false, 'state'),
  i('__faasm_append_state', 3, false, 'state'),
  i('__faasm_read_appended_state', 4, false, 'state'),
  i('__faasm_clear_appended_state', 1, false, 'state'),
  i('__faasm_push_state', 1, true, 'tiers'),
  i('__faasm_push_state_partial', 1, true, 'tiers'),
  i('__faasm_push_state_partial_mask', 2, true, 'tiers'),
  i('__faasm_pull_state', 2, true, 'tiers'),
  i('__faasm_lock_state_read', 1, false, 'local locks'),
  i('__faasm_lock_state_write', 1, false, 'local locks'),
  i('__faasm_unlock_state_read', 1, false, 'local locks'),
  i('__faasm_unlock_state_write', 1, false, 'local locks'),
  i('__faasm_lock_state_global', 1, false, 'global locks'),
  i('__faasm_unlock_state_global', 1, false, 'global locks'),
  i('__faasm_lock_state_global_read', 1, false, 'global locks'),
  i('__faasm_lock_state_global_write', 1, false, 'global locks'),
  i('__faasm_unlock_state_global_read', 1, false, 'global locks'),
  i('__faasm_unlock_state_global_write', 1, false, 'global locks'),
  i('__faasm_write_state_from_file', 2, true, 'files'),
  i('__faasm_conf_flag', 1, true, 'misc'),
  i('__faasm_backtrace', 1, false, 'misc'),
  // Not Faasm's: the playground's virtual sockets (faasm/network.h; ABI.md lists no socket imports).
  i('__faasm_net_connect', 1, true, 'network'),
  // Not Faasm's either: dlopen of side modules in the Faaslet (libfaasm's dlfcn.c; host/dynlink).
  i('__faasm_dlopen', 2, true, 'dynamic linking'),
  i('__faasm_dlsym', 2, true, 'dynamic linking'),
  i('__faasm_dlclose', 1, true, 'dynamic linking'),
  i('__faasm_dlerror', 2, true, 'dynamic linking'),
];

const byName = new Map(FAASM_IMPORTS.map((entry) => [entry.name, entry]));

export function faasmImport(name: string): AbiImport | undefined {
  return byName.get(name);
}

/** Imports the toolchain adds to every module for the runtime itself, not part of Faasm's ABI. */
export const RUNTIME_IMPORTS: readonly { module: string; name: string; purpose: string }[] = [
  { ...FUEL_IMPORT, purpose: 'CPU-time metering: books a slice of fuel and polls the kill word (toolchain/meter)' },
  { ...GROW_IMPORT, purpose: 'memory.grow within the page-wide memory budget (faaslet/grow.ts)' },
];

export function runtimeImport(module: string, name: string): (typeof RUNTIME_IMPORTS)[number] | undefined {
  return RUNTIME_IMPORTS.find((r) => r.module === module && r.name === name);
}
