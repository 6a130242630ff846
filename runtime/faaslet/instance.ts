/**
 * One call in one Faaslet, following Faasm's lifecycle: start (cold, restored or warm, see
 * start.ts) so the instance is in its post-zygote state, then enter: `_start` for main, or a
 * function-table entry for a call chained by pointer. WAT modules may lack everything but their
 * entry. The instance is handed back to be held for the next call of the same module.
 */
import { FaasletKilled } from './control';
import type { AwaitAnswer, FaasletToHost, RunJob } from './protocol';
import { exported, failure, outcomeOf, enter, type Outcome } from './outcome';
import { startFaaslet, type HeldInstance } from './start';

type Done = Extract<FaasletToHost, { kind: 'done' }>;

export interface FaasletLink {
  onOutput(stream: 'stdout' | 'stderr', text: string): void;
  post(message: FaasletToHost): void;
  answer(awaited: number): Promise<AwaitAnswer>;
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

export interface FaasletRun {
  done: Done;
  /** The instance to keep for the next call, or null when it may not be reused. */
  held: HeldInstance | null;
}

export async function runFaaslet(job: RunJob, link: FaasletLink, held: HeldInstance | null): Promise<FaasletRun> {
  const began = performance.now();
  const started = startFaaslet(job, held, link);
  const startMs = performance.now() - began;
  link.post({
    kind: 'started',
    callId: job.callId,
    startKind: started.kind,
    startedAt: performance.timeOrigin + began,
    startMs,
    zygoteRan: started.zygoteRan,
  });
  const done = ({ returnCode, trap }: Outcome, output: Uint8Array = new Uint8Array()): Done => ({
    kind: 'done',
    callId: job.callId,
    returnCode,
    output,
    trap,
    runMs: performance.now() - began - startMs,
    fuelUnits: started.ok ? started.held.routing.control.unitsUsed : 0,
  });
  if (!started.ok) return { done: done(started.outcome), held: null };
  const { instance, routing } = started.held;
  if (started.captured) link.post({ kind: 'proto', callId: job.callId, functionName: job.functionName, image: started.captured });

  const entry = entryOf(instance, job);
  if (typeof entry === 'string') return { done: done({ returnCode: 1, trap: { message: entry, stack: [] } }), held: started.held };
  routing.armFuel();
  const ran = await enterSuspendable(entry, job.awaitMode === 'jspi');
  // A pointer call skips _start's exit path, so flush stdio as exit would.
  const dtors = job.entry.kind === 'pointer' ? exported(instance, '__wasm_call_dtors') : null;
  if (dtors && !ran.trap) enter(dtors);
  routing.bookLastSlice();
  // Past this point no kill lands: a kill requested meanwhile wins, and nothing is cleaned up.
  if (!routing.control.finish()) throw new FaasletKilled(routing.control.reason ?? 'stopped');
  // Even a trapped call must not leave locks held.
  const ended = enter(() => (routing.end(), ran.returnCode));
  const outcome = ran.trap ? ran : ended;
  return { done: { ...done(outcome, routing.output), files: routing.fileChanges() }, held: started.held };
}
