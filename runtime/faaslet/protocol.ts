/** Host agent ↔ Faaslet Worker messages: one union per direction. */
import type { WasmFrame } from '../api';

export interface RunJob {
  callId: number;
  /** `user/function`, for messages. */
  functionName: string;
  /** Compiled once by the host agent; structured-clone shares the code, not a copy. */
  module: WebAssembly.Module;
  /** Memory 0, created by the host agent so it can read and snapshot it without messages. */
  memory: WebAssembly.Memory;
  input: Uint8Array;
  args: string[];
}

export type HostToFaaslet = { kind: 'run'; job: RunJob };

export type FaasletToHost =
  | { kind: 'ready' }
  | { kind: 'output'; callId: number; stream: 'stdout' | 'stderr'; text: string }
  | {
      kind: 'done';
      callId: number;
      returnCode: number;
      output: Uint8Array;
      /** Set when the wasm trapped or a host call failed the Faaslet. */
      trap: { message: string; stack: WasmFrame[] } | null;
      instantiateMs: number;
      runMs: number;
    };
