/**
 * Loop versioning: the routing check moved out of a loop. A per-access if/else
 * costs ~1.7× on private data and ~2.3× on window data in tight kernels; one
 * test before the loop costs nothing measurable.
 *
 *   (if (i32.lt_u (i32.or v…) 0x7FFF0000)   ;; every condition value private
 *     (then LOOP, hoisted accesses plain memory-0 accesses)
 *     (else (if (i32.lt_s (i32.and v…) 0)     ;; every condition value in the window
 *       (then LOOP, hoisted accesses on memory 1 at ptr − 2^31, no branch)
 *       (else LOOP as before, every access checked))))
 *
 * The condition values v (loop-facts.ts) are read at loop entry: nominal
 * pointers, or the entry values of the locals a base pointer derives from.
 * Accesses that are not hoistable keep their per-access check in every version.
 * In the window version, ptr − 2^31 is folded into clang's `x + K` when the
 * pointer has that form (access.ts), else it is `ptr & 0x7FFF_FFFF`: V8 gives
 * memory 1 the same code as memory 0 (probed: no slower), so that one
 * instruction per access is all the window version adds.
 *
 * Safety: isolation never depends on this. The private version only touches
 * memory 0, whose maximum (0x7FFF0000) is below 2 GiB, so a window address
 * traps there; the window version only touches memory 1 (the user's own
 * arena, which the checked version reaches too) at ptr − 2^31: a pointer that
 * is not in the window after all gets a masked address or, folded, one ≥ 2^31
 * that traps.
 * Correct programs keep their meaning under the model C compilers give us:
 * an access's pointers during one run of the loop stay in one object (plus or
 * minus a stride), so they share the region of where they start. The private
 * test is `< 0x7FFF0000`, not `< 2^31`: a window pointer stepped before its
 * object (window offset 0 minus a stride, pre-decremented loops) lands in
 * [0x7FFF0000, 2^31), where no private object lies, and gets the checked loop.
 * A loop that mixes private and window pointers also gets the checked loop.
 *
 * Which loop: the outermost one whose non-private accesses are all hoistable
 * (matmul: one test per call). If one of them is not, the loop is versioned
 * only if it has no inner loop; else its inner loops are considered on their
 * own (`row = rows[i]` makes `row[j]` hoistable in the inner loop only).
 * Loops are not versioned again inside a version.
 */
import { type Binaryen, type Module, type Ref, raw } from './binaryen';
import type { Route } from './access';
import { ACCESS_POINTERS, type Cond, LoopAnalysis } from './loop-facts';
import type { Provenance } from './provenance';
import type { Walker } from './walk';

export type Routes = Map<Ref, Array<Route | undefined>>;

/** Largest loop versioned, in expressions: it is emitted three times (plus the checks in one), so code growth stays bounded; C kernels are far smaller. */
export const MAX_LOOP_SIZE = 1000;
const PRIVATE_END = 0x7fff_0000;

export class Hoister {
  /** Accesses whose check moved out of a loop. */
  hoisted = 0;
  versionedLoops = 0;
  private labels = 0;

  constructor(private readonly b: Binaryen, private readonly mod: Module, private readonly walker: Walker,
    private readonly prov: Provenance) {}

  /** The versioned replacement of `loop`, or null to rewrite it as usual. `rewrite` rewrites a tree with routes overriding the checks. */
  version(loop: Ref, rewrite: (e: Ref, routes: Routes | null) => Ref): Ref | null {
    const facts = LoopAnalysis.of(this.b, this.mod, this.walker, this.prov, loop, MAX_LOOP_SIZE);
    if (!facts) return null;
    const hoisted = facts.accesses.filter((a) => a.facts.some(Array.isArray));
    if (hoisted.length === 0) return null;
    if (facts.innerLoops && facts.accesses.some((a) => a.facts.includes(null))) return null;

    const conds = new Map<string, Cond>();
    for (const a of hoisted) for (const f of a.facts) if (Array.isArray(f)) f.forEach((c) => conds.set(c.key, c));
    const copies = [this.copy(loop), this.copy(loop)] as const; // before the original is rewritten in place
    const routes = (copy: Ref, route: Route): Routes => {
      const refs = this.accessesOf(copy);
      return new Map(facts.accesses.map((a, k) => [refs[k]!, a.facts.map((f) => (Array.isArray(f) ? route : undefined))]));
    };
    const priv = rewrite(copies[0], routes(copies[0], 'private'));
    const win = rewrite(copies[1], routes(copies[1], 'state'));
    const checked = rewrite(loop, null);

    const m = this.mod;
    const fold = (op: (a: Ref, b: Ref) => Ref): Ref => [...conds.values()].map((c) => c.make()).reduce((x, y) => op(x, y));
    const allPrivate = m.i32.lt_u(fold((x, y) => m.i32.or(x, y)), m.i32.const(PRIVATE_END));
    const allWindow = m.i32.lt_s(fold((x, y) => m.i32.and(x, y)), m.i32.const(0));
    this.hoisted += hoisted.length;
    this.versionedLoops++;
    return m.if(allPrivate, priv, m.if(allWindow, win, checked));
  }

  private accessesOf(e: Ref): Ref[] {
    const out: Ref[] = [];
    this.walker.visit(e, (c, i) => { if (this.walker.kind(c, i).name in ACCESS_POINTERS) out.push(c); });
    return out;
  }

  /** A copy with its labels renamed: binaryen requires label names unique within a function. */
  private copy(loop: Ref): Ref {
    const c = this.mod.copyExpression(loop);
    const names = new Map<string, string>();
    this.walker.visit(c, (_e, i) => {
      const n = i['name'];
      if ((i.id === this.b.BlockId || i.id === this.b.LoopId) && typeof n === 'string' && n) names.set(n, `${n}$v${++this.labels}`);
    });
    if (names.size === 0) return c;
    const api = this.b as unknown as { _malloc(n: number): number; _free(p: number): void; stringToAscii(s: string, p: number): void };
    const withName = (s: string, f: (p: number) => void): void => {
      const p = api._malloc(s.length + 1);
      api.stringToAscii(s, p);
      try { f(p); } finally { api._free(p); } // binaryen interns a copy
    };
    const renamed = (n: unknown): string | undefined => (typeof n === 'string' ? names.get(n) : undefined);
    this.walker.visit(c, (e, i) => {
      const n = renamed(i['name']);
      if (i.id === this.b.BlockId && n) withName(n, (p) => raw(this.b, 'BlockSetName')(e, p));
      else if (i.id === this.b.LoopId && n) withName(n, (p) => raw(this.b, 'LoopSetName')(e, p));
      else if (i.id === this.b.BreakId && n) withName(n, (p) => raw(this.b, 'BreakSetName')(e, p));
      else if (i.id === this.b.SwitchId) {
        (i['names'] as string[]).forEach((t, k) => { const r = renamed(t); if (r) withName(r, (p) => raw(this.b, 'SwitchSetNameAt')(e, k, p)); });
        const d = renamed(i['defaultName']);
        if (d) withName(d, (p) => raw(this.b, 'SwitchSetDefaultName')(e, p));
      }
    });
    return c;
  }
}
