/**
 * The host agent's side of one Faaslet: its Worker, its memory 0, and its supervisor.
 *
 * Kills (Stop, the CPU-time limit, a crash) go through the Faaslet's control word
 * (faaslet/control.ts), because `Worker.terminate()` returns while the thread runs on for
 * seconds: a blocked Faaslet is made DEAD at once, a running one is asked to die at its next fuel
 * poll, and one past its CPU-time budget stops itself. Only once the word says DEAD is the Worker
 * terminated, the locks of its ledger released, the table mutex recovered if it held it, and the
 * kill reported, so nothing of a killed call reaches shared memory after its caller hears of it.
 * The CPU-time limit is counted in fuel units (faaslet/fuel.ts), so time blocked in await, locks,
 * the global tier or sleep does not count, and no wall-clock timer is involved.
 *
 * A Faaslet that never confirms (its module is not metered, or its Worker hangs outside wasm)
 * within KILL_GRACE_MS is terminated anyway and reported as an unconfirmed kill. Its thread may
 * still run for a while (~2 s measured, DESIGN.md), so what it held is not released at once: its
 * ledger, mailbox and control word are retired with it (its successor gets new ones, so a zombie
 * cannot disturb them), and its locks are released after QUARANTINE_MS, well past any zombie
 * life measured. That trades a lock held a little longer for mutual exclusion never broken.
 *
 * Replacing never leaves the slot without a live Worker: the new Worker is spawned before
 * anything that could fail, and each failing step is reported on the call's stderr.
 */
import type { FaasletState, StartKind } from '../api';
import type { AwaitAnswer, FaasletToHost, HostToFaaslet, RunJob, SupervisedJob } from '../faaslet';
import { createControl, DEAD, FaasletControl, FINISHED, type KillReason } from '../faaslet/control';
import { FUEL_UNITS_PER_MS } from '../faaslet/fuel';
import { createMailbox, postAnswer } from '../host';
import type { ProtoImage } from '../proto';
import { createLockLedger, LockLedger, StateArena, type StateArenaHandle } from '../state';

type Done = Extract<FaasletToHost, { kind: 'done' }>;
type SnapshotReply = Extract<FaasletToHost, { kind: 'snapshot' | 'restored' | 'refused' }>;

/** How long a running Faaslet has to reach a poll after a kill request; generous, since a loaded machine deschedules threads. */
export const KILL_GRACE_MS = 5000;
/** How long the locks of a Faaslet that never confirmed its death stay held after its Worker is terminated. */
export const QUARANTINE_MS = 10_000;

/** The two bounds of a kill, apart so tests can shorten them. */
export interface KillTiming {
  /** @default KILL_GRACE_MS */
  killGraceMs: number;
  /** @default QUARANTINE_MS */
  quarantineMs: number;
}

export type RunOutcome =
  | { kind: 'done'; done: Done }
  /** `confirmed`: the Faaslet itself said it stopped (false: terminated without a word, see the header). */
  | { kind: 'killed'; reason: KillReason; elapsedMs: number; fuelUnits: number; confirmed: boolean }
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
  since: number;
  /** Set once a kill is under way, so a second one (Stop after the limit) does nothing. */
  ending: boolean;
  finish(outcome: RunOutcome): void;
}

/** What one Worker of this slot shares with the host agent; retired with the Worker. */
interface Generation {
  worker: Worker;
  /** Recorded while this Worker's Faaslet holds a key table's mutex; unique, so a zombie's is never a successor's. */
  holder: number;
  control: FaasletControl;
  mailbox: SharedArrayBuffer;
  locks: SharedArrayBuffer;
}

