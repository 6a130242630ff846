/**
 * One build job → a module with shared `env.memory` (rewritten if it maps state), metered for the
 * CPU-time limit and its mutable globals exported, or a metered side module (a library) with
 * shared `env.memory`, or diagnostics.
 */
import type { BuildJob, ToolchainReply } from './protocol';
import type { Compiler } from './clang';
import { exportMutableGlobals } from './export-globals';
import { importMemoryAsShared } from './memory-import';
import type { MeterSummary } from './meter';
import { transform } from './transform';
import { WAT_FILE, assembleWat } from './wat';

type Omit2<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The 'built' | 'build-failed' replies without the request id (the Worker's result). */
export type WorkerBuildOutcome = Omit2<Extract<ToolchainReply, { kind: 'built' | 'build-failed' }>, 'id'>;
/** What `Toolchain.build` resolves to: the same, plus `ok` to narrow on. */
export type BuildOutcome =
  | (Extract<WorkerBuildOutcome, { kind: 'built' }> & { ok: true })
  | (Extract<WorkerBuildOutcome, { kind: 'build-failed' }> & { ok: false });

const LIBRARY_FROM_WAT = 'a library is built from C or C++ (clang -fPIC -shared): WebAssembly text cannot declare the dylink.0 section a side module needs';

export async function runBuild(job: BuildJob, compiler: () => Promise<Compiler>): Promise<WorkerBuildOutcome> {
  if (job.kind === 'library' && job.language === 'wat') {
    return { kind: 'build-failed', diagnostics: [{ file: WAT_FILE, line: 1, column: 1, severity: 'error', message: LIBRARY_FROM_WAT }], log: LIBRARY_FROM_WAT, compileMs: 0 };
  }
  const t0 = performance.now();
  const res = job.language === 'wat' ? await assembleWat(job.source) : await (await compiler()).compile(job);
  const compileMs = performance.now() - t0;
  if (!res.wasm) return { kind: 'build-failed', diagnostics: res.diagnostics, log: res.log, compileMs };
  try {
    const shared = importMemoryAsShared(res.wasm);
    const library = job.kind === 'library';
    // A library is loaded into a Faaslet that is already running: no image, no rewrite (README),
    // but metered like the function that loads it.
    const { wasm, rewrite, meter } = await transform(shared, { rewrite: !library && job.rewrite !== false, meter: job.meter !== false });
    const log = [res.log, meterLine(meter)].filter(Boolean).join('\n');
    // Mutable globals are exported last, after the passes, so a Proto-Faaslet image can hold them.
    return { kind: 'built', wasm: library ? wasm : exportMutableGlobals(wasm), diagnostics: res.diagnostics, log, compileMs, rewrite };
  } catch (e) {
    // A hand-written WAT module can get here (memory64, > 2 GiB minimum, two memories).
    const message = e instanceof Error ? e.message : String(e);
    const file = job.language === 'wat' ? WAT_FILE : job.language === 'cpp' ? 'function.cpp' : 'function.c';
    return {
      kind: 'build-failed',
      diagnostics: [...res.diagnostics, { file, line: 1, column: 1, severity: 'error', message }],
      log: `${res.log}\n${message}`,
      compileMs,
    };
  }
}

function meterLine(meter: MeterSummary | null): string {
  if (!meter) return 'not metered: no CPU-time limit can stop this module';
  return `metered for the CPU-time limit: ${meter.functions} function entries and ${meter.loops} loop headers charge fuel`;
}
