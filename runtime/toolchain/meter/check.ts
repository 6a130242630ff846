/**
 * Whether a compiled module is metered: it imports FUEL_IMPORT and GROW_IMPORT as functions and
 * exports its fuel global. The upload refuses a module that is not, the function store drops
 * builds of an earlier version that were not, and dlopen refuses such a library, so no Faaslet
 * runs code its CPU-time limit cannot stop or memory it grows outside the page's budget.
 */
import { FUEL_GLOBAL_EXPORT, FUEL_IMPORT } from '../../faaslet/fuel';
import { GROW_IMPORT } from '../../faaslet/grow';

/** Null for a metered module, else why `what` (the module, the library, a path) is not. */
export function meteringProblem(module: WebAssembly.Module, what = 'the module'): string | null {
  const imports = WebAssembly.Module.imports(module);
  const imported = (i: { module: string; name: string }) =>
    imports.find((m) => m.module === i.module && m.name === i.name)?.kind === 'function';
  const global = WebAssembly.Module.exports(module).find((e) => e.name === FUEL_GLOBAL_EXPORT);
  const missing = [
    ...(imported(FUEL_IMPORT) ? [] : [`the import ${FUEL_IMPORT.module}.${FUEL_IMPORT.name}`]),
    ...(imported(GROW_IMPORT) ? [] : [`the import ${GROW_IMPORT.module}.${GROW_IMPORT.name}`]),
    ...(global?.kind === 'global' ? [] : [`the global export ${FUEL_GLOBAL_EXPORT}`]),
  ];
  if (missing.length === 0) return null;
  return `${what} is not metered for the CPU-time limit and the memory budget (it lacks ${missing.join(' and ')}); build it again with this playground's toolchain`;
}
