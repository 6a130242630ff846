/**
 * The fuel global, the fuel import, and the code the pass inserts. Each function keeps the fuel
 * left in a local (a register in the hot loop): it is loaded from the global at entry and
 * written back before each call of a defined function (the callee charges the global) and at
 * each return, and reloaded after the call. A charge point is
 *   left -= weight; if (left < 0) left = faaslet.fuel(left)
 * The slow path (the import call) runs once a slice (FUEL_SLICE units), so it costs nothing
 * measurable; in a loop it sits outside the loop, so the loop holds no call (outlinedLoop).
 * A charge on the global itself at every loop header cost 1.3× (README).
 */
import { FUEL_GLOBAL_EXPORT, FUEL_IMPORT, FUEL_SLICE } from '../../faaslet/fuel';
import { GROW_IMPORT } from '../../faaslet/grow';
import type { Binaryen, Module, Ref } from '../rewrite/binaryen';

/** Internal names of what the pass adds; `$` keeps them apart from clang's symbol names. */
export interface Fuel { global: string; import: string }

export function addFuel(b: Binaryen, mod: Module): Fuel {
  if (mod.getGlobal(FUEL_GLOBAL_EXPORT) !== 0 || mod.getExport(FUEL_GLOBAL_EXPORT) !== 0) {
    throw new Error('meter: the module is metered already (it has a fuel global)');
  }
  const fuel: Fuel = { global: 'faaslet$fuel_left', import: 'faaslet$fuel' };
  // Starts with a full slice, as the import hands out: a library dlopen instantiates is never
  // armed by the Faaslet, which sets the function's own global at each call start.
  mod.addGlobal(fuel.global, b.i32, true, mod.i32.const(FUEL_SLICE));
  mod.addGlobalExport(fuel.global, FUEL_GLOBAL_EXPORT);
  mod.addFunctionImport(fuel.import, FUEL_IMPORT.module, FUEL_IMPORT.name, b.i32, b.i32);
  return fuel;
}

/** The grow import (faaslet/grow.ts), added to every metered module; its internal name. */
export function addGrow(b: Binaryen, mod: Module): string {
  const name = 'faaslet$grow';
  mod.addFunctionImport(name, GROW_IMPORT.module, GROW_IMPORT.name, b.i32, b.i32);
  return name;
}

/** The inserted code of one function, whose fuel local is `left`. */
export class FunctionFuel {
  constructor(private readonly b: Binaryen, private readonly mod: Module, private readonly fuel: Fuel, private readonly left: number) {}

  /** left -= weight, calling the import when it goes below zero; `fromGlobal` at function entry. */
  charge(weight: number, fromGlobal = false): Ref {
    const { b, mod } = this;
    const from = fromGlobal ? mod.global.get(this.fuel.global, b.i32) : mod.local.get(this.left, b.i32);
    return mod.block(null, [
      mod.local.set(this.left, mod.i32.sub(from, mod.i32.const(weight))),
      mod.if(
        mod.i32.lt_s(mod.local.get(this.left, b.i32), mod.i32.const(0)),
        mod.local.set(this.left, mod.call(this.fuel.import, [mod.local.get(this.left, b.i32)], b.i32)),
      ),
    ]);
  }

  /**
   * A loop of type none whose slow path sits outside it, so the loop itself holds no call:
   *   block $exit (loop $again (block $slow (loop $l (left -= w; br_if $slow (left < 0); body)) br $exit)
   *     left = faaslet.fuel(left) + w; br $again)
   * (`+ w`: going round again charges the header once more.) Returns the replacement of `loop`, whose body it sets; `n` makes the labels unique.
   */
  outlinedLoop(loop: Ref, body: Ref, weight: number, n: number, setBody: (loop: Ref, body: Ref) => void): Ref {
    const { b, mod } = this;
    const [exit, again, slow] = ['exit', 'again', 'slow'].map((k) => `faaslet$${k}${n}`) as [string, string, string];
    const left = () => mod.local.get(this.left, b.i32);
    setBody(loop, mod.block(null, [
      mod.local.set(this.left, mod.i32.sub(left(), mod.i32.const(weight))),
      mod.br(slow, mod.i32.lt_s(left(), mod.i32.const(0))),
      body,
    ], b.auto));
    return mod.block(exit, [
      mod.loop(again, mod.block(null, [
        mod.block(slow, [loop, mod.br(exit)], b.none),
        mod.local.set(this.left, mod.i32.add(mod.call(this.fuel.import, [left()], b.i32), mod.i32.const(weight))),
        mod.br(again),
      ], b.none)),
    ], b.none);
  }

  /** Writes the local back to the global. */
  flush(): Ref {
    return this.mod.global.set(this.fuel.global, this.mod.local.get(this.left, this.b.i32));
  }

  /** Reads the global back after a call. */
  reload(): Ref {
    return this.mod.local.set(this.left, this.mod.global.get(this.fuel.global, this.b.i32));
  }
}
