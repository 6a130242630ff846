/**
 * What decides the region of each memory access in a loop, read once before
 * the loop: for hoist.ts. Works on the loop as the compiler left it (before
 * any rewriting), so it sees clang's address trees.
 *
 * A pointer expression is split into "base" leaves and index terms: walking
 * through add, the left of sub and local.tee down to `local.get x` gives the
 * base leaves, constants there add up to the base's offset; the right of sub
 * and `shl`/`mul`/`and` by a constant are index terms (any expression, loads
 * included: an index loaded from memory, as in a histogram, is fine; a pointer
 * loaded from memory is not, it is neither a local nor an index). Then, per
 * pointer, either:
 *  - pure: every local in the tree is loop-invariant or a pure induction
 *    variable (`x = x ± step` is its only kind of assignment in the loop), so
 *    the tree evaluated on the loop's entry values, its NOMINAL value, is where
 *    the access stream starts: the condition value is that tree itself;
 *  - or one base leaf and no global base: the condition values are the entry
 *    values of the locals it can come from, plus the offsets added on the way
 *    (`c = a + 0x100000`, then `c + j`: a + 0x100000, another object than a),
 *    following assignments in the loop that have a single base leaf
 *    themselves, are steps `x = x ± step` (`pa = arow` and `pa += 4` in
 *    matmul's middle loop, `arow += stride` in the outer one) or are pure (their
 *    nominal value), plus the leaf's own entry value unless it is definitely
 *    assigned earlier in the same iteration (a temp like `t = hist + k << 2`).
 *    Definitely: branches out of blocks and inner loops' back edges included.
 * A `local.get` with one reaching assignment earlier in the same iteration
 * stands for that assignment's value (`t = a + i`, then `t + 1`, `t + 2`: clang's
 * unrolled loops and address temps), so what it derives from is seen through.
 * A local definitely assigned earlier in the iteration with index values only
 * (`off = i << 3`, then `a + off`, `b + off`; or `j = 0`, `j += 16` of an inner
 * loop seen from the outer one) counts as an index term.
 * Anything else (select, loads of pointers, two unscaled bases that are not
 * pure) is not hoistable and keeps its per-access check.
 */
import { type Binaryen, type Info, type Module, type Ref, info, num, raw } from './binaryen';
import type { Provenance, Region } from './provenance';
import type { Walker } from './walk';

/** A value read at loop entry; `key` identifies equal ones. */
export interface Cond { key: string; make(): Ref }
/** Per pointer of an access: no check needed ('free'), not hoistable (null), or its condition values. */
export type PtrFact = 'free' | null | Cond[];
export interface AccessFact { e: Ref; facts: PtrFact[] }
export interface LoopFacts { accesses: AccessFact[]; innerLoops: boolean }

/** Per local definitely assigned earlier in this iteration: the value of its one reaching assignment, or null if several reach. */
type Defs = ReadonlyMap<number, Ref | null>;
interface Leaf { local: number; get: Ref }
/** `offset`: the constants added to the base, modulo 2^32; `globalBase`: a private global added to it. */
interface Shape { leaves: Leaf[]; pure: boolean; globalBase: boolean; offset: number }
interface SetSite { e: Ref; value: Ref }

const TOP = 0x8000_0000;
/** Below this, a constant is a field or element offset, not the address of a static object (wasm-ld places data at ≥ 1024). */
const SMALL = 1024;
const INDEX: Shape = { leaves: [], pure: false, globalBase: false, offset: 0 };
/** shape() calls per loop: seeing through assignments can revisit shared subtrees; past this the pointer is not hoisted. */
const MAX_WORK = 20_000;

const merge = (a: Defs, b: Defs): Defs =>
  new Map([...a].filter(([x]) => b.has(x)).map(([x, v]) => [x, v === b.get(x) ? v : null]));

export const ACCESS_POINTERS: Record<string, string[]> = {
  Load: ['ptr'], Store: ['ptr'], AtomicRMW: ['ptr'], AtomicCmpxchg: ['ptr'], AtomicWait: ['ptr'], AtomicNotify: ['ptr'],
  SIMDLoad: ['ptr'], SIMDLoadStoreLane: ['ptr'], MemoryInit: ['dest'], MemoryFill: ['dest'], MemoryCopy: ['dest', 'source'],
};

