/**
 * Issue 6's figures, the seed's Table 3 in the browser: for a no-op function and one whose
 * zygote mallocs and fills 16 MiB, side by side — cold start from a new Worker (Worker + compile
 * + instantiate + initialise), cold start in a warm Worker, Proto-Faaslet restore in a warm
 * Worker (fresh memory, cached module), warm reuse (reset in place). Also the reset of a 1 MiB
 * image, how many parked images a tab holds, and the time to unpark one into a pool slot.
 * Start times are measured inside the Faaslet (`startMs`); cold-from-new-Worker is wall time.
 */
import { spawnFaasletWorker, type FaasletToHost, type RunJob, type StartPlan, type StartReport } from '../../runtime/faaslet';
import { PAGE_SIZE, imageBytes, moduleFingerprint, type ProtoImage } from '../../runtime/proto';
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

/** Memory 0 is exactly 1 MiB and the zygote fills all of it: a 1 MiB image. */
const IMAGE_1MIB = `(module
  (memory 16)
  (func (export "_faasm_zygote") (result i32)
    (memory.fill (i32.const 0) (i32.const 0x5a) (i32.const 1048576))
    (i32.const 0))
  (func (export "_start")))`;

const SAMPLES = 30;
/** Parked images are created until this many, or until allocation fails. */
const PARK_LIMIT = 20_000;

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
  toolchain.dispose();

  const arena = StateArena.create();
  let callId = 0;
  const newMemory = (pages: number) => new WebAssembly.Memory({ initial: pages, maximum: 4096, shared: true });
  const job = (fn: Built, memory: WebAssembly.Memory, start: StartPlan, module = fn.module): RunJob => ({
    callId: ++callId,
    functionName: `bench/${fn.name}`,
    user: 'bench',
    module,
    memory,
    input: new Uint8Array(),
    args: [],
    entry: { kind: 'main' },
    callIds: new Int32Array(new SharedArrayBuffer(4)),
    awaitMode: 'jspi',
    mailbox: new SharedArrayBuffer(16),
    arena: arena.handle,
    start,
  });
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
    Object.assign(figures, {
      [`proto.${fn.name}.image_mib`]: round(image.memoryBytes / 2 ** 20, 2),
      [`proto.${fn.name}.stored_kib`]: round(imageBytes(image) / 1024, 1),
      [`proto.${fn.name}.cold_new_worker_ms`]: round(median(newWorker), 2),
      [`proto.${fn.name}.cold_warm_worker_ms`]: round(median(coldWarmWorker), 3),
      [`proto.${fn.name}.restored_ms`]: round(median(restored), 3),
      [`proto.${fn.name}.restored_reused_memory_ms`]: round(median(reused), 3),
      [`proto.${fn.name}.warm_reset_ms`]: round(median(warm), 3),
    });
  }

  // Unpark: a parked image into a pool slot that holds another module, as the cluster does it
  // (the slot's smaller memory reused, the cached module instantiated); wall time from the page.
  const noop = functions[0]!;
  const noopImage = images.get('noop')!;
  const unpark: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const slotMemory = newMemory(16);
    await runOn(worker, job(functions[2]!, slotMemory, cold(functions[2]!)));
    const t0 = performance.now();
    await runOn(worker, job(noop, slotMemory, { kind: 'restored', fingerprint: noop.fingerprint, image: noopImage }));
    unpark.push(performance.now() - t0);
  }
  worker.terminate();

  // Parked capacity: copies of the no-op Faaslet's image, each in its own SharedArrayBuffers.
  const parked: ProtoImage[] = [];
  let failure = '';
  try {
    while (parked.length < PARK_LIMIT) {
      const extents = new Uint32Array(new SharedArrayBuffer(noopImage.extents.byteLength));
      extents.set(noopImage.extents);
      const data = new Uint8Array(new SharedArrayBuffer(noopImage.data.byteLength));
      data.set(noopImage.data);
      parked.push({ ...noopImage, extents, data, globals: { ...noopImage.globals } });
    }
  } catch (error) {
    failure = String(error);
  }
  if (failure) console.info(`bench: parking stopped after ${parked.length} images: ${failure}`);
  const parkedCount = parked.length;
  parked.length = 0;

  const cold1 = figures['proto.noop.cold_new_worker_ms']!;
  const restore1 = figures['proto.image1.warm_reset_ms']!;
  return {
    ...figures,
    'proto.restore_1mib_ms': restore1,
    'proto.restore_16mib_ms': figures['proto.heap16.warm_reset_ms']!,
    'proto.cold_new_worker_ms': cold1,
    'proto.restore_speedup_x': round(cold1 / Math.max(restore1, 0.001), 1),
    // Images held at once; when nothing failed it stopped at PARK_LIMIT, so it is a lower bound.
    'proto.parked_capacity': parkedCount,
    'proto.parked_capped': failure ? 0 : 1,
    'proto.parked_bytes_per_image': imageBytes(noopImage),
    'proto.unpark_ms': round(median(unpark), 3),
  };
}
