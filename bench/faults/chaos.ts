/**
 * Faults under the real supervisor, in the page: real Faaslet Workers (spawnFaasletWorker), real
 * FaasletHandles, one shared state arena, and the hand-metered Faaslets of modules.ts.
 *
 * - chaos: each round starts lockers, key makers (which also append to the global tier),
 *   spinners, pushers and pullers on a pool of Faaslets and kills a seeded choice of them at
 *   seeded moments (Stop, or a small CPU-time limit), then checks: the lock is free and the
 *   counter equals the progress of every call (two holders at once lose an update; a call that
 *   returned made all its updates), the key table is readable and its mutex free, the global
 *   value is one whole version (pullers trap on a torn one, and the run pulls it too), and the
 *   global appended sequence is readable, every element whole, with every returned call's appends.
 *   Lockers, key makers and spinners share host 0's arena; each pusher and puller is a host of
 *   its own, as Faaslets on other hosts meet only in the global tier.
 * - writes after kill: spinners are stopped one after another; the value each had when its kill
 *   was reported must never change again (checked after all of them, seconds later).
 */
import { FaasletHandle, type RunOutcome } from '../../runtime/cluster/faaslet-handle';
import { spawnFaasletWorker, type SupervisedJob } from '../../runtime/faaslet';
import { GlobalLocks, GlobalTier, IdbAppendedStore, IdbGlobalStore, replyAnswer, type GlobalRequest } from '../../runtime/global';
import { postAnswer } from '../../runtime/host/mailbox';
import { describeArena, StateArena } from '../../runtime/state';
import {
  faultModules,
  GLOBAL_KEY,
  GLOBAL_VALUE_BYTES,
  KEYS_PER_CALL,
  LOCKER_ITERATIONS,
  PULLS_PER_CALL,
  type FaultModules,
} from './modules';

const USER = 'chaos';
const encoder = new TextEncoder();

/** mulberry32: a small seeded generator, so a failing schedule can be replayed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = keyof FaultModules;
/** What each Faaslet of the pool runs, by slot: two spinners, so every round kills. */
const KINDS: readonly Kind[] = ['locker', 'locker', 'keys', 'spinner', 'pusher', 'puller', 'spinner', 'pusher', 'puller'];
const onOwnHost = (kind: Kind) => kind === 'pusher' || kind === 'puller';
/** The host whose arena the run pulls the global value into, to check it; no Faaslet runs there. */
const CHECK_HOST = 1000;

export interface FaultRig {
  /** Host 0's arena: the lockers', key makers' and spinners'. */
  arena: StateArena;
  /** One per slot of KINDS; a pusher's or puller's host is its slot. */
  faaslets: FaasletHandle[];
  /** Host 0's Faaslets. */
  local: FaasletHandle[];
  modules: FaultModules;
  tier: GlobalTier;
  arenaOf(host: number): StateArena;
  /** Global tier requests still being served (a killed call's may outlive it). */
  serving: Set<Promise<unknown>>;
  /** Pulls of a call that wrote its host's arena after its kill was reported (target 0). */
  latePulls: number;
  /** Pushes of a call that committed after its kill was reported (a transaction already begun ends). */
  latePushes: number;
  /** When each killed call's end was reported, by call id. */
  reportedAt: Map<number, number>;
  /** Each call's stderr, by call id (a supervisor's report shows up here). */
  stderr: Map<number, string>;
  dispose(): void;
}

const newArena = () => StateArena.create({ initialPages: 16, maxKeys: 8192, maxKeyBytes: 64 });