export class FaasletHandle {
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
  /** Workers spawned for this slot so far (1 + replacements). */
  generations = 0;
  private current!: Generation;
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
    private readonly timing: KillTiming = { killGraceMs: KILL_GRACE_MS, quarantineMs: QUARANTINE_MS },
  ) {
    this.start();
  }

  get worker(): Worker {
    return this.current.worker;
  }

  /** The mailbox of the current Worker (host/mailbox.ts). */
  get mailbox(): SharedArrayBuffer {
    return this.current.mailbox;
  }

  /** Locks the running call holds (state/ledger.ts): released here once a killed Faaslet is DEAD. */
  get locks(): SharedArrayBuffer {
    return this.current.locks;
  }

  get callId(): number | null {
    return this.running?.callId ?? null;
  }

  private start(): void {
    const worker = this.spawn(`faaslet-${this.host}.${this.id}`);
    const generation: Generation = {
      worker,
      holder: nextHolder++,
      control: new FaasletControl(createControl()),
      mailbox: createMailbox(),
      locks: createLockLedger(),
    };
    this.current = generation;
    this.generations++;
    const live = () => this.current === generation;
    this.ready = new Promise((resolve) => {
      worker.onmessage = ({ data }: MessageEvent<FaasletToHost>) => {
        if (!live()) return;
        try {
          this.receive(data, resolve);
        } catch (error) {
          this.report(`faasm: the host agent failed handling a '${data.kind}' message: ${messageOf(error)}\n`);
        }
      };
    });
    worker.onerror = (event) => {
      event.preventDefault();
      if (live()) void this.end({ kind: 'crashed', message: event.message || 'the Faaslet Worker crashed' }, 'stopped');
    };
    worker.onmessageerror = () => {
      if (live()) void this.end({ kind: 'crashed', message: 'a message from the Faaslet Worker could not be read' }, 'stopped');
    };
  }

  private receive(data: FaasletToHost, ready: () => void): void {
    if (data.kind === 'ready') ready();
    else if (data.kind === 'started') {
      this.lastStart = data.startKind;
      this.events.started(data);
    } else if (data.kind === 'output') this.events.output(data.callId, data.stream, data.text);
    else if (data.kind === 'chain') this.events.chain(data);
    else if (data.kind === 'await') this.blocked(data.callId, data.awaited);
    else if (data.kind === 'proto') this.events.proto(data);
    else if (data.kind === 'global') this.events.global?.(this, data);
    else if (data.kind === 'done') this.running?.finish({ kind: 'done', done: data });
    else if (data.kind === 'failed') void this.end({ kind: 'crashed', message: data.message }, 'stopped');
    else {
      this.requests.get(data.requestId)?.(data);
      this.requests.delete(data.requestId);
    }
  }

  run(job: SupervisedJob, timeLimitMs: number): Promise<RunOutcome> {
    this.state = 'running';
    const { control, locks, holder } = this.current;
    // Only a call that records its locks in this Faaslet's ledger can have locks to release.
    this.arena = job.locks === locks ? job.arena : null;
    this.calls++;
    control.reset();
    const full: RunJob = { ...job, control: control.buffer, cpuBudgetUnits: timeLimitMs * FUEL_UNITS_PER_MS, faasletId: holder };
    return new Promise((resolve) => {
      const running: Running = {
        callId: job.callId,
        since: performance.now(),
        ending: false,
        finish: (outcome) => {
          if (this.running !== running) return;
          this.running = null;
          this.state = 'idle';
          this.blockedIn = null;
          // Wakes the watch below, which sees the call is over.
          control.wake();
          resolve(outcome);
        },
      };
      this.running = running;
      void this.watch(running, control);
      this.worker.postMessage({ kind: 'run', job: full });
    });
  }

  /** A Faaslet that stops itself (its CPU-time budget is spent) sends no message: its control word says so. */
  private async watch(running: Running, control: FaasletControl): Promise<void> {
    while (this.running === running) {
      if (control.state === DEAD && control.reason === 'time-limit' && !running.ending) {
        await this.end(null, 'time-limit');
        return;
      }
      await control.changed();
    }
  }

  private blocked(callId: number, awaited: number): void {
    if (this.running?.callId !== callId) return;
    this.state = 'blocked';
    this.blockedIn = `__faasm_await_call(${awaited})`;
    this.events.await(this, callId, awaited);
  }

  /** Hand an await's answer to the blocked Faaslet. */
  answer(callId: number, awaited: number, answer: AwaitAnswer, mode: 'jspi' | 'mailbox'): void {
    if (this.running?.callId !== callId || this.running.ending) return;
    this.state = 'running';
    this.blockedIn = null;
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

  /** Lets an idle Faaslet's memory 0 go (the page's memory budget): its Worker, which holds the instance, is replaced. */
  dropMemory(): void {
    if (this.state === 'idle' && !this.running) this.replace(this.current, true);
  }

  /**
   * Ends the running call; false when it is not running here. Its outcome (the run's promise)
   * comes once its Faaslet is DEAD and replaced, never before.
   */
  stop(callId: number): boolean {
    const running = this.running;
    if (running?.callId !== callId) return false;
    void this.end(null, 'stopped');
    return true;
  }

  /**
   * Kill the running call (or end a crashed one with `crash`), wait for DEAD, then replace.
   * False when the call finished first (its `done` is on its way) or is already ending.
   */
  private async end(crash: Extract<RunOutcome, { kind: 'crashed' }> | null, reason: KillReason): Promise<boolean> {
    const running = this.running;
    const generation = this.current;
    if (running?.ending) return false;
    if (running) running.ending = true;
    const { control } = generation;
    const state = running ? control.requestKill(reason) : DEAD;
    if (state === FINISHED && !crash) {
      if (running) running.ending = false;
      return false;
    }
    // A crash after the function returned (FINISHED) leaves no wasm that could still write.
    const confirmed = state === DEAD || (state === FINISHED && crash !== null) || (await control.whenDead(this.timing.killGraceMs));
    const outcome: RunOutcome = crash ?? {
      kind: 'killed',
      reason: control.reason ?? reason,
      elapsedMs: running ? performance.now() - running.since : 0,
      fuelUnits: control.unitsUsed,
      confirmed,
    };
    this.replace(generation, confirmed);
    if (!confirmed && running) {
      this.events.output(
        running.callId,
        'stderr',
        `faasm: the Faaslet did not stop at a poll within ${this.timing.killGraceMs} ms (its module is not metered, or its Worker hung); it was terminated, and the locks it held stay held for ${this.timing.quarantineMs / 1000} s more\n`,
      );
    }
    running?.finish(outcome);
    return true;
  }

  /**
   * Terminate the retired Worker, spawn its successor first of all, then release what the dead
   * Faaslet held: at once when it confirmed its death, after QUARANTINE_MS otherwise.
   */
  private replace(retired: Generation, confirmed: boolean): void {
    const arena = this.arena;
    this.arena = null;
    try {
      retired.worker.terminate();
    } catch (error) {
      this.report(`faasm: terminating the Faaslet Worker failed: ${messageOf(error)}\n`);
    }
    this.function = null;
    this.module = null;
    this.memory = null;
    this.respawn();
    for (const [requestId, reply] of this.requests) reply({ kind: 'refused', requestId, message: 'the Faaslet was replaced' });
    this.requests.clear();
    if (!arena) return;
    const release = () => this.release(retired, arena);
    if (confirmed) release();
    else setTimeout(release, this.timing.quarantineMs);
  }

  /** Spawn a new Worker; a spawn that throws is reported and retried, so the slot is never left dead. */
  private respawn(attempt = 1): void {
    try {
      this.start();
    } catch (error) {
      this.report(`faasm: starting a new Faaslet Worker failed (attempt ${attempt}): ${messageOf(error)}\n`);
      setTimeout(() => this.respawn(attempt + 1), Math.min(1000, 50 * attempt));
    }
  }

  private release(retired: Generation, arena: StateArenaHandle): void {
    try {
      const state = StateArena.attach(arena);
      for (const { key, kind, count, problem } of new LockLedger(retired.locks).releaseAll(state)) {
        const what = kind === 'write' ? 'the write lock' : `${count} read lock${count > 1 ? 's' : ''}`;
        this.report(problem ? `faasm: releasing ${what} on "${key}" of the killed Faaslet: ${problem}\n` : '');
      }
      if (state.recoverMutexOf(retired.holder)) this.report('faasm: the killed Faaslet held the key table; it was put back in order\n');
    } catch (error) {
      this.report(`faasm: releasing the killed Faaslet's locks failed: ${messageOf(error)}\n`);
    }
  }

  /** Host-agent-side trouble goes to the running call's stderr, or the console between calls. */
  private report(text: string): void {
    if (!text) return;
    const callId = this.running?.callId;
    if (callId !== undefined) this.events.output(callId, 'stderr', text);
    else console.warn(text.trim());
  }

  dispose(): void {
    this.running?.finish({ kind: 'crashed', message: 'the Faaslet was removed with its host' });
    this.worker.terminate();
  }
}

/** Holder ids of every Faaslet Worker this host agent starts (> 0; the host agent's own is -1). */
let nextHolder = 1;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
