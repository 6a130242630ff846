/**
 * # SFI rewrite for zero-copy shared state
 *
 * A module that imports `env.__faasm_read_state_ptr` or
 * `env.__faasm_read_state_offset_ptr` gets memory 1 = `env.state` (the user's
 * state arena: shared, 0..32768 pages) and every memory-0 access is routed:
 * base with the top bit set → memory 1 at `base & 0x7FFF_FFFF`, else memory 0
 * (DESIGN.md "Address space of a Faaslet"). Other modules are not rewritten.
 * `rewriteModule` works on a module binaryen has read, so transform.ts can run
 * the rewrite and metering (../meter) in one read and emit.
 *
 * Key files: `access.ts` (one access → routed if/else; why the BASE is tested
 * and offsets stay on the instruction), `provenance.ts` (what is provably
 * private and skipped), `walk.ts` (generic walker over every expression kind),
 * `hoist.ts` + `loop-facts.ts` (loop versioning: the check once before a loop),
 * `imports.ts` (byte-level import facts; env.state limits), `binaryen.ts`.
 *
 * ## Pitfalls
 * - binaryen.js has no memory getter on expressions and resolves a null memory
 *   name to "the only memory": we refuse inputs with 2+ memories, rewrite while
 *   memory 0 is the only one, and add `env.state` last.
 * - `Features.All` makes binaryen emit an import kind Chromium rejects: FEATURES.
 * - `addMemoryImport` cannot set limits; imports.ts patches them after emit.
 * - `memory.size`/`memory.grow` stay on memory 0; arena growth is the host's.
 * - Node 20 cannot run multi-memory: tests execute with binaryen's interpreter
 *   (shell-harness.ts), which cannot v128.load from an imported memory.
 * - Label names must be unique in a function: loop copies are renamed (hoist.ts).
 */
import type { RewriteSummary } from '../../api';
import { AccessRewriter, ACCESS_KINDS } from './access';
import { type Binaryen, type Info, type Module, type Ref, info, raw } from './binaryen';
import { fixStateLimits, mapsState, memoryLayout } from './imports';
import { Hoister, type Routes } from './hoist';
import { ACCESS_POINTERS } from './loop-facts';
import { Provenance } from './provenance';
import { Walker } from './walk';
import { importMemoryAsShared } from '../memory-import';

export { loadBinaryen } from './binaryen';
export { fixStateLimits, mapsState } from './imports';
export { STATE_MAX_PAGES, STATE_PTR_IMPORTS } from './imports';

/** The summary the build reports (runtime/api.ts), with the rewritten module. */
export interface RewriteResult extends RewriteSummary {
  wasm: Uint8Array;
}

const UNCHANGED = { rewritten: false, instrumented: 0, skipped: 0, hoisted: 0, versionedLoops: 0 } as const;

export function features(b: Binaryen): number {
  const f = b.Features;
  return f.MVP | f.MutableGlobals | f.BulkMemory | f.BulkMemoryOpt | f.SignExt | f.NontrappingFPToInt | f.SIMD128 |
    f.RelaxedSIMD | f.Atomics | f.MultiMemory | f.ReferenceTypes | f.Multivalue | f.TailCall | f.ExtendedConst;
}

/** The pass alone, synchronous, with binaryen already loaded: one read, the rewrite, one emit. */
export function rewriteWith(b: Binaryen, input: Uint8Array): RewriteResult {
  const t0 = performance.now();
  if (!mapsState(input)) return { ...UNCHANGED, wasm: input, ms: performance.now() - t0 };
  return withModule(b, input, (mod) => {
    const summary = rewriteModule(b, mod);
    return { ...summary, wasm: emitRewritten(b, mod), ms: performance.now() - t0 };
  });
}

/**
 * Reads a module into binaryen (memory 0 imported and shared, the feature mask set), hands it to
 * `use` and disposes of it. The one read of a build (transform.ts).
 */
