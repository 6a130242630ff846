/**
 * The simulated cluster: hosts, each with slots and its own Faaslets, and the queue of calls
 * waiting for a slot. It places each call with the scheduler, runs it in a Faaslet and
 * reports every decision. Faaslet Workers are started ahead of time (one per slot); more are
 * started only when every Faaslet of a host is blocked in await, up to the page's limit of
 * live wasm memories (DESIGN.md).
 */
import type { ClusterConfig, ClusterView, Placement, StartKind } from '../api';
import type { StartPlan, SupervisedJob } from '../faaslet';
import { CountedPages, PageBudget } from '../faaslet/grow';
import { PAGE_SIZE, type ProtoImage } from '../proto';
import { FaasletHandle, type FaasletEvents, type RunOutcome } from './faaslet-handle';
import { budgetDecision, MIB, type MemoryInUse } from './memory-budget';
import { place, running, type Decision } from './scheduler';

/**
 * Live Faaslets the page may hold: each has a wasm memory, and a page gets ~123 of them
 * (DESIGN.md), some of which the toolchain and the state arenas need.
 */
export const MAX_LIVE_FAASLETS = 80;

/** An idle Faaslet whose memory grew this far past what its function starts with lets it go (memory-budget.ts). */
export const LARGE_IDLE_GROWTH_BYTES = 64 * MIB;

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
  /** Stop was pressed for it (or an ancestor) before it reached a Faaslet. */
  stopRequested(): boolean;
}

export type ClusterRun =
  | { placed: Placed; outcome: RunOutcome }
  | { placed: null; refused: string }
  /** Stopped before it started: while queued, or before its Faaslet was ready. */
  | { placed: null; stopped: true };

/** What a queued call is told: its seat, why it can have none, or that it was stopped. */
type Seat = Placed | { refused: string } | { stopped: true };
type Waiter = { call: ClusterCall; resolve: (seat: Seat) => void };

interface Host {
  id: number;
  slots: number;
  faaslets: FaasletHandle[];
}

export class Cluster {
  private hosts: Host[] = [];
  private readonly queue: Waiter[] = [];
  /** Queued calls waiting for memory rather than for a slot. */
  private readonly waitingForMemory = new Set<number>();
  private nextFaasletId = 1;

  constructor(
    public config: ClusterConfig,
    private readonly spawn: (name: string) => Worker,
    private readonly events: FaasletEvents,
    private readonly changed: () => void,
    /** The state arenas' memories: part of the page's memory budget. */
    private readonly arenas: () => WebAssembly.Memory[] = () => [],
  ) {
    this.resize();
  }

  /**
   * The page's memory budget counter (faaslet/grow.ts), shared with every Faaslet: the one
   * source of truth for what is in use. Each Faaslet memory and arena has a word of what it counted.
   */
  readonly pages = PageBudget.create(0);
  private readonly counted = new Map<FaasletHandle, { memory: WebAssembly.Memory; pages: CountedPages }>();
  private readonly arenaWords = new WeakMap<WebAssembly.Memory, CountedPages>();

  /** While calls run, the view is sent a few times a second, so the memory they grow shows as it grows. */
  private ticker: ReturnType<typeof setInterval> | null = null;
  private runs = 0;

