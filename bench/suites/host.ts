/**
 * Issue 8's costs: file throughput through WASI (the user's files, preopened as '/'), the flush of
 * a call's changes to IndexedDB, and a round trip on the virtual echo endpoint with and without
 * bandwidth shaping. In-call figures are timed inside the Faaslet with the monotonic clock.
 */
import { IdbFileStore } from '../../runtime/host/files';
import { StateArena } from '../../runtime/state';
import { createToolchain, memoryImportOf } from '../../runtime/toolchain';
import { median, round, timeMedian } from '../measure';
import { buildC, mainJob, readyWorker, runOn } from './rewrite';

const SOURCE = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "faasm/faasm.h"
#include "faasm/network.h"

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static char out[8192];
static int out_len = 0;
static void sample(double ms) { out_len += snprintf(out + out_len, sizeof(out) - out_len, "%.4f ", ms); }

int main(void) {
    char input[64] = {0}, op[16];
    long size = 0, reps = 0;
    faasmGetInput((uint8_t*)input, sizeof input - 1);
    if (sscanf(input, "%15s %ld %ld", op, &size, &reps) != 3) return 2;
    char* data = malloc(size);
    memset(data, 'x', size);
    int sock = strcmp(op, "echo") == 0 ? faasmNetConnect("echo") : -1;
    for (long r = 0; r < reps; r++) {
        double t = now_ms();
        if (strcmp(op, "write") == 0) {
            FILE* f = fopen("bench.bin", "w");
            if (!f || fwrite(data, 1, size, f) != (size_t)size) return 3;
            fclose(f);
        } else if (strcmp(op, "read") == 0) {
            FILE* f = fopen("bench.bin", "r");
            if (!f || fread(data, 1, size, f) != (size_t)size) return 4;
            fclose(f);
        } else if (strcmp(op, "echo") == 0) {
            if (send(sock, data, size, 0) != size) return 5;
            for (long got = 0; got < size;) got += recv(sock, data + got, size - got, 0);
        } else return 6;
        sample(now_ms() - t);
    }
    faasmSetOutput(out, out_len);
    return 0;
}
`;

const SIZES = { '4kib': 4 << 10, '1mib': 1 << 20 } as const;
const REPS = 21;
/** The shaped link: 10 MiB/s, so a 4 KiB round trip (out and back) takes ~0.8 ms on the wire. */
const SHAPED_BYTES_PER_SECOND = 10 << 20;

export async function hostSuite(): Promise<Record<string, number>> {
  const toolchain = createToolchain(() => {});
  await toolchain.load();
  const build = await buildC(toolchain, SOURCE, false);
  toolchain.dispose();
  const module = await WebAssembly.compile(build.wasm as Uint8Array<ArrayBuffer>);
  const memory = new WebAssembly.Memory({ initial: memoryImportOf(build.wasm)?.minPages ?? 1, maximum: 1024, shared: true });
  const arena = StateArena.create({ initialPages: 1 });
  const worker = await readyWorker('bench-host');
  const samples = async (op: string, size: number, extra: { files?: Map<string, Uint8Array>; bandwidth?: number } = {}) => {
    const done = await runOn(worker, { ...mainJob(`host_${op}`, module, memory, arena.handle, `${op} ${size} ${REPS}`), ...extra });
    // The first sample warms up (allocator, V8 tier-up).
    return new TextDecoder().decode(done.output).trim().split(' ').slice(1).map(Number);
  };

  const figures: Record<string, number> = {};
  const store = new IdbFileStore();
  for (const [name, size] of Object.entries(SIZES) as [keyof typeof SIZES, number][]) {
    const file = new Uint8Array(size).fill(120);
    figures[`files.write_${name}_ms`] = round(median(await samples('write', size)), 3);
    figures[`files.read_${name}_ms`] = round(median(await samples('read', size, { files: new Map([['bench.bin', file]]) })), 3);
    // What a call's end adds: its changed file flushed to IndexedDB in one transaction.
    figures[`files.flush_${name}_ms`] = round(
      await timeMedian(9, () => store.apply('bench', { written: new Map([['bench.bin', file]]), removed: [] })),
      3,
    );
  }
  figures['files.write_1mib_mb_s'] = round(1 / (figures['files.write_1mib_ms']! / 1000), 0);
  figures['files.read_1mib_mb_s'] = round(1 / (figures['files.read_1mib_ms']! / 1000), 0);
  await store.apply('bench', { written: new Map(), removed: ['bench.bin'] });

  figures['net.echo_round_trip_ms'] = round(median(await samples('echo', 64)), 4);
  figures['net.echo_4kib_round_trip_ms'] = round(median(await samples('echo', 4096)), 4);
  const shaped = median(await samples('echo', 4096, { bandwidth: SHAPED_BYTES_PER_SECOND }));
  figures['net.echo_4kib_shaped_10mib_s_ms'] = round(shaped, 4);
  figures['net.echo_4kib_shaped_expected_ms'] = round(((2 * 4096) / SHAPED_BYTES_PER_SECOND) * 1000, 4);
  worker.terminate();
  return figures;
}
