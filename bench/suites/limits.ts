/**
 * Issue 14's CPU-time limit, measured. `limits.metering_overhead_x`: the four rewrite kernels
 * (bench/kernels/) built metered and not, run interleaved in one Faaslet Worker, private data;
 * the geometric mean of the metered/unmetered medians. `limits.cpu_time_error_pct`: a function
 * that would spin for ever is killed by a 1 s CPU-time limit, and the kill point (iterations
 * done, read from its memory 0) is compared between an idle machine and two CPU hogs
 * (`stress-ng --cpu 2`, started by bench/run.mjs through `window.benchHogs`), alternating.
 * Also reported: units per ms of each kernel (the calibration of FUEL_UNITS_PER_MS).
 */
import { FaasletControl, DEAD } from '../../runtime/faaslet/control';
import { FUEL_UNITS_PER_MS } from '../../runtime/faaslet/fuel';
import { type FaasletToHost } from '../../runtime/faaslet';
import { StateArena } from '../../runtime/state';
import { createToolchain, memoryImportOf, type Toolchain } from '../../runtime/toolchain';
import { median, round } from '../measure';
import { mainJob, readyWorker, runOn } from './rewrite';
import kernelH from '../kernels/kernel.h?raw';
import harnessC from '../kernels/harness.c?raw';
import matmulC from '../kernels/matmul.c?raw';
import jacobiC from '../kernels/jacobi.c?raw';
import histogramC from '../kernels/histogram.c?raw';
import hashtableC from '../kernels/hashtable.c?raw';

declare global {
  interface Window {
    /** Set by bench/run.mjs: starts (true) or stops (false) two CPU hogs; absent outside it. */
    benchHogs?: (on: boolean) => Promise<boolean>;
  }
}

const KERNELS = { matmul: matmulC, jacobi: jacobiC, histogram: histogramC, hashtable: hashtableC };
const WARMUP_CALLS = 2;
const TIMED_CALLS = 7;
const KILL_LIMIT_MS = 1000;
const KILL_TRIALS = 3;

const sourceOf = (kernel: string) =>
  [kernelH, KERNELS[kernel as keyof typeof KERNELS], harnessC].join('\n').replace(/^#include "kernel\.h"$/gm, '');

/**
 * Spins for ever, counting outer iterations at the address its input names (near the top of its
 * initial memory, which nothing else of it touches), where the bench reads them after the kill.
 */
const SPIN_C = `#include "faasm/faasm.h"
#include <stdlib.h>
int main(void) {
    char in[16] = { 0 };
    long n = faasmGetInputSize();
    faasmGetInput((uint8_t*)in, n < 15 ? n : 15);
    volatile unsigned* progress = (volatile unsigned*)atol(in);
    volatile unsigned x = 1;
    for (;;) {
        for (int i = 0; i < 1000; i++) x = x * 1103515245u + 12345u;
        (*progress)++;
    }
}
`;

const geomean = (values: number[]) => Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);

async function build(toolchain: Toolchain, source: string, meter: boolean) {
  const outcome = await toolchain.build({ language: 'c', source, rewrite: false, meter });
  if (!outcome.ok) throw new Error(outcome.log);
  return outcome;
}

async function meteringOverhead(toolchain: Toolchain): Promise<Record<string, number>> {
  const arena = StateArena.create();
  const kernels = Object.keys(KERNELS);
  const setups = new Map<string, { module: WebAssembly.Module; memory: WebAssembly.Memory; samples: number[]; rates: number[] }>();
  for (const kernel of kernels) {
    for (const meter of [false, true]) {
      const built = await build(toolchain, sourceOf(kernel), meter);
      const minPages = memoryImportOf(built.wasm)?.minPages ?? 1;
      setups.set(`${kernel}.${meter}`, {
        module: await WebAssembly.compile(built.wasm as Uint8Array<ArrayBuffer>),
        memory: new WebAssembly.Memory({ initial: minPages, maximum: 4096, shared: true }),
        samples: [],
        rates: [],
      });
    }
  }
  const worker = await readyWorker('bench-limits');
  const call = async (kernel: string, meter: boolean, timed: boolean) => {
    const setup = setups.get(`${kernel}.${meter}`)!;
    const t0 = performance.now();
    const done = await runOn(worker, mainJob(`${kernel}-${meter ? 'metered' : 'unmetered'}`, setup.module, setup.memory, arena.handle, 'private'));
    const wall = performance.now() - t0;
    const ms = Number(new TextDecoder().decode(done.output).split(' ')[0]);
    if (!timed) return;
    setup.samples.push(ms);
    if (meter) setup.rates.push(done.fuelUnits / wall);
  };
  for (let i = 0; i < WARMUP_CALLS; i++) for (const k of kernels) for (const m of [false, true]) await call(k, m, false);
  for (let i = 0; i < TIMED_CALLS; i++) {
    for (const k of kernels) for (const m of i % 2 ? [true, false] : [false, true]) await call(k, m, true);
  }
  worker.terminate();
  const figures: Record<string, number> = {};
  const ratios: number[] = [];
  for (const k of kernels) {
    const plain = median(setups.get(`${k}.false`)!.samples);
    const metered = setups.get(`${k}.true`)!;
    ratios.push(median(metered.samples) / plain);
    figures[`limits.kernel.${k}.unmetered_ms`] = round(plain, 2);
    figures[`limits.kernel.${k}.metered_ms`] = round(median(metered.samples), 2);
    figures[`limits.kernel.${k}.units_per_ms`] = Math.round(median(metered.rates));
  }
  return { 'limits.metering_overhead_x': round(geomean(ratios), 3), ...figures };
}

