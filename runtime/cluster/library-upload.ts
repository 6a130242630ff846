/**
 * Upload of a library: a side module for dlopen (host/dynlink), refused unless it is one the
 * Faaslet's loader can take (valid wasm, a dylink.0 section, no libraries it needs). It is stored
 * like a function (so it is listed and rebuilt) but never runs; the agent installs it in the
 * user's files as /lib/<name>.so.
 */
import type { Diagnostic, FunctionSource } from '../api';
import { WASI_IMPORT_NAMES } from '../faaslet';
import { FUEL_GLOBAL_EXPORT } from '../faaslet/fuel';
import { PROVIDED_HOST_IMPORTS, runtimeImport } from '../host';
import { dylinkOf, installedLibraryPath, type DylinkInfo } from '../host/dynlink';
import { moduleFingerprint } from '../proto';
import { memoryImportOf, meteringProblem, type BuildOutcome } from '../toolchain';
import { DLOPEN_EXPORTS } from '../toolchain/dlopen-exports';
import type { StoredFunction } from './functions';
import { uploadReports, type Upload } from './upload';

const REGION = new Set(['memory', '__indirect_function_table', '__memory_base', '__table_base', '__stack_pointer']);
const FROM_FUNCTION = new Set(DLOPEN_EXPORTS);

/** Imports no function built here would provide: dlopen will refuse the library until they are gone. */
function unprovided(module: WebAssembly.Module, info: DylinkInfo): string[] {
  const own = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  return WebAssembly.Module.imports(module)
    .filter(({ module: from, name }) => {
      if (info.weakImports.has(`${from}.${name}`)) return false;
      if (from === 'env') return !REGION.has(name) && !FROM_FUNCTION.has(name) && !PROVIDED_HOST_IMPORTS.has(name);
      if (from === 'GOT.mem' || from === 'GOT.func') return !own.has(name) && !FROM_FUNCTION.has(name);
      if (runtimeImport(from, name)) return false;
      return from !== 'wasi_snapshot_preview1' || !WASI_IMPORT_NAMES.has(name);
    })
    .map(({ name }) => name);
}

export async function uploadLibrary(source: FunctionSource, outcome: BuildOutcome, startedAt: number): Promise<Upload> {
  const { report, refuse } = uploadReports(outcome, startedAt);
  if (!outcome.ok) return { report: report(false), stored: null };
  const problem = (severity: Diagnostic['severity'], message: string): Diagnostic => ({ file: '', line: 1, column: 1, severity, message });

  let module: WebAssembly.Module;
  let info: DylinkInfo | null;
  try {
    module = await WebAssembly.compile(outcome.wasm as Uint8Array<ArrayBuffer>);
    info = dylinkOf(module);
  } catch (error) {
    return refuse(`the library is not valid WebAssembly: ${(error as Error).message}`);
  }
  if (!info) return refuse('upload refused: the library has no dylink.0 section, so it is not a side module');
  if (info.needed.length > 0) return refuse(`upload refused: the library needs ${info.needed.join(', ')}; libraries that load other libraries are not supported`);
  // The same check dlopen makes (host/dynlink/linker.ts), so a library refused there is refused here first.
  const unmetered = meteringProblem(module, 'the library');
  if (unmetered) return refuse(`upload refused: ${unmetered}`);

  const exports = WebAssembly.Module.exports(module).map((e) => e.name);
  // What dlsym can usefully find: the loader runs __wasm_apply_data_relocs and __wasm_call_ctors
  // itself, and the fuel global is the Faaslet's.
  const symbols = exports.filter((name) => !name.startsWith('__wasm_') && name !== FUEL_GLOBAL_EXPORT);
  const path = `/${installedLibraryPath(source.name)}`;
  const missing = unprovided(module, info);
  const warning = missing.length === 0 ? null
    : `dlopen will refuse it: it needs ${missing.map((n) => `\`${n}\``).join(', ')}, which a function built here does not export (a function that calls dlopen exports ${DLOPEN_EXPORTS.join(', ')})`;
  const summary = [
    `shared library: ${outcome.wasm.byteLength} bytes, memory ${info.memorySize} bytes, table ${info.tableSize} slots, exports ${symbols.join(', ') || '(none)'}`,
    `installed as ${path}: a function loads it with dlopen("${path}")`,
    ...(warning ? [`warning: ${warning}`] : []),
  ];
  return {
    report: report(true, {
      diagnostics: warning ? [...outcome.diagnostics, problem('warning', warning)] : outcome.diagnostics,
      log: `${outcome.log}\n${summary.join('\n')}`.trim(),
      wasmBytes: outcome.wasm.byteLength,
      imports: WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`),
      exports,
    }),
    stored: {
      ...source,
      kind: 'library',
      wasm: outcome.wasm,
      module,
      fingerprint: await moduleFingerprint(outcome.wasm),
      minPages: memoryImportOf(outcome.wasm)?.minPages ?? 0,
      builtAt: Date.now(),
    } satisfies StoredFunction,
  };
}
