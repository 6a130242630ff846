/**
 * Whether an exported module fits Faasm's runtime: it imports only host calls Faasm implements
 * (faasm/cpp libfaasm/faasm/host_interface.h) and WASI, and exports what Faasm's runtime looks
 * up (faasm/faasm src/wasm/WasmModule.cpp: `_start`, `memory`, `__heap_base`, `__data_end`,
 * `__stack_pointer`, `__wasm_call_ctors`, `_faasm_zygote`; faasmtools' exported `malloc`, `free`).
 */

/** Host calls (module `env`) Faasm's runtime implements, as faasm/cpp's host_interface.h declares them. */
export const FAASM_HOST_CALLS: ReadonlySet<string> = new Set([
  '__faasm_read_state', '__faasm_read_state_ptr', '__faasm_write_state',
  '__faasm_append_state', '__faasm_read_appended_state', '__faasm_clear_appended_state',
  '__faasm_write_state_offset', '__faasm_write_state_from_file', '__faasm_read_state_offset',
  '__faasm_flag_state_dirty', '__faasm_flag_state_offset_dirty', '__faasm_read_state_offset_ptr',
  '__faasm_push_state', '__faasm_push_state_partial', '__faasm_push_state_partial_mask', '__faasm_pull_state',
  '__faasm_lock_state_read', '__faasm_unlock_state_read', '__faasm_lock_state_write', '__faasm_unlock_state_write',
  '__faasm_read_input', '__faasm_write_output',
  '__faasm_chain_name', '__faasm_chain_ptr', '__faasm_await_call', '__faasm_await_call_output',
  '__faasm_conf_flag', '__faasm_backtrace',
]);

/** Exports Faasm's runtime needs of a C/C++ function. */
export const FAASM_REQUIRED_EXPORTS = ['_start', 'memory', '__heap_base', '__data_end', '__stack_pointer', '__wasm_call_ctors', '_faasm_zygote', 'malloc', 'free'] as const;

/** What the playground has that Faasm lacks, and what to do instead. */
const LACKING: { test: RegExp; why: string }[] = [
  {
    test: /^__faasm_(un)?lock_state_global|^faasm(Un)?[Ll]ockStateGlobal/,
    why: "global locks: Faasm dropped __faasm_lock_state_global in 2022 and never had global read/write locks (a playground extension). Use the local locks and push/pull, or keep the lock in one function's state",
  },
  {
    test: /^__faasm_net_connect$|^faasmNetConnect$/,
    why: "faasmNetConnect (__faasm_net_connect) is this playground's virtual socket: Faasm has no such host call",
  },
  {
    test: /^__faasm_dl(open|sym|close|error)$/,
    why: "the playground's dlopen of /lib/<name>.so: on Faasm a shared library is built with Faasm's toolchain and uploaded as a shared file",
  },
];

export interface Incompatibility {
  /** The import, export or symbol at fault. */
  name: string;
  why: string;
}

export interface FaasmCheck {
  imports: string[];
  exports: string[];
  problems: Incompatibility[];
}

const reasonFor = (name: string): string =>
  LACKING.find((l) => l.test.test(name))?.why ?? 'Faasm implements no such host call (faasm/cpp libfaasm/faasm/host_interface.h)';

/** Checks a linked module's imports and exports against Faasm's runtime. */
export function checkForFaasm(wasm: Uint8Array): FaasmCheck {
  const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  const imports = WebAssembly.Module.imports(module);
  const exports = WebAssembly.Module.exports(module);
  const problems: Incompatibility[] = [];
  for (const { module: from, name, kind } of imports) {
    if (from === 'wasi_snapshot_preview1' && kind === 'function') continue;
    if (from === 'env' && kind === 'function' && FAASM_HOST_CALLS.has(name)) continue;
    if (from === 'env' && kind === 'memory') {
      problems.push({ name: `env.${name}`, why: 'a Faasm function defines its own memory; it imports none' });
      continue;
    }
    problems.push({ name: `${from}.${name}`, why: from === 'env' ? reasonFor(name) : `Faasm provides only env and wasi_snapshot_preview1 imports, not ${from}` });
  }
  const exported = new Set(exports.map((e) => e.name));
  for (const name of FAASM_REQUIRED_EXPORTS) {
    if (!exported.has(name)) problems.push({ name, why: "Faasm's runtime looks this export up and the module lacks it" });
  }
  return { imports: imports.map((i) => `${i.module}.${i.name}`), exports: exports.map((e) => e.name), problems };
}

/** Link errors for symbols Faasm's libfaasm lacks, said in Faasm's terms. */
export function undefinedSymbolProblems(log: string): Incompatibility[] {
  const found = new Map<string, string>();
  for (const [, name] of log.matchAll(/undefined symbol: (\w+)/g)) {
    if (name && LACKING.some((l) => l.test.test(name))) found.set(name, reasonFor(name));
  }
  return [...found].map(([name, why]) => ({ name, why }));
}