/** Runs SPIN_C under a KILL_LIMIT_MS budget in a fresh Worker; resolves with the iterations done at the kill. */
async function killPoint(module: WebAssembly.Module, minPages: number): Promise<{ iterations: number; wallMs: number; units: number }> {
  const worker = await readyWorker('bench-limits-kill');
  const memory = new WebAssembly.Memory({ initial: minPages, maximum: 4096, shared: true });
  const at = minPages * 65536 - 64;
  const job = { ...mainJob('spin', module, memory, StateArena.create().handle, String(at)), cpuBudgetUnits: KILL_LIMIT_MS * FUEL_UNITS_PER_MS };
  const control = new FaasletControl(job.control);
  worker.onmessage = (event: MessageEvent<FaasletToHost>) => {
    if (event.data.kind === 'done' || event.data.kind === 'failed') console.error(`bench: spin ended without a kill (${event.data.kind})`);
  };
  const t0 = performance.now();
  worker.postMessage({ kind: 'run', job });
  const words = new Int32Array(job.control, 0, 1);
  for (let state = control.state; state !== DEAD; state = control.state) {
    const { value } = Atomics.waitAsync(words, 0, state, 120_000);
    if ((await value) === 'timed-out') throw new Error('spin: not killed within 120 s');
  }
  const wallMs = performance.now() - t0;
  // The Faaslet is DEAD: it writes nothing more, so the counter is final.
  const iterations = new Uint32Array(memory.buffer, at, 1)[0]!;
  worker.terminate();
  return { iterations, wallMs, units: control.unitsUsed };
}

async function cpuTimeError(toolchain: Toolchain): Promise<Record<string, number>> {
  const built = await build(toolchain, SPIN_C, true);
  const module = await WebAssembly.compile(built.wasm as Uint8Array<ArrayBuffer>);
  const minPages = memoryImportOf(built.wasm)?.minPages ?? 1;
  const idle: number[] = [];
  const loaded: number[] = [];
  const walls = { idle: [] as number[], loaded: [] as number[] };
  const hogs = window.benchHogs;
  await killPoint(module, minPages); // warm-up: the first run also compiles
  for (let i = 0; i < KILL_TRIALS; i++) {
    const a = await killPoint(module, minPages);
    idle.push(a.iterations);
    walls.idle.push(a.wallMs);
    if (!hogs || !(await hogs(true))) continue;
    try {
      const b = await killPoint(module, minPages);
      loaded.push(b.iterations);
      walls.loaded.push(b.wallMs);
    } finally {
      await hogs(false);
    }
  }
  const idleAt = median(idle);
  const figures: Record<string, number> = {
    'limits.kill_iterations_idle': idleAt,
    'limits.kill_wall_ms_idle': round(median(walls.idle), 1),
  };
  if (loaded.length === 0) {
    console.info('bench: no CPU hogs available (window.benchHogs): limits.cpu_time_error_pct not measured');
    return figures;
  }
  const loadedAt = median(loaded);
  return {
    'limits.cpu_time_error_pct': round((Math.abs(loadedAt - idleAt) / idleAt) * 100, 3),
    ...figures,
    'limits.kill_iterations_loaded': loadedAt,
    'limits.kill_wall_ms_loaded': round(median(walls.loaded), 1),
  };
}

export async function limitsSuite(): Promise<Record<string, number>> {
  const toolchain = createToolchain(() => {});
  await toolchain.load();
  try {
    return { ...(await meteringOverhead(toolchain)), ...(await cpuTimeError(toolchain)) };
  } finally {
    toolchain.dispose();
  }
}
