/**
 * Issue 4's cost of the shared-state rewrite. Four C kernels (bench/kernels/) run in Faaslet
 * Workers, three ways, interleaved in one run: raw (built without the rewrite, private data),
 * rewritten with private data, rewritten with the data in the shared window. Raw code cannot
 * reach the window at all, which is why the rewrite exists; so there is no raw+shared figure.
 * The kernel times itself inside the call; checksums must agree across variants and natively
 * (bench/native.mjs, merged by run.mjs) or the run fails.
 */
import { spawnFaasletWorker, standaloneJob, type FaasletToHost, type RunJob } from '../../runtime/faaslet';
import { StateArena, type StateArenaHandle } from '../../runtime/state';
import { createToolchain, memoryImportOf, type Toolchain } from '../../runtime/toolchain';
import { median, round } from '../measure';
import kernelH from '../kernels/kernel.h?raw';
import harnessC from '../kernels/harness.c?raw';
import matmulC from '../kernels/matmul.c?raw';
import jacobiC from '../kernels/jacobi.c?raw';
import histogramC from '../kernels/histogram.c?raw';
import hashtableC from '../kernels/hashtable.c?raw';

const KERNELS = { matmul: matmulC, jacobi: jacobiC, histogram: histogramC, hashtable: hashtableC };
type Kernel = keyof typeof KERNELS;
const VARIANTS = ['raw', 'private', 'shared'] as const;
type Variant = (typeof VARIANTS)[number];

const WARMUP_CALLS = 2;
const TIMED_CALLS = 7;

/** Filled by the suite: `rewrite.kernel.<name>` → checksum, for run.mjs to compare with native. */
export const kernelChecksums: Record<string, string> = {};

type Done = Extract<FaasletToHost, { kind: 'done' }>;

/** Past this a call is taken as lost (a crashed Worker sends nothing), so the bench fails, not hangs. */
const CALL_TIMEOUT_MS = 60_000;

/** Posts one job to a Faaslet Worker and waits for its `done`; a failed or lost call fails the bench. */
export function runOn(worker: Worker, job: RunJob): Promise<Done> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${job.functionName}: no answer in ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
    worker.onerror = (event) => {
      clearTimeout(timer);
      reject(new Error(`${job.functionName}: the Faaslet Worker failed: ${event.message}`));
    };
    worker.onmessage = (event: MessageEvent<FaasletToHost>) => {
      if (event.data.kind !== 'done') return;
      clearTimeout(timer);
      const { returnCode, trap } = event.data;
      if (returnCode !== 0 || trap) reject(new Error(`${job.functionName}: return code ${returnCode}: ${trap?.message ?? ''}`));
      else resolve(event.data);
    };
    worker.postMessage({ kind: 'run', job });
  });
}

export const readyWorker = (name: string) =>
  new Promise<Worker>((resolve, reject) => {
    const worker = spawnFaasletWorker(name);
    worker.onmessage = () => resolve(worker);
    worker.onerror = (event) => reject(new Error(`Faaslet Worker ${name} failed to start: ${event.message}`));
  });

export async function buildC(toolchain: Toolchain, source: string, rewrite: boolean) {
  const outcome = await toolchain.build({ language: 'c', source, rewrite });
  if (!outcome.ok) throw new Error(outcome.log);
  return outcome;
}

let callId = 0;
/** A main-entry call of `module` with memory 0 and the arena given. */
export function mainJob(
  name: string,
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  arena: StateArenaHandle,
  input: string,
): RunJob {
  return standaloneJob({
    callId: ++callId,
    functionName: `bench/${name}`,
    user: 'bench',
    awaitMode: 'jspi',
    arena,
    module,
    memory,
    input: new TextEncoder().encode(input),
  });
}

/** The in-browser toolchain builds one file: the kernel's header, the kernel, the harness. */
const sourceOf = (kernel: Kernel) =>
  [kernelH, KERNELS[kernel], harnessC].join('\n').replace(/^#include "kernel\.h"$/gm, '');

const geomean = (values: number[]) => Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);

interface Setup {
  module: WebAssembly.Module;
  /** Reused across this variant's calls, as a warm Faaslet reuses its own memory 0. */
  memory: WebAssembly.Memory;
  input: 'private' | 'shared';
  samples: number[];
  checksum?: string;
}

