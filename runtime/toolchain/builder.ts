/** One build job → a module with shared `env.memory`, or diagnostics. */
import type { BuildJob, ToolchainReply } from './protocol';
import type { Compiler } from './clang';
import { importMemoryAsShared } from './memory-import';
import { WAT_FILE, assembleWat } from './wat';

type Omit2<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The 'built' | 'build-failed' replies without the request id (the Worker's result). */
export type WorkerBuildOutcome = Omit2<Extract<ToolchainReply, { kind: 'built' | 'build-failed' }>, 'id'>;
/** What `Toolchain.build` resolves to: the same, plus `ok` to narrow on. */
export type BuildOutcome =
  | (Extract<WorkerBuildOutcome, { kind: 'built' }> & { ok: true })
  | (Extract<WorkerBuildOutcome, { kind: 'build-failed' }> & { ok: false });

export async function runBuild(job: BuildJob, compiler: () => Promise<Compiler>): Promise<WorkerBuildOutcome> {
  const t0 = performance.now();
  const res = job.language === 'wat' ? await assembleWat(job.source) : await (await compiler()).compile(job);
  const compileMs = performance.now() - t0;
  if (!res.wasm) return { kind: 'build-failed', diagnostics: res.diagnostics, log: res.log, compileMs };
  try {
    const wasm = importMemoryAsShared(res.wasm);
    return { kind: 'built', wasm, diagnostics: res.diagnostics, log: res.log, compileMs };
  } catch (e) {
    // Only a hand-written WAT module can get here (e.g. memory64 or > 2 GiB minimum).
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
