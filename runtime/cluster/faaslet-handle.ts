/**
 * The host agent's side of one Faaslet: its Worker, its memory 0, and its supervisor. A call
 * that runs past its CPU-time limit (time blocked in await does not count), is stopped, or
 * crashes the Worker ends at once: the Worker is terminated and replaced.
 */
import type { FaasletState, StartKind } from '../api';
import type { AwaitAnswer, FaasletToHost, HostToFaaslet, RunJob } from '../faaslet';
import { createMailbox, postAnswer } from '../host';
import type { ProtoImage } from '../proto';
import { createLockLedger, LockLedger, StateArena, type StateArenaHandle } from '../state';

type Done = Extract<FaasletToHost, { kind: 'done' }>;
type SnapshotReply = Extract<FaasletToHost, { kind: 'snapshot' | 'restored' | 'refused' }>;

export type RunOutcome =
  | { kind: 'done'; done: Done }
  /** `fuelUnits`: CPU work done before the kill (fuel.ts). */
  | { kind: 'killed'; reason: 'time-limit' | 'stopped'; elapsedMs: number; fuelUnits?: number }
  | { kind: 'crashed'; message: string };

export interface FaasletEvents {
  /** The Faaslet has started a call: how, when and how long it took. */
  started(message: Extract<FaasletToHost, { kind: 'started' }>): void;
  output(callId: number, stream: 'stdout' | 'stderr', text: string): void;
  chain(message: Extract<FaasletToHost, { kind: 'chain' }>): void;
  await(faaslet: FaasletHandle, callId: number, awaited: number): void;
  /** A Faaslet took its function's Proto-Faaslet after the zygote. */
  proto(message: Extract<FaasletToHost, { kind: 'proto' }>): void;
  /** A push, pull or global lock; the Faaslet blocks on its mailbox until it is answered (runtime/global). */
  global?(faaslet: FaasletHandle, message: Extract<FaasletToHost, { kind: 'global' }>): void;
}