export class LoopAnalysis {
  private gets = new Map<Ref, Defs>();
  private sets = new Map<number, SetSite[]>();
  /** Block name → the states at branches to its end. */
  private exits = new Map<string, Defs[]>();
  private accesses: Ref[] = [];
  private size = 0;
  private innerLoops = false;
  private indexBusy = new Set<number>();
  private work = 0;

  private constructor(private readonly b: Binaryen, private readonly mod: Module, private readonly walker: Walker,
    private readonly prov: Provenance) {}

  /** Facts for `loop`, or null when it has more than `maxSize` expressions or exceptions (not handled). */
  static of(b: Binaryen, mod: Module, walker: Walker, prov: Provenance, loop: Ref, maxSize: number): LoopFacts | null {
    const a = new LoopAnalysis(b, mod, walker, prov);
    let refused = false;
    walker.visit(loop, (e, i) => {
      if (refused) return;
      if (++a.size > maxSize) refused = true;
      const k = walker.kind(e, i).name;
      if (k === 'Try' || k === 'Rethrow') refused = true;
      else if (k === 'Loop' && e !== loop) a.innerLoops = true;
      else if (k in ACCESS_POINTERS) a.accesses.push(e);
    });
    if (refused) return null;
    a.scan(num(info(b, loop), 'body'), new Map());
    return { accesses: a.accesses.map((e) => a.fact(e)), innerLoops: a.innerLoops };
  }

  /** Records, at each local.get, the locals definitely assigned in this iteration and their reaching assignments (evaluation order). */
  private scan(e: Ref, d: Defs): Defs {
    const b = this.b;
    const i = info(b, e);
    const kind = this.walker.kind(e, i).name;
    switch (kind) {
      case 'LocalGet':
        this.gets.set(e, d);
        return d;
      case 'LocalSet': {
        const value = num(i, 'value');
        const out = new Map(this.scan(value, d));
        const x = num(i, 'index');
        const list = this.sets.get(x) ?? [];
        list.push({ e, value });
        this.sets.set(x, list);
        return out.set(x, value);
      }
      case 'Block': {
        let out = d;
        for (const c of i['children'] as Ref[]) out = this.scan(c, out);
        return (this.exits.get(i['name'] as string) ?? []).reduce(merge, out);
      }
      case 'If': {
        const c = this.scan(num(i, 'condition'), d);
        return merge(this.scan(num(i, 'ifTrue'), c), i['ifFalse'] ? this.scan(num(i, 'ifFalse'), c) : c);
      }
      case 'Loop': {
        // At an inner loop's head, an assignment in its body may reach from the body's previous run.
        const head = new Map(d);
        this.walker.visit(num(i, 'body'), (_c, ci) => { if (ci.id === b.LocalSetId && head.has(num(ci, 'index'))) head.set(num(ci, 'index'), null); });
        return this.scan(num(i, 'body'), head);
      }
      default: {
        let out = d;
        this.walker.forEachChild(e, (c) => { out = this.scan(c, out); }, i);
        const targets = kind === 'Break' ? [i['name'] as string]
          : kind === 'Switch' ? [...(i['names'] as string[]), i['defaultName'] as string] : [];
        for (const n of targets) this.exits.set(n, [...(this.exits.get(n) ?? []), out]);
        return out;
      }
    }
  }

  /** The value of the one assignment to x reaching `get` from earlier in this iteration, if there is one. */
  private defOf(x: number, get: Ref): Ref | null { return this.gets.get(get)?.get(x) ?? null; }
  private isAssigned(x: number, get: Ref): boolean { return !!this.gets.get(get)?.has(x); }

  private fact(e: Ref): AccessFact {
    const i = info(this.b, e);
    const facts = ACCESS_POINTERS[this.walker.kind(e, i).name]!.map((p): PtrFact => {
      const ptr = num(i, p);
      const region: Region = this.prov.region(ptr);
      if (i.type === this.b.unreachable || region !== 'unknown') return 'free';
      return this.conds(ptr);
    });
    return { e, facts };
  }