export function withModule<T>(b: Binaryen, input: Uint8Array, use: (mod: Module) => T): T {
  const layout = memoryLayout(input);
  if (layout.count > 1) throw new Error(`rewrite: the module already has ${layout.count} memories; it must have one`);
  const bytes: Uint8Array<ArrayBuffer> = layout.firstImported ? Uint8Array.from(input) : importMemoryAsShared(input);
  // binaryen aborts (and is left unusable) on some malformed input: check first.
  if (!WebAssembly.validate(bytes)) throw new Error('rewrite: the input is not a valid WebAssembly module');
  let mod: Module;
  try {
    mod = b.readBinary(bytes);
  } catch (e) {
    throw new Error(`rewrite: binaryen cannot read the module: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    mod.setFeatures(features(b));
    return use(mod);
  } finally {
    mod.dispose();
  }
}

/** Validates and emits a module, keeping the name section (traps name their function). */
export function emitModule(b: Binaryen, mod: Module, what: string): Uint8Array {
  if (!mod.validate()) throw new Error(`${what}: the module does not validate (binaryen printed why)`);
  const debug = b.getDebugInfo();
  b.setDebugInfo(true);
  try { return mod.emitBinary(); } finally { b.setDebugInfo(debug); }
}

/** Emits a module `rewriteModule` has rewritten, with env.state's limits fixed. */
function emitRewritten(b: Binaryen, mod: Module): Uint8Array<ArrayBuffer> {
  return fixStateLimits(emitModule(b, mod, 'rewrite'));
}

/** Routes every memory-0 access of a module binaryen has read, and adds env.state (memory 1). */
export function rewriteModule(b: Binaryen, mod: Module): Omit<RewriteResult, 'wasm' | 'ms'> {
  const walker = new Walker(b);
  const funcs = Array.from({ length: mod.getNumFunctions() }, (_, k) => mod.getFunctionByIndex(k))
    .filter((f) => b.getFunctionInfo(f).module === '');
  const prov = new Provenance(b, walker, mod, funcs);
  const access = new AccessRewriter(b, mod);
  const hoister = new Hoister(b, mod, walker, prov);
  let example: RewriteResult['example'];

  for (const fn of funcs) {
    prov.enter(fn);
    access.enter(fn);
    let depth = 0;
    /** Null outside versioned loops; inside one, the copies' routes (none for the checked version). */
    let versions: { routes: Routes | null } | null = null;
    const go = (e: Ref): Ref => {
      const i = info(b, e);
      const kind = walker.kind(e, i).name;
      if (kind === 'Loop' && !versions) {
        const v = hoister.version(e, inVersion);
        if (v !== null) return v;
      }
      if (!ACCESS_KINDS.has(kind)) { walker.mapChildren(e, go, i); return e; }
      const ptrs = ACCESS_POINTERS[kind]!;
      const given = versions?.routes?.get(e);
      const regions = ptrs.map((p, k) => given?.[k] ?? prov.region(i[p] as Ref));
      depth++;
      walker.mapChildren(e, go, i);
      depth--;
      const now: Info = info(b, e);
      const before = !example && !versions?.routes && kind === 'Load' ? b.emitText(e) : '';
      const out = access.rewrite(kind, e, now, regions, depth);
      if (before && out !== e) example = { function: b.getFunctionInfo(fn).name, before, after: b.emitText(out) };
      return out;
    };
    // The copies' rewrites are not counted: instrumented/skipped describe the checked version, as without hoisting.
    const inVersion = (loop: Ref, routes: Routes | null): Ref => {
      const counts = [access.instrumented, access.skipped] as const;
      versions = { routes };
      try {
        return go(loop);
      } finally {
        versions = null;
        if (routes) [access.instrumented, access.skipped] = counts;
      }
    };
    const body = b.getFunctionInfo(fn).body;
    const out = go(body);
    if (out !== body) raw(b, 'FunctionSetBody')(fn, out);
  }

  mod.addMemoryImport('faasm$state', 'env', 'state', true);
  return {
    rewritten: true, instrumented: access.instrumented, skipped: access.skipped,
    hoisted: hoister.hoisted, versionedLoops: hoister.versionedLoops, example,
  };
}

/** A small before/after text for the build inspector, from a result. */
export function describeRewrite(r: RewriteResult): string {
  if (!r.rewritten) return 'not rewritten: the module maps no shared state';
  const loops = r.versionedLoops ? `; ${r.hoisted} of them checked once before their loop (${r.versionedLoops} loops versioned)` : '';
  const head = `rewritten in ${r.ms.toFixed(1)} ms: ${r.instrumented} memory instructions routed, ${r.skipped} provably private${loops}`;
  if (!r.example) return head;
  return `${head}\n\nin ${r.example.function}, before:\n${r.example.before.trim()}\n\nafter:\n${r.example.after.trim()}`;
}
