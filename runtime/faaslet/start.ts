/**
 * The three ways a Faaslet starts a call (ABI.md, Lifecycle; runtime/proto):
 * - cold: instantiate, run the constructors and `_faasm_zygote`, take the Proto-Faaslet;
 * - restored: instantiate the cached module, then copy the Proto-Faaslet in (after
 *   instantiation, which re-applies data segments) — no constructors, no zygote;
 * - warm: the Worker already holds an instance of the module on this memory: reset it in place.
 * Every call so starts from the post-zygote state.
 */
import type { StartKind } from '../api';
import {
  PAGE_SIZE,
  captureImage,
  checkImageFor,
  readGlobals,
  restoreImage,
  writeGlobals,
  zeroFillFor,
  type ProtoImage,
  type ZeroFill,
} from '../proto';
import type { FaasletLink } from './instance';
import { enter, exported, trapOf, type Outcome } from './outcome';
import type { RunJob } from './protocol';
import { CallRouting } from './routing';

/** An instance the Worker keeps between calls, so a later call of its module resets it in place. */
export interface HeldInstance {
  /** What a warm start must match (function, module, await mode); null: never reused. */
  key: string | null;
  fingerprint: string | null;
  instance: WebAssembly.Instance;
  memory: WebAssembly.Memory;
  routing: CallRouting;
  zero: ZeroFill;
}

/** `zygoteRan`: this start invoked `_faasm_zygote` (a cold start of a function that has one). */
export type Started =
  | { ok: true; held: HeldInstance; kind: StartKind; zygoteRan: boolean; captured: ProtoImage | null }
  | { ok: false; kind: StartKind; zygoteRan: boolean; outcome: Outcome };

/** A refused image is the host's error, not a trap in the function: no wasm frames. */
const refused = (error: unknown, during: string): Outcome => ({
  returnCode: 1,
  trap: { message: `${during}${error instanceof Error ? error.message : String(error)}`, stack: [] },
});

const keyOf = (job: RunJob) => (job.start ? `${job.functionName}|${job.start.fingerprint}|${job.awaitMode}` : null);

const growTo = (memory: WebAssembly.Memory, bytes: number) => {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(missing / PAGE_SIZE);
};

/** Memory 0 and the globals back to the image; the memory grows first if the image is larger. */
export function resetFrom(held: HeldInstance, image: ProtoImage): void {
  checkImageFor(image, held.fingerprint ?? '(no fingerprint)', "this Faaslet's module");
  growTo(held.memory, image.memoryBytes);
  restoreImage(image, new Uint8Array(held.memory.buffer), held.zero);
  writeGlobals(held.instance, image.globals);
}

export function captureHeld(held: HeldInstance): ProtoImage {
  return captureImage(new Uint8Array(held.memory.buffer), readGlobals(held.instance), held.fingerprint ?? '');
}

export function startFaaslet(job: RunJob, held: HeldInstance | null, link: FaasletLink): Started {
  const plan = job.start ?? null;
  const key = keyOf(job);
  if (plan?.kind === 'warm' && held && held.key === key) {
    try {
      resetFrom(held, plan.image);
    } catch (error) {
      return { ok: false, kind: 'warm', zygoteRan: false, outcome: refused(error, 'reset failed: ') };
    }
    held.routing.begin(job, link);
    return { ok: true, held, kind: 'warm', zygoteRan: false, captured: null };
  }

  const kind: StartKind = plan && plan.kind !== 'cold' ? 'restored' : 'cold';
  // A cold start may reuse a memory (a bare Worker does): nothing of its last call may show.
  if (kind === 'cold') new Uint8Array(job.memory.buffer).fill(0);
  // A restore may reuse a smaller memory: grown first, it satisfies the module's minimum too.
  if (plan && plan.kind !== 'cold') growTo(job.memory, plan.image.memoryBytes);
  const routing = new CallRouting(job);
  routing.begin(job, link);
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(job.module, routing.imports(job));
  } catch (error) {
    // A link error, or a trap in the module's start function: the call never ran.
    return { ok: false, kind, zygoteRan: false, outcome: { returnCode: 1, trap: trapOf(error, 'instantiation failed: ') } };
  }
  routing.instance = instance;
  const fresh: HeldInstance = {
    key,
    fingerprint: plan?.fingerprint ?? null,
    instance,
    memory: job.memory,
    routing,
    zero: zeroFillFor(job.memory),
  };

  if (plan && plan.kind !== 'cold') {
    try {
      resetFrom(fresh, plan.image);
    } catch (error) {
      return { ok: false, kind, zygoteRan: false, outcome: refused(error, 'restore failed: ') };
    }
    return { ok: true, held: fresh, kind, zygoteRan: false, captured: null };
  }

  const ctors = exported(instance, '__wasm_call_ctors');
  const setup = ctors ? routing.initialising('static constructors', () => enter(ctors, 'in static constructors: ')) : null;
  if (setup?.trap) return { ok: false, kind, zygoteRan: false, outcome: setup };
  const zygote = exported(instance, '_faasm_zygote');
  const zygoted = zygote ? routing.initialising('_faasm_zygote', () => enter(zygote, 'in _faasm_zygote: ')) : null;
  const zygoteRan = zygoted !== null;
  if (zygoted && (zygoted.trap || zygoted.returnCode !== 0)) {
    const trap = zygoted.trap ?? { message: `_faasm_zygote failed with ${zygoted.returnCode}`, stack: [] };
    return { ok: false, kind, zygoteRan, outcome: { returnCode: zygoted.returnCode || 1, trap } };
  }
  return { ok: true, held: fresh, kind, zygoteRan, captured: plan?.capture ? captureHeld(fresh) : null };
}
