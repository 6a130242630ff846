/**
 * # Toolchain
 *
 * Builds a function's source (C, C++, WAT) into a wasm module the Faaslets can
 * run, inside a dedicated Worker: @yowasp/clang (clang + wasm-ld + wasi-libc +
 * libc++, ~105 MB, kept in Cache Storage) for C/C++, wabt for WAT. Every module
 * comes out with memory 0 imported as `env.memory`, shared, max 32767 pages.
 *
 * Key files: `client.ts` (the API below, protocol.ts over a Worker),
 * `toolchain.worker.ts` (dispatch), `loader.ts` + `fetch-cache.ts` (loading,
 * progress, caching), `clang.ts` (flags), `sysroot/` (Faasm headers, libfaasm,
 * our `_start`), `wat.ts`, `disassemble.ts` (WAT for the build inspector), `memory-import.ts`, `diagnostics.ts`, `rewrite/` (shared-state
 * SFI pass), `meter/` (fuel for the CPU-time limit, every module), `transform.ts` (both passes
 * in one binaryen read and emit), `export-globals.ts` (exports every mutable global as `__faasm_global_<n>` so a
 * Proto-Faaslet can capture and reset it), `layout.ts` (stack, data and heap from the binary),
 * `pch*.ts` (precompiled C++ headers, made by a short-lived PCH Worker of their own while the
 * toolchain Worker is idle, so no build waits for them).
 *
 * ## How the host runs a module (C/C++)
 * Exports: `_start`, `__wasm_call_ctors`, `__wasm_call_dtors`, `_faasm_zygote`,
 * `malloc`, `free`, `memory`, `__indirect_function_table`, `__heap_base`,
 * `__data_end`, `__stack_pointer` (mutable global).
 * 1. Instantiate with `env.memory` (a shared Memory, initial ≥ the import's
 *    minimum). The start function `__wasm_init_memory` zero-fills .bss; data
 *    segments are active: both re-apply on every instantiation.
 * 2. Call `__wasm_call_ctors()` once (it sets up libc's thread pointer first).
 * 3. Call `_faasm_zygote()`; non-zero = failed start. Take the snapshot here.
 * 4. Each call, from the snapshot: `_start()` runs main (argv via WASI
 *    `args_get`), then the destructors (flushing stdio); it returns normally for
 *    0 and calls `proc_exit(rc)` otherwise. A chained-by-pointer call instead
 *    calls `__indirect_function_table.get(idx)` directly; call
 *    `__wasm_call_dtors()` after it to flush stdio if wanted.
 * `malloc`/`free` can be called any time after step 2: wasm-ld adds no
 * constructor wrappers to exports (we export `__wasm_call_ctors` ourselves).
 A function whose source mentions `dlopen` also exports DLOPEN_EXPORTS
 * (dlopen-exports.ts) and has a growable table, for the libraries it loads.
 *
 * ## Export for Faasm (request 'faasm-export')
 * The same source built with Faasm's own flags and wasi-libc's `_start`, none of the steps
 * above: runtime/export, dispatched by this Worker with its clang.
 *
 * ## Libraries (BuildJob kind 'library')
 * A side module for dlopen (`-fPIC -shared`, no libc: `libc.a` is not PIC),
 * with a `dylink.0` section and shared `env.memory`; metered, not rewritten, no
 * global exports. runtime/host/dynlink loads it; README, "Dynamic linking".
 *
 * ## Pitfalls
 * - @yowasp/clang captures `globalThis.fetch` when first evaluated: never import
 *   it statically; loader.ts installs the caching fetch, then imports it.
 * - `runClang` ignores `fetchProgress`; progress comes from a prefetch via runLLVM.
 * - wasi-libc's crt1 `_start` re-runs constructors and traps on re-entry; we
 *   link `-nostartfiles` with our own (sysroot/src/faasm_start.c).
 * - No `--shared-memory` (wasi-libc has no atomics): memory-import.ts makes it shared.
 * - C++ builds use `-fno-exceptions` (libc++abi here has no exception support).
 * - Node 20 has no multi-memory; tests validate such modules with wabt instead.
 */
import { createToolchainClient, type PchStatus, type Toolchain } from './client';

export type { BuildOutcome, LoadResult, PchStatus, Toolchain } from './client';
export { MAX_PAGES, memoryImportOf, type MemoryImport } from './memory-import';
export { moduleLayout } from './layout';
export { meteringProblem } from './meter/check';

/** Starts the toolchain Worker. No DOM APIs: this runs inside the host agent Worker. */
export function createToolchain(
  onProgress: (doneBytes: number, totalBytes: number) => void,
  onPch: (status: PchStatus) => void = () => undefined,
): Toolchain {
  const worker = new Worker(new URL('./toolchain.worker.ts', import.meta.url), { type: 'module', name: 'faasm-toolchain' });
  return createToolchainClient(worker, onProgress, onPch);
}
