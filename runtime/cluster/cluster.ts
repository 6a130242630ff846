/**
 * The simulated cluster: hosts, each with slots and its own Faaslets, and the queue of calls
 * waiting for a slot. It places each call with the scheduler, runs it in a Faaslet and
 * reports every decision. Faaslet Workers are started ahead of time (one per slot); more are
 * started only when every Faaslet of a host is blocked in await, up to the page's limit of
 * live wasm memories (DESIGN.md).
 */
import type { ClusterConfig, ClusterView, Placement, StartKind } from '../api';
import type { StartPlan, SupervisedJob } from '../faaslet';
import { PAGE_SIZE, type ProtoImage } from '../proto';
import { FaasletHandle, type FaasletEvents, type RunOutcome } from './faaslet-handle';
import { place, running, type Decision } from './scheduler';

/**
 * Live Faaslets the page may hold: each has a wasm memory, and a page gets ~123 of them
 * (DESIGN.md), some of which the toolchain and the state arenas need.
 */
export const MAX_LIVE_FAASLETS = 80;

export interface Placed {
  faaslet: FaasletHandle;
  startKind: StartKind;
  start: StartPlan;
}

/**
 * For a function that has a Proto-Faaslet: warm when the Faaslet holds this very module and a
 * memory the image's size (memories never shrink, and `memory.size` is visible to the program)
 * made with the function's memory limit, else restored. Without an image the start is cold.
 * A rebuilt function has a new module, so a Faaslet holding the old one is not warm.
 */
export function startKindFor(
  call: Pick<ClusterCall, 'module' | 'image' | 'memoryLimitPages'>,
  faaslet: Pick<FaasletMemoryFacts, 'module' | 'memory' | 'memoryLimitPages'>,
  holdsFunction: boolean,
): 'warm' | 'restored' {
  const image = call.image();
  const sameModule = holdsFunction && faaslet.module === call.module;
  const sameMemory = faaslet.memory?.buffer.byteLength === image?.memoryBytes && faaslet.memoryLimitPages === call.memoryLimitPages;
  return sameModule && sameMemory ? 'warm' : 'restored';
}

type FaasletMemoryFacts = Pick<FaasletHandle, 'module' | 'memory' | 'memoryLimitPages'>;

/** Why a call cannot start within its function's memory limit, or null. */
export function memoryLimitRefusal(call: Pick<ClusterCall, 'function' | 'minPages' | 'memoryLimitPages'>, image: ProtoImage | null): string | null {
  const needed = Math.max(call.minPages, image ? image.memoryBytes / PAGE_SIZE : 0);
  if (needed <= call.memoryLimitPages) return null;
  const mib = (pages: number) => `${(pages / 16).toFixed(pages % 16 ? 2 : 0)} MiB`;
  const what = image && image.memoryBytes / PAGE_SIZE > call.minPages ? 'its Proto-Faaslet holds' : 'its module needs';
  return `refused: ${call.function} has a memory limit of ${mib(call.memoryLimitPages)}, and ${what} ${mib(needed)}`;
}

/** What the cluster needs from the agent to start a call once it has a Faaslet. */
export interface ClusterCall {
  callId: number;
  function: string;
  minPages: number;
  /** The maximum of the Faaslet's memory 0: the function's memory limit. */
  memoryLimitPages: number;
  module: WebAssembly.Module;
  /** SHA-256 of the module's wasm, which its Proto-Faaslet must carry. */
  fingerprint: string;
  /** The function's Proto-Faaslet now (one may be taken while the call waits in the queue). */
  image(): ProtoImage | null;
  /** The host of the Faaslet that chained this call; null for a call from the page. */
  callerHost: number | null;
  placed(placement: Omit<Placement, 'callId' | 'parentId' | 'function' | 'at'>): void;
  job(faaslet: FaasletHandle, start: StartPlan): SupervisedJob;
  /** The call is on its way to the Faaslet (which reports how it started: FaasletEvents.started). */
  dispatched(placed: Placed): void;
}

