/**
 * A Faaslet's imports are bound once, when its instance is made, but a warm instance serves many
 * calls: the host interface and WASI must still see a fresh call each time (input, output, fds,
 * args, stdout buffers, the call id awaits use). So the imports are bound to a routing object
 * that each call re-points at its own state.
 */
import type { PreopenDirectory, WASI } from '@bjorn3/browser_wasi_shim';
import {
  CopiedState,
  FaasletMemory,
  HostError,
  hostInterface,
  ZERO_COPY,
  type CallIo,
  type ChainContext,
  type StateMapping,
} from '../host';
import { createClockWord, UserClock } from '../host/clock';
import { DynamicLinker } from '../host/dynlink';
import { diffEntries, type FileChanges, type FileEntries } from '../host/files/entries';
import { entriesOf, fileAt } from '../host/files/tree';
import { Shaper, socketWasiImports, xhrFetchSync, type NetworkContext } from '../host/network';
import { timeAndRandomImports } from '../host/wasi-extras';
import { fileIoImports } from '../host/wasi-io';
import { checkedWasiCall } from '../host/wasi-pointers';
import { LockLedger, StateArena } from '../state';
import { createControl, FaasletControl, setCurrentControl } from './control';
import { FUEL_GLOBAL_EXPORT, FUEL_IMPORT, FUEL_SLICE, HOST_CALL_UNITS } from './fuel';
import { GROW_IMPORT, MemoryGrowth } from './grow';
import type { FaasletLink } from './instance';
import type { RunJob } from './protocol';
import { faasletWasi, WASI_IMPORT_NAMES, type CapturedStream } from './wasi';

type WasiFunction = (...args: unknown[]) => unknown;

const unset = () => {
  throw new HostError('no call is running in this Faaslet');
};

export class CallRouting {
  /** Refilled for every call: the host interface reads these fields when it is called. */
  private readonly io: CallIo = { input: new Uint8Array(), output: new Uint8Array() };
  private readonly chain: ChainContext;
  private wasi: WASI | null = null;
  /** Memory 0 of the instance: the job's memory object is a new wrapper on every message. */
  private readonly memory: WebAssembly.Memory;
  /** Set once the instance exists (its malloc serves await-with-output and state copies). */
  instance: WebAssembly.Instance | null = null;
  private readonly arena: StateArena;
  private readonly faasletMemory: FaasletMemory;
  private readonly copies: CopiedState;
  private readonly ledger: LockLedger | undefined;
  private stderr: CapturedStream | null = null;
  private stateMapping: StateMapping = ZERO_COPY;
  /** The user's files as the call started, and the call's own tree of them. */
  private files: FileEntries = new Map();
  private root: PreopenDirectory | null = null;
  private clock = new UserClock(createClockWord());
  private shaper = new Shaper(null);
  private readonly network: NetworkContext = {
    fds: () => this.wasi?.fds ?? [],
    shaper: () => this.shaper,
    fetchSync: xhrFetchSync,
  };
  /** The import object the instance got: what libraries it dlopens may call too. */
  private importObject: WebAssembly.Imports = {};
  private readonly linker: DynamicLinker;
  /** The running call's control word (control.ts) and CPU-time budget in fuel units (fuel.ts). */
  control = new FaasletControl(createControl());
  private budgetUnits = Infinity;
  /** memory.grow within the page's memory budget (grow.ts). */
  private readonly growth: MemoryGrowth;

  constructor(job: RunJob) {
    this.memory = job.memory;
    this.growth = new MemoryGrowth(job.memory);
    this.arena = StateArena.attach(job.arena, job.faasletId);
    this.faasletMemory = new FaasletMemory(job.memory, this.arena.memory);
    this.ledger = job.locks ? new LockLedger(job.locks) : undefined;
    this.copies = new CopiedState(this.faasletMemory, this.arena, (size) => this.malloc('__faasm_read_state_ptr', size));
    this.chain = {
      callId: 0,
      callIds: job.callIds,
      // The await imports' shape (JSPI or blocking) is fixed here; a Faaslet whose mode differs is not reused.
      mode: job.awaitMode,
      mailbox: job.mailbox,
      post: unset,
      answer: unset,
      malloc: (size) => this.malloc('__faasm_await_call_output', size),
      stderr: unset,
    };
    this.linker = new DynamicLinker({
      memory: job.memory,
      main: () => this.instance,
      hostImports: () => this.importObject,
      readFile: this.readFile,
    });
  }

  /** A file in the running call's own copy of the user's files (dlopen, write_state_from_file). */
  private readonly readFile = (path: string): Uint8Array | null => (this.root ? fileAt(this.root.dir, path) : null);

  private malloc(call: string, size: number): number {
    const malloc = this.instance?.exports.malloc;
    if (typeof malloc !== 'function') throw new HostError(`${call}: the module exports no malloc`);
    return malloc(size) as number;
  }

