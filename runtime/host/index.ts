/**
 * The host interface: the imports a Faaslet calls (module `env`, Faasm's `__faasm_*` names)
 * and the checks that stand between a function's pointers and the host.
 *
 * - abi.ts: every import Faasm defines, by group; what is not implemented here is refused at upload.
 * - memory.ts: pointer checks; a bad pointer is a HostError with a message, never a host crash.
 * - calls.ts: input and output.
 */
import { faasmImport } from './abi';
import { inputOutputImports, type CallIo } from './calls';
import { FaasletMemory } from './memory';

export { HostError, FaasletMemory, SHARED_WINDOW_BASE } from './memory';
export { FAASM_IMPORTS, type AbiImport, type AbiGroup } from './abi';
export type { CallIo } from './calls';

export function hostInterface(memory: FaasletMemory, io: CallIo) {
  return { ...inputOutputImports(memory, io) };
}

/** The names `hostInterface` provides under module `env`. */
export const PROVIDED_HOST_IMPORTS: ReadonlySet<string> = new Set(
  Object.keys(hostInterface(new FaasletMemory(new WebAssembly.Memory({ initial: 0 })), {
    input: new Uint8Array(),
    output: new Uint8Array(),
  })),
);

export interface ImportProblem {
  module: string;
  name: string;
  reason: string;
}

/**
 * Which of a module's imports this runtime cannot satisfy, so an upload is refused with the
 * whole list instead of a link error at run time.
 */
export function importProblems(
  imports: readonly WebAssembly.ModuleImportDescriptor[],
  wasiNames: ReadonlySet<string>,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const { module, name, kind } of imports) {
    const problem = (reason: string) => problems.push({ module, name, reason });
    if (module === 'env' && name === 'memory') {
      if (kind !== 'memory') problem('env.memory must be a memory');
    } else if (module === 'env') {
      const known = faasmImport(name);
      if (!known) problem('not part of Faasm\'s host interface');
      else if (!PROVIDED_HOST_IMPORTS.has(name)) {
        problem(`Faasm ${known.group} call not provided by this runtime yet`);
      } else if (kind !== 'function') problem('must be imported as a function');
    } else if (module === 'wasi_snapshot_preview1') {
      if (!wasiNames.has(name)) problem('WASI call not provided by this runtime');
    } else {
      problem(`unknown import module "${module}"`);
    }
  }
  return problems;
}
