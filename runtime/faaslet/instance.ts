/**
 * One call in one Faaslet, following Faasm's lifecycle: instantiate against memory 0 (made by
 * the host agent) and the host interface, run the constructors and `_faasm_zygote` (the point a
 * Proto-Faaslet snapshot is taken), then enter through `_start`, which runs main.
 * WAT modules may have none of the first two; only `_start` is required.
 */
import { WASIProcExit } from '@bjorn3/browser_wasi_shim';
import { FaasletMemory, HostError, hostInterface, type CallIo } from '../host';
import type { FaasletToHost, RunJob } from './protocol';
import { trapMessage, wasmFrames } from './stack';
import { faasletWasi } from './wasi';

type Done = Extract<FaasletToHost, { kind: 'done' }>;
type Trap = NonNullable<Done['trap']>;

const trapOf = (error: unknown, during = ''): Trap => ({
  message: `${during}${error instanceof HostError ? error.message : trapMessage(error)}`,
  stack: wasmFrames((error as Error | undefined)?.stack),
});

/** Runs one export; a proc_exit becomes a return code, a trap becomes a Trap. */
function enter(fn: () => unknown, during = ''): { returnCode: number; trap: Trap | null } {
  try {
    const value = fn();
    return { returnCode: typeof value === 'number' ? value : 0, trap: null };
  } catch (error) {
    if (error instanceof WASIProcExit) return { returnCode: error.code, trap: null };
    return { returnCode: 1, trap: trapOf(error, during) };
  }
}

const exported = (instance: WebAssembly.Instance, name: string) => {
  const value = instance.exports[name];
  return typeof value === 'function' ? (value as () => unknown) : null;
};

export function runFaaslet(
  job: RunJob,
  onOutput: (stream: 'stdout' | 'stderr', text: string) => void,
): Done {
  const started = performance.now();
  const io: CallIo = { input: job.input, output: new Uint8Array() };
  const { wasi } = faasletWasi(['function.wasm', ...job.args], onOutput);
  let instantiated = started;
  const done = (returnCode: number, trap: Trap | null): Done => ({
    kind: 'done',
    callId: job.callId,
    returnCode,
    output: io.output,
    trap,
    instantiateMs: instantiated - started,
    runMs: performance.now() - instantiated,
  });

  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(job.module, {
      env: { memory: job.memory, ...hostInterface(new FaasletMemory(job.memory), io) },
      wasi_snapshot_preview1: wasi.wasiImport,
    });
  } catch (error) {
    // A link error, or a trap in the module's start function: the call never ran.
    return done(1, trapOf(error, 'instantiation failed: '));
  }
  // The shim reads memory through `inst`; constructors may print before `_start`.
  wasi.inst = { exports: { memory: job.memory } };

  const ctors = exported(instance, '__wasm_call_ctors');
  if (ctors) {
    const { trap } = enter(ctors, 'in static constructors: ');
    if (trap) return done(1, trap);
  }
  const zygote = exported(instance, '_faasm_zygote');
  if (zygote) {
    const { returnCode, trap } = enter(zygote, 'in _faasm_zygote: ');
    if (trap || returnCode !== 0) {
      return done(returnCode || 1, trap ?? { message: `_faasm_zygote failed with ${returnCode}`, stack: [] });
    }
  }
  instantiated = performance.now();

  const start = exported(instance, '_start');
  if (!start) return done(1, { message: 'the module exports no _start entry point', stack: [] });
  const { returnCode, trap } = enter(start);
  return done(returnCode, trap);
}