  private conds(ptr: Ref): Cond[] | null {
    const s = this.shape(ptr);
    if (!s) return null;
    if (s.pure) return [this.nominal(ptr)];
    if (s.leaves.length !== 1 || s.globalBase) return null;
    const origins = this.origins(s.leaves[0]!, s.offset, new Set());
    return origins && [...origins.keys()].sort().map((k) => origins.get(k)!);
  }

  private constOf(e: Ref): number | null {
    const i = info(this.b, e);
    return i.id === this.b.ConstId && i.type === this.b.i32 ? num(i, 'value') >>> 0 : null;
  }

  private shape(e: Ref): Shape | null {
    if (++this.work > MAX_WORK) return null;
    const b = this.b;
    const i = info(b, e);
    const join = (l: Shape | null, r: Shape | null): Shape | null => l && r &&
      ({ leaves: [...l.leaves, ...r.leaves], pure: l.pure && r.pure, globalBase: l.globalBase || r.globalBase, offset: (l.offset + r.offset) | 0 });
    switch (i.id) {
      case b.ConstId: {
        const v = this.constOf(e);
        return v === null || v >= TOP ? null : { leaves: [], pure: true, globalBase: false, offset: v };
      }
      case b.LocalGetId: {
        const x = num(i, 'index');
        const def = this.defOf(x, e);
        if (def !== null) return this.shape(def);
        if (this.isIndexLocal(x, e)) return INDEX;
        return { leaves: [{ local: x, get: e }], pure: this.isSimple(x), globalBase: false, offset: 0 };
      }
      case b.LocalSetId:
        return i['isTee'] ? this.shape(num(i, 'value')) : null;
      case b.GlobalGetId:
        return this.prov.region(e) === 'private' ? { ...INDEX, globalBase: true } : null;
      case b.BinaryId: {
        const op = num(i, 'op');
        const l = num(i, 'left');
        const r = num(i, 'right');
        if (op === b.AddInt32) return join(this.shape(l), this.shape(r));
        if (op === b.SubInt32) return join(this.shape(l), this.index(r));
        const cl = this.constOf(l);
        const cr = this.constOf(r);
        if (op === b.ShlInt32 && cr !== null && (cr & 31) !== 0) return this.index(l);
        if (op === b.MulInt32 && cr !== null && cr >= 2 && cr < TOP) return this.index(l);
        if (op === b.MulInt32 && cl !== null && cl >= 2 && cl < TOP) return this.index(r);
        if (op === b.AndInt32 && cr !== null && cr < TOP) return this.index(l);
        return null;
      }
      default:
        return null;
    }
  }

  private index(e: Ref): Shape { return { ...INDEX, pure: this.isPure(e) }; }

  /** Evaluable on entry values alone, with no side effects. */
  private isPure(e: Ref): boolean {
    const b = this.b;
    const i = info(b, e);
    if (i.id === b.ConstId) return i.type === b.i32;
    if (i.id === b.LocalGetId) {
      const def = this.defOf(num(i, 'index'), e);
      return def !== null ? this.isPure(def) : i.type === b.i32 && this.isSimple(num(i, 'index'));
    }
    if (i.id === b.LocalSetId) return !!i['isTee'] && this.isPure(num(i, 'value'));
    return i.id === b.BinaryId && [b.AddInt32, b.SubInt32, b.ShlInt32, b.MulInt32, b.AndInt32].includes(num(i, 'op')) &&
      this.isPure(num(i, 'left')) && this.isPure(num(i, 'right'));
  }

  /** Not assigned in the loop, or only as `x = x ± step`. */
  private isSimple(x: number): boolean {
    return (this.sets.get(x) ?? []).every(({ value }) => this.isStep(x, value));
  }

  private isStep(x: number, value: Ref): boolean { return this.stepRead(x, value) !== null; }

