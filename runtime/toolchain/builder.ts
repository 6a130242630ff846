/**
 * One build job → a module with shared `env.memory` (rewritten if it maps state) and its mutable
 * globals exported, or a side module (a library) with shared `env.memory`, or diagnostics.
 */
import type { BuildJob, RewriteSummary, ToolchainReply } from './protocol';
import type { Compiler } from './clang';
import { exportMutableGlobals } from './export-globals';
import { importMemoryAsShared } from './memory-import';
import { rewriteForSharedState } from './rewrite';
import { WAT_FILE, assembleWat } from './wat';

type Omit2<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The 'built' | 'build-failed' replies without the request id (the Worker's result). */
export type WorkerBuildOutcome = Omit2<Extract<ToolchainReply, { kind: 'built' | 'build-failed' }>, 'id'>;
/** What `Toolchain.build` resolves to: the same, plus `ok` to narrow on. */
export type BuildOutcome =
  | (Extract<WorkerBuildOutcome, { kind: 'built' }> & { ok: true })
  | (Extract<WorkerBuildOutcome, { kind: 'build-failed' }> & { ok: false });

const UNREWRITTEN: RewriteSummary = { rewritten: false, instrumented: 0, skipped: 0, hoisted: 0, versionedLoops: 0, ms: 0 };

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
    // A library is loaded into a Faaslet that is already running: no image, no rewrite (README).
    if (job.kind === 'library') return { kind: 'built', wasm: shared, diagnostics: res.diagnostics, log: res.log, compileMs, rewrite: UNREWRITTEN };
    // Mutable globals are exported last, after the rewrite, so a Proto-Faaslet image can hold them.
    if (job.rewrite === false) return { kind: 'built', wasm: exportMutableGlobals(shared), diagnostics: res.diagnostics, log: res.log, compileMs, rewrite: UNREWRITTEN };
    const { wasm, ...rewrite } = await rewriteForSharedState(shared);
    return { kind: 'built', wasm: exportMutableGlobals(wasm), diagnostics: res.diagnostics, log: res.log, compileMs, rewrite };
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
