/**
 * The contract between the metering pass (runtime/toolchain/meter) and the Faaslet that runs a
 * metered module. A page has no per-thread CPU clock (DESIGN.md), so a Faaslet's CPU time is
 * counted work, as Wasmtime's fuel: the pass charges each function entry and loop iteration its
 * static instruction weight against a mutable global; when the global drops below zero the
 * module calls the import below, which books the slice, polls the Faaslet's kill word and
 * returns the next slice. Kills and CPU-time limits so take effect at these polls, never in the
 * middle of a host call.
 */

/**
 * `(import "faaslet" "fuel" (func (param i32 $left) (result i32 $nextSlice)))`. The host books
 * `FUEL_SLICE - left` units (left ≤ 0) and always returns FUEL_SLICE, so one import serves the
 * function and every library it dlopens, each with its own global.
 */
export const FUEL_IMPORT = { module: 'faaslet', name: 'fuel' } as const;

/** The metered module exports its fuel global (i32, units left in the current slice) under this name. */
export const FUEL_GLOBAL_EXPORT = '__faaslet_fuel_left';

/** Units a slice holds at most: small enough that a kill lands within tens of microseconds. */
export const FUEL_SLICE = 100_000;

/**
 * Fuel units per millisecond of CPU time: the median rate of the metered rewrite kernels
 * (matmul 20.7 M, Jacobi 21.3 M, histogram 18.9 M, hash table 2.3 M units/ms) and a C function
 * doing ordinary work (snprintf, malloc, hashing: 78 M) on this project's idle 2-core machine,
 * V8. A unit is one wasm expression of a charged segment (toolchain/meter), so memory-bound
 * code books fewer units per ms than compute-bound code (README, "CPU-time limits"). A limit in
 * ms is this many units per ms; a call's CPU time is its units divided by it.
 */
export const FUEL_UNITS_PER_MS = 20_000_000;

/**
 * Units a host call (any `env` or WASI import) books when it is entered: work done in the host's
 * JavaScript burns no wasm fuel, so without this a loop of host calls could run for hours under
 * a CPU-time limit of seconds. About 1 µs of CPU at FUEL_UNITS_PER_MS; entering a host call is
 * also a poll, so a kill or an exhausted budget lands there too.
 */
export const HOST_CALL_UNITS = 20_000;
