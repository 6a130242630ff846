/** Host agent ↔ Faaslet Worker messages: one union per direction. */
import type { StartKind, Timestamp, WasmFrame } from '../api';
import type { GlobalRequest } from '../global';
import type { ProtoImage } from '../proto';
import type { StateMappingMode } from '../host';
import type { FileChanges, FileEntries } from '../host/files';
import type { StateArenaHandle } from '../state';
import type { GrowJob } from './grow';

/** What a call enters: `main` through `_start`, or a function-table entry (chain by pointer). */
export type Entry = { kind: 'main' } | { kind: 'pointer'; funcIndex: number };

/**
 * How a Faaslet waits for another call: JSPI suspends the wasm and keeps the Worker's event
 * loop; the mailbox blocks the Worker in Atomics.wait until the host agent writes the answer.
 */
export type AwaitMode = 'jspi' | 'mailbox';

/**
 * How the call's Faaslet starts (runtime/proto). cold: instantiate, constructors, zygote, then
 * send the Proto-Faaslet back when `capture` (none is stored yet). restored: instantiate into
 * the job's memory and copy the image in. warm: reset the instance this Worker already holds for
 * the module in place; a Worker that holds none (it was replaced) restores instead.
 */
export type StartPlan =
  | { kind: 'cold'; fingerprint: string; capture: boolean }
  | { kind: 'restored' | 'warm'; fingerprint: string; image: ProtoImage };

/** How a Faaslet did start a call, which a replaced Worker can make differ from its plan. */
export interface StartReport {
  startKind: StartKind;
  /** When the start began (comparable across Workers) and how long it took, ms. */
  startedAt: Timestamp;
  startMs: number;
  /** The start invoked `_faasm_zygote` (only a cold start of a function that has one does). */
  zygoteRan: boolean;
}

export interface RunJob {
  callId: number;
  /** `user/function`. */
  functionName: string;
  user: string;
  /** Compiled once by the host agent; structured clone shares the code, not a copy. */
  module: WebAssembly.Module;
  /** Memory 0, owned by the host agent for this Faaslet so it can read it without messages. */
  memory: WebAssembly.Memory;
  input: Uint8Array;
  args: string[];
  entry: Entry;
  /** The cluster's call-id counter, so chain calls return an id without a round trip. */
  callIds: Int32Array;
  awaitMode: AwaitMode;
  /** The Faaslet's mailbox (see host/mailbox.ts), used when awaitMode is 'mailbox'. */
  mailbox: SharedArrayBuffer;
  /** The user's state arena on this host: memory 1, shared by its Faaslets (the local tier). */
  arena: StateArenaHandle;
  /** The Faaslet's lock ledger (state/ledger.ts): locks still held are released when the call ends or is killed. */
  locks?: SharedArrayBuffer;
  /** What a state pointer is: the shared value, or a private copy (no multi-memory). @default 'zero-copy' */
  stateMapping?: StateMappingMode;
  /** @default a cold start that keeps no image and no instance (a bare Worker, as benchmarks use) */
  start?: StartPlan;
  /** The user's files as the call starts, preopened as '/' (host/files); what it changes comes back in `done`. @default none */
  files?: FileEntries;
  /** The user's monotonic-clock high-water mark (host/clock.ts), shared by all the user's Faaslets. @default one of its own */
  clock?: SharedArrayBuffer;
  /** The function's bandwidth on virtual sockets (host/network), bytes per second. @default unshaped */
  bandwidth?: number | null;
  /** The Faaslet's control word (control.ts): how its supervisor kills it. */
  control: SharedArrayBuffer;
  /** The call's CPU-time limit in fuel units (fuel.ts): limit ms × FUEL_UNITS_PER_MS; Infinity: none. */
  cpuBudgetUnits: number;
  /** The Faaslet's id on its host (> 0), recorded while it holds the key table's mutex. @default the host agent's */
  faasletId?: number;
  /** The page-wide memory budget's words (grow.ts). @default none: memory 0 grows up to its maximum */
  pages?: GrowJob;
}

/** A job as the cluster hands it to a Faaslet's supervisor, which adds its control word, budget and id. */
export type SupervisedJob = Omit<RunJob, 'control' | 'cpuBudgetUnits' | 'faasletId'>;

export type ChainTarget = { kind: 'name'; name: string } | { kind: 'pointer'; funcIndex: number };

export interface AwaitAnswer {
  returnCode: number;
  output: Uint8Array;
  /** Why the await failed (unknown id, refused call), for the caller's stderr. */
  error: string | null;
}

export type HostToFaaslet =
  | { kind: 'run'; job: RunJob }
  | { kind: 'awaited'; callId: number; awaited: number; answer: AwaitAnswer }
  /** Manual snapshots, between calls: the held instance's memory 0 and globals, out or back in. */
  | { kind: 'snapshot'; requestId: number }
  | { kind: 'restore'; requestId: number; image: ProtoImage };

export type FaasletToHost =
  | { kind: 'ready' }
  /** The call's start is over (posted even when it failed), before the function is entered. */
  | ({ kind: 'started'; callId: number } & StartReport)
  | { kind: 'output'; callId: number; stream: 'stdout' | 'stderr'; text: string }
  | { kind: 'chain'; parentId: number; callId: number; target: ChainTarget; input: Uint8Array }
  | { kind: 'await'; callId: number; awaited: number }
  /** A push, pull or global lock (runtime/global); the Faaslet blocks on its mailbox for the reply. */
  | { kind: 'global'; callId: number; user: string; request: GlobalRequest }
  /** The function's Proto-Faaslet, taken right after its zygote (StartPlan cold with capture). */
  | { kind: 'proto'; callId: number; functionName: string; image: ProtoImage }
  | { kind: 'snapshot'; requestId: number; image: ProtoImage }
  | { kind: 'restored'; requestId: number }
  | { kind: 'refused'; requestId: number; message: string }
  /** The Faaslet's own code failed outside the function (a bug of the runtime): it must be replaced. */
  | { kind: 'failed'; callId: number; message: string }
  | {
      kind: 'done';
      callId: number;
      returnCode: number;
      output: Uint8Array;
      /** Set when the wasm trapped or a host call failed the Faaslet. */
      trap: { message: string; stack: WasmFrame[] } | null;
      /** Time in the function after its start, ms. */
      runMs: number;
      /** CPU work the call did, in fuel units (fuel.ts); 0 for a module that is not metered. */
      fuelUnits: number;
      /** What the call changed in its user's files, to flush (absent when it never ran). */
      files?: FileChanges;
    };
