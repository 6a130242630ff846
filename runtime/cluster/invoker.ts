/**
 * Invocation: a call's life from request to result. Chained calls arrive from Faaslets with
 * ids they took from the shared counter; awaits are answered from the call table, so a
 * Faaslet blocks only until the call it waits for is done.
 */
import type { LocalTier, RuntimeEvent } from '../api';
import type { AwaitAnswer, AwaitMode, Entry, FaasletToHost } from '../faaslet';
import { CallTable } from './calls';
import type { Cluster } from './cluster';
import type { FaasletHandle } from './faaslet-handle';
import type { FunctionStore } from './functions';
import type { ProtoFaaslets } from './protos';
import { callResult, now, type CallFacts, type CallOutcome } from './results';
import { limitExceeded } from './scheduler';
import { StateArena } from '../state';
import type { StateMappingMode } from '../host';
import { installedLibraryPath } from '../host/dynlink/paths';
import { detectCapabilities } from './capabilities';
import type { GlobalTier } from '../global';
import type { CallResources } from './call-resources';
import { DEFAULT_LIMITS, PAGES_PER_MIB } from './limits';
import { ARGV0, chainedArgs } from './cmdline';

export interface Invocation {
  id: number;
  parentId: number | null;
  user: string;
  name: string;
  depth: number;
  input: Uint8Array;
  args: string[];
  /** Command lines for the calls it chains by name (CallRequest.chainCmdlines), passed down. */
  chainCmdlines: Record<string, string>;
  /** The named snapshot it starts from; null: the Proto-Faaslet. */
  snapshot: string | null;
  entry: Entry;
  timeLimitMs: number;
}

export class Invoker {
  /** Shared with every Faaslet: chain calls take ids from it without asking the agent. */
  private readonly callIds = new Int32Array(new SharedArrayBuffer(4));
  private readonly facts = new Map<number, CallFacts>();
  private readonly limits = new Map<number, number>();
  /** Calls Stop was pressed for that have not finished: one that has not reached a Faaslet yet ends stopped there. */
  private readonly stopping = new Set<number>();
  /** What each running call's chained calls get as command lines (CallRequest.chainCmdlines). */
  private readonly chainCmdlines = new Map<number, Record<string, string>>();
  /** The local tier: one state arena per (host, user), made when first needed. */
  private readonly arenas = new Map<string, StateArena>();
  /** What `read_state_ptr` hands out: the shared value, or a private copy (see host/state-mapping.ts). */
  stateMapping: StateMappingMode = detectCapabilities().multiMemory ? 'zero-copy' : 'copy';

  constructor(
    private readonly cluster: Cluster,
    private readonly calls: CallTable,
    private readonly functions: FunctionStore,
    private readonly protos: ProtoFaaslets,
    public awaitMode: AwaitMode,
    private readonly emit: (event: RuntimeEvent) => void,
    /**
     * The global tier's side of a call's end (runtime/global): the global locks it still holds,
     * which outlive a killed Faaslet otherwise, and its store requests still in flight.
     */
    private readonly globalTier: Pick<GlobalTier, 'endCall' | 'settled'> = { endCall: () => [], settled: async () => {} },
    /** Files, clock and bandwidth per call (call-resources.ts); none in tests that do not need them. */
    private readonly resources: CallResources | null = null,
  ) {}

  arena(host: number, user: string): StateArena {
    const key = `${host}/${user}`;
    let arena = this.arenas.get(key);
    if (!arena) {
      arena = StateArena.create();
      this.arenas.set(key, arena);
      this.emit({ type: 'state.tier', tier: { host, user, arena: arena.handle } });
    }
    return arena;
  }

  /** The user's arenas, one per host that has made one. */
  arenasOf(user: string): StateArena[] {
    return [...this.arenas].filter(([key]) => key.slice(key.indexOf('/') + 1) === user).map(([, arena]) => arena);
  }

  localTiers(): LocalTier[] {
    return [...this.arenas].map(([key, arena]) => {
      const slash = key.indexOf('/');
      return { host: Number(key.slice(0, slash)), user: key.slice(slash + 1), arena: arena.handle };
    });
  }

  nextCallId(): number {
    return Atomics.add(this.callIds, 0, 1) + 1;
  }

