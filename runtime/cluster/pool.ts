/**
 * The pool of pre-spawned Faaslet Workers and their supervisor: a call takes an idle slot (or
 * queues for one), and a Worker that runs past its time limit, is stopped, or crashes is
 * terminated and replaced. No Worker is created on a call's path, only on a failure's.
 */
import type { FaasletToHost, HostToFaaslet, RunJob } from '../faaslet';

type Done = Extract<FaasletToHost, { kind: 'done' }>;

export type PoolOutcome =
  | { kind: 'done'; done: Done; warm: boolean; queuedMs: number }
  | { kind: 'killed'; reason: 'time-limit' | 'stopped'; elapsedMs: number; queuedMs: number }
  | { kind: 'crashed'; message: string; queuedMs: number };

interface Running {
  callId: number;
  startedAt: number;
  finish(outcome: PoolOutcome): void;
  timer: ReturnType<typeof setTimeout>;
}

class Slot {
  worker!: Worker;
  ready!: Promise<void>;
  running: Running | null = null;
  /** Modules this Worker has run, so a call can say whether it started warm. */
  seen = new WeakSet<WebAssembly.Module>();

  constructor(
    readonly index: number,
    private readonly spawn: (name: string) => Worker,
    private readonly onOutput: (callId: number, stream: 'stdout' | 'stderr', text: string) => void,
  ) {
    this.start();
  }

  private start(): void {
    const worker = this.spawn(`faaslet-${this.index}`);
    this.worker = worker;
    this.seen = new WeakSet();
    this.ready = new Promise((resolve) => {
      worker.onmessage = (event: MessageEvent<FaasletToHost>) => {
        const message = event.data;
        if (message.kind === 'ready') resolve();
        else if (message.kind === 'output') this.onOutput(message.callId, message.stream, message.text);
        else this.running?.finish({ kind: 'done', done: message, warm: false, queuedMs: 0 });
      };
    });
    worker.onerror = (event) => {
      event.preventDefault();
      this.running?.finish({ kind: 'crashed', message: event.message || 'the Faaslet Worker crashed', queuedMs: 0 });
      this.replace();
    };
  }

  /** Terminate at once (a spinning wasm loop cannot be interrupted any other way) and respawn. */
  replace(): void {
    this.worker.terminate();
    this.start();
  }

  post(message: HostToFaaslet): void {
    this.worker.postMessage(message);
  }
}

export class FaasletPool {
  private readonly slots: Slot[];
  private readonly waiting: ((slot: Slot) => void)[] = [];

  constructor(
    size: number,
    spawn: (name: string) => Worker,
    onOutput: (callId: number, stream: 'stdout' | 'stderr', text: string) => void,
  ) {
    this.slots = Array.from({ length: size }, (_, index) => new Slot(index, spawn, onOutput));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Resolves once every pre-spawned Worker has started. */
  ready(): Promise<void> {
    return Promise.all(this.slots.map((slot) => slot.ready)).then(() => undefined);
  }

  async run(job: RunJob, timeLimitMs: number): Promise<PoolOutcome> {
    const queuedAt = performance.now();
    const slot = await this.acquire();
    await slot.ready;
    const queuedMs = performance.now() - queuedAt;
    const warm = slot.seen.has(job.module);
    const startedAt = performance.now();
    try {
      return await new Promise<PoolOutcome>((resolve) => {
        const finish = (outcome: PoolOutcome) => {
          clearTimeout(running.timer);
          slot.running = null;
          if (outcome.kind === 'done') slot.seen.add(job.module);
          resolve(outcome.kind === 'done' ? { ...outcome, warm, queuedMs } : { ...outcome, queuedMs });
        };
        const running: Running = {
          callId: job.callId,
          startedAt,
          finish,
          timer: setTimeout(() => {
            finish({ kind: 'killed', reason: 'time-limit', elapsedMs: performance.now() - startedAt, queuedMs });
            slot.replace();
          }, timeLimitMs),
        };
        slot.running = running;
        slot.post({ kind: 'run', job });
      });
    } finally {
      this.release(slot);
    }
  }

  /** Ends a running call at once; false when no such call is running. */
  stop(callId: number): boolean {
    const slot = this.slots.find((s) => s.running?.callId === callId);
    if (!slot?.running) return false;
    const elapsedMs = performance.now() - slot.running.startedAt;
    slot.running.finish({ kind: 'killed', reason: 'stopped', elapsedMs, queuedMs: 0 });
    slot.replace();
    return true;
  }

  dispose(): void {
    for (const slot of this.slots) slot.worker.terminate();
  }

  private busy = new Set<Slot>();

  private acquire(): Promise<Slot> {
    const idle = this.slots.find((slot) => !this.busy.has(slot));
    if (idle) {
      this.busy.add(idle);
      return Promise.resolve(idle);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.busy.delete(slot);
  }
}