  private runChanged(delta: number): void {
    this.runs += delta;
    if (this.runs > 0) this.ticker ??= setInterval(() => this.changed(), 250);
    else if (this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }

  private arenaWord(memory: WebAssembly.Memory): CountedPages {
    let word = this.arenaWords.get(memory);
    if (!word) this.arenaWords.set(memory, (word = CountedPages.create()));
    return word;
  }

  /**
   * Bring the counter up to date: memories the Faaslets let go (dropped, replaced, ended) leave it,
   * arenas' growth and idle memories grown outside a call (a manual restore) are counted.
   */
  private settle(): void {
    const live = new Set(this.hosts.flatMap((h) => h.faaslets));
    for (const [f, c] of this.counted) {
      if (live.has(f) && f.memory === c.memory) {
        if (f.state === 'idle') this.pages.settle(c.memory, c.pages);
        continue;
      }
      this.pages.letGo(c.pages);
      this.counted.delete(f);
    }
    for (const memory of this.arenas()) this.pages.settle(memory, this.arenaWord(memory));
  }

  private countedPages(f: FaasletHandle | null): number {
    const c = f ? this.counted.get(f) : undefined;
    return c && c.memory === f!.memory ? c.pages.pages : 0;
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
    this.pages.budgetPages = (this.config.memoryBudgetMiB * MIB) / PAGE_SIZE;
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
    if (call.stopRequested()) return { placed: null, stopped: true };
    const placed = await new Promise<Seat>((resolve) => {
      if (!this.tryPlace(call, resolve)) this.queue.push({ call, resolve });
    });
    this.changed();
    if ('refused' in placed) return { placed: null, refused: placed.refused };
    if ('stopped' in placed) return { placed: null, stopped: true };
    await placed.faaslet.ready;
    if (call.stopRequested()) {
      // Stopped while its Faaslet started: the slot it claimed is free again.
      placed.faaslet.state = 'idle';
      this.drain();
      this.changed();
      return { placed: null, stopped: true };
    }
    call.dispatched(placed);
    const job = call.job(placed.faaslet, placed.start);
    const memory = this.counted.get(placed.faaslet);
    // The Faaslet grows memory 0 against the counter (faaslet/grow.ts).
    const pages = memory && memory.memory === job.memory
      ? { budget: this.pages.buffer, memory: memory.pages.buffer, arena: this.arenaWord(job.arena.memory).buffer, maxPages: placed.faaslet.memoryLimitPages }
      : undefined;
    this.runChanged(+1);
    const outcome = await placed.faaslet.run({ ...job, pages }, timeLimitMs).finally(() => this.runChanged(-1));
    this.releaseGrownMemory(placed.faaslet, call);
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
      resolve({ refused: overLimit });
      return true;
    }
    const existing = decision.faaslet === null ? null : host.faaslets.find((f) => f.id === decision.faaslet)!;
    // Whether it is warm, reuses or replaces the Faaslet's memory, that memory ends the size the call starts with.
    const startBytes = image ? image.memoryBytes : call.minPages * PAGE_SIZE;
    const startPages = startBytes / PAGE_SIZE;
    const plan = (f: FaasletHandle | null) => {
      const start: StartPlan = image
        ? { kind: f ? startKindFor(call, f, decision.kind === 'warm') : 'restored', fingerprint: call.fingerprint, image }
        : { kind: 'cold', fingerprint: call.fingerprint, capture: true };
      // A restore may reuse the Faaslet's memory (grown to the image's size and overwritten
      // whole): no fresh pages to fault in, and one memory fewer against the page's limit.
      const reusable =
        start.kind === 'restored' &&
        f?.memory != null &&
        f.memory.buffer.byteLength <= image!.memoryBytes &&
        f.memoryLimitPages === call.memoryLimitPages;
      return { start, reusable };
    };
    // The decision and the reservation read one counter; a Faaslet growing meanwhile can take
    // the room between them, and then the call is decided again (a few times, then it waits).
    for (let attempt = 0; ; attempt++) {
      this.settle();
      const budget = budgetDecision(call.function, startBytes, this.memoryInUse(existing), this.config.memoryBudgetMiB * MIB);
      if (budget.kind === 'wait') {
        if (!this.waitingForMemory.has(call.callId)) {
          this.waitingForMemory.add(call.callId);
          call.placed({ kind: 'queued', host: null, reason: budget.reason });
        }
        return false;
      }
      this.waitingForMemory.delete(call.callId);
      if (budget.kind === 'refuse') {
        call.placed({ kind: 'refused', host: host.id, reason: budget.reason });
        resolve({ refused: budget.reason });
        return true;
      }
      if (budget.kind === 'reclaim') {
        this.dropIdleMemories(budget.bytes, existing);
        this.settle();
      }
      if (this.pages.tryReserve(startPages - this.countedPages(existing))) break;
      if (attempt >= 8) {
        this.waitingForMemory.add(call.callId);
        return false;
      }
    }
    const faaslet = existing ?? this.startFaaslet(host);
    const { start, reusable } = plan(existing);
    const reserved = startPages - this.countedPages(existing);
    const placeError = (reason: string) => {
      this.pages.charge(-reserved);
      call.placed({ kind: 'refused', host: host.id, reason });
      resolve({ refused: reason });
      return true;
    };
    if (start.kind !== 'warm' && !reusable) {
      let memory: WebAssembly.Memory;
      try {
        memory = new WebAssembly.Memory({ initial: startPages, maximum: call.memoryLimitPages, shared: true });
      } catch (error) {
        return placeError(`refused: the browser would not give this page another wasm memory (${(error as Error).message})`);
      }
      // The old memory's pages were netted out of the reservation: its word is the new one's now.
      this.counted.get(faaslet)?.pages.take();
      this.counted.set(faaslet, { memory, pages: CountedPages.create(startPages) });
      faaslet.memory = memory;
      faaslet.memoryLimitPages = call.memoryLimitPages;
    } else {
      // Kept (warm) or reused: grown here, counted as reserved, so the Faaslet's restore finds it the image's size.
      const memory = faaslet.memory!;
      const missing = startPages - memory.buffer.byteLength / PAGE_SIZE;
      try {
        if (missing > 0) memory.grow(missing);
      } catch (error) {
        return placeError(`refused: the Faaslet's memory could not grow to its Proto-Faaslet's size (${(error as Error).message})`);
      }
      this.counted.get(faaslet)?.pages.add(reserved);
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

  /** The page's memory now, leaving out the Faaslet a call is about to take (its memory is the call's). */
  private memoryInUse(except: FaasletHandle | null): MemoryInUse {
    const arenaPages = this.arenas().reduce((n, memory) => n + this.arenaWord(memory).pages, 0);
    const faasletPages = this.pages.reservedPages - arenaPages - this.countedPages(except);
    const use: MemoryInUse = { faasletBytes: faasletPages * PAGE_SIZE, faaslets: 0, arenaBytes: arenaPages * PAGE_SIZE, idleBytes: 0, running: 0 };
    for (const host of this.hosts) {
      for (const f of host.faaslets) {
        if (f.state === 'running') use.running++;
        if (f === except || !f.memory) continue;
        use.faaslets++;
        if (f.state === 'idle') use.idleBytes += this.countedPages(f) * PAGE_SIZE;
      }
    }
    return use;
  }

  /** Drops idle Faaslets' memories, largest first, until `bytes` are back (their next call restores into a fresh one). */
  private dropIdleMemories(bytes: number, except: FaasletHandle | null): void {
    const idle = this.hosts
      .flatMap((h) => h.faaslets)
      .filter((f) => f !== except && f.state === 'idle' && f.memory)
      .sort((a, b) => b.memory!.buffer.byteLength - a.memory!.buffer.byteLength);
    for (const f of idle) {
      if (bytes <= 0) return;
      bytes -= f.memory!.buffer.byteLength;
      f.dropMemory();
    }
  }

  /**
   * A call that grew its memory far past what its function starts with leaves a memory no next
   * call can start warm in: let it go now rather than hold it against the page's budget.
   */
  private releaseGrownMemory(faaslet: FaasletHandle, call: ClusterCall): void {
    if (faaslet.state !== 'idle' || !faaslet.memory) return;
    const startBytes = call.image()?.memoryBytes ?? call.minPages * PAGE_SIZE;
    if (faaslet.memory.buffer.byteLength - startBytes >= LARGE_IDLE_GROWTH_BYTES) faaslet.dropMemory();
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
    this.waitingForMemory.clear();
    for (const { call, resolve } of this.queue.splice(0)) {
      call.placed({ kind: 'refused', host: null, reason });
      resolve({ refused: reason });
    }
  }

  /** Ends the call in its Faaslet, or takes it out of the queue; false when it is in neither. */
  stop(callId: number): boolean {
    if (this.hosts.some((h) => h.faaslets.some((f) => f.stop(callId)))) return true;
    const queued = this.queue.findIndex((w) => w.call.callId === callId);
    if (queued < 0) return false;
    this.waitingForMemory.delete(callId);
    this.queue.splice(queued, 1)[0]!.resolve({ stopped: true });
    this.changed();
    return true;
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
    this.settle();
    const use = this.memoryInUse(null);
    return {
      config: { ...this.config },
      queued: this.queue.length,
      memory: {
        budgetBytes: this.config.memoryBudgetMiB * MIB,
        faasletBytes: use.faasletBytes,
        arenaBytes: use.arenaBytes,
        waitingForMemory: this.waitingForMemory.size,
      },
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
    if (this.ticker) clearInterval(this.ticker);
    for (const host of this.hosts) for (const faaslet of host.faaslets) faaslet.dispose();
  }
}
