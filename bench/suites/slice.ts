/**
 * Issue 2's figures: toolchain first load and cached reload, warm compile of the example,
 * Faaslet cold start from a new Worker and warm run in a reused Worker.
 */
import { spawnFaasletWorker, standaloneJob, type FaasletToHost, type RunJob } from '../../runtime/faaslet';
import { StateArena } from '../../runtime/state';
import { createToolchain, memoryImportOf } from '../../runtime/toolchain';
import { median, round, timeMedian } from '../measure';

const EXAMPLE = `#include <stdio.h>
#include <string.h>
#include "faasm/faasm.h"

int main(int argc, char* argv[]) {
    long size = faasmGetInputSize();
    char buf[256] = {0};
    faasmGetInput((unsigned char*) buf, size < 255 ? size : 255);
    char out[300];
    snprintf(out, sizeof out, "Hello, %s!", buf);
    faasmSetOutput((unsigned char*) out, strlen(out));
    printf("said hello to %s\\n", buf);
    return 0;
}
`;

/** Posts one job to a Faaslet Worker and waits for its `done`. */
function runOn(worker: Worker, job: RunJob): Promise<Extract<FaasletToHost, { kind: 'done' }>> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<FaasletToHost>) => {
      if (event.data.kind === 'done') {
        if (event.data.returnCode !== 0) reject(new Error(event.data.trap?.message ?? 'call failed'));
        else resolve(event.data);
      }
    };
    worker.postMessage({ kind: 'run', job });
  });
}

const readyWorker = (name: string) =>
  new Promise<Worker>((resolve) => {
    const worker = spawnFaasletWorker(name);
    worker.onmessage = () => resolve(worker);
  });

export async function sliceSuite(): Promise<Record<string, number>> {
  for (const name of await caches.keys()) await caches.delete(name);
  const first = createToolchain((done, total) => console.info(`bench: toolchain ${done} / ${total}`));
  const firstLoad = await first.load();
  first.dispose();
  const toolchain = createToolchain(() => {});
  const cachedLoad = await toolchain.load();

  const build = async () => {
    const outcome = await toolchain.build({ language: 'c', source: EXAMPLE });
    if (!outcome.ok) throw new Error(outcome.log);
    return outcome;
  };
  const warmCompileMs = await timeMedian(7, build, 2);
  const { wasm } = await build();
  const minPages = memoryImportOf(wasm)?.minPages ?? 1;
  toolchain.dispose();

  let callId = 0;
  // One memory for every run, as a Faaslet reuses its own (it clears it first).
  const memory = new WebAssembly.Memory({ initial: minPages, maximum: 4096, shared: true });
  const arena = StateArena.create();
  const job = (module: WebAssembly.Module): RunJob =>
    standaloneJob({
      callId: ++callId,
      functionName: 'bench/hello',
      user: 'bench',
      awaitMode: 'jspi',
      arena: arena.handle,
      module,
      memory,
      input: new TextEncoder().encode('bench'),
    });

  const cold: number[] = [];
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    const worker = await readyWorker(`bench-cold-${i}`);
    const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
    await runOn(worker, job(module));
    cold.push(performance.now() - start);
    worker.terminate();
  }

  const worker = await readyWorker('bench-warm');
  const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
  const warmRunMs = await timeMedian(50, () => runOn(worker, job(module)), 3);
  worker.terminate();

  return {
    'toolchain.first_load_ms': round(firstLoad.loadMs, 1),
    'toolchain.first_load_network_mb': round(firstLoad.networkBytes / 1e6, 1),
    'toolchain.reload_ms': round(cachedLoad.loadMs, 1),
    'toolchain.reload_network_bytes': cachedLoad.networkBytes,
    'toolchain.warm_compile_ms': round(warmCompileMs, 1),
    'faaslet.cold_new_worker_ms': round(median(cold), 2),
    'faaslet.warm_run_ms': round(warmRunMs, 3),
    'faaslet.cold_vs_warm_x': round(median(cold) / warmRunMs, 1),
  };
}
