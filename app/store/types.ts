/** The shape of the app store (see playground.ts). */
import type {
  BuildReport,
  CallResult,
  Capabilities,
  Diagnostic,
  IsolationProblem,
  Language,
} from '../../runtime';
import type { Theme, Workspace } from './workspace';

export type RuntimePhase = 'idle' | 'blocked' | 'connecting' | 'ready' | 'failed';
export type OutputTab = 'output' | 'problems' | 'log';
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
  language: Language | null;
  report: BuildReport | null;
  error: string | null;
}

export interface CallView {
  /** building: Run is building first. cancelled: it never called (build failed or Stop). */
  phase: 'idle' | 'building' | 'running' | 'done' | 'failed' | 'cancelled';
  /** Known once the runtime reports `call.started`. */
  callId: number | null;
  /** Stop was pressed before the call id was known. */
  stopRequested: boolean;
  /** Streamed while the call runs; replaced by the result's copy at the end. */
  stdout: string;
  stderr: string;
  result: CallResult | null;
  error: string | null;
}

/** Ask the editor to put the cursor somewhere; `seq` makes repeated clicks count. */
export interface CursorRequest {
  line: number;
  column: number;
  seq: number;
}

export interface PlaygroundState extends Workspace {
  runtime: RuntimeView;
  toolchain: ToolchainView;
  build: BuildView;
  /** What the last successful build compiled: Run rebuilds when the editor differs. */
  built: { language: Language; source: string } | null;
  call: CallView;
  outputTab: OutputTab;
  saveStatus: SaveStatus;
  savedAt: number | null;
  cursorRequest: CursorRequest | null;

  startRuntime(): Promise<void>;
  setLanguage(language: Language): void;
  setSource(language: Language, source: string): void;
  setInput(input: string): void;
  setCpuTimeLimit(ms: number): void;
  setTheme(theme: Theme): void;
  setOutputTab(tab: OutputTab): void;
  revealDiagnostic(diagnostic: Diagnostic): void;
  /** Resolves to whether the build succeeded. */
  buildFunction(): Promise<boolean>;
  /** Builds first when the editor differs from the last good build. */
  runFunction(): Promise<void>;
  buildAndRun(): Promise<void>;
  stopCall(): void;
}