export async function faultRig(): Promise<FaultRig> {
  const arenas = new Map<number, StateArena>([[0, newArena()]]);
  const arenaOf = (host: number) => {
    if (!arenas.has(host)) arenas.set(host, newArena());
    return arenas.get(host)!;
  };
  const stderr = new Map<number, string>();
  const serving = new Set<Promise<unknown>>();
  const reportedAt = new Map<number, number>();
  const rig = { latePulls: 0, latePushes: 0 };
  const tier = new GlobalTier({
    store: new IdbGlobalStore(),
    appended: new IdbAppendedStore(),
    locks: new GlobalLocks(navigator.locks),
    arenaOf: (host) => arenaOf(host),
    emit(change) {
      if (change.kind === 'failed' || change.callId === null || !reportedAt.has(change.callId)) return;
      if (change.kind === 'pull') rig.latePulls++;
      else if (change.kind === 'push') rig.latePushes++;
    },
    openTabs: () => null,
  });
  const events = {
    started() {},
    output(callId: number, stream: 'stdout' | 'stderr', text: string) {
      if (stream === 'stderr') stderr.set(callId, (stderr.get(callId) ?? '') + text);
    },
    chain() {},
    await() {},
    proto() {},
    // As the host agent serves them (runtime/cluster/agent.ts).
    global(faaslet: FaasletHandle, { callId, user, request }: { callId: number; user: string; request: GlobalRequest }) {
      const served = tier.serve({ host: faaslet.host, callId, user }, request).then((reply) => {
        if (faaslet.callId === callId) postAnswer(faaslet.mailbox, replyAnswer(reply));
      });
      serving.add(served);
      void served.finally(() => serving.delete(served));
    },
  };
  const faaslets = KINDS.map(
    (kind, slot) => new FaasletHandle(slot, onOwnHost(kind) ? slot : 0, spawnFaasletWorker, events),
  );
  await Promise.all(faaslets.map((faaslet) => faaslet.ready));
  const modules = await faultModules();
  // The appended log lives in IndexedDB and outlasts a run: each run counts from empty.
  await tier.serve({ host: CHECK_HOST, callId: 0, user: USER }, { kind: 'clear-appended', key: `${USER}/log` });
  return Object.assign(rig, {
    arena: arenas.get(0)!,
    faaslets,
    local: faaslets.filter((faaslet) => faaslet.host === 0),
    modules,
    tier,
    arenaOf,
    serving,
    reportedAt,
    stderr,
    dispose: () => {
      faaslets.forEach((faaslet) => faaslet.dispose());
      tier.dispose();
    },
  });
}

let nextCallId = 1;
const callIds = new Int32Array(new SharedArrayBuffer(4));

/** One call of `module` on `faaslet`, its own key named by the input. */
function call(rig: FaultRig, faaslet: FaasletHandle, module: WebAssembly.Module, ownKey: string, limitMs: number) {
  const callId = nextCallId++;
  const job: SupervisedJob = {
    callId,
    functionName: `${USER}/fault`,
    user: USER,
    module,
    memory: new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true }),
    input: encoder.encode(ownKey),
    args: [],
    entry: { kind: 'main' },
    callIds,
    awaitMode: 'mailbox',
    mailbox: faaslet.mailbox,
    locks: faaslet.locks,
    arena: rig.arenaOf(faaslet.host).handle,
  };
  // As the invoker does: a kill is reported once the call's store requests in flight have ended.
  const outcome = faaslet.run(job, limitMs).then(async (ended) => {
    rig.tier.endCall(callId);
    await rig.tier.settled(callId);
    if (ended.kind === 'killed') rig.reportedAt.set(callId, performance.now());
    return ended;
  });
  return { callId, outcome };
}