  async invoke(call: Invocation) {
    const fullName = `${call.user}/${call.name}`;
    const queuedAt = now();
    const facts: CallFacts = {
      callId: call.id,
      parentId: call.parentId,
      function: fullName,
      host: -1,
      faaslet: -1,
      inputBytes: call.input.byteLength,
      queuedAt,
      startedAt: queuedAt,
      startKind: 'cold',
      ...(call.snapshot === null ? {} : { snapshot: call.snapshot }),
      argv: [ARGV0, ...call.args],
      startMs: 0,
      stdout: '',
      stderr: '',
    };
    const placed = (kind: 'warm' | 'cold' | 'queued' | 'refused', host: number | null, reason: string) =>
      this.emit({
        type: 'call.placed',
        placement: { callId: call.id, parentId: call.parentId, function: fullName, kind, host, reason, at: now() },
      });
    const fn = this.functions.get(call.user, call.name);
    const refused = !fn
      ? `no function ${fullName} has been uploaded: build it first`
      : fn.kind === 'library'
        ? `${fullName} is a shared library, not a function: it has no entry point to run. A function loads it with dlopen("/${installedLibraryPath(call.name)}")`
        : limitExceeded(call.depth, this.calls.pending(call.user), this.cluster.config);
    const fromSnapshot = fn && call.snapshot !== null ? this.protos.startImage(call.snapshot, fullName, fn.fingerprint) : null;
    this.calls.open({ id: call.id, parentId: call.parentId, user: call.user, name: call.name, depth: call.depth });
    this.facts.set(call.id, facts);
    this.limits.set(call.id, call.timeLimitMs);
    this.chainCmdlines.set(call.id, call.chainCmdlines);
    // After open: an await of this call may arrive while the user's files load.
    const refusal =
      refused ?? (fromSnapshot && 'refused' in fromSnapshot ? fromSnapshot.refused : null) ?? (await this.resources?.prepare(call.user)) ?? null;
    // A call chained by a stopped call (its chain message was on its way) is stopped too.
    if (call.parentId !== null && (this.stopping.has(call.parentId) || this.calls.get(call.parentId)?.result?.status === 'stopped')) {
      this.stopping.add(call.id);
    }
    const stoppedBeforeStart: CallOutcome = { kind: 'killed', reason: 'stopped', elapsedMs: 0, fuelUnits: 0, confirmed: true };

    let outcome: CallOutcome;
    if (this.stopping.has(call.id)) {
      outcome = stoppedBeforeStart;
    } else if (refusal || !fn) {
      placed('refused', null, refusal ?? '');
      outcome = { kind: 'refused', message: refusal ?? '' };
    } else {
      const run = await this.cluster.run(
        {
          callId: call.id,
          function: fullName,
          minPages: fn.minPages,
          memoryLimitPages: (this.resources?.limitsOf(fullName) ?? DEFAULT_LIMITS).memoryMiB * PAGES_PER_MIB,
          module: fn.module,
          fingerprint: fn.fingerprint,
          image: () => (fromSnapshot && 'image' in fromSnapshot ? fromSnapshot.image : this.protos.image(fullName)),
          callerHost: call.parentId === null ? null : (this.facts.get(call.parentId)?.host ?? null),
          placed: ({ kind, host, reason }) => placed(kind, host, reason),
          job: (faaslet, start) => ({
            callId: call.id,
            functionName: fullName,
            user: call.user,
            module: fn.module,
            memory: faaslet.memory!,
            input: call.input,
            args: call.args,
            entry: call.entry,
            callIds: this.callIds,
            awaitMode: this.awaitMode,
            stateMapping: this.stateMapping,
            mailbox: faaslet.mailbox,
            locks: faaslet.locks,
            arena: this.arena(faaslet.host, call.user).handle,
            start,
            ...this.resources?.jobFields(call.user, fullName),
          }),
          // The plan, until the Faaslet reports its start (a call killed in its zygote never does).
          dispatched: ({ faaslet, startKind }) =>
            Object.assign(facts, { host: faaslet.host, faaslet: faaslet.id, startKind, startedAt: now() }),
          stopRequested: () => this.stopping.has(call.id),
        },
        call.timeLimitMs,
      );
      outcome = run.placed ? run.outcome : 'stopped' in run ? stoppedBeforeStart : { kind: 'refused', message: run.refused };
    }
    for (const { key, mode } of this.globalTier.endCall(call.id)) {
      this.output(call.id, 'stderr', `faasm: the call ended holding the global ${mode} lock on "${key}"; released\n`);
    }
    // A push the call had begun before it was killed lands before its end is reported.
    await this.globalTier.settled(call.id);
    if (outcome.kind === 'done') {
      // Flushed before the result is out, so the next call (or a reload) sees the files.
      await this.resources?.finish(call.user, outcome.done.files).catch((error: unknown) => {
        this.output(call.id, 'stderr', `faasm: the call's file changes were not saved: ${(error as Error).message}\n`);
      });
    }
    this.facts.delete(call.id);
    this.limits.delete(call.id);
    this.stopping.delete(call.id);
    this.chainCmdlines.delete(call.id);
    const result = callResult(facts, outcome, call.timeLimitMs);
    this.calls.finish(result);
    this.emit({ type: 'call.finished', result });
    return result;
  }

