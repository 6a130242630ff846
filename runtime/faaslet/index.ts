/**
 * Faaslets: one WebAssembly instance on one Worker thread.
 *
 * - faaslet.worker.ts: the Worker entry; runs one call at a time and reports `done`.
 * - instance.ts: one call: start, then enter through `_start` (or a table entry, chain by pointer).
 * - start.ts: cold (ctors, zygote, take the Proto-Faaslet), restored, or warm (reset in place).
 * - routing.ts: imports bound once per instance, pointed at each call's own I/O and WASI state.
 * - outcome.ts: return codes and traps.
 * - wasi.ts: WASI through @bjorn3/browser_wasi_shim, stdout/stderr captured.
 * - stack.ts: V8 traps to readable wasm frames.
 * - job.ts: a call run straight on a Faaslet, outside the cluster (tests, benchmarks).
 *
 * - control.ts: the control word a Faaslet and its supervisor kill it through; fuel.ts: the
 *   metering contract whose polls (routing.ts's `faaslet.fuel` import) are the kill points.
 *
 * Pitfalls: the wasm holds the Worker's event loop while it runs, and `terminate()` does not stop
 * the thread at once, so kills and CPU-time limits land at fuel polls and waits (control.ts), and
 * a killed Faaslet runs no cleanup at all; views on shared memory must be copied before decoding
 * or posting.
 */
export type { AwaitAnswer, AwaitMode, ChainTarget, Entry, FaasletToHost, HostToFaaslet, RunJob, StartPlan, StartReport, SupervisedJob } from './protocol';
export { standaloneJob } from './job';
export { WASI_IMPORT_NAMES } from './wasi';

/** A new Faaslet Worker; written literally so the bundler emits the worker. */
export function spawnFaasletWorker(name: string): Worker {
  return new Worker(new URL('./faaslet.worker.ts', import.meta.url), { type: 'module', name });
}
