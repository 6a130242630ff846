/**
 * Faults under the real supervisor, in the page: real Faaslet Workers (spawnFaasletWorker), real
 * FaasletHandles, one shared state arena, and the hand-metered Faaslets of modules.ts.
 *
 * - chaos: each round starts lockers, key makers and spinners on a pool of Faaslets and kills a
 *   seeded choice of them at seeded moments (Stop, or a small CPU-time limit), then checks: the
 *   lock is free and the counter equals the progress of every call (two holders at once lose an
 *   update; a call that returned made all its updates), the key table and the appended log are
 *   readable and whole, and the table's mutex is free.
 * - writes after kill: spinners are stopped one after another; the value each had when its kill
 *   was reported must never change again (checked after all of them, seconds later).
 */
import { FaasletHandle, type RunOutcome } from '../../runtime/cluster/faaslet-handle';
import { spawnFaasletWorker, type SupervisedJob } from '../../runtime/faaslet';
import { describeArena, StateArena } from '../../runtime/state';
import { faultModules, KEYS_PER_CALL, LOCKER_ITERATIONS, type FaultModules } from './modules';

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

export interface FaultRig {
  arena: StateArena;
  faaslets: FaasletHandle[];
  modules: FaultModules;
  /** Each call's stderr, by call id (a supervisor's report shows up here). */
  stderr: Map<number, string>;
  dispose(): void;
}

export async function faultRig(size: number): Promise<FaultRig> {
  const arena = StateArena.create({ initialPages: 16, maxKeys: 8192, maxKeyBytes: 64 });
  const stderr = new Map<number, string>();
  const events = {
    started() {},
    output(callId: number, stream: 'stdout' | 'stderr', text: string) {
      if (stream === 'stderr') stderr.set(callId, (stderr.get(callId) ?? '') + text);
    },
    chain() {},
    await() {},
    proto() {},
  };
  const faaslets = Array.from({ length: size }, (_, id) => new FaasletHandle(id, 0, spawnFaasletWorker, events));
  await Promise.all(faaslets.map((faaslet) => faaslet.ready));
  const modules = await faultModules();
  return { arena, faaslets, modules, stderr, dispose: () => faaslets.forEach((faaslet) => faaslet.dispose()) };
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
    arena: rig.arena.handle,
  };
  return { callId, outcome: faaslet.run(job, limitMs) };
}

const int32At = (arena: StateArena, key: string) => {
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
}

/** `rounds` rounds on `rig`, with kills drawn from `seed`. */
export async function chaos(rig: FaultRig, rounds: number, seed: number): Promise<ChaosReport> {
  const random = seeded(seed);
  const violations: string[] = [];
  const lockers: string[] = [];
  const spun: { key: string; atReport: number }[] = [];
  let kills = 0;
  for (let round = 0; round < rounds; round++) {
    const calls = rig.faaslets.map((faaslet, slot) => {
      const kind = (['locker', 'locker', 'keys', 'spinner'] as const)[slot % 4]!;
      const key = `${kind}-${round}-${slot}`;
      if (kind === 'locker') lockers.push(key);
      // A few calls get a CPU-time limit they will pass: the Faaslet kills itself at a poll.
      const limitMs = kind === 'spinner' && random() < 0.5 ? 1 + random() * 20 : 60_000;
      return { kind, key, ...call(rig, faaslet, rig.modules[kind], key, limitMs) };
    });
    const victims = calls.filter((c) => c.kind === 'spinner' || random() < 0.5);
    await sleep(random() * 15);
    for (const victim of victims) {
      rig.faaslets.find((faaslet) => faaslet.callId === victim.callId)?.stop(victim.callId);
      if (random() < 0.3) await sleep(random() * 3);
    }
    for (const c of calls) {
      const outcome = await bounded(c.outcome);
      if (outcome.kind === 'killed') kills++;
      const problem = unexpected(outcome);
      if (problem) violations.push(`round ${round}: ${c.kind} ${c.key}: ${problem}`);
      if (c.kind === 'locker' && outcome.kind === 'done' && int32At(rig.arena, c.key) !== LOCKER_ITERATIONS) {
        violations.push(`round ${round}: ${c.key} returned after ${int32At(rig.arena, c.key)} of ${LOCKER_ITERATIONS} updates`);
      }
      if (c.kind === 'spinner') spun.push({ key: c.key, atReport: int32At(rig.arena, c.key) });
    }
    violations.push(...roundViolations(rig, round, lockers));
  }
  // Seconds after the last kill, well past the ~2 s a terminated Worker was measured to run on.
  await sleep(2500);
  for (const { key, atReport } of spun) {
    const now = int32At(rig.arena, key);
    if (now !== atReport) violations.push(`${key} changed from ${atReport} to ${now} after its end was reported`);
  }
  return { rounds, kills, violations };
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
    const log = arena.find(`${USER}/log`) ? describeArena(arena).find((k) => k.key === `${USER}/log`) : undefined;
    const count = log?.appended.count ?? 0;
    const bytes = arena.readAppended(`${USER}/log`, count * 8, count);
    const view = new DataView(bytes.buffer);
    for (let at = 0; at < bytes.byteLength; at += 8) {
      if (view.getInt32(at, true) !== 0xc0ffee || view.getInt32(at + 4, true) >= KEYS_PER_CALL) {
        found.push(`round ${round}: appended element ${at / 8} is torn`);
        break;
      }
    }
  } catch (error) {
    found.push(`round ${round}: the table or the log is unreadable: ${String(error)}`);
  }
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
    const faaslet = rig.faaslets[n % rig.faaslets.length]!;
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