const int32At = (arena: StateArena, key: string): number => {
  const value = arena.find(`${USER}/${key}`);
  return value ? new Int32Array(arena.memory.buffer, value.offset, 1)[0]! : 0;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failure bound, never a timing: a call that never ends is reported instead of hanging the run. */
const LOST_MS = 60_000;
function bounded(outcome: Promise<RunOutcome>): Promise<RunOutcome> {
  return Promise.race([
    outcome,
    sleep(LOST_MS).then((): RunOutcome => ({ kind: 'crashed', message: `no outcome within ${LOST_MS / 1000} s` })),
  ]);
}

/** A failed call that was not killed is a violation too: the functions here never fail. */
function unexpected(outcome: RunOutcome): string | null {
  if (outcome.kind === 'killed') return null;
  if (outcome.kind === 'crashed') return `crashed: ${outcome.message}`;
  const { returnCode, trap } = outcome.done;
  return returnCode === 0 && !trap ? null : `returned ${returnCode}: ${trap?.message ?? ''}`;
}

export interface ChaosReport {
  rounds: number;
  kills: number;
  violations: string[];
  /** Pulls of killed calls that wrote an arena after the kill was reported (target 0). */
  latePulls: number;
  /** Pushes of killed calls that committed after the kill was reported (begun before it). */
  latePushes: number;
}

/** `rounds` rounds on `rig`, with kills drawn from `seed`. */
export async function chaos(rig: FaultRig, rounds: number, seed: number): Promise<ChaosReport> {
  const random = seeded(seed);
  const violations: string[] = [];
  const lockers: string[] = [];
  const spun: { key: string; atReport: number }[] = [];
  let kills = 0;
  let appendsReturned = 0;
  let appendsStarted = 0;
  for (let round = 0; round < rounds; round++) {
    const calls = rig.faaslets.map((faaslet, slot) => {
      const kind = KINDS[slot]!;
      const key = `${kind}-${round}-${slot}`;
      if (kind === 'locker') lockers.push(key);
      if (kind === 'keys') appendsStarted += KEYS_PER_CALL;
      // A few calls get a CPU-time limit they will pass: the Faaslet kills itself at a poll.
      const limitMs = kind === 'spinner' && random() < 0.5 ? 1 + random() * 20 : 60_000;
      return { kind, key, faaslet, ...call(rig, faaslet, rig.modules[kind], key, limitMs) };
    });
    const victims = calls.filter((c) => c.kind === 'spinner' || random() < 0.7);
    await sleep(random() * 15);
    for (const victim of victims) {
      if (victim.faaslet.callId === victim.callId) victim.faaslet.stop(victim.callId);
      if (random() < 0.3) await sleep(random() * 3);
    }
    for (const c of calls) {
      const outcome = await bounded(c.outcome);
      if (outcome.kind === 'killed') kills++;
      const problem = unexpected(outcome);
      if (problem) violations.push(`round ${round}: ${c.kind} ${c.key}: ${problem}`);
      const arena = rig.arenaOf(c.faaslet.host);
      if (c.kind === 'locker' && outcome.kind === 'done' && int32At(arena, c.key) !== LOCKER_ITERATIONS) {
        violations.push(`round ${round}: ${c.key} returned after ${int32At(arena, c.key)} of ${LOCKER_ITERATIONS} updates`);
      }
      if (c.kind === 'puller' && outcome.kind === 'done' && int32At(arena, c.key) !== PULLS_PER_CALL) {
        violations.push(`round ${round}: ${c.key} returned after ${int32At(arena, c.key)} of ${PULLS_PER_CALL} pulls`);
      }
      if (c.kind === 'keys' && outcome.kind === 'done') appendsReturned += KEYS_PER_CALL;
      if (c.kind === 'spinner') spun.push({ key: c.key, atReport: int32At(arena, c.key) });
    }
    // A killed call's request may still be in the tier; the next round's call on its host must not meet it.
    while (rig.serving.size > 0) await Promise.all([...rig.serving]);
    violations.push(...roundViolations(rig, round, lockers));
    violations.push(...(await globalViolations(rig, round, appendsReturned, appendsStarted)));
    // A broken round leaves locks or Faaslets in a state later rounds only bury: stop and say it.
    if (violations.length > 0) return { rounds: round + 1, kills, violations, latePulls: rig.latePulls, latePushes: rig.latePushes };
  }
  // Seconds after the last kill, well past the ~2 s a terminated Worker was measured to run on.
  await sleep(2500);
  for (const { key, atReport } of spun) {
    const now = int32At(rig.arena, key);
    if (now !== atReport) violations.push(`${key} changed from ${atReport} to ${now} after its end was reported`);
  }
  return { rounds, kills, violations, latePulls: rig.latePulls, latePushes: rig.latePushes };
}

function roundViolations(rig: FaultRig, round: number, lockers: string[]): string[] {
  const { arena } = rig;
  const found: string[] = [];
  const counter = arena.find(`${USER}/counter`);
  if (counter) {
    const lock = Atomics.load(arena.metadata.words, arena.metadata.lockIndex(counter.slot));
    if (lock !== 0) found.push(`round ${round}: the counter's lock is still held (${lock}) after every call ended`);
    const progress = lockers.reduce((sum, key) => sum + int32At(arena, key), 0);
    const value = int32At(arena, 'counter');
    if (value !== progress) found.push(`round ${round}: counter ${value}, but the calls made ${progress} updates`);
  }
  if (Atomics.load(arena.metadata.words, 1) !== 0) found.push(`round ${round}: the key table's mutex is still held`);
  try {
    describeArena(arena);
  } catch (error) {
    found.push(`round ${round}: the key table is unreadable: ${String(error)}`);
  }
  return found;
}

const ELEMENT_BYTES = 8;

/** The global value is one whole version, and the appended log is whole and holds every returned call's elements. */
async function globalViolations(rig: FaultRig, round: number, returned: number, started: number): Promise<string[]> {
  const found: string[] = [];
  const asker = { host: CHECK_HOST, callId: 0, user: USER };
  const key = `${USER}/${GLOBAL_KEY}`;
  const pulled = await rig.tier.serve(asker, { kind: 'pull', key, size: GLOBAL_VALUE_BYTES });
  if (pulled.kind !== 'done') found.push(`round ${round}: the global value is unreadable: ${pulled.message}`);
  else {
    const value = rig.arenaOf(CHECK_HOST).find(key);
    const bytes = value ? rig.arenaOf(CHECK_HOST).bytes(value) : new Uint8Array();
    if (bytes.byteLength !== GLOBAL_VALUE_BYTES || bytes.some((byte) => byte !== bytes[0])) {
      found.push(`round ${round}: the global value (version ${pulled.version}) is torn`);
    }
  }
  const log = await rig.tier.serve(asker, { kind: 'read-appended', key: `${USER}/log`, count: 1 << 20, maxBytes: 1 << 26 });
  if (log.kind !== 'done') return [...found, `round ${round}: the appended log is unreadable: ${log.message}`];
  const bytes = log.bytes ?? new Uint8Array();
  const count = log.version;
  if (bytes.byteLength !== count * ELEMENT_BYTES) found.push(`round ${round}: ${count} appended elements hold ${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + ELEMENT_BYTES <= bytes.byteLength; at += ELEMENT_BYTES) {
    if (view.getInt32(at, true) !== 0xc0ffee || view.getInt32(at + 4, true) >= KEYS_PER_CALL) {
      found.push(`round ${round}: appended element ${at / ELEMENT_BYTES} is torn`);
      break;
    }
  }
  // A returned call made all its appends; a killed one made between none and all of them.
  if (count < returned || count > started) found.push(`round ${round}: ${count} appended elements, not in [${returned}, ${started}]`);
  return found;
}

export interface KillFigures {
  kills: number;
  writesAfterKill: number;
  /** From Stop to the kill reported (the Worker terminated), each kill, ms. */
  killToQuietMs: number[];
}

/** `kills` spinners stopped one after another once each has written; then seconds later, any later write counted. */
export async function writesAfterKill(rig: FaultRig, kills: number): Promise<KillFigures> {
  const reported: { key: string; value: number }[] = [];
  const killToQuietMs: number[] = [];
  for (let n = 0; n < kills; n++) {
    const faaslet = rig.local[n % rig.local.length]!;
    await faaslet.ready;
    const key = `spin-${n}`;
    const { callId, outcome } = call(rig, faaslet, rig.modules.spinner, key, 60_000);
    while (int32At(rig.arena, key) === 0) await sleep(1);
    const stoppedAt = performance.now();
    faaslet.stop(callId);
    const ended = await bounded(outcome);
    killToQuietMs.push(performance.now() - stoppedAt);
    if (ended.kind !== 'killed') throw new Error(`spinner ${key} was not killed: ${ended.kind === 'crashed' ? ended.message : ended.kind}`);
    reported.push({ key, value: int32At(rig.arena, key) });
  }
  await sleep(2500);
  const writesAfter = reported.reduce((sum, { key, value }) => sum + Math.abs(int32At(rig.arena, key) - value), 0);
  return { kills, writesAfterKill: writesAfter, killToQuietMs };
}
