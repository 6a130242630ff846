/** The shape of the app store (see playground.ts). */
import type {
  BuildReport,
  CallResult,
  Capabilities,
  PchStatus,
  ClusterView,
  Diagnostic,
  FaasletInspection,
  FunctionInfo,
  FunctionKind,
  FunctionLimits,
  IsolationProblem,
  Language,
  LocalTier,
  MemoryUsage,
  PageDiff,
  ProtoFaasletInfo,
  SnapshotInfo,
  UserFileInfo,
} from '../../runtime';
import type { GlobalTierView } from './global';
import type { CallTrace } from './trace';
import type { Example } from '../examples';
import type { SharedSet } from '../lib/share';
import type { ClusterSize, Theme, Workspace } from './workspace';

export type RuntimePhase = 'idle' | 'blocked' | 'connecting' | 'ready' | 'failed';
export type OutputTab = 'output' | 'calls' | 'cluster' | 'memory' | 'state' | 'files' | 'protos' | 'problems' | 'log';
export type SaveStatus = 'saved' | 'pending' | 'failed';

export interface RuntimeView {
  phase: RuntimePhase;
  isolation: IsolationProblem | null;
  capabilities: Capabilities | null;
  error: string | null;
}

export interface ToolchainView {
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  doneBytes: number;
  totalBytes: number;
  loadMs: number | null;
  error: string | null;
}

export interface BuildView {
  phase: 'idle' | 'waiting' | 'building' | 'done' | 'failed';
  /** The function (`user/name`) built last. */
  function: string | null;
  language: Language | null;
  report: BuildReport | null;
  error: string | null;
}

/** What a successful build compiled: Run rebuilds when the editor differs. */
export interface BuiltSource {
  language: Language;
  source: string;
}

/** "Build all" in progress. */
export interface BuildAllView {
  user: string;
  done: number;
  total: number;
}

export interface CallView {
  /** building: Run is building first. cancelled: it never called (build failed or Stop). */
  phase: 'idle' | 'building' | 'running' | 'done' | 'failed' | 'cancelled';
  /** The function Run called. */
  function: string | null;
  /** Known once the runtime reports the call (its placement or start). */
  callId: number | null;
  /** Stop was pressed before the call id was known. */
  stopRequested: boolean;
  /** Streamed while the call runs; replaced by the result's copy at the end. */
  stdout: string;
  stderr: string;
  result: CallResult | null;
  error: string | null;
  /** What Run built first: the stale functions the call may reach (app/store/reach.ts). */
  built: string[];
}

/** Ask the editor to put the cursor somewhere; `seq` makes repeated clicks count. */
export interface CursorRequest {
  line: number;
  column: number;
  seq: number;
}

/** What arrived from outside (a shared link, a workspace file) and what became of it. */
export interface WorkspaceNotice {
  tone: 'info' | 'error';
  text: string;
}

export interface PlaygroundState extends Workspace {
  runtime: RuntimeView;
  toolchain: ToolchainView;
  /** The precompiled C++ headers the toolchain makes in the background; null until it starts one. */
  pch: PchStatus | null;
  build: BuildView;
  /** Per function, what its last successful build in this session compiled. */
  built: Record<string, BuiltSource>;
  buildAll: BuildAllView | null;
  /** Functions in the runtime's function store. */
  uploaded: FunctionInfo[];
  clusterView: ClusterView | null;
  /** Each host's local tier of state per user, in the order they were made. */
  localTiers: LocalTier[];
  /** The global tier's keys and its latest pushes and pulls (from any host, or another tab). */
  globalTier: GlobalTierView;
  /** Each function's Proto-Faaslet, zygote runs and start counts. */
  protos: ProtoFaasletInfo[];
  snapshots: SnapshotInfo[];
  /** The last diff or restore: pages of a Faaslet's memory that differ from a snapshot. */
  snapshotDiff: PageDiff | null;
  snapshotError: string | null;
  /** Faaslets shown in the Memory tab (at most two, side by side). */
  inspected: FaasletInspection[];
  /** The lesson shown above the editor. */
  lessonId: string | null;
  /** The CPU-time limit a lesson set, and the person's own, put back when the lesson closes. */
  lessonLimit: { lessonMs: number; ownMs: number } | null;
  /** Projector mode: bigger text everywhere (a preference of this browser, not of the workspace). */
  largeText: boolean;
  inspectError: string | null;
  /** Why the last resize failed. */
  clusterError: string | null;
  call: CallView;
  /** Whether Run passes each function's command line to the calls chained to it (session only). @default false */
  chainCmdlines: boolean;
  /** Every call the last run made. */
  trace: CallTrace;
  selectedCallId: number | null;
  outputTab: OutputTab;
  saveStatus: SaveStatus;
  /** Why the last save was refused (it is being tried again); null once one goes through. */
  saveError: string | null;
  savedAt: number | null;
  cursorRequest: CursorRequest | null;
  workspaceNotice: WorkspaceNotice | null;
  /** The Files tab: one user's files as the runtime persists them, and why the last action failed. */
  userFiles: { user: string | null; files: UserFileInfo[]; error: string | null };

