/**
 * What decides the region of each memory access in a loop, read once before
 * the loop: for hoist.ts. Works on the loop as the compiler left it (before
 * any rewriting), so it sees clang's address trees.
 *
 * A pointer expression is split into "base" leaves and index terms: walking
 * through add, the left of sub and local.tee down to `local.get x` gives the
 * base leaves; the right of sub, `shl`/`mul`/`and` by a constant and small
 * constants are index terms (any expression, loads included: an index loaded
 * from memory, as in a histogram, is fine; a pointer loaded from memory is not,
 * it is neither a local nor an index). Then, per pointer, either:
 *  - pure: every local in the tree is loop-invariant or a pure induction
 *    variable (`x = x ± step` is its only kind of assignment in the loop), so
 *    the tree evaluated on the loop's entry values, its NOMINAL value, is where
 *    the access stream starts: the condition value is that tree itself;
 *  - or one base leaf and no static base (a constant ≥ 1024 or a global): the
 *    condition values are the entry values of the locals it can come from,
 *    following assignments in the loop that have a single base leaf
 *    themselves or are steps `x = x ± step` (`pa = arow` and `pa += 4` in
 *    matmul's middle loop, `arow += stride` in the outer one), plus the leaf's
 *    own entry value unless it is definitely assigned earlier in the same
 *    iteration (a temp like `t = hist + k << 2`).
 * A local definitely assigned earlier in the iteration with pure index values
 * only (`off = i << 3`, then `a + off`, `b + off`) counts as an index term.
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

type DA = ReadonlySet<number>;
interface Leaf { local: number; get: Ref }
interface Shape { leaves: Leaf[]; pure: boolean; staticBase: boolean }
interface SetSite { e: Ref; value: Ref }

const TOP = 0x8000_0000;
/** Below this, a constant is a field or element offset, not the address of a static object (wasm-ld places data at ≥ 1024). */
const SMALL = 1024;

export const ACCESS_POINTERS: Record<string, string[]> = {
  Load: ['ptr'], Store: ['ptr'], AtomicRMW: ['ptr'], AtomicCmpxchg: ['ptr'], AtomicWait: ['ptr'], AtomicNotify: ['ptr'],
  SIMDLoad: ['ptr'], SIMDLoadStoreLane: ['ptr'], MemoryInit: ['dest'], MemoryFill: ['dest'], MemoryCopy: ['dest', 'source'],
};

