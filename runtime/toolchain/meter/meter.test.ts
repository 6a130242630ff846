import { describe, expect, it } from 'vitest';
import { FUEL_GLOBAL_EXPORT, FUEL_IMPORT, FUEL_SLICE } from '../../faaslet/fuel';
import { dylinkOf } from '../../host/dynlink';
import { sideModule } from '../../host/dynlink/side-module.test-support';
import { GLOBAL_EXPORT_PREFIX, exportMutableGlobals } from '../export-globals';
import { importMemoryAsShared } from '../memory-import';
import { HEAD } from '../rewrite/test-modules';
import { wabtValidate } from '../test-support/multi-memory';
import { transform } from '../transform';
import { assembleWat } from '../wat';
import { meteringProblem } from '.';

async function metered(body: string, head = '(import "env" "memory" (memory 1 1 shared))'): Promise<Uint8Array<ArrayBuffer>> {
  const w = await assembleWat(`(module ${head}\n${body})`);
  if (!w.wasm) throw new Error(w.log);
  const { wasm, meter } = await transform(importMemoryAsShared(w.wasm), { rewrite: false, meter: true });
  expect(meter).not.toBeNull();
  return wasm as Uint8Array<ArrayBuffer>;
}

/** A stand-in for the Faaslet's side of the contract: books each slice, stops after `maxCalls`. */
class Meter {
  calls = 0;
  booked = 0;
  constructor(private readonly maxCalls = Infinity) {}
  fuel = (left: number): number => {
    expect(left).toBeLessThan(0);
    this.calls++;
    this.booked += FUEL_SLICE - left;
    if (this.calls >= this.maxCalls) throw new Error('out of fuel');
    return FUEL_SLICE;
  };
}

async function instantiate(wasm: Uint8Array<ArrayBuffer>, meter: Meter) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const { instance } = await WebAssembly.instantiate(wasm, { env: { memory }, [FUEL_IMPORT.module]: { [FUEL_IMPORT.name]: meter.fuel, grow: (n: number) => memory.grow(n) } });
  const left = instance.exports[FUEL_GLOBAL_EXPORT] as WebAssembly.Global;
  left.value = FUEL_SLICE; // as the Faaslet does at each call start
  /** Units used so far: the slices booked plus what the current one has spent. */
  const used = () => meter.booked + (FUEL_SLICE - (left.value as number));
  return { instance, used };
}

const COUNTED = `(func (export "count") (param $n i32) (result i32) (local $i i32) (local $acc i32)
  (block $out (loop $l
    (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (i32.const 3))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $l)))
  (local.get $acc))`;

