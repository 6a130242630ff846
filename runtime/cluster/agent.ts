/**
 * The host agent: the runtime the page talks to. It builds and uploads functions, and runs
 * each call in a Faaslet from the pool, applying Faasm's return-code conventions.
 */
import type {
  BuildReport,
  CallRequest,
  CallResult,
  Capabilities,
  FunctionSource,
  RuntimeApi,
  RuntimeEvent,
  ToolchainStatus,
} from '../api';
import { spawnFaasletWorker, WASI_IMPORT_NAMES } from '../faaslet';
import { importProblems } from '../host';
import { createToolchain, memoryImportOf, type Toolchain } from '../toolchain';
import { detectCapabilities } from './capabilities';
import { callResult, type CallOutcome } from './results';
import { FunctionStore } from './functions';
import { FaasletPool } from './pool';

/** A Faaslet's memory limit: 256 MiB, well under the 2 GiB private half of the address space. */
export const DEFAULT_MEMORY_LIMIT_PAGES = 4096;
export const DEFAULT_CPU_TIME_LIMIT_MS = 5000;

export class HostAgent implements RuntimeApi {
  private listener: ((event: RuntimeEvent) => void) | null = null;
  private readonly functions = new FunctionStore();
  private readonly toolchain: Toolchain;
  private readonly pool: FaasletPool;
  private nextCallId = 1;
  /** What each running call has printed so far; its result carries the whole text. */
  private readonly streams = new Map<number, { stdout: string; stderr: string }>();

  constructor(poolSize: number) {
    this.toolchain = createToolchain((doneBytes, totalBytes) =>
      this.emit({ type: 'toolchain.progress', doneBytes, totalBytes }),
    );
    this.pool = new FaasletPool(poolSize, spawnFaasletWorker, (callId, stream, text) => {
      const captured = this.streams.get(callId);
      if (captured) captured[stream] += text;
      this.emit({ type: 'call.output', callId, stream, text });
    });
  }

  private emit(event: RuntimeEvent): void {
    this.listener?.(event);
  }

  async capabilities(): Promise<Capabilities> {
    return { ...detectCapabilities(), poolSize: this.pool.size };
  }

  async subscribe(listener: (event: RuntimeEvent) => void): Promise<void> {
    this.listener = listener;
  }

  loadToolchain(): Promise<ToolchainStatus> {
    return this.toolchain.load().then((loaded) => ({ ready: true, ...loaded }));
  }

  async build(source: FunctionSource): Promise<BuildReport> {
    const startedAt = performance.now();
    const outcome = await this.toolchain.build({ language: source.language, source: source.source });
    const report = (ok: boolean, extra: Partial<BuildReport> = {}): BuildReport => ({
      ok,
      diagnostics: outcome.diagnostics,
      log: outcome.log,
      wasmBytes: 0,
      imports: [],
      exports: [],
      compileMs: outcome.compileMs,
      totalMs: performance.now() - startedAt,
      ...extra,
    });
    if (!outcome.ok) return report(false);

    const refuse = (message: string) =>
      report(false, {
        diagnostics: [...outcome.diagnostics, { file: '', line: 1, column: 1, severity: 'error', message }],
        log: `${outcome.log}\n${message}`.trim(),
      });
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
    const memory = memoryImportOf(outcome.wasm);
    const minPages = memory?.minPages ?? 0;
    if (minPages > DEFAULT_MEMORY_LIMIT_PAGES) {
      return refuse(
        `upload refused: memory 0 needs ${minPages} pages, over the Faaslet limit of ${DEFAULT_MEMORY_LIMIT_PAGES}`,
      );
    }
    this.functions.put({ ...source, wasm: outcome.wasm, module, minPages });
    return report(true, {
      wasmBytes: outcome.wasm.byteLength,
      imports: imports.map((i) => `${i.module}.${i.name}`),
      exports: WebAssembly.Module.exports(module).map((e) => e.name),
    });
  }

  async call(request: CallRequest): Promise<CallResult> {
    const callId = this.nextCallId++;
    const name = `${request.user}/${request.name}`;
    const timeLimitMs = request.cpuTimeLimitMs ?? DEFAULT_CPU_TIME_LIMIT_MS;
    const fn = this.functions.get(request.user, request.name);
    const streams = { stdout: '', stderr: '' };
    this.streams.set(callId, streams);
    this.emit({ type: 'call.started', callId, function: name });
    const outcome: CallOutcome = fn
      ? await this.pool.run(
          {
            callId,
            functionName: name,
            module: fn.module,
            // A fresh memory 0 per call: nothing one call writes can leak into the next.
            memory: new WebAssembly.Memory({
              initial: fn.minPages,
              maximum: DEFAULT_MEMORY_LIMIT_PAGES,
              shared: true,
            }),
            input: request.input,
            args: request.args ?? [],
          },
          timeLimitMs,
        )
      : { kind: 'refused', message: `no function ${name} has been uploaded: build it first` };
    this.streams.delete(callId);
    const result = callResult(callId, name, outcome, timeLimitMs, streams);
    this.emit({ type: 'call.finished', result });
    return result;
  }

  async stop(callId: number): Promise<boolean> {
    return this.pool.stop(callId);
  }
}
