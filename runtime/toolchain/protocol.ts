/** Host agent ↔ toolchain Worker messages: one union per direction. */
import type { Diagnostic, FunctionKind, Language, RewriteSummary } from '../api';
import type { FaasmBuildJob, FaasmExport } from '../export';

export type { RewriteSummary };

export interface BuildJob {
  language: Language;
  source: string;
  /** A library builds as a side module (`-fPIC -shared`) for dlopen. @default 'function' */
  kind?: FunctionKind;
  /** Optimisation level passed to clang. @default 'O2' */
  optimize?: 'O0' | 'O1' | 'O2' | 'O3' | 'Os';
  /** Apply the shared-state rewrite to modules that map state (benchmarks turn it off). @default true */
  rewrite?: boolean;
  /** Meter the module for the CPU-time limit (toolchain/meter). Only the metering benchmark's
   *  baseline turns it off: the upload refuses an unmetered module. @default true */
  meter?: boolean;
}


export type ToolchainRequest =
  | { kind: 'load'; id: number }
  | { kind: 'build'; id: number; job: BuildJob }
  /** Print a built module as WAT (the build inspector). */
  | { kind: 'disassemble'; id: number; wasm: Uint8Array }
  /** Build as Faasm's own toolchain would, for a Faasm cluster (runtime/export). */
  | { kind: 'faasm-export'; id: number; job: FaasmBuildJob };

export type ToolchainReply =
  | { kind: 'progress'; doneBytes: number; totalBytes: number }
  | { kind: 'loaded'; id: number; networkBytes: number; totalBytes: number; loadMs: number }
  | {
      kind: 'built';
      id: number;
      /** The linked module with memory 0 imported as shared `env.memory` (see toolchain README). */
      wasm: Uint8Array;
      diagnostics: Diagnostic[];
      log: string;
      compileMs: number;
      rewrite: RewriteSummary;
    }
  | { kind: 'build-failed'; id: number; diagnostics: Diagnostic[]; log: string; compileMs: number }
  | { kind: 'disassembled'; id: number; text: string }
  | { kind: 'faasm-exported'; id: number; result: FaasmExport }
  | { kind: 'error'; id: number; message: string };