  /** The import object for the instance of `job.module` on `job.memory`. */
  imports(job: RunJob): WebAssembly.Imports {
    const { memory, arena } = this;
    const own: Record<string, WasiFunction> = {
      ...timeAndRandomImports(this.faasletMemory, () => this.clock),
      ...socketWasiImports(this.faasletMemory, this.network),
      ...fileIoImports(this.faasletMemory, this.network.fds),
    } as Record<string, WasiFunction>;
    const wasiImport = Object.fromEntries(
      [...WASI_IMPORT_NAMES].map((name) => [
        name,
        own[name] ??
          checkedWasiCall(name, (...args: unknown[]) => (this.wasi!.wasiImport[name] as WasiFunction)(...args), memory),
      ]),
    );
    this.importObject = {
      // Suspending imports are import values too; TypeScript's DOM types predate JSPI.
      env: {
        memory,
        state: arena.memory,
        ...this.charged(hostInterface(this.faasletMemory, {
          io: this.io,
          chain: this.chain,
          arena,
          user: job.user,
          stateMapping: () => this.stateMapping,
          locks: this.ledger,
          network: this.network,
          dynlink: this.linker,
          readFile: this.readFile,
        })),
      } as unknown as WebAssembly.ModuleImports,
      wasi_snapshot_preview1: this.charged(wasiImport) as WebAssembly.ModuleImports,
      // One module object: both imports are the runtime's own ('faaslet').
      [FUEL_IMPORT.module]: { [FUEL_IMPORT.name]: this.fuel, [GROW_IMPORT.name]: this.growth.grow },
    };
    return this.importObject;
  }

  /**
   * Every plain host function books HOST_CALL_UNITS and polls when entered (fuel.ts). A JSPI
   * Suspending import (await) is left as it is: it is not a function, and its time is blocked.
   */
  private charged<T extends object>(imports: T): T {
    const entries = Object.entries(imports).map(([name, value]: [string, unknown]) => {
      if (typeof value !== 'function') return [name, value];
      const fn = value as WasiFunction;
      return [name, (...args: unknown[]) => (this.hostCall(), fn(...args))];
    });
    return Object.fromEntries(entries) as T;
  }

  private hostCall(): void {
    const { control } = this;
    control.book(HOST_CALL_UNITS);
    control.poll();
    if (control.unitsUsed > this.budgetUnits) control.die('time-limit');
  }

  /**
   * The metered module's poll (fuel.ts): book the slice, die if killed or past the budget. The
   * function and each library it dlopens call it with their own global, all starting slices at
   * FUEL_SLICE, so `FUEL_SLICE - left` is what the slice used.
   */
  private readonly fuel = (left: number): number => {
    const { control } = this;
    control.book(FUEL_SLICE - left);
    control.poll();
    if (control.unitsUsed > this.budgetUnits) control.die('time-limit');
    return FUEL_SLICE;
  };

  /** The fuel global of the instance, if the module is metered. */
  private fuelGlobal(): WebAssembly.Global | null {
    const global = this.instance?.exports[FUEL_GLOBAL_EXPORT];
    return global instanceof WebAssembly.Global ? global : null;
  }

  /** Just before the entry: a full slice, set after any restore or reset (they rewrite globals). */
  armFuel(): void {
    const global = this.fuelGlobal();
    if (global) global.value = FUEL_SLICE;
  }

  /** The function returned: book the slice it was in. */
  bookLastSlice(): void {
    const global = this.fuelGlobal();
    if (global) this.control.book(FUEL_SLICE - (global.value as number));
  }

  /**
   * Runs the constructors or the zygote: a Proto-Faaslet image holds memory 0 and globals, not a
   * library's instance and table slots, so dlopen is refused meanwhile.
   */
  initialising<T>(during: string, run: () => T): T {
    this.linker.refusal = `not available in ${during}: the Proto-Faaslet image could not hold a library (its instance and table slots); call dlopen from main`;
    try {
      return run();
    } finally {
      this.linker.refusal = null;
    }
  }

  /** Point every import at a new call; returns its stderr for host messages. */
  begin(job: RunJob, link: FaasletLink): CapturedStream {
    // The call starts from the post-zygote image: the last call's libraries are gone with it.
    this.linker.reset();
    this.control = new FaasletControl(job.control);
    this.budgetUnits = job.cpuBudgetUnits;
    setCurrentControl(this.control);
    this.files = job.files ?? new Map();
    const { wasi, stderr, root } = faasletWasi(['function.wasm', ...job.args], link.onOutput, this.files);
    this.root = root;
    this.clock = new UserClock(job.clock ?? createClockWord());
    this.shaper = new Shaper(job.bandwidth ?? null);
    // The shim reads memory through `inst`; constructors may print before the entry runs.
    wasi.inst = { exports: { memory: this.memory } };
    this.wasi = wasi;
    Object.assign(this.io, { input: job.input, output: new Uint8Array() });
    this.copies.reset();
    this.stateMapping = job.stateMapping === 'copy' ? this.copies : ZERO_COPY;
    Object.assign(this.chain, {
      callId: job.callId,
      mailbox: job.mailbox,
      post: link.post,
      answer: link.answer,
      stderr: (text: string) => stderr.write(new TextEncoder().encode(text)),
    });
    this.stderr = stderr;
    this.growth.begin(job.pages, this.arena.memory, (text) => stderr.write(new TextEncoder().encode(text)), () => this.control.poll());
    return stderr;
  }

  /** The call is over: state copies reach the arena, as at a final unlock; locks left held are released. */
  end(): void {
    this.stateMapping.writeBack();
    for (const { key, kind, count } of this.ledger?.releaseAll(this.arena) ?? []) {
      const what = kind === 'write' ? 'the write lock' : `${count} read lock${count > 1 ? 's' : ''}`;
      this.stderr?.write(new TextEncoder().encode(`faasm: the call returned holding ${what} on "${key}"; released\n`));
    }
  }

  get output(): Uint8Array {
    return this.io.output;
  }

  /** What the call changed in its user's files (compared byte by byte: the shim writes in place). */
  fileChanges(): FileChanges {
    return diffEntries(this.files, this.root ? entriesOf(this.root.dir) : this.files);
  }
}