export class LoopAnalysis {
  private gets = new Map<Ref, DA>();
  private sets = new Map<number, SetSite[]>();
  private targets = new Set<string>();
  private accesses: Ref[] = [];
  private size = 0;
  private innerLoops = false;
  private indexBusy = new Set<number>();

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
      else if (k === 'Break') a.targets.add(i['name'] as string);
      else if (k === 'Switch') [...(i['names'] as string[]), i['defaultName'] as string].forEach((n) => a.targets.add(n));
      else if (k in ACCESS_POINTERS) a.accesses.push(e);
    });
    if (refused) return null;
    a.scan(num(info(b, loop), 'body'), new Set());
    return { accesses: a.accesses.map((e) => a.fact(e)), innerLoops: a.innerLoops };
  }

  /** Records which locals are definitely assigned in this iteration at each local.get (evaluation order). */
  private scan(e: Ref, da: DA): DA {
    const b = this.b;
    const i = info(b, e);
    switch (this.walker.kind(e, i).name) {
      case 'LocalGet':
        this.gets.set(e, da);
        return da;
      case 'LocalSet': {
        const d = this.scan(num(i, 'value'), da);
        const x = num(i, 'index');
        const list = this.sets.get(x) ?? [];
        list.push({ e, value: num(i, 'value') });
        this.sets.set(x, list);
        return d.has(x) ? d : new Set([...d, x]);
      }
      case 'Block': {
        let d = da;
        for (const c of i['children'] as Ref[]) d = this.scan(c, d);
        // A branch to the block's end may come from before some of its assignments.
        return i['name'] && this.targets.has(i['name'] as string) ? da : d;
      }
      case 'If': {
        const d = this.scan(num(i, 'condition'), da);
        const t = this.scan(num(i, 'ifTrue'), d);
        const f = i['ifFalse'] ? this.scan(num(i, 'ifFalse'), d) : d;
        return new Set([...t].filter((x) => f.has(x)));
      }
      default: {
        let d = da;
        this.walker.forEachChild(e, (c) => { d = this.scan(c, d); }, i);
        return d;
      }
    }
  }

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
    if (s.leaves.length !== 1 || s.staticBase) return null;
    const origins = this.origins(s.leaves[0]!, new Set());
    if (!origins) return null;
    return [...origins].sort((x, y) => x - y).map((x) => ({ key: `l${x}`, make: () => this.mod.local.get(x, this.b.i32) }));
  }

  private constOf(e: Ref): number | null {
    const i = info(this.b, e);
    return i.id === this.b.ConstId && i.type === this.b.i32 ? num(i, 'value') >>> 0 : null;
  }

  private shape(e: Ref): Shape | null {
    const b = this.b;
    const i = info(b, e);
    const join = (l: Shape | null, r: Shape | null): Shape | null => l && r &&
      { leaves: [...l.leaves, ...r.leaves], pure: l.pure && r.pure, staticBase: l.staticBase || r.staticBase };
    switch (i.id) {
      case b.ConstId: {
        const v = this.constOf(e);
        return v === null || v >= TOP ? null : { leaves: [], pure: true, staticBase: v >= SMALL };
      }
      case b.LocalGetId: {
        const x = num(i, 'index');
        if (this.isIndexLocal(x, e)) return { leaves: [], pure: false, staticBase: false };
        return { leaves: [{ local: x, get: e }], pure: this.isSimple(x), staticBase: false };
      }
      case b.LocalSetId:
        return i['isTee'] ? this.shape(num(i, 'value')) : null;
      case b.GlobalGetId:
        return this.prov.region(e) === 'private' ? { leaves: [], pure: false, staticBase: true } : null;
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

  private index(e: Ref): Shape { return { leaves: [], pure: this.isPure(e), staticBase: false }; }

  /** Evaluable on entry values alone, with no side effects. */
  private isPure(e: Ref): boolean {
    const b = this.b;
    const i = info(b, e);
    if (i.id === b.ConstId) return i.type === b.i32;
    if (i.id === b.LocalGetId) return i.type === b.i32 && this.isSimple(num(i, 'index'));
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

  /** Definitely assigned earlier in this iteration, every assignment an index (no base leaf, no static base). */
  private isIndexLocal(x: number, get: Ref): boolean {
    const list = this.sets.get(x);
    if (!list || !this.gets.get(get)?.has(x) || this.indexBusy.has(x)) return false;
    this.indexBusy.add(x);
    try {
      return list.every(({ value }) => { const s = this.shape(value); return !!s && s.leaves.length === 0 && !s.staticBase; });
    } finally {
      this.indexBusy.delete(x);
    }
  }

  /** Locals whose entry values the base leaf's value can derive from, or null if one derivation has no single base. */
  private origins(leaf: Leaf, seen: Set<Ref>): Set<number> | null {
    const list = this.sets.get(leaf.local);
    if (!list) return new Set([leaf.local]);
    const out = new Set<number>();
    if (!this.gets.get(leaf.get)?.has(leaf.local)) out.add(leaf.local);
    for (const s of list) {
      if (seen.has(s.e)) continue;
      seen.add(s.e);
      const step = this.stepRead(leaf.local, s.value);
      const sh = step === null ? this.shape(s.value) : { leaves: [{ local: leaf.local, get: step }], staticBase: false };
      if (!sh || sh.leaves.length !== 1 || sh.staticBase) return null;
      const more = this.origins(sh.leaves[0]!, seen);
      if (!more) return null;
      more.forEach((x) => out.add(x));
    }
    return out;
  }

  /** The pointer tree rebuilt on entry values (tees dropped: only their values matter here). */
  private nominal(ptr: Ref): Cond {
    const b = this.b;
    const binary = raw(b, 'Binary');
    const build = (e: Ref): [string, () => Ref] => {
      const i: Info = info(b, e);
      if (i.id === b.ConstId) { const v = num(i, 'value'); return [`${v >>> 0}`, () => this.mod.i32.const(v)]; }
      if (i.id === b.LocalGetId) { const x = num(i, 'index'); return [`l${x}`, () => this.mod.local.get(x, b.i32)]; }
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
