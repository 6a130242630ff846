/**
 * One call in one Faaslet, following Faasm's lifecycle: instantiate against memory 0 (owned by
 * the host agent) and the host interface, run the constructors and `_faasm_zygote` (where a
 * Proto-Faaslet snapshot is taken), then enter: `_start` for main, or a function-table entry
 * for a call chained by pointer. WAT modules may lack everything but their entry.
 */
import { WASIProcExit } from '@bjorn3/browser_wasi_shim';
import { FaasletMemory, HostError, hostInterface, type CallIo, type ChainContext } from '../host';
import { StateArena } from '../state';
import type { AwaitAnswer, FaasletToHost, RunJob } from './protocol';
import { trapMessage, wasmFrames } from './stack';
import { faasletWasi } from './wasi';

type Done = Extract<FaasletToHost, { kind: 'done' }>;
type Trap = NonNullable<Done['trap']>;
type Outcome = { returnCode: number; trap: Trap | null };

export interface FaasletLink {
  onOutput(stream: 'stdout' | 'stderr', text: string): void;
  post(message: FaasletToHost): void;
  answer(awaited: number): Promise<AwaitAnswer>;
}

const trapOf = (error: unknown, during = ''): Trap => ({
  message: `${during}${error instanceof HostError ? error.message : trapMessage(error)}`,
  stack: wasmFrames((error as Error | undefined)?.stack),
});

const outcomeOf = (value: unknown): Outcome => ({
  returnCode: typeof value === 'number' ? value : 0,
  trap: null,
});

const failure = (error: unknown, during = ''): Outcome =>
  error instanceof WASIProcExit ? { returnCode: error.code, trap: null } : { returnCode: 1, trap: trapOf(error, during) };

function enter(fn: () => unknown, during = ''): Outcome {
  try {
    return outcomeOf(fn());
  } catch (error) {
    return failure(error, during);
  }
}

/** A wasm export and its arguments; JSPI's promising() takes only wasm functions, not wrappers. */
interface EntryPoint {
  fn: (...args: number[]) => unknown;
  args: number[];
}

async function enterSuspendable({ fn, args }: EntryPoint, jspi: boolean): Promise<Outcome> {
  try {
    return outcomeOf(jspi ? await WebAssembly.promising(fn)(...args) : fn(...args));
  } catch (error) {
    return failure(error);
  }
}

const exported = (instance: WebAssembly.Instance, name: string) => {
  const value = instance.exports[name];
  return typeof value === 'function' ? (value as (...args: number[]) => unknown) : null;
};

/** The function a call enters, or why it cannot. */
function entryOf(instance: WebAssembly.Instance, job: RunJob): EntryPoint | string {
  if (job.entry.kind === 'main') {
    const start = exported(instance, '_start');
    return start ? { fn: start, args: [] } : 'the module exports no _start entry point';
  }
  const { funcIndex } = job.entry;
  const table = instance.exports.__indirect_function_table;
  if (!(table instanceof WebAssembly.Table)) return 'chain by pointer: the module exports no function table';
  const fn = funcIndex >= 0 && funcIndex < table.length ? (table.get(funcIndex) as unknown) : null;
  if (typeof fn !== 'function') return `chain by pointer: table index ${funcIndex} is not a function`;
  const target = fn as (...args: number[]) => unknown;
  // Faasm passes one i32 parsed from the input when the function takes a parameter.
  const argument = Number.parseInt(new TextDecoder().decode(job.input), 10) | 0;
  return { fn: target, args: target.length >= 1 ? [argument] : [] };
}

export async function runFaaslet(job: RunJob, link: FaasletLink): Promise<Done> {
  const started = performance.now();
  // This Faaslet's memory is reused across its calls; nothing of the last call may show.
  new Uint8Array(job.memory.buffer).fill(0);
  const io: CallIo = { input: job.input, output: new Uint8Array() };
  const { wasi, stderr } = faasletWasi(['function.wasm', ...job.args], link.onOutput);
  let instance: WebAssembly.Instance | null = null;
  const chain: ChainContext = {
    callId: job.callId,
    callIds: job.callIds,
    mode: job.awaitMode,
    mailbox: job.mailbox,
    post: link.post,
    answer: link.answer,
    malloc(size) {
      const malloc = instance && exported(instance, 'malloc');
      if (!malloc) throw new HostError('__faasm_await_call_output: the module exports no malloc');
      return malloc(size) as number;
    },
    stderr: (text) => stderr.write(new TextEncoder().encode(text)),
  };
  let instantiated = started;
  const done = ({ returnCode, trap }: Outcome): Done => ({
    kind: 'done',
    callId: job.callId,
    returnCode,
    output: io.output,
    trap,
    instantiateMs: instantiated - started,
    runMs: performance.now() - instantiated,
  });

  const arena = StateArena.attach(job.arena);
  try {
    instance = new WebAssembly.Instance(job.module, {
      // Suspending imports are import values too; TypeScript's DOM types predate JSPI.
      env: {
        memory: job.memory,
        state: arena.memory,
        ...hostInterface(new FaasletMemory(job.memory, arena.memory), { io, chain, arena, user: job.user }),
      } as unknown as WebAssembly.ModuleImports,
      wasi_snapshot_preview1: wasi.wasiImport,
    });
  } catch (error) {
    // A link error, or a trap in the module's start function: the call never ran.
    return done({ returnCode: 1, trap: trapOf(error, 'instantiation failed: ') });
  }
  // The shim reads memory through `inst`; constructors may print before the entry runs.
  wasi.inst = { exports: { memory: job.memory } };

  const ctors = exported(instance, '__wasm_call_ctors');
  const setup = ctors ? enter(ctors, 'in static constructors: ') : null;
  if (setup?.trap) return done(setup);
  const zygote = exported(instance, '_faasm_zygote');
  const zygoted = zygote ? enter(zygote, 'in _faasm_zygote: ') : null;
  if (zygoted && (zygoted.trap || zygoted.returnCode !== 0)) {
    return done({
      returnCode: zygoted.returnCode || 1,
      trap: zygoted.trap ?? { message: `_faasm_zygote failed with ${zygoted.returnCode}`, stack: [] },
    });
  }
  instantiated = performance.now();

  const entry = entryOf(instance, job);
  if (typeof entry === 'string') return done({ returnCode: 1, trap: { message: entry, stack: [] } });
  const outcome = await enterSuspendable(entry, job.awaitMode === 'jspi');
  // A pointer call skips _start's exit path, so flush stdio as exit would.
  const dtors = job.entry.kind === 'pointer' ? exported(instance, '__wasm_call_dtors') : null;
  if (dtors && !outcome.trap) enter(dtors);
  return done(outcome);
}
