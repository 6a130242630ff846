/**
 * Whether a compiled module is metered: it imports FUEL_IMPORT as a function and exports its
 * fuel global. The upload refuses a module that is not, and the function store drops builds of
 * an earlier version that were not, so no Faaslet runs code its CPU-time limit cannot stop.
 */
import { FUEL_GLOBAL_EXPORT, FUEL_IMPORT } from '../../faaslet/fuel';

/** Null for a metered module, else why it is not. */
export function meteringProblem(module: WebAssembly.Module): string | null {
  const imports = WebAssembly.Module.imports(module);
  const fuel = imports.find((i) => i.module === FUEL_IMPORT.module && i.name === FUEL_IMPORT.name);
  const global = WebAssembly.Module.exports(module).find((e) => e.name === FUEL_GLOBAL_EXPORT);
  if (fuel?.kind === 'function' && global?.kind === 'global') return null;
  const missing = [
    ...(fuel?.kind === 'function' ? [] : [`the import ${FUEL_IMPORT.module}.${FUEL_IMPORT.name}`]),
    ...(global?.kind === 'global' ? [] : [`the global export ${FUEL_GLOBAL_EXPORT}`]),
  ];
  return `the module is not metered for the CPU-time limit (it lacks ${missing.join(' and ')}); build it with this playground's toolchain`;
}
