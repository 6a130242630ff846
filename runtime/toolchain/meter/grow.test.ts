import { describe, expect, it } from 'vitest';
import { FUEL_IMPORT, FUEL_SLICE } from '../../faaslet/fuel';
import { GROW_IMPORT } from '../../faaslet/grow';
import { importMemoryAsShared } from '../memory-import';
import { transform } from '../transform';
import { assembleWat } from '../wat';
import { meteringProblem } from '.';

const GROWER = `(module (import "env" "memory" (memory 1 8 shared))
  (func (export "grow") (param $n i32) (result i32) (memory.grow (local.get $n)))
  (func (export "size") (result i32) (memory.size)))`;

async function metered(wat: string) {
  const w = await assembleWat(wat);
  if (!w.wasm) throw new Error(w.log);
  return transform(importMemoryAsShared(w.wasm), { rewrite: false, meter: true });
}

describe('the metering pass and memory.grow', () => {
  it('turns every memory.grow into a call of the grow import, leaves memory.size, and the module validates and runs', async () => {
    const { wasm, meter } = await metered(GROWER);
    expect(meter?.grows).toBe(1);
    const bytes = wasm as Uint8Array<ArrayBuffer>;
    expect(WebAssembly.validate(bytes)).toBe(true);
    const module = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.imports(module)).toContainEqual({ module: GROW_IMPORT.module, name: GROW_IMPORT.name, kind: 'function' });
    expect(meteringProblem(module)).toBeNull();

    const memory = new WebAssembly.Memory({ initial: 1, maximum: 8, shared: true });
    const asked: number[] = [];
    const grow = (pages: number) => {
      asked.push(pages);
      return pages > 2 ? -1 : memory.grow(pages);
    };
    const { exports } = new WebAssembly.Instance(module, {
      env: { memory },
      [FUEL_IMPORT.module]: { [FUEL_IMPORT.name]: () => FUEL_SLICE, [GROW_IMPORT.name]: grow },
    });
    const call = (name: string, ...args: number[]) => (exports[name] as (...a: number[]) => number)(...args);
    expect(call('grow', 2)).toBe(1);
    expect(call('size')).toBe(3);
    // A refusal is -1, as memory.grow past the maximum, and nothing grew.
    expect(call('grow', 3)).toBe(-1);
    expect(call('size')).toBe(3);
    expect(asked).toEqual([2, 3]);
    // The module itself no longer grows memory: without the import's growth, size stays.
    expect(memory.buffer.byteLength).toBe(3 * 65536);
  });

  it('adds the grow import to modules with no memory.grow, so a build from before it is told apart', async () => {
    const { wasm, meter } = await metered('(module (import "env" "memory" (memory 1 1 shared)) (func (export "f") (result i32) (memory.size)))');
    expect(meter?.grows).toBe(0);
    const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`)).toContain(`${GROW_IMPORT.module}.${GROW_IMPORT.name}`);
  });

  it('says a module metered before the grow import is not metered, naming what it lacks and what it is', async () => {
    const w = await assembleWat(`(module (import "env" "memory" (memory 1 1 shared))
      (import "faaslet" "fuel" (func (param i32) (result i32)))
      (global (export "__faaslet_fuel_left") (mut i32) (i32.const 0)))`);
    const problem = meteringProblem(new WebAssembly.Module(w.wasm as Uint8Array<ArrayBuffer>), '/lib/old.so');
    expect(problem).toMatch(/^\/lib\/old\.so is not metered/);
    expect(problem).toContain(`the import ${GROW_IMPORT.module}.${GROW_IMPORT.name}`);
    expect(problem).not.toContain('faaslet.fuel');
  });
});
