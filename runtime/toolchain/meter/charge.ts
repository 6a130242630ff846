/**
 * The fuel global, the fuel import and one charge point:
 *   fuel -= weight; if (fuel < 0) fuel = faaslet.fuel(fuel)
 * A global decrement and a compare per loop iteration: the slow path (the import call) runs once
 * a slice (FUEL_SLICE units), so it costs nothing measurable.
 */
import { FUEL_GLOBAL_EXPORT, FUEL_IMPORT } from '../../faaslet/fuel';
import type { Binaryen, Module, Ref } from '../rewrite/binaryen';

/** Internal names of what the pass adds; `$` keeps them apart from clang's symbol names. */
export interface Fuel { global: string; import: string }

export function addFuel(b: Binaryen, mod: Module): Fuel {
  if (mod.getGlobal(FUEL_GLOBAL_EXPORT) !== 0 || mod.getExport(FUEL_GLOBAL_EXPORT) !== 0) {
    throw new Error('meter: the module is metered already (it has a fuel global)');
  }
  const fuel: Fuel = { global: 'faaslet$fuel_left', import: 'faaslet$fuel' };
  // Starts at 0: the first charge calls the import, which hands out the slice; the Faaslet
  // sets the global at each call start anyway.
  mod.addGlobal(fuel.global, b.i32, true, mod.i32.const(0));
  mod.addGlobalExport(fuel.global, FUEL_GLOBAL_EXPORT);
  mod.addFunctionImport(fuel.import, FUEL_IMPORT.module, FUEL_IMPORT.name, b.i32, b.i32);
  return fuel;
}

export function charge(b: Binaryen, mod: Module, fuel: Fuel, weight: number): Ref {
  const left = () => mod.global.get(fuel.global, b.i32);
  return mod.block(null, [
    mod.global.set(fuel.global, mod.i32.sub(left(), mod.i32.const(weight))),
    mod.if(
      mod.i32.lt_s(left(), mod.i32.const(0)),
      mod.global.set(fuel.global, mod.call(fuel.import, [left()], b.i32)),
    ),
  ]);
}
