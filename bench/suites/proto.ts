/**
 * Issue 6's figures, the seed's Table 3 in the browser: for a no-op function, one whose zygote
 * mallocs and fills 16 MiB, and one whose whole 1 MiB memory is its image, side by side — cold
 * start from a new Worker (Worker + compile + instantiate + initialise), cold start in a warm
 * Worker, Proto-Faaslet restore in a warm Worker (fresh memory, cached module), warm reuse
 * (reset in place). Also how many parked Proto-Faaslets a tab holds, and the time to unpark one.
 *
 * How each figure is timed:
 * - `cold_new_worker_ms`, `unpark_ms`: wall time from the page, from spawning the Worker (or
 *   posting the job) to the call's `done`, so they include messages and the function's run.
 * - `cold_warm_worker_ms`, `restored_ms`, `restored_reused_memory_ms`, `warm_reset_ms`: the
 *   start alone, timed inside the Worker (the `startMs` its `started` report carries).
 * - `restore_speedup_x`: a function's own `cold_new_worker_ms` over its own `warm_reset_ms`
 *   (the reset in place a restore is in a pool slot), so mixed clocks favour the cold start.
 */
import { spawnFaasletWorker, standaloneJob, type FaasletToHost, type RunJob, type StartPlan, type StartReport } from '../../runtime/faaslet';
import { PAGE_SIZE, ProtoStore, cloneImage, imageBytes, moduleFingerprint, type ProtoImage } from '../../runtime/proto';
import { StateArena } from '../../runtime/state';
import { createToolchain, memoryImportOf } from '../../runtime/toolchain';
import { median, round } from '../measure';

const NOOP = `int main(void) { return 0; }\n`;

const HEAP_16MIB = `#include <stdlib.h>
#include <string.h>
#include "faasm/faasm.h"

static unsigned char* table;

FAASM_ZYGOTE() {
    table = malloc(16 << 20);
    if (!table) return 1;
    memset(table, 0x5a, 16 << 20);
    return 0;
}

int main(void) { return table[12345] == 0x5a ? 0 : 1; }
`;

/**
 * What a parked Faaslet holds: an everyday C function's Proto-Faaslet (libc's stdio state,
 * a small table its zygote fills, a buffer it mallocs).
 */
const PARKED_C = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "faasm/faasm.h"

static int squares[256];
static char* greeting;

FAASM_ZYGOTE() {
    for (int i = 0; i < 256; i++) squares[i] = i * i;
    greeting = malloc(64);
    strcpy(greeting, "hello from the zygote");
    return 0;
}

