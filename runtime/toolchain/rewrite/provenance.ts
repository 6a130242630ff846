/**
 * What is provably private (below 0x8000_0000, so memory 0 with no check).
 *
 * Misjudging an address as private can never break isolation: the access then
 * goes to memory 0, whose maximum is below 2 GiB, so a window address traps
 * there. So the rules may trust compiler conventions (the stack pointer stays
 * in the stack) as long as the module's own code does not contradict them.
 *
 * Private: an i32 constant below 2^31; `global.get` of the stack pointer or of
 * an immutable global initialised to such a constant; `local.get` of a local
 * whose every assignment is private (a greatest fixpoint, so `p = p + 16` in a
 * loop stays private; params are never private); add/sub of a private value and
 * a constant below 2^31; `local.tee`/`select` of private values.
 * The stack pointer is trusted only if every `global.set` to it is private.
 */
import { type Binaryen, type Info, type Module, type Ref, info, num } from './binaryen';
import type { Walker } from './walk';

export type Region = 'private' | 'window' | 'unknown';
const TOP = 0x8000_0000;

/** `__stack_pointer` by internal name, import name or export name; else wasm-ld's global 0. */
function findStackPointer(b: Binaryen, mod: Module): string | null {
  const globals = Array.from({ length: mod.getNumGlobals() }, (_, i) => b.getGlobalInfo(mod.getGlobalByIndex(i)));
  const named = globals.find((g) => g.name === '__stack_pointer' || g.base === '__stack_pointer');
  if (named) return named.name;
  for (let i = 0; i < mod.getNumExports(); i++) {
    const ex = b.getExportInfo(mod.getExportByIndex(i));
    if (ex.name === '__stack_pointer' && ex.kind === b.ExternalGlobal) return ex.value;
  }
  const g0 = globals[0];
  return g0 && g0.mutable && g0.type === b.i32 ? g0.name : null;
}

export class Provenance {
  readonly stackPointer: string | null;
  private readonly privateGlobals = new Set<string>();
  /** Per function: every value assigned to each local (scanned before any rewriting). */
  private readonly sets = new Map<number, Map<number, Ref[]>>();
  private readonly params = new Map<number, number>();
  private readonly privateLocals = new Map<number, Set<number>>();
  private locals: Set<number> = new Set();

  constructor(private readonly b: Binaryen, walker: Walker, mod: Module, funcs: number[]) {
    for (let i = 0; i < mod.getNumGlobals(); i++) {
      const g = b.getGlobalInfo(mod.getGlobalByIndex(i));
      if (!g.mutable && !g.module && g.init && this.isSmallConst(g.init)) this.privateGlobals.add(g.name);
    }
    const sp = findStackPointer(b, mod);
    const spSets: Array<{ fn: number; value: Ref }> = [];
    for (const fn of funcs) {
      const fi = b.getFunctionInfo(fn);
      const byLocal = new Map<number, Ref[]>();
      walker.visit(fi.body, (_e, i) => {
        if (i.id === b.LocalSetId) {
          const list = byLocal.get(num(i, 'index')) ?? [];
          list.push(num(i, 'value'));
          byLocal.set(num(i, 'index'), list);
        } else if (i.id === b.GlobalSetId && i['name'] === sp) spSets.push({ fn, value: num(i, 'value') });
      });
      this.sets.set(fn, byLocal);
      this.params.set(fn, b.expandType(fi.params).length);
    }
    if (sp) this.privateGlobals.add(sp);
    funcs.forEach((fn) => this.solve(fn));
    const spTrusted = spSets.every(({ fn, value }) => this.enter(fn) && this.region(value) === 'private');
    this.stackPointer = spTrusted ? sp : null;
    if (sp && !spTrusted) {
      this.privateGlobals.delete(sp);
      funcs.forEach((fn) => this.solve(fn));
    }
  }

  /** Selects the function whose locals `region` reasons about. */
  enter(fn: number): true {
    this.locals = this.privateLocals.get(fn) ?? new Set();
    return true;
  }

  private solve(fn: number): void {
    const byLocal = this.sets.get(fn)!;
    const nParams = this.params.get(fn)!;
    const fi = this.b.getFunctionInfo(fn);
    // Candidates: every i32 var (zero-initialised, so private until assigned otherwise).
    const cand = new Set<number>();
    fi.vars.forEach((t, k) => { if (t === this.b.i32) cand.add(nParams + k); });
    this.locals = cand;
    for (let changed = true; changed;) {
      changed = false;
      for (const l of [...cand]) {
        if ((byLocal.get(l) ?? []).some((v) => this.region(v) !== 'private')) { cand.delete(l); changed = true; }
      }
    }
    this.privateLocals.set(fn, cand);
  }

  private isSmallConst(e: Ref): boolean {
    const i = info(this.b, e);
    return i.id === this.b.ConstId && i.type === this.b.i32 && (num(i, 'value') >>> 0) < TOP;
  }

  region(e: Ref, i: Info = info(this.b, e)): Region {
    const b = this.b;
    switch (i.id) {
      case b.ConstId:
        if (i.type !== b.i32) return 'unknown';
        return (num(i, 'value') >>> 0) < TOP ? 'private' : 'window';
      case b.GlobalGetId:
        return this.privateGlobals.has(i['name'] as string) ? 'private' : 'unknown';
      case b.LocalGetId:
        return this.locals.has(num(i, 'index')) ? 'private' : 'unknown';
      case b.LocalSetId:
        return i['isTee'] ? this.region(num(i, 'value')) : 'unknown';
      case b.SelectId:
        return this.region(num(i, 'ifTrue')) === 'private' && this.region(num(i, 'ifFalse')) === 'private' ? 'private' : 'unknown';
      case b.BinaryId: {
        const op = num(i, 'op');
        const l = num(i, 'left');
        const r = num(i, 'right');
        if (op === b.AddInt32 && this.isSmallConst(l) && this.region(r) === 'private') return 'private';
        if ((op === b.AddInt32 || op === b.SubInt32) && this.isSmallConst(r) && this.region(l) === 'private') return 'private';
        return 'unknown';
      }
      default:
        return 'unknown';
    }
  }
}
