import { wasi } from '@bjorn3/browser_wasi_shim';
import { describe, expect, it } from 'vitest';
import { createClockWord, UserClock } from './clock';
import { FaasletMemory } from './memory';
import { timeAndRandomImports } from './wasi-extras';

describe('clock_time_get', () => {
  it('answers the process and thread CPU clocks (what clock() reads) from the monotonic clock', () => {
    const raw = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    let now = 1_000;
    const clock = new UserClock(createClockWord(), () => now);
    const imports = timeAndRandomImports(new FaasletMemory(raw), () => clock);
    const read = (id: number) => {
      expect(imports.clock_time_get(id, 0n, 8)).toBe(wasi.ERRNO_SUCCESS);
      return new DataView(raw.buffer).getBigUint64(8, true);
    };
    const start = read(wasi.CLOCKID_PROCESS_CPUTIME_ID);
    now = 1_002;
    expect(read(wasi.CLOCKID_PROCESS_CPUTIME_ID) - start).toBe(2_000_000n);
    expect(read(wasi.CLOCKID_THREAD_CPUTIME_ID)).toBe(1_002_000_000n);
    expect(imports.clock_time_get(99, 0n, 8)).toBe(wasi.ERRNO_INVAL);
  });
});