describe('the metering pass', () => {
  it('adds the fuel import and the exported fuel global, and the module passes the metering check', async () => {
    const wasm = await metered(COUNTED);
    const module = new WebAssembly.Module(wasm);
    expect(WebAssembly.Module.imports(module)).toContainEqual({ module: FUEL_IMPORT.module, name: FUEL_IMPORT.name, kind: 'function' });
    expect(WebAssembly.Module.exports(module)).toContainEqual({ name: FUEL_GLOBAL_EXPORT, kind: 'global' });
    expect(meteringProblem(module)).toBeNull();
  });

  it('says what an unmetered module lacks', async () => {
    const w = await assembleWat(`(module ${COUNTED})`);
    const problem = meteringProblem(new WebAssembly.Module(w.wasm as Uint8Array<ArrayBuffer>));
    expect(problem).toMatch(/not metered for the CPU-time limit/);
    expect(problem).toContain(`${FUEL_IMPORT.module}.${FUEL_IMPORT.name}`);
    expect(problem).toContain(FUEL_GLOBAL_EXPORT);
  });

  it('stops an infinite loop: the loop header keeps calling the fuel import', async () => {
    const meter = new Meter(5);
    const { instance } = await instantiate(await metered('(func (export "spin") (loop $l (br $l)))'), meter);
    expect(() => (instance.exports['spin'] as () => void)()).toThrow('out of fuel');
    expect(meter.calls).toBe(5);
    expect(meter.booked).toBeGreaterThanOrEqual(4 * FUEL_SLICE);
  });

  it('stops a loop that has a result type and a nested infinite loop alike', async () => {
    for (const body of [
      '(func (export "spin") (result i32) (loop $l (result i32) (br $l)))',
      '(func (export "spin") (result i32) (loop $outer (result i32) (loop $inner (br $inner)) (br $outer)))',
    ]) {
      const meter = new Meter(4);
      const { instance } = await instantiate(await metered(body), meter);
      expect(() => (instance.exports['spin'] as () => number)()).toThrow('out of fuel');
      expect(meter.calls).toBe(4);
    }
  });

  it('books work in proportion to loop iterations, the same for every iteration', async () => {
    const meter = new Meter();
    const { instance, used } = await instantiate(await metered(COUNTED), meter);
    const count = instance.exports['count'] as (n: number) => number;
    const samples = [0, 10_000, 20_000, 30_000].map((n) => {
      const before = used();
      expect(count(n)).toBe(Math.imul(3, (n * (n - 1)) / 2) | 0);
      return used() - before;
    });
    const perIteration = (samples[1]! - samples[0]!) / 10_000;
    // The loop body has ~14 expressions: one charge of that weight per iteration.
    expect(perIteration).toBeGreaterThan(5);
    expect(perIteration).toBeLessThan(30);
    expect(Number.isInteger(perIteration)).toBe(true);
    expect(samples[2]! - samples[1]!).toBe(samples[1]! - samples[0]!);
    expect(samples[3]! - samples[2]!).toBe(samples[1]! - samples[0]!);
    // 30,000 iterations spend several slices: the slow path ran and booked them.
    expect(meter.calls).toBeGreaterThan(1);
  });

  it('charges function entries, so recursion without loops is metered too', async () => {
    const meter = new Meter();
    const { instance, used } = await instantiate(await metered(`(func $fib (export "fib") (param $n i32) (result i32)
      (if (result i32) (i32.lt_u (local.get $n) (i32.const 2)) (then (local.get $n))
        (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1))) (call $fib (i32.sub (local.get $n) (i32.const 2)))))))`), meter);
    const fib = instance.exports['fib'] as (n: number) => number;
    const at = (n: number) => { const before = used(); expect(fib(n)).toBeGreaterThanOrEqual(0); return used() - before; };
    // fib(n) makes 2·fib(n+1) − 1 calls: 21,891 for n = 20, 35,421 for n = 21.
    const [u20, u21] = [at(20), at(21)];
    expect(u20 % 21_891).toBe(0);
    expect(u21 / 35_421).toBe(u20 / 21_891);
  });

  it('keeps function names, so a trap still names its function', async () => {
    const { instance } = await instantiate(await metered('(func $explode (export "boom") (unreachable))'), new Meter());
    let stack = '';
    try { (instance.exports['boom'] as () => void)(); } catch (e) { stack = (e as Error).stack ?? ''; }
    expect(stack).toMatch(/explode/);
  });

  it('leaves the fuel global out of the Proto-Faaslet globals', async () => {
    const wasm = exportMutableGlobals(await metered(`(global $sp (mut i32) (i32.const 4096))
      (func (export "bump") (global.set $sp (i32.add (global.get $sp) (i32.const 1))))`));
    const names = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
    expect(names.filter((n) => n.startsWith(GLOBAL_EXPORT_PREFIX))).toEqual([`${GLOBAL_EXPORT_PREFIX}0`]);
    expect(names).toContain(FUEL_GLOBAL_EXPORT);
  });

  it('refuses a module that is metered already', async () => {
    await expect(transform(await metered(COUNTED), { rewrite: false, meter: true })).rejects.toThrow(/metered already/);
  });

  it('rewrites and meters a module that maps state in one pass', async () => {
    const w = await assembleWat(`(module ${HEAD}
      (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $acc i32)
        (block $out (loop $l
          (br_if $out (i32.eqz (local.get $n)))
          (local.set $acc (i32.add (local.get $acc) (i32.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))
        (local.get $acc)))`);
    const { wasm, rewrite, meter } = await transform(w.wasm!, { rewrite: true, meter: true });
    expect(rewrite.rewritten).toBe(true);
    expect(meter).toEqual({ functions: 1, loops: expect.any(Number), grows: 0 });
    expect(meter!.loops).toBeGreaterThanOrEqual(1);
    await wabtValidate(wasm); // two memories: Node 20 cannot compile it
    const text = new TextDecoder().decode(wasm);
    expect(text).toContain(FUEL_GLOBAL_EXPORT);
    expect(text).toContain('state');
  });

  it('meters a library and keeps its dylink.0 section', async () => {
    const lib = await sideModule(`(module (import "env" "memory" (memory 1))
      (func (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0))))`, { memorySize: 16, tableSize: 2 });
    const { wasm } = await transform(importMemoryAsShared(lib), { rewrite: false, meter: true });
    const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
    expect(meteringProblem(module)).toBeNull();
    expect(dylinkOf(module)).toMatchObject({ memorySize: 16, tableSize: 2, needed: [] });
  });
});
