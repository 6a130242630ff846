/**
 * The UI ↔ runtime boundary. The app reaches the runtime only through these types
 * (exposed over comlink by the host agent Worker, see runtime/index.ts).
 */
import type {
  FaasletInspection,
  MemoryUsage,
  GlobalKeyInfo,
  GlobalStateChange,
  LocalTier,
  ModuleInterface,
  PageDiff,
  ProtoFaasletInfo,
  SnapshotInfo,
  UserFileInfo,
} from './api-inspect';
import type { FaasmExport } from './export';
import type { PchStatus } from './toolchain/protocol';

export type { PchStatus };

export type * from './api-inspect';
export type { FaasmExport, Incompatibility } from './export';
export type { ProtoImage } from './proto';

export type Language = 'c' | 'cpp' | 'wat';

/** A function runs; a library is a side module that functions load with dlopen (`/lib/<name>.so`). */
export type FunctionKind = 'function' | 'library';

/** A function's source, named as Faasm names functions: `user/function`. */
export interface FunctionSource {
  user: string;
  name: string;
  language: Language;
  source: string;
  /** @default 'function' */
  kind?: FunctionKind;
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

/** What the shared-state rewrite did to a built module (toolchain/rewrite). */
export interface RewriteSummary {
  rewritten: boolean;
  /** Memory instructions given a routing check or sent to memory 1. */
  instrumented: number;
  /** Memory instructions left alone: provably private addresses, dead code. */
  skipped: number;
  /** Of the instrumented ones, those whose check moved out of a loop; they keep it in the loop's checked version. */
  hoisted: number;
  /** Loops given a private and a window version, selected once before the loop. */
  versionedLoops: number;
  /** Time of the pass itself (binaryen load excluded). */
  ms: number;
  /** One rewritten load before and after, as WAT. */
  example?: { function: string; before: string; after: string };
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
  /** Whether the shared-state rewrite ran and what it instrumented (modules that map no state are left alone). */
  rewrite: RewriteSummary;
}

export interface CallRequest {
  user: string;
  name: string;
  /** The call's input bytes, as `faasmGetInput` sees them. */
  input: Uint8Array;
  /** Extra command-line arguments after `function.wasm`. */
  args?: string[];
  /**
   * The call's command line as Faasm's message carries it (`cmdline`): split on every space into
   * `argv` after `function.wasm`; used when `args` is absent. @default '' (argc is 1)
   */
  cmdline?: string;
  /**
   * Command lines for the calls this call chains by name, keyed by function name (within the
   * user), passed down the whole chain. Faasm's `faasmChainNamed` sends none, so by default a
   * chained call's argc is 1. @default {}
   */
  chainCmdlines?: Record<string, string>;
  /** Start from this named snapshot (Faasm's snapshot key) instead of the Proto-Faaslet. @default none */
  snapshot?: string;
  /**
   * CPU-time limit, ms: past it the Faaslet is killed. It counts the Faaslet's own execution as
   * fuel (README, "CPU-time limits"), not time blocked in await, locks, the global tier or sleep.
   * @default 5000
   */
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

/**
 * How a call's Faaslet started. cold: instantiated and initialised (constructors, then
 * `_faasm_zygote`), the Proto-Faaslet taken. restored: the cached module instantiated and the
 * Proto-Faaslet copied in, no initialisation. warm: the Worker's own instance of the module reset
 * in place from the Proto-Faaslet. Every call starts from the post-zygote state either way.
 */
export type StartKind = 'cold' | 'restored' | 'warm';

/** Milliseconds since the epoch (performance.timeOrigin + now), comparable across Workers. */
export type Timestamp = number;

export interface CallResult {
  callId: number;
  /** The call that chained this one; null for a call made from the page. */
  parentId: number | null;
  function: string;
  /** Host the call ran on, and the Faaslet (Worker) on it; -1 when it never ran. */
  host: number;
  faaslet: number;
  inputBytes: number;
  queuedAt: Timestamp;
  startedAt: Timestamp;
  finishedAt: Timestamp;
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
  /** The named snapshot the call started from; absent: the function's Proto-Faaslet. */
  snapshot?: string;
  /** The call's argv, `function.wasm` first (absent only in results made outside the runtime). */
  argv?: string[];
  /** How long the start took in the Faaslet (instantiate + initialise, restore, or reset), ms; then the call's total wall time, ms. */
  startMs: number;
  wallMs: number;
  /** CPU work the Faaslet did for the call, in fuel units (toolchain/meter); 0 when it never ran. */
  fuelUnits: number;
  /** Its CPU time, ms: fuelUnits / FUEL_UNITS_PER_MS. Time blocked (await, locks, the global tier) is not in it. */
  cpuMs: number;
}

/** Where the scheduler put a call, and why. */
export interface Placement {
  callId: number;
  parentId: number | null;
  function: string;
  /** warm: an idle Faaslet of the function; cold: a new Faaslet on the host with most free slots. */
  kind: 'warm' | 'cold' | 'queued' | 'refused';
  host: number | null;
  reason: string;
  at: Timestamp;
}

export type FaasletState = 'idle' | 'running' | 'blocked';

export interface FaasletView {
  id: number;
  host: number;
  /** The function whose module this Faaslet holds warm, if any. */
  function: string | null;
  state: FaasletState;
  /** The call it is running or blocked in. */
  callId: number | null;
  /** The host call it is blocked in, e.g. `__faasm_await_call(12)`. */
  blockedIn: string | null;
  calls: number;
  /** How its last call started. */
  lastStart: StartKind | null;
}

export interface HostView {
  id: number;
  slots: number;
  /** Calls running now (blocked Faaslets do not hold a slot). */
  running: number;
  faaslets: FaasletView[];
}

export interface ClusterView {
  config: ClusterConfig;
  hosts: HostView[];
  queued: number;
  memory: MemoryBudgetView;
}

/** The page-wide memory budget and what counts against it now (runtime/cluster/memory-budget.ts). */
export interface MemoryBudgetView {
  budgetBytes: number;
  /** Memory 0 of every live Faaslet, idle ones included. */
  faasletBytes: number;
  /** Every state arena of the local tier. */
  arenaBytes: number;
  /** Calls queued until running calls give memory back. */
  waitingForMemory: number;
}

export interface ClusterConfig {
  /** Simulated hosts. @default 2 (1–8) */
  hosts: number;
  /** Faaslets that may run at once on each host. @default 4 */
  slotsPerHost: number;
  /** Deepest chain allowed (a call chained by a call … ). @default 64 */
  maxCallDepth: number;
  /** Calls of one user queued or running at once. @default 1024 */
  maxPendingPerUser: number;
  /**
   * The page-wide memory budget across live Faaslets' memories and state arenas, MiB (256–65536).
   * @default 4096, or half the device's memory when that is less
   */
  memoryBudgetMiB: number;
}

export interface FunctionInfo {
  user: string;
  name: string;
  language: Language;
  kind: FunctionKind;
  /** The source this build came from, so a reloaded page knows which edits are not built yet. */
  source: string;
  wasmBytes: number;
  builtAt: Timestamp;
}

export type RuntimeEvent =
  | { type: 'toolchain.progress'; doneBytes: number; totalBytes: number }
  /** The precompiled C++ headers, made in the background after the first C++ build lacked them. */
  | { type: 'toolchain.pch'; pch: PchStatus }
  | { type: 'call.placed'; placement: Placement }
  | {
      type: 'call.started';
      callId: number;
      parentId: number | null;
      function: string;
      host: number;
      faaslet: number;
      /** How the Faaslet did start (not the plan), when (`at`) and how long it took, ms. */
      startKind: StartKind;
      startMs: number;
      at: Timestamp;
      /** The named snapshot it started from; absent: the Proto-Faaslet. */
      snapshot?: string;
    }
  | { type: 'call.blocked'; callId: number; awaiting: number; at: Timestamp }
  | { type: 'call.resumed'; callId: number; at: Timestamp }
  | { type: 'call.output'; callId: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'call.finished'; result: CallResult }
  | { type: 'cluster.changed'; cluster: ClusterView }
  | { type: 'functions.changed'; functions: FunctionInfo[] }
  | { type: 'state.tier'; tier: LocalTier }
  /** A value moved between a local tier and the global tier (or failed to), here or in another tab. */
  | { type: 'state.global'; change: GlobalStateChange }
  /** A Proto-Faaslet was taken or invalidated, or a zygote ran. */
  | { type: 'proto.changed'; protos: ProtoFaasletInfo[] }
  /** A user's files changed: a call's changes were flushed, or the page uploaded or deleted one. */
  | { type: 'files.changed'; user: string }
  /** The host agent failed in a way no call caught (it keeps running); the message says where. */
  | { type: 'runtime.error'; message: string }
  /** The host agent Worker died and a new one took over: calls in flight failed, local tiers are empty. */
  | { type: 'runtime.restarted'; message: string; at: Timestamp };


export interface Capabilities {
  crossOriginIsolated: boolean;
  jspi: boolean;
  multiMemory: boolean;
  hardwareConcurrency: number;
  /** Live Faaslet Workers kept ready. */
  poolSize: number;
  /** How a Faaslet waits in `await`: JSPI suspends its wasm; the mailbox blocks its Worker. */
  awaitMode: 'jspi' | 'mailbox';
  /** What a state pointer is: the shared value itself, or a private copy (browsers without multi-memory). */
  stateMapping: 'zero-copy' | 'copy';
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
  /** Choose how Faaslets await (the mailbox is the fallback for browsers without JSPI). */
  setAwaitMode(mode: 'jspi' | 'mailbox'): Promise<Capabilities>;
  /** Force copy semantics for state pointers (to compare with zero-copy); zero-copy needs multi-memory. */
  setStateMapping(mode: 'zero-copy' | 'copy'): Promise<Capabilities>;
  /** Events are delivered to this listener (a comlink proxy) in order. */
  subscribe(listener: (event: RuntimeEvent) => void): Promise<void>;
  /** Fetch and compile the toolchain ahead of the first build. */
  loadToolchain(): Promise<ToolchainStatus>;
  /** Compile, check and upload a function; the last good build of `user/name` is what runs. */
  build(source: FunctionSource): Promise<BuildReport>;
  /** Run a call from the page; the calls it chains arrive as events with its id as parent. */
  call(request: CallRequest): Promise<CallResult>;
  /** Uploaded functions (kept in IndexedDB, so they survive a reload). */
  listFunctions(): Promise<FunctionInfo[]>;
  deleteFunction(user: string, name: string): Promise<void>;
  renameFunction(user: string, from: string, to: string): Promise<void>;
  /** The uploaded module's imports and exports (rejects when `user/name` has no upload). */
  moduleInterface(user: string, name: string): Promise<ModuleInterface>;
  /** The uploaded module as WAT: what runs, after the shared-state rewrite. */
  moduleText(user: string, name: string): Promise<string>;
  /**
   * Build the source as Faasm's own toolchain would (runtime/export): the module to upload to a
   * Faasm cluster, and what in it Faasm lacks. Nothing is uploaded here.
   */
  exportForFaasm(source: FunctionSource): Promise<FaasmExport>;
  /** The uploaded module's bytes (a copy), to download. */
  moduleBytes(user: string, name: string): Promise<Uint8Array>;
  cluster(): Promise<ClusterView>;
  /** Resize the simulated cluster; idle Faaslets of removed hosts are ended. */
  configureCluster(config: Partial<ClusterConfig>): Promise<ClusterView>;
  /** A Faaslet's memory, layout, Proto-Faaslet and local tier, for the memory map. */
  inspectFaaslet(faaslet: number): Promise<FaasletInspection>;
  /** Every local tier made so far (new ones also arrive as `state.tier` events). */
  localTiers(): Promise<LocalTier[]>;
  /** Every key of the global tier with its size and version (pushes and pulls also arrive as `state.global` events). */
  globalKeys(): Promise<GlobalKeyInfo[]>;
  /** What the user's running calls hold in memory now: busy Faaslets' written pages and the local tier, measured. */
  memoryUsage(user: string): Promise<MemoryUsage>;
  /** End a running call at once; its Faaslet Worker is replaced. */
  stop(callId: number): Promise<boolean>;
  /** Every function's Proto-Faaslet image (or null) with its zygote runs and start counts. */
  protoFaaslets(): Promise<ProtoFaasletInfo[]>;
  /** Snapshot an idle Faaslet's memory 0 and globals under `name` (replacing a snapshot of that name). */
  snapshotFaaslet(faaslet: number, name: string): Promise<SnapshotInfo>;
  /** Manual snapshots taken so far, by name. */
  snapshots(): Promise<SnapshotInfo[]>;
  /** Copy a snapshot back into an idle Faaslet holding the same module (its next call still starts from the Proto-Faaslet). */
  restoreSnapshot(name: string, faaslet: number): Promise<void>;
  /** Which 64 KiB pages of the Faaslet's memory 0 differ from the snapshot now. */
  diffSnapshot(name: string, faaslet: number): Promise<PageDiff>;
  deleteSnapshot(name: string): Promise<void>;
  /** The user's files, as persisted (a call's changes are flushed when it ends). */
  listFiles(user: string): Promise<UserFileInfo[]>;
  readFile(user: string, path: string): Promise<Uint8Array>;
  /** Upload (or preload an input file); parent directories are made. */
  writeFile(user: string, path: string, data: Uint8Array): Promise<void>;
  /** A directory goes with its contents. */
  deleteFile(user: string, path: string): Promise<void>;
  /** What the function's Faaslets may use from now on (calls already running keep theirs). For this session. */
  setLimits(user: string, name: string, limits: FunctionLimits): Promise<void>;
}

/** What one function's Faaslets may use, set per function (Faasm's per-function limits). */
export interface FunctionLimits {
  /** Memory 0's maximum, whole MiB from 1 to MAX_MEMORY_LIMIT_MIB: malloc past it returns NULL. */
  memoryMiB: number;
  /** Its virtual sockets carry at most this many bytes per second (traffic shaping); null: unshaped. */
  bytesPerSecond: number | null;
}
