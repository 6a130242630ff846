/**
 * A Faaslet's imports are bound once, when its instance is made, but a warm instance serves many
 * calls: the host interface and WASI must still see a fresh call each time (input, output, fds,
 * args, stdout buffers, the call id awaits use). So the imports are bound to a routing object
 * that each call re-points at its own state.
 */
import type { WASI } from '@bjorn3/browser_wasi_shim';
import { FaasletMemory, HostError, hostInterface, type CallIo, type ChainContext } from '../host';
import { StateArena } from '../state';
import type { FaasletLink } from './instance';
import type { RunJob } from './protocol';
import { faasletWasi, WASI_IMPORT_NAMES, type CapturedStream } from './wasi';

type WasiFunction = (...args: unknown[]) => unknown;

const unset = () => {
  throw new HostError('no call is running in this Faaslet');
};

export class CallRouting {
  /** Refilled for every call: the host interface reads these fields when it is called. */
  private readonly io: CallIo = { input: new Uint8Array(), output: new Uint8Array() };
  private readonly chain: ChainContext;
  private wasi: WASI | null = null;
  /** Memory 0 of the instance: the job's memory object is a new wrapper on every message. */
  private readonly memory: WebAssembly.Memory;
  /** Set once the instance exists (its malloc serves await-with-output). */
  instance: WebAssembly.Instance | null = null;

  constructor(job: RunJob) {
    this.memory = job.memory;
    this.chain = {
      callId: 0,
      callIds: job.callIds,
      // The await imports' shape (JSPI or blocking) is fixed here; a Faaslet whose mode differs is not reused.
      mode: job.awaitMode,
      mailbox: job.mailbox,
      post: unset,
      answer: unset,
      malloc: (size) => {
        const malloc = this.instance?.exports.malloc;
        if (typeof malloc !== 'function') throw new HostError('__faasm_await_call_output: the module exports no malloc');
        return malloc(size) as number;
      },
      stderr: unset,
    };
  }

  /** The import object for the instance of `job.module` on `job.memory`. */
  imports(job: RunJob): WebAssembly.Imports {
    const memory = this.memory;
    const arena = StateArena.attach(job.arena);
    const wasiImport = Object.fromEntries(
      [...WASI_IMPORT_NAMES].map((name) => [
        name,
        (...args: unknown[]) => (this.wasi!.wasiImport[name] as WasiFunction)(...args),
      ]),
    );
    return {
      // Suspending imports are import values too; TypeScript's DOM types predate JSPI.
      env: {
        memory,
        state: arena.memory,
        ...hostInterface(new FaasletMemory(memory, arena.memory), {
          io: this.io,
          chain: this.chain,
          arena,
          user: job.user,
        }),
      } as unknown as WebAssembly.ModuleImports,
      wasi_snapshot_preview1: wasiImport as WebAssembly.ModuleImports,
    };
  }

  /** Point every import at a new call; returns its stderr for host messages. */
  begin(job: RunJob, link: FaasletLink): CapturedStream {
    const { wasi, stderr } = faasletWasi(['function.wasm', ...job.args], link.onOutput);
    // The shim reads memory through `inst`; constructors may print before the entry runs.
    wasi.inst = { exports: { memory: this.memory } };
    this.wasi = wasi;
    Object.assign(this.io, { input: job.input, output: new Uint8Array() });
    Object.assign(this.chain, {
      callId: job.callId,
      mailbox: job.mailbox,
      post: link.post,
      answer: link.answer,
      stderr: (text: string) => stderr.write(new TextEncoder().encode(text)),
    });
    return stderr;
  }

  get output(): Uint8Array {
    return this.io.output;
  }
}