int main(void) {
    char input[32] = {0};
    faasmGetInput((uint8_t*)input, sizeof(input) - 1);
    printf("%s, %s: %d\\n", greeting, input, squares[strlen(input)]);
    return 0;
}
`;

/** Memory 0 is exactly 1 MiB and the zygote fills all of it: a 1 MiB image. */
const IMAGE_1MIB = `(module
  (memory 16)
  (func (export "_faasm_zygote") (result i32)
    (memory.fill (i32.const 0) (i32.const 0x5a) (i32.const 1048576))
    (i32.const 0))
  (func (export "_start")))`;

const SAMPLES = 30;
/** Parked images are put in the store until this many, or until allocation fails. */
const PARK_LIMIT = 100_000;

interface Built {
  name: string;
  wasm: Uint8Array;
  module: WebAssembly.Module;
  fingerprint: string;
  minPages: number;
}

/** Posts one job and resolves, on its `done`, with how it started; keeps the Proto-Faaslet if one comes back. */
function runOn(worker: Worker, job: RunJob, onProto?: (image: ProtoImage) => void): Promise<StartReport> {
  return new Promise((resolve, reject) => {
    let start: StartReport | null = null;
    worker.onmessage = ({ data }: MessageEvent<FaasletToHost>) => {
      if (data.kind === 'started') start = data;
      if (data.kind === 'proto') onProto?.(data.image);
      if (data.kind !== 'done') return;
      if (data.returnCode !== 0 || !start) reject(new Error(data.trap?.message ?? `returned ${data.returnCode}`));
      else resolve(start);
    };
    worker.postMessage({ kind: 'run', job });
  });
}

const readyWorker = (name: string) =>
  new Promise<Worker>((resolve) => {
    const worker = spawnFaasletWorker(name);
    worker.onmessage = () => resolve(worker);
  });

export async function protoSuite(): Promise<Record<string, number>> {
  const toolchain = createToolchain(() => {});
  await toolchain.load();
  const build = async (name: string, language: 'c' | 'wat', source: string): Promise<Built> => {
    const outcome = await toolchain.build({ language, source });
    if (!outcome.ok) throw new Error(outcome.log);
    const { wasm } = outcome;
    const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
    return { name, wasm, module, fingerprint: await moduleFingerprint(wasm), minPages: memoryImportOf(wasm)?.minPages ?? 1 };
  };
  const functions = [
    await build('noop', 'c', NOOP),
    await build('heap16', 'c', HEAP_16MIB),
    await build('image1', 'wat', IMAGE_1MIB),
  ];
  const parkedFn = await build('parked', 'c', PARKED_C);
  toolchain.dispose();

  const arena = StateArena.create();
  let callId = 0;
  const newMemory = (pages: number) => new WebAssembly.Memory({ initial: pages, maximum: 4096, shared: true });
  const job = (fn: Built, memory: WebAssembly.Memory, start: StartPlan, module = fn.module): RunJob =>
    standaloneJob({ callId: ++callId, functionName: `bench/${fn.name}`, user: 'bench', module, memory, awaitMode: 'jspi', arena: arena.handle, start });
  const cold = (fn: Built, capture = false): StartPlan => ({ kind: 'cold', fingerprint: fn.fingerprint, capture });

  const figures: Record<string, number> = {};
  const images = new Map<string, ProtoImage>();
  const worker = await readyWorker('bench-proto');
  for (const fn of functions) {
    // Cold from a new Worker: what a start costs without pools or Proto-Faaslets.
    const newWorker: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t0 = performance.now();
      const fresh = await readyWorker(`bench-proto-cold-${i}`);
      const module = await WebAssembly.compile(fn.wasm as Uint8Array<ArrayBuffer>);
      await runOn(fresh, job(fn, newMemory(fn.minPages), cold(fn), module));
      newWorker.push(performance.now() - t0);
      fresh.terminate();
    }
    // Cold in a warm Worker; the first one also takes the Proto-Faaslet.
    await runOn(worker, job(fn, newMemory(fn.minPages), cold(fn, true)), (image) => images.set(fn.name, image));
    const image = images.get(fn.name)!;
    const pages = image.memoryBytes / PAGE_SIZE;
    const coldWarmWorker: number[] = [];
    for (let i = 0; i < SAMPLES; i++) coldWarmWorker.push((await runOn(worker, job(fn, newMemory(fn.minPages), cold(fn)))).startMs);
    // Restored: the cached module instantiated on a fresh memory, the image copied in.
    const restored: number[] = [];
    let slot = newMemory(pages);
    for (let i = 0; i < SAMPLES; i++) {
      slot = newMemory(pages);
      restored.push((await runOn(worker, job(fn, slot, { kind: 'restored', fingerprint: fn.fingerprint, image }))).startMs);
    }
    // Restored into the memory the slot already has (what the cluster does when it is not larger).
    const reused: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      reused.push((await runOn(worker, job(fn, slot, { kind: 'restored', fingerprint: fn.fingerprint, image }))).startMs);
    }
    // Warm: the same instance, reset in place from the image.
    const warm: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const start = await runOn(worker, job(fn, slot, { kind: 'warm', fingerprint: fn.fingerprint, image }));
      if (start.startKind !== 'warm') throw new Error(`expected a warm start, got ${start.startKind}`);
      warm.push(start.startMs);
    }
    // Rounded first, so each speedup is exactly the quotient of the two figures beside it.
    const coldNewWorkerMs = round(median(newWorker), 2);
    const warmResetMs = round(median(warm), 3);
    Object.assign(figures, {
      [`proto.${fn.name}.image_mib`]: round(image.memoryBytes / 2 ** 20, 2),
      [`proto.${fn.name}.stored_kib`]: round(imageBytes(image) / 1024, 1),
      [`proto.${fn.name}.cold_new_worker_ms`]: coldNewWorkerMs,
      [`proto.${fn.name}.cold_warm_worker_ms`]: round(median(coldWarmWorker), 3),
      [`proto.${fn.name}.restored_ms`]: round(median(restored), 3),
      [`proto.${fn.name}.restored_reused_memory_ms`]: round(median(reused), 3),
      [`proto.${fn.name}.warm_reset_ms`]: warmResetMs,
      [`proto.${fn.name}.restore_speedup_x`]: round(coldNewWorkerMs / Math.max(warmResetMs, 0.001), 1),
    });
  }

  // An idle Faaslet's state is its function's Proto-Faaslet (every call starts from it), so a
  // parked Faaslet is an image in the runtime's snapshot store without a live slot.
  await runOn(worker, job(parkedFn, newMemory(parkedFn.minPages), cold(parkedFn, true)), (image) => images.set('parked', image));
  const parkedImage = images.get('parked')!;
  const store = new ProtoStore();
  const parkedKey = (i: number) => `bench/parked-${i}`;

  // Unpark: a parked image into a pool slot that holds another module, as the cluster does it
  // (the slot's smaller memory reused, the cached module instantiated); wall time from the page.
  await store.put(parkedKey(0), cloneImage(parkedImage), parkedFn.fingerprint);
  const image1 = functions[2]!;
  const unpark: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const slotMemory = newMemory(image1.minPages);
    await runOn(worker, job(image1, slotMemory, cold(image1)));
    const t0 = performance.now();
    await runOn(worker, job(parkedFn, slotMemory, { kind: 'restored', fingerprint: parkedFn.fingerprint, image: store.image(parkedKey(0))! }));
    unpark.push(performance.now() - t0);
  }
  worker.terminate();

  // Parked capacity: distinct images (each its own SharedArrayBuffers) of distinct functions,
  // through the store's own put, until allocation fails or PARK_LIMIT are held.
  let failure = '';
  try {
    for (let i = 1; i < PARK_LIMIT; i++) await store.put(parkedKey(i), cloneImage(parkedImage), parkedFn.fingerprint);
  } catch (error) {
    failure = String(error);
  }
  const held = store.list().filter((p) => p.image !== null).length;
  if (failure) console.info(`bench: parking stopped after ${held} images: ${failure}`);
  const bytesPerImage = imageBytes(parkedImage);

  const image1Figure = (what: string) => figures[`proto.image1.${what}`]!;
  return {
    ...figures,
    // One function, the 1 MiB image: restore_speedup_x = cold_new_worker_ms / restore_1mib_ms.
    'proto.restore_1mib_ms': image1Figure('warm_reset_ms'),
    'proto.restore_16mib_ms': figures['proto.heap16.warm_reset_ms']!,
    'proto.cold_new_worker_ms': image1Figure('cold_new_worker_ms'),
    'proto.restore_speedup_x': image1Figure('restore_speedup_x'),
    // Images held at once; capped: it stopped at PARK_LIMIT with nothing failing (a lower bound).
    'proto.parked_capacity': held,
    'proto.parked_capped': failure ? 0 : 1,
    // What each image's bytes cost in the store (non-zero data and extent table), and in all.
    'proto.parked_bytes_per_image': bytesPerImage,
    'proto.parked_total_mib': round((held * bytesPerImage) / 2 ** 20, 1),
    'proto.unpark_ms': round(median(unpark), 3),
  };
}