interface Running {
  callId: number;
  finish(outcome: RunOutcome): void;
  /** CPU time left; the clock stops while the Faaslet is blocked. */
  budgetMs: number;
  since: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export class FaasletHandle {
  worker!: Worker;
  ready!: Promise<void>;
  state: FaasletState = 'idle';
  /** `user/function` whose module and memory this Faaslet holds. */
  function: string | null = null;
  module: WebAssembly.Module | null = null;
  memory: WebAssembly.Memory | null = null;
  /** The maximum `memory` was made with (a wasm memory does not say): its function's limit then. */
  memoryLimitPages = 0;
  blockedIn: string | null = null;
  calls = 0;
  /** How its last call started: cold, restored from the Proto-Faaslet, or warm. */
  lastStart: StartKind | null = null;
  readonly mailbox = createMailbox();
  /** Locks the running call holds: released here if the Worker is killed (state/ledger.ts). */
  readonly locks = createLockLedger();
  private arena: StateArenaHandle | null = null;
  private running: Running | null = null;
  /** Manual snapshot requests in flight, by request id. */
  private readonly requests = new Map<number, (reply: SnapshotReply) => void>();
  private nextRequestId = 1;

  constructor(
    readonly id: number,
    readonly host: number,
    private readonly spawn: (name: string) => Worker,
    private readonly events: FaasletEvents,
  ) {
    this.start();
  }

  get callId(): number | null {
    return this.running?.callId ?? null;
  }

  private start(): void {
    const worker = this.spawn(`faaslet-${this.host}.${this.id}`);
    this.worker = worker;
    this.ready = new Promise((resolve) => {
      worker.onmessage = ({ data }: MessageEvent<FaasletToHost>) => {
        if (data.kind === 'ready') resolve();
        else if (data.kind === 'started') {
          this.lastStart = data.startKind;
          this.events.started(data);
        } else if (data.kind === 'output') this.events.output(data.callId, data.stream, data.text);
        else if (data.kind === 'chain') this.events.chain(data);
        else if (data.kind === 'await') this.blocked(data.callId, data.awaited);
        else if (data.kind === 'proto') this.events.proto(data);
        else if (data.kind === 'global') this.events.global?.(this, data);
        else if (data.kind === 'done') this.running?.finish({ kind: 'done', done: data });
        else {
          this.requests.get(data.requestId)?.(data);
          this.requests.delete(data.requestId);
        }
      };
    });
    worker.onerror = (event) => {
      event.preventDefault();
      this.running?.finish({ kind: 'crashed', message: event.message || 'the Faaslet Worker crashed' });
      this.replace();
    };
  }

  /** Terminate at once (a spinning wasm loop cannot be interrupted any other way) and respawn. */
  private replace(): void {
    this.worker.terminate();
    if (this.arena) new LockLedger(this.locks).releaseAll(StateArena.attach(this.arena));
    for (const [requestId, reply] of this.requests) reply({ kind: 'refused', requestId, message: 'the Faaslet was replaced' });
    this.requests.clear();
    this.function = null;
    this.module = null;
    this.memory = null;
    this.start();
  }

  run(job: RunJob, timeLimitMs: number): Promise<RunOutcome> {
    this.state = 'running';
    // Only a call that records its locks in this Faaslet's ledger can have locks to release.
    this.arena = job.locks === this.locks ? job.arena : null;
    this.calls++;
    return new Promise((resolve) => {
      const running: Running = {
        callId: job.callId,
        budgetMs: timeLimitMs,
        since: performance.now(),
        timer: null,
        finish: (outcome) => {
          if (running.timer) clearTimeout(running.timer);
          this.running = null;
          this.state = 'idle';
          this.blockedIn = null;
          resolve(outcome);
        },
      };
      this.running = running;
      this.startClock();
      this.worker.postMessage({ kind: 'run', job });
    });
  }

  private startClock(): void {
    const running = this.running;
    if (!running) return;
    running.since = performance.now();
    running.timer = setTimeout(() => {
      const elapsedMs = performance.now() - running.since;
      running.finish({ kind: 'killed', reason: 'time-limit', elapsedMs });
      this.replace();
    }, running.budgetMs);
  }

  private blocked(callId: number, awaited: number): void {
    const running = this.running;
    if (!running || running.callId !== callId) return;
    if (running.timer) clearTimeout(running.timer);
    running.timer = null;
    running.budgetMs -= performance.now() - running.since;
    this.state = 'blocked';
    this.blockedIn = `__faasm_await_call(${awaited})`;
    this.events.await(this, callId, awaited);
  }

  /** Hand an await's answer to the blocked Faaslet and restart its clock. */
  answer(callId: number, awaited: number, answer: AwaitAnswer, mode: 'jspi' | 'mailbox'): void {
    if (this.running?.callId !== callId) return;
    this.state = 'running';
    this.blockedIn = null;
    this.startClock();
    if (mode === 'mailbox') postAnswer(this.mailbox, answer);
    else this.worker.postMessage({ kind: 'awaited', callId, awaited, answer });
  }

  /**
   * Take a snapshot of (or restore one into) the instance this Faaslet holds, between calls.
   * Refused, with the reason, while a call runs or when it holds no instance.
   */
  snapshot(): Promise<ProtoImage> {
    return this.request({ kind: 'snapshot', requestId: this.nextRequestId++ }).then((reply) => {
      if (reply.kind !== 'snapshot') throw new Error(reply.kind === 'refused' ? reply.message : 'unexpected reply');
      return reply.image;
    });
  }

  restore(image: ProtoImage): Promise<void> {
    return this.request({ kind: 'restore', requestId: this.nextRequestId++, image }).then((reply) => {
      if (reply.kind !== 'restored') throw new Error(reply.kind === 'refused' ? reply.message : 'unexpected reply');
    });
  }

  private async request(message: Extract<HostToFaaslet, { kind: 'snapshot' | 'restore' }>): Promise<SnapshotReply> {
    if (this.state !== 'idle') {
      throw new Error(`Faaslet ${this.id} is ${this.state} in call ${this.callId}: snapshots are taken and restored between calls`);
    }
    if (!this.module) throw new Error(`Faaslet ${this.id} holds no function: run a call in it first`);
    await this.ready;
    return new Promise((resolve) => {
      this.requests.set(message.requestId, resolve);
      this.worker.postMessage(message);
    });
  }

  /** Ends the running call at once; false when it is not running here. */
  stop(callId: number): boolean {
    const running = this.running;
    if (running?.callId !== callId) return false;
    running.finish({ kind: 'killed', reason: 'stopped', elapsedMs: performance.now() - running.since });
    this.replace();
    return true;
  }

  dispose(): void {
    this.running?.finish({ kind: 'crashed', message: 'the Faaslet was removed with its host' });
    this.worker.terminate();
  }
}
