/**
 * Issue 5's costs of the global tier, end to end: a Faaslet calls push, pull and the global locks,
 * the host agent's GlobalTier (here on the bench page) does the IndexedDB transaction or takes
 * the Web Lock, and the Faaslet resumes. Each operation is timed inside the call with the monotonic
 * clock. For comparison, the same Faaslet reads the same value on its own host through its
 * zero-copy pointer (summing every byte), which involves no host call at all.
 */
import { GlobalLocks, GlobalTier, IdbAppendedStore, IdbGlobalStore, replyAnswer } from '../../runtime/global';
import type { FaasletToHost, RunJob } from '../../runtime/faaslet';
import { createMailbox, postAnswer } from '../../runtime/host';
import { StateArena } from '../../runtime/state';
import { createToolchain, memoryImportOf } from '../../runtime/toolchain';
import { median, round } from '../measure';
import { buildC, mainJob, readyWorker } from './rewrite';

const SIZES = { '4kib': 4 << 10, '1mib': 1 << 20, '64mib': 64 << 20 } as const;
/** Timed repetitions per size: fewer for the large values. */
const REPS: Record<keyof typeof SIZES, number> = { '4kib': 60, '1mib': 20, '64mib': 5 };
const LOCK_REPS = 200;

const SOURCE = `#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "faasm/faasm.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static char out[16384];
static int out_len = 0;
static void sample(double ms) { out_len += snprintf(out + out_len, sizeof(out) - out_len, "%.4f ", ms); }

int main(void)
{
    char input[64] = { 0 };
    faasmGetInput((uint8_t*)input, sizeof(input) - 1);
    char op[16], key[32];
    long size = 0, reps = 0;
    if (sscanf(input, "%15s %31s %ld %ld", op, key, &size, &reps) != 4) return 2;
    uint8_t* value = size > 0 ? faasmReadStatePtr(key, size) : 0;
    volatile uint64_t sink = 0;
    for (long r = 0; r < reps; r++) {
        if (strcmp(op, "push") == 0) {
            value[r % size] = (uint8_t)r;
            faasmFlagStateDirty(key, size);
            double t = now_ms();
            faasmPushState(key);
            sample(now_ms() - t);
        } else if (strcmp(op, "pull") == 0) {
            double t = now_ms();
            faasmPullState(key, size);
            sample(now_ms() - t);
        } else if (strcmp(op, "read") == 0) {
            double t = now_ms();
            uint64_t s = 0;
            for (long i = 0; i < size; i++) s += value[i];
            sink += s;
            sample(now_ms() - t);
        } else if (strcmp(op, "lock") == 0) {
            double t = now_ms();
            faasmLockStateGlobalWrite(key);
            faasmUnlockStateGlobalWrite(key);
            sample(now_ms() - t);
        } else return 3;
    }
    faasmSetOutput(out, out_len);
    return 0;
}
`;

type Done = Extract<FaasletToHost, { kind: 'done' }>;

/** Runs one call in the Worker, serving its global-tier requests as the host agent would. */
function runServed(worker: Worker, job: RunJob, tier: GlobalTier): Promise<Done> {
  return new Promise((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<FaasletToHost>) => {
      if (data.kind === 'global') {
        void tier.serve({ host: 0, callId: data.callId, user: data.user }, data.request).then((reply) =>
          postAnswer(job.mailbox, replyAnswer(reply)),
        );
      } else if (data.kind === 'done') {
        tier.endCall(job.callId);
        if (data.returnCode !== 0 || data.trap) reject(new Error(`global: ${data.trap?.message ?? `return code ${data.returnCode}`}`));
        else resolve(data);
      }
    };
    worker.postMessage({ kind: 'run', job });
  });
}

export async function globalSuite(): Promise<Record<string, number>> {
  const toolchain = createToolchain(() => {});
  await toolchain.load();
  const build = await buildC(toolchain, SOURCE, true);
  toolchain.dispose();
  const module = await WebAssembly.compile(build.wasm as Uint8Array<ArrayBuffer>);
  const memory = new WebAssembly.Memory({ initial: memoryImportOf(build.wasm)?.minPages ?? 1, maximum: 1024, shared: true });
  const arena = StateArena.create();
  const tier = new GlobalTier({
    store: new IdbGlobalStore(),
    appended: new IdbAppendedStore(),
    locks: new GlobalLocks(navigator.locks),
    arenaOf: () => arena,
    emit: () => {},
    openTabs: () => null,
  });
  const worker = await readyWorker('bench-global');
  const samples = async (op: string, key: string, size: number, reps: number) => {
    const job = { ...mainJob(`global_${op}`, module, memory, arena.handle, `${op} ${key} ${size} ${reps}`), mailbox: createMailbox() };
    const done = await runServed(worker, job, tier);
    // The first sample of each call warms up (IndexedDB's first transaction, V8 tier-up).
    return new TextDecoder().decode(done.output).trim().split(' ').slice(1).map(Number);
  };

  const figures: Record<string, number> = {};
  for (const [name, size] of Object.entries(SIZES) as [keyof typeof SIZES, number][]) {
    const key = `bench_global_${name}`;
    const reps = REPS[name] + 1;
    const push = median(await samples('push', key, size, reps));
    const pull = median(await samples('pull', key, size, reps));
    const read = median(await samples('read', key, size, reps));
    figures[`global.push_${name}_ms`] = round(push, 3);
    figures[`global.pull_${name}_ms`] = round(pull, 3);
    figures[`global.zero_copy_read_${name}_ms`] = round(read, 3);
    figures[`global.pull_vs_zero_copy_${name}_x`] = round(pull / read, 1);
  }
  figures['global.push_64mib_mb_s'] = round(64 / (figures['global.push_64mib_ms']! / 1000), 0);
  figures['global.pull_64mib_mb_s'] = round(64 / (figures['global.pull_64mib_ms']! / 1000), 0);
  figures['global.lock_round_trip_ms'] = round(median(await samples('lock', 'bench_global_lock', 0, LOCK_REPS + 1)), 3);
  worker.terminate();
  tier.dispose();
  return figures;
}
