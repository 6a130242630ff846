/**
 * Faasm's lifecycle in one Faaslet, in Node: a cold start initialises and takes the
 * Proto-Faaslet; warm and restored starts never rerun the zygote and every call starts from the
 * post-zygote state, with its own input, args and output.
 */
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, moduleFingerprint, type ProtoImage } from '../proto';
import { StateArena } from '../state';
import { exportMutableGlobals } from '../toolchain/export-globals';
import { importMemoryAsShared } from '../toolchain/memory-import';
import { assembleWat } from '../toolchain/wat';
import { runFaaslet, type FaasletLink } from './instance';
import { standaloneJob } from './job';
import type { FaasletToHost, RunJob, StartPlan } from './protocol';
import type { HeldInstance } from './start';

// Output bytes: [calls (a global), a memory counter, zygote runs, argc, input length,
// initialised data, zygote-filled table, stack pointer's low byte].
const WAT = `(module
  (import "env" "__faasm_read_input" (func $read_input (param i32 i32) (result i32)))
  (import "env" "__faasm_write_output" (func $write_output (param i32 i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (memory 2)
  (global $sp (mut i32) (i32.const 1024))
  (global $calls (mut i32) (i32.const 0))
  (data (i32.const 64) "\\2a")
  (func (export "_faasm_zygote") (result i32)
    (i32.store (i32.const 128) (i32.add (i32.load (i32.const 128)) (i32.const 1)))
    (memory.fill (i32.const 70000) (i32.const 0xab) (i32.const 4096))
    (i32.const 0))
  (func (export "_start")
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (global.set $sp (i32.sub (global.get $sp) (i32.const 16)))
    (i32.store (i32.const 256) (i32.add (i32.load (i32.const 256)) (i32.const 1)))
    (i32.store8 (i32.const 512) (global.get $calls))
    (i32.store8 (i32.const 513) (i32.load (i32.const 256)))
    (i32.store8 (i32.const 514) (i32.load (i32.const 128)))
    (drop (call $args_sizes (i32.const 600) (i32.const 604)))
    (i32.store8 (i32.const 515) (i32.load (i32.const 600)))
    (i32.store8 (i32.const 516) (call $read_input (i32.const 0) (i32.const 0)))
    (i32.store8 (i32.const 517) (i32.load8_u (i32.const 64)))
    (i32.store8 (i32.const 518) (i32.load8_u (i32.const 70001)))
    (i32.store8 (i32.const 519) (global.get $sp))
    (call $write_output (i32.const 512) (i32.const 8))))`;

async function build(wat = WAT) {
  const res = await assembleWat(wat);
  if (!res.wasm) throw new Error(res.log);
  const wasm = exportMutableGlobals(importMemoryAsShared(res.wasm));
  return { module: new WebAssembly.Module(wasm), fingerprint: await moduleFingerprint(wasm) };
}

/** How the Faaslet reported it started a call. */
const startOf = (posted: FaasletToHost[], callId: number) => posted.find((m) => m.kind === 'started' && m.callId === callId);

const memory = (pages = 2) => new WebAssembly.Memory({ initial: pages, maximum: 64, shared: true });

