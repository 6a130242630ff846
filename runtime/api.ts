/**
 * The UI ↔ runtime boundary. The app reaches the runtime only through these types
 * (exposed over comlink by the host agent Worker, see runtime/index.ts).
 */

export type Language = 'c' | 'cpp' | 'wat';

/** A function's source, named as Faasm names functions: `user/function`. */
export interface FunctionSource {
  user: string;
  name: string;
  language: Language;
  source: string;
}

export type Severity = 'error' | 'warning' | 'note';

/** One compiler message, 1-based line and column as the compiler prints them. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
}

export interface BuildReport {
  ok: boolean;
  /** Messages about the user's file (and the project's headers), in the compiler's order. */
  diagnostics: Diagnostic[];
  /** Everything the tools printed, for the build log. */
  log: string;
  /** Size of the uploaded module in bytes; 0 when the build failed. */
  wasmBytes: number;
  imports: string[];
  exports: string[];
  compileMs: number;
  totalMs: number;
}

export interface CallRequest {
  user: string;
  name: string;
  /** The call's input bytes, as `faasmGetInput` sees them. */
  input: Uint8Array;
  /** Extra command-line arguments after `function.wasm`. */
  args?: string[];
  /** Wall-clock limit for the Faaslet; past it the Faaslet is killed. @default 5000 */
  cpuTimeLimitMs?: number;
}

/**
 * ok: returned 0. failed: non-zero return code. trapped: the wasm trapped.
 * killed: the CPU-time limit ended it. stopped: the user ended it. refused: it never started.
 */
export type CallStatus = 'ok' | 'failed' | 'trapped' | 'killed' | 'stopped' | 'refused';

/** One frame of a wasm stack trace, as V8 reports it. */
export interface WasmFrame {
  func: string;
  funcIndex: number | null;
  /** Byte offset in the module, when the frame is in wasm. */
  offset: number | null;
}

export type StartKind = 'cold' | 'warm';

export interface CallResult {
  callId: number;
  function: string;
  status: CallStatus;
  returnCode: number;
  /** What the function set with `faasmSetOutput`, or Faasm's failure text when returnCode ≠ 0. */
  output: Uint8Array;
  stdout: string;
  stderr: string;
  /** The trap or error message, when status is not ok/failed. */
  message: string | null;
  stack: WasmFrame[];
  startKind: StartKind;
  /** Start (worker + instantiate) time, then total wall time of the call, ms. */
  startMs: number;
  wallMs: number;
}

export type RuntimeEvent =
  | { type: 'toolchain.progress'; doneBytes: number; totalBytes: number }
  | { type: 'call.started'; callId: number; function: string }
  | { type: 'call.output'; callId: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'call.finished'; result: CallResult };

export interface Capabilities {
  crossOriginIsolated: boolean;
  jspi: boolean;
  multiMemory: boolean;
  hardwareConcurrency: number;
  /** Live Faaslet Workers kept ready. */
  poolSize: number;
}

export interface ToolchainStatus {
  ready: boolean;
  /** Bytes fetched over the network for the last load; 0 when everything came from the cache. */
  networkBytes: number;
  totalBytes: number;
  loadMs: number;
}

/** What the host agent Worker offers the page (over comlink). */
export interface RuntimeApi {
  capabilities(): Promise<Capabilities>;
  /** Events are delivered to this listener (a comlink proxy) in order. */
  subscribe(listener: (event: RuntimeEvent) => void): Promise<void>;
  /** Fetch and compile the toolchain ahead of the first build. */
  loadToolchain(): Promise<ToolchainStatus>;
  /** Compile, check and upload a function; the last good build of `user/name` is what runs. */
  build(source: FunctionSource): Promise<BuildReport>;
  call(request: CallRequest): Promise<CallResult>;
  /** End a running call at once; its Faaslet Worker is replaced. */
  stop(callId: number): Promise<boolean>;
}
