/**
 * A Faaslet's control word: the one place where the Faaslet and its supervisor (the host agent)
 * agree whether it may still touch shared memory. `Worker.terminate()` returns at once while the
 * thread runs on for seconds (DESIGN.md, "Limits the browser imposes"), so a kill is a state
 * change both sides make by compare-and-swap, and the supervisor releases what the Faaslet held
 * only once the word says DEAD:
 *
 * ```
 * RUNNING ──poll/wait──► (kill requested?) ──► DEAD          the Faaslet stops itself
 * RUNNING ──before a wait──► BLOCKED ──after it──► RUNNING   it cannot write while blocked
 * BLOCKED ──host kill──► DEAD                                dead at once: it throws on waking
 * RUNNING ──host kill──► KILL_REQUESTED ──next poll──► DEAD
 * RUNNING ──call over──► FINISHED                            too late to kill: `done` follows
 * ```
 *
 * Polls come from fuel (fuel.ts): the metered module calls back every slice, so a kill lands
 * within one slice of work, and a call's CPU-time budget is fuel units, booked here. Everything
 * Faaslet-side runs on the Faaslet's own thread; one Worker runs one Faaslet, so the waits in
 * runtime/state and runtime/host reach it as the thread's `currentControl()`.
 * This file imports nothing of the Faaslet's or the host agent's: both sides import it.
 */

export const RUNNING = 0;
export const BLOCKED = 1;
export const KILL_REQUESTED = 2;
export const DEAD = 3;
export const FINISHED = 4;

/** Why a Faaslet died, kept beside its state. */
export type KillReason = 'stopped' | 'time-limit';
const REASONS: readonly KillReason[] = ['stopped', 'time-limit'];

/** Two i32 words (state, reason index + 1), then a Float64 of the units booked. */
const STATE = 0;
const REASON = 1;
const UNITS_OFFSET = 8;
const BYTES = 16;

export const createControl = () => new SharedArrayBuffer(BYTES);

/**
 * Thrown on the Faaslet's thread when it finds itself killed. It unwinds the wasm and every host
 * call on the way: nothing may run cleanup on it (no unlock, no ledger release, no flush), since
 * the supervisor may already be releasing what the Faaslet held.
 */
export class FaasletKilled extends Error {
  constructor(readonly reason: KillReason) {
    super(`the Faaslet was killed (${reason})`);
    this.name = 'FaasletKilled';
  }
}