export type ClusterRun = { placed: Placed; outcome: RunOutcome } | { placed: null; refused: string };

type Waiter = { call: ClusterCall; resolve: (placed: Placed | string) => void };

interface Host {
  id: number;
  slots: number;
  faaslets: FaasletHandle[];
}

export class Cluster {
  private hosts: Host[] = [];
  private readonly queue: Waiter[] = [];
  private nextFaasletId = 1;

  constructor(
    public config: ClusterConfig,
    private readonly spawn: (name: string) => Worker,
    private readonly events: FaasletEvents,
    private readonly changed: () => void,
  ) {
    this.resize();
  }

  private get live(): number {
    return this.hosts.reduce((n, h) => n + h.faaslets.length, 0);
  }

  private startFaaslet(host: Host): FaasletHandle {
    const events: FaasletEvents = {
      ...this.events,
      await: (faaslet, callId, awaited) => {
        // The blocked Faaslet's slot is free now.
        this.drain();
        if (this.deadlocked()) {
          this.refuseQueued(`refused: all ${this.live} live Faaslets are blocked awaiting calls; the page can hold no more`);
        }
        this.changed();
        this.events.await(faaslet, callId, awaited);
      },
    };
    const faaslet = new FaasletHandle(this.nextFaasletId++, host.id, this.spawn, events);
    host.faaslets.push(faaslet);
    return faaslet;
  }

  /** Match hosts and pre-started Faaslets to the config; idle Faaslets of removed hosts end. */
  resize(): void {
    const { hosts, slotsPerHost } = this.config;
    for (const host of this.hosts.slice(hosts)) {
      for (const faaslet of host.faaslets) if (faaslet.state === 'idle') faaslet.dispose();
      host.faaslets = host.faaslets.filter((f) => f.state !== 'idle');
    }
    this.hosts = Array.from({ length: hosts }, (_, id) => this.hosts[id] ?? { id, slots: 0, faaslets: [] });
    for (const host of this.hosts) {
      host.slots = slotsPerHost;
      while (host.faaslets.length < slotsPerHost && this.live < MAX_LIVE_FAASLETS) this.startFaaslet(host);
    }
    this.drain();
    this.changed();
  }

  ready(): Promise<void> {
    return Promise.all(this.hosts.flatMap((h) => h.faaslets.map((f) => f.ready))).then(() => undefined);
  }

  /** Place a call (now, or when a slot frees) and run it. */
  async run(call: ClusterCall, timeLimitMs: number): Promise<ClusterRun> {
    const placed = await new Promise<Placed | string>((resolve) => {
      if (!this.tryPlace(call, resolve)) this.queue.push({ call, resolve });
    });
    this.changed();
    if (typeof placed === 'string') return { placed: null, refused: placed };
    await placed.faaslet.ready;
    call.dispatched(placed);
    const outcome = await placed.faaslet.run(call.job(placed.faaslet, placed.start), timeLimitMs);
    this.trim(placed.faaslet.host);
    this.drain();
    this.changed();
    return { placed, outcome };
  }

