/**
 * # Metering: CPU time as counted work (fuel)
 *
 * A page has no per-thread CPU clock (DESIGN.md), so a Faaslet's CPU time is the work its code
 * does, counted by the code itself, as Wasmtime's fuel. This pass gives a module a mutable i32
 * global (exported as FUEL_GLOBAL_EXPORT: units left in the slice) and the import FUEL_IMPORT,
 * and charges every function entry and every loop header the static weight of the code that
 * runs until the next charge point; when the global drops below zero the module calls the
 * import, which books the slice, polls the kill word and hands out the next one
 * (runtime/faaslet/fuel.ts is the contract with the Faaslet).
 *
 * Weight: one unit per expression of the function body or loop body, nested loops excluded
 * (they charge themselves), blocks and nops not counted (they emit no code). Every branch of a
 * body is counted, so a charge is the static size of its segment, an upper bound of the path
 * taken: an approximation, calibrated as units per ms (FUEL_UNITS_PER_MS). Calls charge their
 * callee at its entry, so recursion is bounded too.
 *
 * Key files: `charge.ts` (the charge expression and the fuel global and import), `check.ts`
 * (is a compiled module metered: the upload and the function store ask).
 *
 * ## Pitfalls
 * - Every module a Faaslet runs must be metered, libraries too: an unmetered loop is a loop
 *   the kill word cannot stop.
 * - The fuel global is mutable but must not be captured in a Proto-Faaslet image
 *   (export-globals.ts skips it): the Faaslet sets it at each call start.
 * - Runs inside the one binaryen read/emit of transform.ts, after the SFI rewrite, so the
 *   weights count the routed accesses the code really executes.
 */
import { type Binaryen, type Module, type Ref, info, raw } from '../rewrite/binaryen';
import { Walker } from '../rewrite/walk';
import { addFuel, charge } from './charge';

export { meteringProblem } from './check';

/** What the metering pass did to a module (the build log shows it). */
export interface MeterSummary {
  /** Functions charged at their entry. */
  functions: number;
  /** Loops charged at their header. */
  loops: number;
}

/** Kinds that emit no code of their own. */
const FREE = new Set(['Block', 'Nop']);

/** Meters a module binaryen has read (features set); the caller validates and emits. */
export function meterModule(b: Binaryen, mod: Module): MeterSummary {
  const walker = new Walker(b);
  const funcs = Array.from({ length: mod.getNumFunctions() }, (_, k) => mod.getFunctionByIndex(k))
    .filter((f) => b.getFunctionInfo(f).module === '');
  const fuel = addFuel(b, mod);
  const setLoopBody = raw(b, 'LoopSetBody');
  const setFunctionBody = raw(b, 'FunctionSetBody');
  let loops = 0;

  /** The weight of `e` up to its nested loops, which get their own charge here. */
  const weigh = (e: Ref): number => {
    const i = info(b, e);
    const kind = walker.kind(e, i).name;
    if (kind === 'Loop') {
      const body = i['body'] as Ref;
      const w = weigh(body);
      setLoopBody(e, mod.block(null, [charge(b, mod, fuel, w + 1), body], b.auto));
      loops++;
      return 1;
    }
    let w = FREE.has(kind) ? 0 : 1;
    walker.forEachChild(e, (c) => { w += weigh(c); }, i);
    return w;
  };

  for (const fn of funcs) {
    const body = b.getFunctionInfo(fn).body;
    const w = weigh(body);
    setFunctionBody(fn, mod.block(null, [charge(b, mod, fuel, w + 1), body], b.auto));
  }
  return { functions: funcs.length, loops };
}