export class FaasletControl {
  private readonly words: Int32Array;
  private readonly units: Float64Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer, 0, 2);
    this.units = new Float64Array(buffer, UNITS_OFFSET, 1);
  }

  get state(): number {
    return Atomics.load(this.words, STATE);
  }

  get reason(): KillReason | null {
    return REASONS[Atomics.load(this.words, REASON) - 1] ?? null;
  }

  /** Fuel units the call has used so far (the Faaslet books them; read them after DEAD or done). */
  get unitsUsed(): number {
    return this.units[0]!;
  }

  /** Supervisor, before posting a call: a fresh word for it. */
  reset(): void {
    this.units[0] = 0;
    Atomics.store(this.words, REASON, 0);
    Atomics.store(this.words, STATE, RUNNING);
  }

  // ── the Faaslet's side ─────────────────────────────────────────────────────────────────────

  book(units: number): void {
    this.units[0] = this.units[0]! + units;
  }

  /** At every fuel poll: die if a kill was requested; keep unwinding if a host call swallowed the first throw. */
  poll(): void {
    const state = Atomics.load(this.words, STATE);
    if (state === KILL_REQUESTED) this.die(this.reason ?? 'stopped');
    if (state === DEAD) throw new FaasletKilled(this.reason ?? 'stopped');
  }

  /** The Faaslet ends itself (its CPU-time budget is spent): dead now, the supervisor notified. */
  die(reason: KillReason): never {
    Atomics.store(this.words, REASON, REASONS.indexOf(reason) + 1);
    Atomics.store(this.words, STATE, DEAD);
    Atomics.notify(this.words, STATE);
    throw new FaasletKilled(reason);
  }

  /** Before a blocking wait. Throws when a kill was requested (or already done). */
  enterWait(): void {
    const was = Atomics.compareExchange(this.words, STATE, RUNNING, BLOCKED);
    if (was === RUNNING) return;
    if (was === KILL_REQUESTED) this.die(this.reason ?? 'stopped');
    throw new FaasletKilled(this.reason ?? 'stopped');
  }

  /** After a wait, before touching anything it waited for. Throws when the supervisor killed it meanwhile. */
  leaveWait(): void {
    const was = Atomics.compareExchange(this.words, STATE, BLOCKED, RUNNING);
    if (was !== BLOCKED) throw new FaasletKilled(this.reason ?? 'stopped');
  }

  /** The call's function returned: no kill can land any more. False when one already did. */
  finish(): boolean {
    const was = Atomics.compareExchange(this.words, STATE, RUNNING, FINISHED);
    if (was === RUNNING) return true;
    if (was === KILL_REQUESTED) {
      Atomics.store(this.words, STATE, DEAD);
      Atomics.notify(this.words, STATE);
    }
    return false;
  }

  // ── the supervisor's side ──────────────────────────────────────────────────────────────────

  /**
   * Kill the call: a blocked Faaslet is dead at once, a running one is asked to die at its next
   * poll. Returns the state after the attempt (DEAD, KILL_REQUESTED or FINISHED).
   */
  requestKill(reason: KillReason): number {
    for (;;) {
      const state = Atomics.load(this.words, STATE);
      if (state === DEAD || state === FINISHED || state === KILL_REQUESTED) return state;
      // The reason is written first: the Faaslet reads it once it sees the new state.
      Atomics.store(this.words, REASON, REASONS.indexOf(reason) + 1);
      const next = state === BLOCKED ? DEAD : KILL_REQUESTED;
      if (Atomics.compareExchange(this.words, STATE, state, next) === state) {
        Atomics.notify(this.words, STATE);
        return next;
      }
    }
  }

  /** The Faaslet's runtime failed outside the function: it writes nothing more, and was not killed. */
  abandon(): void {
    Atomics.store(this.words, REASON, 0);
    Atomics.store(this.words, STATE, DEAD);
    Atomics.notify(this.words, STATE);
  }

  /** Wake whoever awaits `changed()` (the supervisor, when the call is over). */
  wake(): void {
    Atomics.notify(this.words, STATE);
  }

  /** Resolves at the next notify of the word (a death, or `wake`). */
  async changed(): Promise<void> {
    const wait = Atomics.waitAsync(this.words, STATE, Atomics.load(this.words, STATE));
    if (wait.async) await wait.value;
  }

  /** Resolves true once the word is DEAD, false after `timeoutMs`; never blocks the event loop. */
  async whenDead(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const state = Atomics.load(this.words, STATE);
      if (state === DEAD) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      const wait = Atomics.waitAsync(this.words, STATE, state, left);
      if (wait.async) await wait.value;
    }
  }
}

let current: FaasletControl | null = null;

/** The Faaslet running on this thread, if any (the Worker sets it for each call). */
export const currentControl = (): FaasletControl | null => current;

export function setCurrentControl(control: FaasletControl | null): void {
  current = control;
}

/**
 * Run a blocking wait as the thread's Faaslet: BLOCKED during it, and it throws instead of
 * returning when the Faaslet was killed meanwhile, before the caller can touch what it waited
 * for. Outside a Faaslet (tests, the host agent's own helpers) it just waits.
 */
export function blockingWait<T>(wait: () => T): T {
  const control = current;
  if (!control) return wait();
  control.enterWait();
  let result: T;
  try {
    result = wait();
  } catch (error) {
    control.leaveWait();
    throw error;
  }
  control.leaveWait();
  return result;
}

/** An async wait (JSPI suspension) of the thread's Faaslet, with the same rules. */
export async function suspendedWait<T>(wait: Promise<T>): Promise<T> {
  const control = current;
  if (!control) return wait;
  control.enterWait();
  let result: T;
  try {
    result = await wait;
  } catch (error) {
    control.leaveWait();
    throw error;
  }
  control.leaveWait();
  return result;
}
