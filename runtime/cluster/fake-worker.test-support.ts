/** A stand-in Faaslet Worker for Node tests: scripted answers to each run. */
import type { FaasletToHost, HostToFaaslet, RunJob } from '../faaslet';

/** done: answer after ms; hang: never answer; await: ask to await a call, then finish on the answer. */
export type Script = { kind: 'done'; ms: number } | { kind: 'hang' } | { kind: 'await'; awaited: number };

export class FakeWorker {
  onmessage: ((event: MessageEvent<FaasletToHost>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  jobs: RunJob[] = [];

  constructor(private readonly script: (job: RunJob) => Script) {
    queueMicrotask(() => this.reply({ kind: 'ready' }));
  }

  private reply(message: FaasletToHost) {
    if (!this.terminated) this.onmessage?.({ data: message } as MessageEvent<FaasletToHost>);
  }

  private finish(job: RunJob, returnCode = 0) {
    this.reply({
      kind: 'done',
      callId: job.callId,
      returnCode,
      output: new Uint8Array([job.callId]),
      trap: null,
      runMs: 0,
    });
  }

  postMessage(message: HostToFaaslet) {
    if (message.kind === 'awaited') {
      const job = this.jobs.find((j) => j.callId === message.callId);
      if (job) setTimeout(() => this.finish(job, message.answer.returnCode), 1);
      return;
    }
    if (message.kind !== 'run') return;
    const { job } = message;
    this.jobs.push(job);
    const startKind = job.start?.kind ?? 'cold';
    this.reply({ kind: 'started', callId: job.callId, startKind, startedAt: 0, startMs: 0.25, zygoteRan: startKind === 'cold' });
    const step = this.script(job);
    if (step.kind === 'done') setTimeout(() => this.finish(job), step.ms);
    else if (step.kind === 'await') {
      setTimeout(() => this.reply({ kind: 'await', callId: job.callId, awaited: step.awaited }), 1);
    }
  }

  terminate() {
    this.terminated = true;
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
  arena: { memory: {} as WebAssembly.Memory, meta: new SharedArrayBuffer(0) },
});
