/**
 * Upload: turn a toolchain build into a stored function, refusing a module the runtime could
 * not run (invalid wasm, imports it does not provide, not metered for the CPU-time limit, memory
 * over the Faaslet's limit) with the whole reason, before any call can trip over it.
 */
import type { BuildReport, FunctionSource } from '../api';
import { WASI_IMPORT_NAMES } from '../faaslet';
import { importProblems } from '../host';
import { moduleFingerprint } from '../proto';
import { memoryImportOf, meteringProblem, type BuildOutcome } from '../toolchain';
import type { StoredFunction } from './functions';

export type Upload = { report: BuildReport; stored: StoredFunction | null };

/** How an upload reports on a build: `report` builds the report, `refuse` turns one away with the reason. */
export function uploadReports(outcome: BuildOutcome, startedAt: number) {
  const report = (ok: boolean, extra: Partial<BuildReport> = {}): BuildReport => ({
    ok,
    diagnostics: outcome.diagnostics,
    log: outcome.log,
    wasmBytes: 0,
    imports: [],
    exports: [],
    compileMs: outcome.compileMs,
    rewrite: outcome.ok ? outcome.rewrite : { rewritten: false, instrumented: 0, skipped: 0, hoisted: 0, versionedLoops: 0, ms: 0 },
    totalMs: performance.now() - startedAt,
    ...extra,
  });
  const refuse = (message: string): Upload => ({
    report: report(false, {
      diagnostics: [...outcome.diagnostics, { file: '', line: 1, column: 1, severity: 'error', message }],
      log: `${outcome.log}\n${message}`.trim(),
    }),
    stored: null,
  });
  return { report, refuse };
}

export async function upload(
  source: FunctionSource,
  outcome: BuildOutcome,
  startedAt: number,
  memoryLimitPages: number,
): Promise<Upload> {
  const { report, refuse } = uploadReports(outcome, startedAt);
  if (!outcome.ok) return { report: report(false), stored: null };
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(outcome.wasm as Uint8Array<ArrayBuffer>);
  } catch (error) {
    return refuse(`the module is not valid WebAssembly: ${(error as Error).message}`);
  }
  const imports = WebAssembly.Module.imports(module);
  const problems = importProblems(imports, WASI_IMPORT_NAMES);
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.module}.${p.name} (${p.reason})`).join(', ');
    return refuse(`upload refused: the module imports what this runtime does not provide: ${list}`);
  }
  const unmetered = meteringProblem(module);
  if (unmetered) return refuse(`upload refused: ${unmetered}`);
  const minPages = memoryImportOf(outcome.wasm)?.minPages ?? 0;
  if (minPages > memoryLimitPages) {
    return refuse(`upload refused: memory 0 needs ${minPages} pages, over the Faaslet limit of ${memoryLimitPages}`);
  }
  return {
    report: report(true, {
      // malloc past this limit returns NULL (memory.grow fails at the maximum); the page is unaffected.
      log: `${outcome.log}\nmemory limit: ${memoryLimitPages} pages (${(memoryLimitPages * 64) / 1024} MiB) per Faaslet`.trim(),
      wasmBytes: outcome.wasm.byteLength,
      imports: imports.map((i) => `${i.module}.${i.name}`),
      exports: WebAssembly.Module.exports(module).map((e) => e.name),
    }),
    stored: {
      ...source,
      wasm: outcome.wasm,
      module,
      fingerprint: await moduleFingerprint(outcome.wasm),
      minPages,
      builtAt: Date.now(),
    },
  };
}
