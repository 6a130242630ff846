/**
 * Issue 4's payoff: eight Faaslets of one user on one host each read the same 64 MiB state value.
 * Zero-copy maps it (`faasmReadStatePtr`, rewritten module) and sums the bytes in place; copy
 * reads it into a malloc'd private buffer (`faasmReadState`; that module maps nothing, so it is not
 * rewritten and runs at full speed, as such a function would) and sums that. Figures: wall time
 * for all eight to finish, the private memory 0 the eight hold afterwards, and the total with the
 * state arena, which both variants have (the value lives there). The memory saving is the ratio
 * of totals: the arena is paid either way.
 */
import { StateArena } from '../../runtime/state';
import { createToolchain, memoryImportOf } from '../../runtime/toolchain';
import { median, round } from '../measure';
import { buildC, mainJob, readyWorker, runOn } from './rewrite';

const FAASLETS = 8;
const ROUNDS = 9;
const VALUE_BYTES = 64 << 20;
/** 128 MiB: room for the copy plus the module's own memory. */
const MEMORY_MAX_PAGES = 2048;

const SOURCE = `#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "faasm/faasm.h"

#define KEY "bench_zero_copy"
#define SIZE (${VALUE_BYTES}L)

static uint64_t sum(const uint8_t* p)
{
    uint64_t s = 0;
    for (long i = 0; i < SIZE; i++) s += p[i];
    return s;
}

int main(void)
{
    char mode[8] = { 0 };
    faasmGetInput((uint8_t*)mode, 7);
#ifdef ZERO_COPY
    uint8_t* value = faasmReadStatePtr(KEY, SIZE);
    if (strcmp(mode, "fill") == 0) {
        uint32_t x = 2463534242u;
        for (long i = 0; i < SIZE; i++) {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            value[i] = (uint8_t)x;
        }
    }
#else
    uint8_t* value = malloc(SIZE);
    if (!value || faasmReadState(KEY, value, SIZE) != SIZE) return 3;
#endif
    char out[32];
    int len = snprintf(out, sizeof out, "%llu", (unsigned long long)sum(value));
    faasmSetOutput(out, len);
    return 0;
}
`;

export async function zeroCopySuite(): Promise<Record<string, number>> {
  const toolchain = createToolchain(() => {});
  await toolchain.load();
  const zeroCopyBuild = await buildC(toolchain, `#define ZERO_COPY 1\n${SOURCE}`, true);
  const copyBuild = await buildC(toolchain, SOURCE, true);
  toolchain.dispose();
  if (!zeroCopyBuild.rewrite.rewritten || copyBuild.rewrite.rewritten) throw new Error('zero-copy: unexpected rewrite outcome');
  const variants = {
    zero_copy: { wasm: zeroCopyBuild.wasm, module: await WebAssembly.compile(zeroCopyBuild.wasm as Uint8Array<ArrayBuffer>) },
    copy: { wasm: copyBuild.wasm, module: await WebAssembly.compile(copyBuild.wasm as Uint8Array<ArrayBuffer>) },
  };
  const arena = StateArena.create();
  const memoryFor = (wasm: Uint8Array) =>
    new WebAssembly.Memory({ initial: memoryImportOf(wasm)?.minPages ?? 1, maximum: MEMORY_MAX_PAGES, shared: true });

  const filler = await readyWorker('bench-zero-copy-fill');
  const filled = await runOn(filler, mainJob('fill', variants.zero_copy.module, memoryFor(variants.zero_copy.wasm), arena.handle, 'fill'));
  filler.terminate();
  const expected = new TextDecoder().decode(filled.output);

  /**
   * One round: eight fresh Workers with fresh memories (untimed), then all eight calls at once.
   * Fresh each round so the copy variant's grown memories never pile up: the page can hold only
   * ~123 live WebAssembly memories, and terminating the Workers lets V8 reclaim them.
   */
  const runRound = async (variant: keyof typeof variants) => {
    const { wasm, module } = variants[variant];
    const workers = await Promise.all(Array.from({ length: FAASLETS }, (_, i) => readyWorker(`bench-${variant}-${i}`)));
    const memories = workers.map(() => memoryFor(wasm));
    const start = performance.now();
    const results = await Promise.all(
      workers.map((worker, i) => runOn(worker, mainJob(variant, module, memories[i]!, arena.handle, 'read'))),
    );
    const ms = performance.now() - start;
    for (const worker of workers) worker.terminate();
    for (const result of results) {
      const sum = new TextDecoder().decode(result.output);
      if (sum !== expected) throw new Error(`zero-copy: ${variant} summed ${sum}, the value sums to ${expected}`);
    }
    return { ms, privateBytes: memories.reduce((total, memory) => total + memory.buffer.byteLength, 0) };
  };

  const samples = { zero_copy: [] as number[], copy: [] as number[] };
  const privateBytes = { zero_copy: 0, copy: 0 };
  // The first pair of rounds warms up code tiering and is not counted; then alternate.
  for (let i = 0; i <= ROUNDS; i++) {
    for (const variant of i % 2 ? (['copy', 'zero_copy'] as const) : (['zero_copy', 'copy'] as const)) {
      const result = await runRound(variant);
      if (i > 0) samples[variant].push(result.ms);
      privateBytes[variant] = result.privateBytes;
    }
  }
  const zeroCopyMs = median(samples.zero_copy);
  const copyMs = median(samples.copy);
  const arenaBytes = arena.memory.buffer.byteLength;
  const totalBytes = { zero_copy: privateBytes.zero_copy + arenaBytes, copy: privateBytes.copy + arenaBytes };
  const mib = (bytes: number) => round(bytes / 2 ** 20, 1);
  return {
    'state.zero_copy_speedup_x': round(copyMs / zeroCopyMs, 2),
    'state.zero_copy_memory_saving_x': round(totalBytes.copy / totalBytes.zero_copy, 2),
    'state.zero_copy_ms': round(zeroCopyMs, 1),
    'state.copy_ms': round(copyMs, 1),
    'state.zero_copy_private_mib': mib(privateBytes.zero_copy),
    'state.copy_private_mib': mib(privateBytes.copy),
    'state.zero_copy_total_mib': mib(totalBytes.zero_copy),
    'state.copy_total_mib': mib(totalBytes.copy),
  };
}
