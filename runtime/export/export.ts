/** One export: build with Faasm's flags, then check the module against Faasm's runtime. */
import type { Diagnostic } from '../api';
import { callsDlopen } from '../toolchain/dlopen-exports';
import type { FaasmBuildJob, FaasmBuilder } from './build';
import { checkForFaasm, undefinedSymbolProblems, type Incompatibility } from './check';

export interface FaasmExport {
  /** Built, and nothing in it is missing from Faasm: it can be uploaded as it is. */
  ok: boolean;
  /** The module as Faasm's toolchain makes it; null when the build failed. */
  wasm: Uint8Array | null;
  diagnostics: Diagnostic[];
  log: string;
  /** The compile-and-link command, as with Faasm's toolchain. */
  commands: string[];
  imports: string[];
  exports: string[];
  /** What the function uses that Faasm lacks, and what to do instead. */
  problems: Incompatibility[];
  buildMs: number;
}

const DLOPEN_NOTE: Incompatibility = {
  name: 'dlopen',
  why: "the playground's dlopen of /lib/<name>.so does not carry over: on Faasm, build the library with Faasm's toolchain and upload it as a shared file",
};

export async function exportForFaasm(builder: FaasmBuilder, job: FaasmBuildJob): Promise<FaasmExport> {
  const t0 = performance.now();
  const built = await builder.compile(job);
  const buildMs = performance.now() - t0;
  const dlopen = callsDlopen(job.source) ? [DLOPEN_NOTE] : [];
  if (!built.wasm) {
    const problems = [...undefinedSymbolProblems(built.log), ...dlopen];
    return { ok: false, wasm: null, diagnostics: built.diagnostics, log: built.log, commands: built.commands, imports: [], exports: [], problems, buildMs };
  }
  const check = checkForFaasm(built.wasm);
  const problems = [...check.problems, ...dlopen];
  return { ok: problems.length === 0, wasm: built.wasm, diagnostics: built.diagnostics, log: built.log, commands: built.commands, ...check, problems, buildMs };
}
