/**
 * Host calls book fuel (fuel.ts, HOST_CALL_UNITS): a loop whose work is all in host calls is
 * killed by its CPU-time budget.
 */
import { describe, expect, it } from 'vitest';
import { StateArena } from '../state';
import { importMemoryAsShared } from '../toolchain/memory-import';
import { assembleWat } from '../toolchain/wat';
import { FaasletControl, FaasletKilled } from './control';
import { HOST_CALL_UNITS } from './fuel';
import { runFaaslet, type FaasletLink } from './instance';
import { standaloneJob } from './job';

// No fuel import: the loop burns no wasm fuel, only host calls (the input size, over and over).
const HOST_LOOP = `(module
  (import "env" "__faasm_read_input" (func $read_input (param i32 i32) (result i32)))
  (memory 1)
  (func (export "_start")
    (loop $again (drop (call $read_input (i32.const 0) (i32.const 0))) (br $again))))`;

async function hostLoop() {
  const res = await assembleWat(HOST_LOOP);
  if (!res.wasm) throw new Error(res.log);
  return new WebAssembly.Module(importMemoryAsShared(res.wasm));
}

const link: FaasletLink = { onOutput: () => {}, post: () => {}, answer: () => new Promise(() => {}) };

describe('host calls book fuel', () => {
  it('a loop of host calls is killed by its CPU-time budget, having booked what its calls cost', async () => {
    const job = standaloneJob({
      callId: 1,
      functionName: 'alice/hostloop',
      user: 'alice',
      module: await hostLoop(),
      memory: new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true }),
      arena: StateArena.create({ initialPages: 1 }).handle,
      cpuBudgetUnits: 1000 * HOST_CALL_UNITS,
    });
    const killed = await runFaaslet(job, link, null).then(
      () => null,
      (error: unknown) => error,
    );
    expect(killed).toBeInstanceOf(FaasletKilled);
    expect((killed as FaasletKilled).reason).toBe('time-limit');
    const control = new FaasletControl(job.control);
    expect(control.unitsUsed).toBe(1001 * HOST_CALL_UNITS);
  });
});
