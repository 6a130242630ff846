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
 * Memory growth: every `memory.grow` becomes a call of GROW_IMPORT, so the Faaslet reserves the
 * pages against the page-wide memory budget first (runtime/faaslet/grow.ts). The import is added
 * to every metered module, used or not, so a build from before it is known by its absence.
 *
 * Key files: `charge.ts` (the charge expression and the fuel global and import), `check.ts`
 * (is a compiled module metered: the upload, the function store and dlopen ask).
 *
 * ## Pitfalls
 * - Every module a Faaslet runs must be metered, libraries too: an unmetered loop is a loop
 *   the kill word cannot stop.
 * - The fuel global is mutable but must not be captured in a Proto-Faaslet image
 *   (export-globals.ts skips it): the Faaslet sets it at each call start.
 * - Runs inside the one binaryen read/emit of transform.ts, after the SFI rewrite, so the
 *   weights count the routed accesses the code really executes.
 * - binaryen.js cannot tell which memory a `memory.grow` names; every one is on memory 0, since
 *   the input has one memory (rewrite/index.ts withModule) and the SFI rewrite adds no grow.
 */
import { type Binaryen, type Module, type Ref, info, raw } from '../rewrite/binaryen';
import { Walker } from '../rewrite/walk';
import { FunctionFuel, addFuel, addGrow } from './charge';

export { meteringProblem } from './check';

/** What the metering pass did to a module (the build log shows it). */
export interface MeterSummary {
  /** Functions charged at their entry. */
  functions: number;
  /** Loops charged at their header. */
  loops: number;
  /** `memory.grow`s now calling the grow import. */
  grows: number;
}

/** Kinds that emit no code of their own. */
const FREE = new Set(['Block', 'Nop']);

/** Meters a module binaryen has read (features set); the caller validates and emits. */
export function meterModule(b: Binaryen, mod: Module): MeterSummary {
  const walker = new Walker(b);
  const funcs = Array.from({ length: mod.getNumFunctions() }, (_, k) => mod.getFunctionByIndex(k))
    .filter((f) => b.getFunctionInfo(f).module === '');
  const defined = new Set(funcs.map((f) => b.getFunctionInfo(f).name));
  const fuel = addFuel(b, mod);
  const growImport = addGrow(b, mod);
  let grows = 0;
  const setLoopBody = raw(b, 'LoopSetBody');
  const setFunctionBody = raw(b, 'FunctionSetBody');
  const addVar = raw(b, 'FunctionAddVar');
  let loops = 0;

  for (const fn of funcs) {
    const f = new FunctionFuel(b, mod, fuel, addVar(fn, b.i32));
    const temps = new Map<number, number>();
    /** A local of `type` to hold a value across a flush; one per type is enough (never live across another). */
    const temp = (type: number): number => {
      let t = temps.get(type);
      if (t === undefined) temps.set(type, t = addVar(fn, type));
      return t;
    };
    /** Runs `flush` after `value` is computed, keeping its value. */
    const thenFlush = (value: Ref): Ref => {
      const type = b.getExpressionType(value);
      if (type === b.unreachable) return value;
      if (type === b.none) return mod.block(null, [value, f.flush()], b.auto);
      const t = temp(type);
      return mod.block(null, [mod.local.set(t, value), f.flush(), mod.local.get(t, type)], b.auto);
    };
    /** A call of a defined function: the callee charges the global, so it must be current. */
    const aroundCall = (call: Ref, isReturn: boolean): Ref => {
      if (isReturn) return mod.block(null, [f.flush(), call], b.auto);
      const type = b.getExpressionType(call);
      if (type === b.none || type === b.unreachable) return mod.block(null, [f.flush(), call, f.reload()], b.auto);
      const t = temp(type);
      return mod.block(null, [f.flush(), mod.local.set(t, call), f.reload(), mod.local.get(t, type)], b.auto);
    };

    let weight = 0;
    /** Adds `e`'s weight up to its nested loops (which get their own charge) and rewrites calls and returns. */
    const go = (e: Ref): Ref => {
      const i = info(b, e);
      const kind = walker.kind(e, i).name;
      if (kind === 'Loop') {
        const outer = weight;
        weight = 0;
        const body = go(i['body'] as Ref);
        const w = weight + 1;
        loops++;
        weight = outer + 1;
        if (b.getExpressionType(e) === b.none) return f.outlinedLoop(e, body, w, loops, setLoopBody);
        setLoopBody(e, mod.block(null, [f.charge(w), body], b.auto));
        return e;
      }
      if (!FREE.has(kind)) weight++;
      walker.mapChildren(e, go, i);
      if (kind === 'MemoryGrow') {
        grows++;
        return mod.call(growImport, [info(b, e)['delta'] as Ref], b.i32);
      }
      if (kind === 'Call' && defined.has(i['target'] as string)) return aroundCall(e, i['isReturn'] === true);
      if (kind === 'CallIndirect') return aroundCall(e, i['isReturn'] === true);
      if (kind === 'Return') {
        const value = info(b, e)['value'] as Ref;
        if (!value) return mod.block(null, [f.flush(), e], b.auto);
        const type = b.getExpressionType(value);
        if (type === b.unreachable) return e;
        const t = temp(type);
        return mod.block(null, [mod.local.set(t, value), f.flush(), mod.return(mod.local.get(t, type))], b.auto);
      }
      return e;
    };
    const body = go(b.getFunctionInfo(fn).body);
    setFunctionBody(fn, mod.block(null, [f.charge(weight + 1, true), thenFlush(body)], b.auto));
  }
  return { functions: funcs.length, loops, grows };
}