  private tryPlace(call: ClusterCall, resolve: Waiter['resolve'], queued = false): boolean {
    const decision: Decision = place(call.function, this.hosts, this.live < MAX_LIVE_FAASLETS, call.callerHost);
    if (decision.kind === 'queued') {
      if (!queued) call.placed({ kind: 'queued', host: null, reason: decision.reason });
      return false;
    }
    const host = this.hosts[decision.host]!;
    const image = call.image();
    const overLimit = memoryLimitRefusal(call, image);
    if (overLimit) {
      call.placed({ kind: 'refused', host: host.id, reason: overLimit });
      resolve(overLimit);
      return true;
    }
    const faaslet =
      decision.faaslet === null ? this.startFaaslet(host) : host.faaslets.find((f) => f.id === decision.faaslet)!;
    const start: StartPlan = image
      ? { kind: startKindFor(call, faaslet, decision.kind === 'warm'), fingerprint: call.fingerprint, image }
      : { kind: 'cold', fingerprint: call.fingerprint, capture: true };
    // A restore may reuse the Faaslet's memory (it grows to the image's size and is overwritten
    // whole): no fresh pages to fault in, and one memory fewer against the page's limit.
    const reusable =
      start.kind === 'restored' &&
      faaslet.memory &&
      faaslet.memory.buffer.byteLength <= image!.memoryBytes &&
      faaslet.memoryLimitPages === call.memoryLimitPages;
    if (start.kind !== 'warm' && !reusable) {
      try {
        faaslet.memory = new WebAssembly.Memory({
          initial: image ? image.memoryBytes / PAGE_SIZE : call.minPages,
          maximum: call.memoryLimitPages,
          shared: true,
        });
        faaslet.memoryLimitPages = call.memoryLimitPages;
      } catch (error) {
        const reason = `refused: the browser would not give this page another wasm memory (${(error as Error).message})`;
        call.placed({ kind: 'refused', host: host.id, reason });
        resolve(reason);
        return true;
      }
    }
    if (start.kind !== 'warm') {
      faaslet.function = call.function;
      faaslet.module = call.module;
    }
    // Claim the slot now, so the next placement sees it taken.
    faaslet.state = 'running';
    call.placed({ kind: decision.kind, host: host.id, reason: decision.reason });
    resolve({ faaslet, startKind: start.kind, start });
    return true;
  }

  /** Start queued calls while slots are free. */
  private drain(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (!this.tryPlace(next.call, next.resolve, true)) return;
      this.queue.shift();
    }
  }

  /** Faaslets started beyond a host's slots are ended when idle again. */
  private trim(hostId: number): void {
    const host = this.hosts[hostId];
    if (!host) return;
    while (host.faaslets.length > host.slots) {
      const idle = host.faaslets.findLast((f) => f.state === 'idle');
      if (!idle) return;
      idle.dispose();
      host.faaslets.splice(host.faaslets.indexOf(idle), 1);
    }
  }

  /** Every Faaslet is blocked and nothing can start: the queued calls can never run. */
  private deadlocked(): boolean {
    return (
      this.queue.length > 0 &&
      this.live >= MAX_LIVE_FAASLETS &&
      this.hosts.every((h) => running(h) === 0 && h.faaslets.every((f) => f.state !== 'idle'))
    );
  }

  private refuseQueued(reason: string): void {
    for (const { call, resolve } of this.queue.splice(0)) {
      call.placed({ kind: 'refused', host: null, reason });
      resolve(reason);
    }
  }

  stop(callId: number): boolean {
    return this.hosts.some((h) => h.faaslets.some((f) => f.stop(callId)));
  }

  /** The Faaslet with this id, on any host. */
  faaslet(id: number): FaasletHandle | undefined {
    for (const host of this.hosts) {
      const found = host.faaslets.find((f) => f.id === id);
      if (found) return found;
    }
    return undefined;
  }

  /** Faaslets running or blocked in a call of `user`. */
  busyFaaslets(user: string): FaasletHandle[] {
    return this.hosts.flatMap((h) => h.faaslets.filter((f) => f.state !== 'idle' && f.function?.startsWith(`${user}/`)));
  }

  view(): ClusterView {
    return {
      config: { ...this.config },
      queued: this.queue.length,
      hosts: this.hosts.map((h) => ({
        id: h.id,
        slots: h.slots,
        running: running(h),
        faaslets: h.faaslets.map((f) => ({
          id: f.id,
          host: h.id,
          function: f.function,
          state: f.state,
          callId: f.callId,
          blockedIn: f.blockedIn,
          calls: f.calls,
          lastStart: f.lastStart,
        })),
      })),
    };
  }

  dispose(): void {
    for (const host of this.hosts) for (const faaslet of host.faaslets) faaslet.dispose();
  }
}