  /** For `x + step`, `step + x` or `x - step` (the step not reading x): its read of x. */
  private stepRead(x: number, value: Ref): Ref | null {
    const b = this.b;
    const i = info(b, value);
    if (i.id !== b.BinaryId || ![b.AddInt32, b.SubInt32].includes(num(i, 'op'))) return null;
    const isX = (e: Ref): boolean => { const ei = info(b, e); return ei.id === b.LocalGetId && ei['index'] === x; };
    const reads = (e: Ref): boolean => {
      let seen = false;
      this.walker.visit(e, (c) => { seen ||= isX(c); });
      return seen;
    };
    const [l, r] = [num(i, 'left'), num(i, 'right')];
    if (isX(l)) return reads(r) ? null : l;
    return num(i, 'op') === b.AddInt32 && isX(r) && !reads(l) ? r : null;
  }

  /**
   * Definitely assigned earlier in this iteration, every assignment an index (no base leaf, no static base).
   * While x's assignments are judged, its own reads (`j += 16`) are taken as indexes: by induction over
   * the assignments of one iteration, each reading only values assigned before it.
   */
  private isIndexLocal(x: number, get: Ref): boolean {
    const list = this.sets.get(x);
    if (!list || !this.isAssigned(x, get)) return false;
    if (this.indexBusy.has(x)) return true;
    this.indexBusy.add(x);
    try {
      return list.every(({ value }) => {
        const s = this.shape(value);
        return !!s && s.leaves.length === 0 && !s.globalBase && s.offset >>> 0 < SMALL;
      });
    } finally {
      this.indexBusy.delete(x);
    }
  }

  /**
   * What the base leaf's value plus `offset` can derive from, by key: entry values of locals plus the
   * constants added on the way (`b = a + 524288` then `b + j`: a's entry value + 524288, where a plain
   * entry value of a would be another object's address), or the nominal value of a pure assignment
   * (`t = a + j` seen from j's loop); null if one derivation has no single base.
   */
  private origins(leaf: Leaf, offset: number, seen: Set<Ref>): Map<string, Cond> | null {
    const x = leaf.local;
    const out = new Map<string, Cond>();
    const add = (c: Cond): void => {
      const key = offset === 0 ? c.key : `(+ ${c.key} ${offset >>> 0})`;
      out.set(key, offset === 0 ? c : { key, make: () => this.mod.i32.add(c.make(), this.mod.i32.const(offset)) });
    };
    if (!this.isAssigned(x, leaf.get)) add({ key: `l${x}`, make: () => this.mod.local.get(x, this.b.i32) });
    for (const s of this.sets.get(x) ?? []) {
      if (seen.has(s.e)) continue;
      seen.add(s.e);
      const step = this.stepRead(x, s.value);
      if (step !== null) { if (!this.originsInto(out, { local: x, get: step }, offset, seen)) return null; continue; }
      const sh = this.shape(s.value);
      if (sh?.pure) add(this.nominal(s.value));
      else if (!sh || sh.leaves.length !== 1 || sh.globalBase) return null;
      else if (!this.originsInto(out, sh.leaves[0]!, (offset + sh.offset) | 0, seen)) return null;
    }
    return out;
  }

  private originsInto(out: Map<string, Cond>, leaf: Leaf, offset: number, seen: Set<Ref>): boolean {
    const more = this.origins(leaf, offset, seen);
    more?.forEach((c, k) => out.set(k, c));
    return !!more;
  }

  /** The pointer tree rebuilt on entry values (tees dropped: only their values matter here). */
  private nominal(ptr: Ref): Cond {
    const b = this.b;
    const binary = raw(b, 'Binary');
    const build = (e: Ref): [string, () => Ref] => {
      const i: Info = info(b, e);
      if (i.id === b.ConstId) { const v = num(i, 'value'); return [`${v >>> 0}`, () => this.mod.i32.const(v)]; }
      if (i.id === b.LocalGetId) {
        const x = num(i, 'index');
        const def = this.defOf(x, e);
        return def !== null ? build(def) : [`l${x}`, () => this.mod.local.get(x, b.i32)];
      }
      if (i.id === b.LocalSetId) return build(num(i, 'value'));
      const op = num(i, 'op');
      const [lk, lm] = build(num(i, 'left'));
      const [rk, rm] = build(num(i, 'right'));
      return [`(${op} ${lk} ${rk})`, () => binary(this.mod.ptr, op, lm(), rm())];
    };
    const [key, make] = build(ptr);
    return { key, make };
  }
}