  /** A Faaslet's report of how it started a call: what the call's events and result say. */
  started({ callId, startKind, startedAt, startMs, zygoteRan }: Extract<FaasletToHost, { kind: 'started' }>): void {
    const facts = this.facts.get(callId);
    if (!facts) return;
    Object.assign(facts, { startKind, startedAt, startMs });
    this.protos.started(facts.function, startKind, zygoteRan);
    this.emit({
      type: 'call.started',
      callId,
      parentId: facts.parentId,
      function: facts.function,
      host: facts.host,
      faaslet: facts.faaslet,
      startKind,
      startMs,
      at: startedAt,
      ...(facts.snapshot === undefined ? {} : { snapshot: facts.snapshot }),
    });
  }

  output(callId: number, stream: 'stdout' | 'stderr', text: string): void {
    const facts = this.facts.get(callId);
    if (facts) facts[stream] += text;
    this.emit({ type: 'call.output', callId, stream, text });
  }

  chain(message: Extract<FaasletToHost, { kind: 'chain' }>): void {
    const parent = this.calls.get(message.parentId);
    if (!parent) return;
    const { target } = message;
    const name = target.kind === 'name' ? target.name.replace(new RegExp(`^${parent.user}/`), '') : parent.name;
    const chainCmdlines = this.chainCmdlines.get(parent.id) ?? {};
    void this.invoke({
      id: message.callId,
      parentId: parent.id,
      user: parent.user,
      // Chaining by name stays within the caller's user, as in Faasm.
      name,
      depth: parent.depth + 1,
      input: message.input,
      // A call chained by pointer runs a function, not main: it has no command line.
      args: target.kind === 'name' ? chainedArgs(chainCmdlines, name) : [],
      chainCmdlines,
      // Faasm starts a chained call from its function's own snapshot, not its caller's.
      snapshot: null,
      entry: target.kind === 'pointer' ? { kind: 'pointer', funcIndex: target.funcIndex } : { kind: 'main' },
      timeLimitMs: this.limits.get(parent.id) ?? 5000,
    });
  }

  await(faaslet: FaasletHandle, callId: number, awaited: number): void {
    const caller = this.calls.get(callId);
    this.emit({ type: 'call.blocked', callId, awaiting: awaited, at: now() });
    const answer = (reply: AwaitAnswer) => {
      // A caller stopped while it waited is over: its child's end resumes nothing.
      if (!caller || caller.result || this.stopping.has(callId)) return;
      this.emit({ type: 'call.resumed', callId, at: now() });
      faaslet.answer(callId, awaited, reply, this.awaitMode);
    };
    const done = caller ? this.calls.whenDone(awaited, caller.user) : null;
    if (!done) {
      answer({ returnCode: -1, output: new Uint8Array(), error: `no call ${awaited} of this user exists` });
      return;
    }
    void done.then((result) =>
      answer({
        returnCode: result.returnCode,
        output: result.output,
        error: result.status === 'ok' || result.status === 'failed' ? null : result.message,
      }),
    );
  }

  /**
   * Stop a call and every unfinished call it chained, wherever each is: running or blocked in
   * await in a Faaslet, queued for a slot, or on its way there. Each gets its own stopped result.
   */
  stop(callId: number): boolean {
    const root = this.calls.get(callId);
    if (!root || root.result) return false;
    for (const id of [callId, ...this.calls.descendants(callId)]) {
      this.stopping.add(id);
      this.cluster.stop(id);
    }
    return true;
  }
}