export async function rewriteSuite(): Promise<Record<string, number>> {
  const toolchain = createToolchain(() => {});
  await toolchain.load();
  const arena = StateArena.create();
  const setups = new Map<string, Setup>();
  const kernels = Object.keys(KERNELS) as Kernel[];
  for (const kernel of kernels) {
    const raw = await buildC(toolchain, sourceOf(kernel), false);
    const rewritten = await buildC(toolchain, sourceOf(kernel), true);
    if (raw.rewrite.rewritten || !rewritten.rewrite.rewritten) throw new Error(`${kernel}: the rewrite was not applied as asked`);
    console.info(`bench: ${kernel}: ${rewritten.rewrite.instrumented} accesses routed, ${rewritten.rewrite.skipped} skipped`);
    const modules = {
      raw: await WebAssembly.compile(raw.wasm as Uint8Array<ArrayBuffer>),
      rewritten: await WebAssembly.compile(rewritten.wasm as Uint8Array<ArrayBuffer>),
    };
    const minPages = memoryImportOf(raw.wasm)?.minPages ?? 1;
    for (const variant of VARIANTS) {
      setups.set(`${kernel}.${variant}`, {
        module: variant === 'raw' ? modules.raw : modules.rewritten,
        memory: new WebAssembly.Memory({ initial: minPages, maximum: 4096, shared: true }),
        input: variant === 'shared' ? 'shared' : 'private',
        samples: [],
      });
    }
  }
  toolchain.dispose();

  const worker = await readyWorker('bench-rewrite');
  const call = async (kernel: Kernel, variant: Variant, timed: boolean) => {
    const setup = setups.get(`${kernel}.${variant}`)!;
    const done = await runOn(worker, mainJob(kernel, setup.module, setup.memory, arena.handle, setup.input));
    const [ms, checksum] = new TextDecoder().decode(done.output).split(' ');
    if (!checksum) throw new Error(`${kernel} ${variant}: unexpected output`);
    if (setup.checksum !== undefined && setup.checksum !== checksum) throw new Error(`${kernel} ${variant}: checksum changed`);
    setup.checksum = checksum;
    if (timed) setup.samples.push(Number(ms));
  };
  // Warm-up calls let V8 tier each kernel up from Liftoff (it has no on-stack replacement).
  for (let i = 0; i < WARMUP_CALLS; i++) for (const kernel of kernels) for (const v of VARIANTS) await call(kernel, v, false);
  // Round-robin, rotating which variant goes first, so drift and bursts of load hit all alike.
  for (let i = 0; i < TIMED_CALLS; i++) {
    for (const kernel of kernels) {
      for (let j = 0; j < VARIANTS.length; j++) await call(kernel, VARIANTS[(i + j) % VARIANTS.length]!, true);
    }
  }
  worker.terminate();

  const figures: Record<string, number> = {};
  const ratios = { private: [] as number[], shared: [] as number[] };
  for (const kernel of kernels) {
    const get = (variant: Variant) => setups.get(`${kernel}.${variant}`)!;
    const checksums = new Set(VARIANTS.map((v) => get(v).checksum));
    if (checksums.size !== 1) throw new Error(`${kernel}: checksums differ across variants: ${[...checksums].join(', ')}`);
    kernelChecksums[`rewrite.kernel.${kernel}`] = get('raw').checksum!;
    const ms = Object.fromEntries(VARIANTS.map((v) => [v, median(get(v).samples)])) as Record<Variant, number>;
    for (const v of VARIANTS) figures[`rewrite.kernel.${kernel}.${v}_ms`] = round(ms[v], 2);
    ratios.private.push(ms.private / ms.raw);
    ratios.shared.push(ms.shared / ms.raw);
    console.info(`bench: ${kernel} memory 0 after the run: ${VARIANTS.map((v) => `${v} ${get(v).memory.buffer.byteLength >> 20} MiB`).join(', ')}`);
  }
  return {
    'rewrite.private_vs_raw_x': round(geomean(ratios.private), 2),
    'rewrite.shared_vs_raw_x': round(geomean(ratios.shared), 2),
    ...figures,
  };
}
