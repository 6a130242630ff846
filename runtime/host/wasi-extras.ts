/**
 * The WASI calls the runtime answers itself instead of the shim: clocks (the shim's monotonic
 * clock is the Worker's own performance.now(), not comparable across Workers) and random_get
 * (the shim falls back to Math.random on shared memory). Pointers go through FaasletMemory, so
 * shared-window addresses work too.
 */
import { wasi } from '@bjorn3/browser_wasi_shim';
import { realtimeNs, type UserClock } from './clock';
import type { FaasletMemory } from './memory';
import { fillRandom } from './random';

const u64 = (value: bigint) => {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, value, true);
  return bytes;
};

export function timeAndRandomImports(memory: FaasletMemory, clock: () => UserClock) {
  return {
    clock_time_get(id: number, _precision: bigint, timePtr: number): number {
      if (id === wasi.CLOCKID_REALTIME) memory.write('clock_time_get', timePtr, u64(realtimeNs()));
      else if (id === wasi.CLOCKID_MONOTONIC) memory.write('clock_time_get', timePtr, u64(clock().monotonicNs()));
      // clock() (wasi-libc's emulated process clocks, as Faasm links them) reads these. A page has no CPU
      // clock per thread: until fuel-based CPU time lands, they read the monotonic clock, so a difference
      // measures the call's wall time, waits included.
      else if (id === wasi.CLOCKID_PROCESS_CPUTIME_ID || id === wasi.CLOCKID_THREAD_CPUTIME_ID) {
        memory.write('clock_time_get', timePtr, u64(clock().monotonicNs()));
      } else return wasi.ERRNO_INVAL;
      return wasi.ERRNO_SUCCESS;
    },
    random_get(bufPtr: number, len: number): number {
      fillRandom(memory.view('random_get', bufPtr, len));
      return wasi.ERRNO_SUCCESS;
    },
  };
}
