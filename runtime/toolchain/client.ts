/** The host agent's side of the toolchain protocol: request ids and a promise map. */
import type { BuildJob, PchStatus, ToolchainReply, ToolchainRequest } from './protocol';
import type { BuildOutcome } from './builder';
import type { FaasmBuildJob, FaasmExport } from '../export';

export type { BuildOutcome, PchStatus };

export interface LoadResult {
  networkBytes: number;
  totalBytes: number;
  loadMs: number;
}

export interface Toolchain {
  /** Fetches (or reads from Cache Storage) and compiles clang, and builds libfaasm. */
  load(): Promise<LoadResult>;
  /** Builds C, C++ or WAT; loads the toolchain first if needed (WAT never needs clang). */
  build(job: BuildJob): Promise<BuildOutcome>;
  /** Builds C or C++ as Faasm's toolchain would, and checks it against Faasm's runtime. */
  exportForFaasm(job: FaasmBuildJob): Promise<FaasmExport>;
  /** A module as WAT text (wabt; never waits for clang). */
  disassemble(wasm: Uint8Array): Promise<string>;
  /** Terminates the Worker; pending requests reject. */
  dispose(): void;
}

/** What the client needs of a Worker (a fake in tests). */
export interface ToolchainPort {
  postMessage(message: ToolchainRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToolchainReply>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

type Pending = { resolve: (reply: ToolchainReply) => void; reject: (error: Error) => void };

export function createToolchainClient(
  port: ToolchainPort,
  onProgress: (doneBytes: number, totalBytes: number) => void,
  /** The precompiled C++ headers being made in the background, then stored or not. */
  onPch: (status: PchStatus) => void = () => undefined,
): Toolchain {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let disposed: Error | null = null;

  const failAll = (error: Error): void => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  port.addEventListener('message', (event) => {
    const reply = event.data;
    if (reply.kind === 'progress') {
      onProgress(reply.doneBytes, reply.totalBytes);
      return;
    }
    if (reply.kind === 'pch') {
      onPch(reply.status);
      return;
    }
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.kind === 'error') p.reject(new Error(`toolchain: ${reply.message}`));
    else p.resolve(reply);
  });
  port.addEventListener('error', (event) => {
    const message = 'message' in event && typeof event.message === 'string' ? event.message : 'the toolchain Worker failed';
    failAll(new Error(`toolchain: ${message}`));
  });

  function request(make: (id: number) => ToolchainRequest): Promise<ToolchainReply> {
    if (disposed) return Promise.reject(disposed);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      port.postMessage(make(id));
    });
  }

  return {
    async load() {
      const reply = await request((id) => ({ kind: 'load', id }));
      if (reply.kind !== 'loaded') throw new Error(`toolchain: unexpected reply ${reply.kind}`);
      return { networkBytes: reply.networkBytes, totalBytes: reply.totalBytes, loadMs: reply.loadMs };
    },
    async build(job) {
      const reply = await request((id) => ({ kind: 'build', id, job }));
      if (reply.kind === 'built') {
        const { wasm, diagnostics, log, compileMs, rewrite } = reply;
        return { kind: 'built', ok: true, wasm, diagnostics, log, compileMs, rewrite };
      }
      if (reply.kind === 'build-failed') {
        const { diagnostics, log, compileMs } = reply;
        return { kind: 'build-failed', ok: false, diagnostics, log, compileMs };
      }
      throw new Error(`toolchain: unexpected reply ${reply.kind}`);
    },
    async exportForFaasm(job) {
      const reply = await request((id) => ({ kind: 'faasm-export', id, job }));
      if (reply.kind !== 'faasm-exported') throw new Error(`toolchain: unexpected reply ${reply.kind}`);
      return reply.result;
    },
    async disassemble(wasm) {
      // Copied, not transferred: the caller's bytes are the stored function's.
      const reply = await request((id) => ({ kind: 'disassemble', id, wasm }));
      if (reply.kind !== 'disassembled') throw new Error(`toolchain: unexpected reply ${reply.kind}`);
      return reply.text;
    },
    dispose() {
      if (disposed) return;
      disposed = new Error('toolchain: disposed');
      port.terminate();
      failAll(disposed);
    },
  };
}
