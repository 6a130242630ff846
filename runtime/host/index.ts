/**
 * The host interface: the imports a Faaslet calls (module `env`, Faasm's `__faasm_*` names)
 * and the checks that stand between a function's pointers and the host.
 *
 * - abi.ts: every import Faasm defines, by group; what is not implemented here is refused at upload.
 * - memory.ts: pointer checks; a bad pointer is a HostError with a message, never a host crash.
 * - calls.ts: input and output.
 * - chaining.ts: chain by name or pointer, await (JSPI, or the mailbox.ts fallback).
 * - state.ts: the local tier of state, on the user's state arena (runtime/state);
 *   state-mapping.ts: whether a state pointer is the shared value (zero-copy) or a private copy.
 * - global-tier.ts: push, pull and global locks, served by the host agent (runtime/global);
 *   appended-state.ts: appended state, one sequence per key in the global tier;
 *   state-from-file.ts: a user's file as a state value, pushed to the global tier.
 * - conf-flags.ts, backtrace.ts: `getConfFlag` and `faasmBacktrace`, as Faasm answers them;
 *   environment.ts: Faasm's environment variables (getenv).
 * - network/: client sockets on virtual endpoints (a project extension, `__faasm_net_connect`).
 * - dynlink/: dlopen, dlsym, dlclose and dlerror of side modules (a project extension, `__faasm_dl*`).
 * - files/, clock.ts, random.ts, wasi-extras.ts: the user's files, clocks and randomness behind WASI;
 *   wasi-io.ts: fd_read/fd_write and their p- forms, whose buffers may be state pointers (iovec.ts).
 * - wasi-pointers.ts: the pointer checks in front of the WASI shim (for the calls the host does not serve itself).
 */
import { faasmImport } from './abi';
import { inputOutputImports, type CallIo } from './calls';
import { chainingImports, type ChainContext } from './chaining';
import { confFlagImports } from './conf-flags';
import { dynlinkImports, type Dynlink } from './dynlink/imports';
import { appendedStateImports } from './appended-state';
import { backtraceImports } from './backtrace';
import { globalTierImports } from './global-tier';
import { networkImports, type NetworkContext } from './network';
import { FaasletMemory, HostError } from './memory';
import { stateImports } from './state';
import { stateFromFileImports, type ReadFile } from './state-from-file';
import { ZERO_COPY, type StateMapping } from './state-mapping';
import type { LockLedger, StateArena } from '../state';

export { HostError, FaasletMemory, SHARED_WINDOW_BASE } from './memory';
export { FAASM_IMPORTS, type AbiImport, type AbiGroup } from './abi';
export type { CallIo } from './calls';
export type { ChainContext } from './chaining';
export { createMailbox, postAnswer } from './mailbox';
export { CopiedState, ZERO_COPY, type StateMapping, type StateMappingMode } from './state-mapping';

export interface HostContext {
  io: CallIo;
  chain: ChainContext;
  /** The user's state arena on this Faaslet's host. */
  arena: StateArena;
  user: string;
  /** Read at each state call: the mapping may change from one call of a warm Faaslet to the next. */
  stateMapping?: () => StateMapping;
  /** Where the Faaslet's held locks are recorded, so they can be released if it is killed. */
  locks?: LockLedger;
  /** The call's sockets; without it, connecting is a HostError. */
  network?: NetworkContext;
  /** The Faaslet's dynamic linker; without it, dlopen is a HostError. */
  dynlink?: Dynlink;
  /** The running call's copy of the user's files; without it, reading one is a HostError. */
  readFile?: ReadFile;
}

const noNetwork = (): never => {
  throw new HostError('__faasm_net_connect: this Faaslet has no network');
};
const NO_NETWORK: NetworkContext = { fds: noNetwork, shaper: noNetwork, fetchSync: noNetwork };

const noLinker = (): never => {
  throw new HostError('dlopen: this Faaslet has no dynamic linker');
};
const NO_DYNLINK: Dynlink = { open: noLinker, symbol: noLinker, close: noLinker, takeError: noLinker };

const noFiles = (): never => {
  throw new HostError('__faasm_write_state_from_file: this Faaslet has no files');
};

export function hostInterface(memory: FaasletMemory, context: HostContext) {
  const mapping = context.stateMapping ?? (() => ZERO_COPY);
  return {
    ...inputOutputImports(memory, context.io),
    ...chainingImports(memory, context.chain),
    ...stateImports(memory, context.arena, context.user, mapping, context.locks),
    // Global requests ride the chain context's mailbox and post (one Faaslet ↔ agent channel).
    ...globalTierImports(memory, context.arena, context.user, mapping, context.chain),
    ...appendedStateImports(memory, context.user, context.chain),
    ...stateFromFileImports(memory, context.arena, context.user, context.chain, context.readFile ?? noFiles),
    ...networkImports(memory, context.network ?? NO_NETWORK),
    ...dynlinkImports(memory, context.dynlink ?? NO_DYNLINK),
    ...confFlagImports(memory, context.chain.stderr),
    ...backtraceImports(context.chain.stderr),
  };
}

const unused = () => {
  throw new Error('not for calling');
};

/** The names `hostInterface` provides under module `env`. */
export const PROVIDED_HOST_IMPORTS: ReadonlySet<string> = new Set(
  Object.keys(
    // No real memory: every wasm memory counts against the page's ~123 (DESIGN.md).
    hostInterface(new FaasletMemory({} as WebAssembly.Memory), {
      io: { input: new Uint8Array(), output: new Uint8Array() },
      chain: {
        callId: 0,
        callIds: new Int32Array(1),
        mode: 'mailbox',
        mailbox: new SharedArrayBuffer(16),
        post: unused,
        answer: unused,
        malloc: unused,
        stderr: unused,
      },
      // Imports touch the arena only when called; a real one would cost a wasm memory.
      arena: {} as StateArena,
      user: '',
    }),
  ),
);

export interface ImportProblem {
  module: string;
  name: string;
  reason: string;
}

/**
 * Which of a module's imports this runtime cannot satisfy, so an upload is refused with the
 * whole list instead of a link error at run time.
 */
export function importProblems(
  imports: readonly WebAssembly.ModuleImportDescriptor[],
  wasiNames: ReadonlySet<string>,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const { module, name, kind } of imports) {
    const problem = (reason: string) => problems.push({ module, name, reason });
    if (module === 'env' && (name === 'memory' || name === 'state')) {
      if (kind !== 'memory') problem(`env.${name} must be a memory`);
    } else if (module === 'env') {
      const known = faasmImport(name);
      if (!known) problem('not part of Faasm\'s host interface');
      else if (!PROVIDED_HOST_IMPORTS.has(name)) {
        problem(`Faasm ${known.group} call not provided by this runtime yet`);
      } else if (kind !== 'function') problem('must be imported as a function');
    } else if (module === 'wasi_snapshot_preview1') {
      if (!wasiNames.has(name)) problem('WASI call not provided by this runtime');
    } else {
      problem(`unknown import module "${module}"`);
    }
  }
  return problems;
}
