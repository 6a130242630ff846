/**
 * Host agent ↔ toolchain Worker messages, and toolchain Worker ↔ PCH Worker (pch.worker.ts):
 * one union per direction.
 */
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

/**
 * The precompiled C++ headers: being made in the background, ready (stored by the PCH Worker, or
 * found kept from an earlier load by a build), or not made (why).
 */
export type PchStatus = { state: 'making' } | { state: 'ready' } | { state: 'failed'; reason: string };

export type ToolchainReply =
  | { kind: 'progress'; doneBytes: number; totalBytes: number }
  /** Not an answer to a request: the PCH Worker started or ended. */
  | { kind: 'pch'; status: PchStatus }
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

/** Make the PCH for these compile flags and put it in Cache Storage; the one request a PCH Worker gets. */
export type PchRequest = { kind: 'make'; flags: string[] };

/** Stored (the toolchain Worker's next lookup reads it back), or not and why; then the Worker is ended. */
export type PchReply = { kind: 'stored' } | { kind: 'not-made'; reason: string };