describe('Faaslet lifecycle', () => {
  it('initialises once, then every call starts from the post-zygote state', async () => {
    const { module, fingerprint } = await build();
    const arena = StateArena.create({ initialPages: 1 });
    const posted: FaasletToHost[] = [];
    const link: FaasletLink = { onOutput() {}, post: (m) => posted.push(m), answer: () => Promise.reject(new Error('no awaits')) };
    let callId = 0;
    const job = (mem: WebAssembly.Memory, start: StartPlan, args: string[] = []): RunJob =>
      standaloneJob({
        callId: ++callId,
        functionName: 'demo/counter',
        user: 'demo',
        module,
        memory: mem,
        input: new Uint8Array(callId),
        args,
        arena: arena.handle,
        start,
      });

    const slot = memory();
    const cold = await runFaaslet(job(slot, { kind: 'cold', fingerprint, capture: true }), link, null);
    expect(cold.done).toMatchObject({ returnCode: 0, trap: null });
    expect(startOf(posted, 1)).toMatchObject({ startKind: 'cold', zygoteRan: true, startMs: expect.any(Number) });
    // Posted before the function ran: before its Proto-Faaslet went out too.
    expect(posted.findIndex((m) => m.kind === 'started')).toBeLessThan(posted.findIndex((m) => m.kind === 'proto'));
    // calls 1, counter 1, zygote ran once, argc 1, input 1 byte, data 42, table 0xab, sp 1008.
    expect([...cold.done.output]).toEqual([1, 1, 1, 1, 1, 42, 0xab, 0xf0]);
    const proto = posted.find((m) => m.kind === 'proto');
    expect(proto).toMatchObject({ kind: 'proto', callId: 1, functionName: 'demo/counter' });
    const image = (proto as { image: ProtoImage }).image;
    expect(image.fingerprint).toBe(fingerprint);

    let held: HeldInstance | null = cold.held;
    for (const args of [['a'], ['a', 'b']]) {
      const warm = await runFaaslet(job(slot, { kind: 'warm', fingerprint, image }, args), link, held);
      expect(startOf(posted, callId)).toMatchObject({ startKind: 'warm', zygoteRan: false });
      expect(warm.held?.instance).toBe(cold.held?.instance); // the same instance, reset in place
      expect([...warm.done.output]).toEqual([1, 1, 1, 1 + args.length, callId, 42, 0xab, 0xf0]);
      held = warm.held;
    }

    // Another Worker (no held instance), a fresh memory: instantiate and copy the image in.
    const restored = await runFaaslet(job(memory(), { kind: 'restored', fingerprint, image }), link, null);
    expect(startOf(posted, callId)).toMatchObject({ startKind: 'restored', zygoteRan: false });
    expect([...restored.done.output]).toEqual([1, 1, 1, 1, callId, 42, 0xab, 0xf0]);

    // A warm plan in a Worker that lost its instance (replaced) restores instead.
    const fallback = await runFaaslet(job(slot, { kind: 'warm', fingerprint, image }), link, null);
    expect(fallback.done.returnCode).toBe(0);
    expect(startOf(posted, callId)).toMatchObject({ startKind: 'restored', zygoteRan: false });
    expect(posted.filter((m) => m.kind === 'proto')).toHaveLength(1);
  });

  it('reports a zygote run only where _faasm_zygote was invoked', async () => {
    const { module, fingerprint } = await build('(module (memory 1) (func (export "_start")))');
    const arena = StateArena.create({ initialPages: 1 });
    const posted: FaasletToHost[] = [];
    const link: FaasletLink = { onOutput() {}, post: (m) => posted.push(m), answer: () => Promise.reject(new Error('no awaits')) };
    const run = await runFaaslet(
      standaloneJob({
        callId: 1,
        functionName: 'demo/plain',
        user: 'demo',
        module,
        memory: memory(1),
        arena: arena.handle,
        start: { kind: 'cold', fingerprint, capture: false },
      }),
      link,
      null,
    );
    expect(run.done.returnCode).toBe(0);
    expect(startOf(posted, 1)).toMatchObject({ startKind: 'cold', zygoteRan: false });
  });

  it('refuses an image of another module with a clear error', async () => {
    const { module, fingerprint } = await build();
    const arena = StateArena.create({ initialPages: 1 });
    const link: FaasletLink = { onOutput() {}, post() {}, answer: () => Promise.reject(new Error('no awaits')) };
    const base = standaloneJob({ callId: 1, functionName: 'demo/counter', user: 'demo', module, memory: memory(), arena: arena.handle });
    const cold = await runFaaslet({ ...base, start: { kind: 'cold', fingerprint, capture: false } }, link, null);
    const stale: ProtoImage = {
      fingerprint: 'f'.repeat(64),
      memoryBytes: 2 * PAGE_SIZE,
      extents: new Uint32Array(),
      data: new Uint8Array(),
      globals: {},
      createdAt: 0,
    };
    const run = await runFaaslet({ ...base, start: { kind: 'warm', fingerprint, image: stale } }, link, cold.held);
    expect(run.done.returnCode).toBe(1);
    expect(run.done.trap?.message).toMatch(/^reset failed: Proto-Faaslet image of module ffffffffffff does not match/);
  });
});