  startRuntime(): Promise<void>;
  /** Shows `user`'s files and follows their changes; returns the unsubscribe. */
  watchFiles(user: string): () => void;
  refreshFiles(): Promise<void>;
  uploadFiles(picked: FileList): Promise<void>;
  downloadFile(path: string): Promise<void>;
  removeFile(path: string): Promise<void>;
  selectFunction(key: string): void;
  /** Each returns an error message, or null when done. */
  createFunction(key: string, language: Language, kind?: FunctionKind): string | null;
  renameFunction(key: string, newName: string): Promise<string | null>;
  deleteFunction(key: string): Promise<string | null>;
  setLanguage(language: Language): void;
  setSource(key: string, language: Language, source: string): void;
  setInput(input: string): void;
  /** Writes the input in another format (lib/call-input.ts converts it). */
  setInputFormat(format: 'text' | 'hex', input: string): void;
  /** Makes a file of the Files tab the input (its text stays for later); undefined: the text again. */
  setInputFile(path: string | undefined): void;
  /** The current function's command line (argv after `function.wasm`). */
  setCmdline(cmdline: string): void;
  /** Chained calls get their own function's command line (Faasm's chain by name sends none). */
  setChainCmdlines(on: boolean): void;
  /** The current function's memory and bandwidth limits; an error message, or null when set. */
  setLimits(limits: FunctionLimits): string | null;
  setClusterSize(size: Partial<ClusterSize>): void;
  /** The page-wide memory budget, MiB (the runtime clamps it to 256–65536); kept for the session. */
  setMemoryBudget(mib: number): void;
  selectCall(callId: number | null): void;
  setCpuTimeLimit(ms: number): void;
  setTheme(theme: Theme): void;
  setLargeText(large: boolean): void;
  openLesson(id: string): void;
  closeLesson(): Promise<void>;
  /** Builds the lesson's functions, then runs the one it names with its input, on its view. */
  runLesson(): Promise<void>;
  /** Puts the lesson's own code back into its functions. */
  resetLessonCode(): void;
  /** What the user's running calls hold in memory now, measured by the runtime; null without one. */
  measureMemory(user: string): Promise<MemoryUsage | null>;
  setOutputTab(tab: OutputTab): void;
  revealDiagnostic(diagnostic: Diagnostic): void;
  /** Adds an example to the workspace, or selects it when the workspace has it already. */
  openExample(example: Example): void;
  /** Adds a link's functions and selects its current one; a different function of a shared name keeps its code and the shared one gets a free name. */
  openShared(shared: SharedSet): void;
  /** Adds the functions of a workspace read from a file named `from` beside these, as openShared does. */
  importWorkspace(workspace: Workspace, from: string): void;
  setWorkspaceNotice(notice: WorkspaceNotice | null): void;
  /** Builds the function in the editor (or `key`); resolves to whether it succeeded. */
  buildFunction(key?: string): Promise<boolean>;
  /** Builds every function of the user (default: the current function's), stopping at the first failure. */
  buildAllFunctions(user?: string): Promise<boolean>;
  /** Runs the function in the editor; builds first when it differs from its last good build. */
  runFunction(): Promise<void>;
  buildAndRun(): Promise<void>;
  stopCall(): void;
  /** Each resolves to whether the runtime did it; a failure is kept in `snapshotError`. */
  refreshProtos(): Promise<boolean>;
  takeSnapshot(faaslet: number, name: string): Promise<boolean>;
  /** Runs the snapshot's function, started from the snapshot instead of its Proto-Faaslet. */
  runFromSnapshot(name: string): Promise<void>;
  restoreSnapshot(name: string, faaslet: number): Promise<boolean>;
  diffSnapshot(name: string, faaslet: number): Promise<boolean>;
  deleteSnapshot(name: string): Promise<boolean>;
  /** Show a Faaslet's memory map (Memory tab). */
  inspectFaaslet(faaslet: number): Promise<void>;
  refreshInspection(faaslet: number): Promise<void>;
  closeInspection(faaslet: number): void;
}

type StoreApi = import('zustand').StoreApi<PlaygroundState>;
export type SetState = StoreApi['setState'];
export type GetState = StoreApi['getState'];
