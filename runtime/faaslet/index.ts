/**
 * Faaslets: one WebAssembly instance on one Worker thread.
 *
 * - faaslet.worker.ts: the Worker entry; runs one call at a time and reports `done`.
 * - instance.ts: instantiate against memory 0 (made by the host agent) and the host interface,
 *   then enter through `_start`.
 * - wasi.ts: WASI through @bjorn3/browser_wasi_shim, stdout/stderr captured.
 * - stack.ts: V8 traps to readable wasm frames.
 *
 * Pitfalls: the wasm holds the Worker's event loop while it runs, so the host agent (not the
 * Faaslet) enforces time limits by terminating the Worker; views on shared memory must be
 * copied before decoding or posting.
 */
export type { AwaitAnswer, AwaitMode, ChainTarget, Entry, FaasletToHost, HostToFaaslet, RunJob } from './protocol';
export { WASI_IMPORT_NAMES } from './wasi';

/** A new Faaslet Worker; written literally so the bundler emits the worker. */
export function spawnFaasletWorker(name: string): Worker {
  return new Worker(new URL('./faaslet.worker.ts', import.meta.url), { type: 'module', name });
}
