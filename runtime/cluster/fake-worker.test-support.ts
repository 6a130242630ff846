/**
 * A stand-in Faaslet Worker for Node tests: scripted answers to each run. It keeps the control
 * word's rules (faaslet/control.ts) as a metered Faaslet does: while it "runs" it polls every
 * millisecond, booking a millisecond of fuel each time, and dies at the poll after a kill request
 * or past its budget.
 */
import type { FaasletToHost, HostToFaaslet, RunJob } from '../faaslet';
import { createControl, FaasletControl, FaasletKilled } from '../faaslet/control';
import { FUEL_UNITS_PER_MS } from '../faaslet/fuel';

/**
 * done: answer after ms; hang: spin (polling) until killed; unmetered: spin and never poll;
 * await: ask to await a call (blocked meanwhile), then finish on the answer.
 */
export type Script = { kind: 'done'; ms: number } | { kind: 'hang' } | { kind: 'unmetered' } | { kind: 'await'; awaited: number };

export class FakeWorker {
  onmessage: ((event: MessageEvent<FaasletToHost>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  terminated = false;
  jobs: RunJob[] = [];
  private spin: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly script: (job: RunJob) => Script) {
    queueMicrotask(() => this.reply({ kind: 'ready' }));
  }

  private reply(message: FaasletToHost) {
    if (!this.terminated) this.onmessage?.({ data: message } as MessageEvent<FaasletToHost>);
  }

  private finish(job: RunJob, returnCode = 0) {
    if (this.terminated || !new FaasletControl(job.control).finish()) return;
    this.reply({
      kind: 'done',
      callId: job.callId,
      returnCode,
      output: new Uint8Array([job.callId]),
      trap: null,
      runMs: 0,
      fuelUnits: 0,
    });
  }

  /** A metered loop: one poll per millisecond of "CPU". */
  private spinUntilKilled(job: RunJob) {
    const control = new FaasletControl(job.control);
    this.spin = setInterval(() => {
      try {
        control.book(FUEL_UNITS_PER_MS);
        control.poll();
        if (control.unitsUsed > job.cpuBudgetUnits) control.die('time-limit');
      } catch (error) {
        if (!(error instanceof FaasletKilled)) throw error;
        clearInterval(this.spin!);
      }
    }, 1);
  }

  postMessage(message: HostToFaaslet) {
    if (this.terminated) return;
    if (message.kind === 'awaited') {
      const job = this.jobs.find((j) => j.callId === message.callId);
      if (job) {
        const control = new FaasletControl(job.control);
        setTimeout(() => {
          try {
            control.leaveWait();
          } catch {
            return; // killed while it awaited: it touches nothing
          }
          this.finish(job, message.answer.returnCode);
        }, 1);
      }
      return;
    }
    if (message.kind !== 'run') return;
    const { job } = message;
    this.jobs.push(job);
    const startKind = job.start?.kind ?? 'cold';
    this.reply({ kind: 'started', callId: job.callId, startKind, startedAt: 0, startMs: 0.25, zygoteRan: startKind === 'cold' });
    const step = this.script(job);
    if (step.kind === 'done') setTimeout(() => this.finish(job), step.ms);
    else if (step.kind === 'hang') this.spinUntilKilled(job);
    else if (step.kind === 'await') {
      setTimeout(() => {
        new FaasletControl(job.control).enterWait();
        this.reply({ kind: 'await', callId: job.callId, awaited: step.awaited });
      }, 1);
    }
  }

  terminate() {
    this.terminated = true;
    if (this.spin) clearInterval(this.spin);
  }
}

export function fakeSpawner(script: (job: RunJob) => Script) {
  const spawned: FakeWorker[] = [];
  const spawn = () => {
    const worker = new FakeWorker(script);
    spawned.push(worker);
    return worker as unknown as Worker;
  };
  return { spawn, spawned };
}

export const fakeJob = (callId: number): RunJob => ({
  callId,
  functionName: 'demo/f',
  user: 'demo',
  module: {} as WebAssembly.Module,
  memory: {} as WebAssembly.Memory,
  input: new Uint8Array(),
  args: [],
  entry: { kind: 'main' },
  callIds: new Int32Array(1),
  awaitMode: 'jspi',
  mailbox: new SharedArrayBuffer(16),
  control: createControl(),
  cpuBudgetUnits: Infinity,
  arena: { memory: {} as WebAssembly.Memory, meta: new SharedArrayBuffer(0) },
});
