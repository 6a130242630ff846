/**
 * Rewriting one memory access. Routing rule (DESIGN.md "Address space"): the
 * access goes to memory 1 at `base & 0x7FFF_FFFF` when the top bit of its BASE
 * (the pointer operand) is set, else to memory 0 at `base`; the static offset
 * and alignment stay on the instruction.
 *
 * Why the base and not base + offset: computing base + offset in i32 can wrap
 * (0xFFFF_FFFC + 8 = 4) and turn an access that must trap into a read of
 * private memory. Keeping the offset on the instruction lets the engine do the
 * 33-bit add, so nothing wraps. The one difference from routing on the full
 * effective address: a base in [2^31 − offset, 2^31) — memory 0's last 64 KiB
 * are beyond its maximum, so no valid pointer lies there for offsets < 64 KiB —
 * reaches memory 0 beyond its end and TRAPS instead of reaching the window.
 * Never a wrong access, only a trap for a pointer no allocator hands out.
 *
 *   (if (i32.lt_s (local.tee $p base) (i32.const 0))
 *     (then (load mem1 offset=K (i32.and (local.get $p) 0x7FFFFFFF)))
 *     (else (load mem0 offset=K (local.get $p))))
 *
 * Operands after the pointer are evaluated into temps first (order kept).
 * Temps are keyed by nesting depth: an access inside another access's operand
 * uses deeper temps, so it cannot clobber the outer one's saved pointer.
 */
import { type Binaryen, type Info, type Module, type Ref, STATE_MEMORY, num, raw, stateName } from './binaryen';
import type { Region } from './provenance';

const MASK = 0x7fff_ffff;

/** How one pointer is routed: as judged by provenance, or 'state' (known to be a window address: masked, memory 1, no branch; hoist.ts). */
export type Route = Region | 'state';

interface Shape {
  ptr: [string, string];
  ops: Array<[string, string]>;
  /** The memory-1 twin of the access, from its info, new pointer and operands. */
  make(a: AccessRewriter, i: Info, ptr: Ref, ops: Ref[]): Ref;
}

const order = (b: Binaryen, i: Info): number =>
  typeof i['memoryOrder'] === 'number' && i['memoryOrder'] !== 0 ? i['memoryOrder'] : b.MemoryOrder.seqcst;

/** Kind name → how to rebuild it on memory 1. MemoryCopy has two pointers and is handled apart. */
const SHAPES: Record<string, Shape> = {
  Load: {
    ptr: ['ptr', 'LoadSetPtr'], ops: [],
    make: (a, i, p) => i['isAtomic']
      ? a.c('AtomicLoad')(a.m, num(i, 'bytes'), num(i, 'offset'), i.type, p, a.s, order(a.b, i))
      : a.c('Load')(a.m, num(i, 'bytes'), i['isSigned'] ? 1 : 0, num(i, 'offset'), num(i, 'align'), i.type, p, a.s),
  },
  Store: {
    ptr: ['ptr', 'StoreSetPtr'], ops: [['value', 'StoreSetValue']],
    make: (a, i, p, [v]) => i['isAtomic']
      ? a.c('AtomicStore')(a.m, num(i, 'bytes'), num(i, 'offset'), p, v!, num(i, 'valueType'), a.s, order(a.b, i))
      : a.c('Store')(a.m, num(i, 'bytes'), num(i, 'offset'), num(i, 'align'), p, v!, num(i, 'valueType'), a.s),
  },
  AtomicRMW: {
    ptr: ['ptr', 'AtomicRMWSetPtr'], ops: [['value', 'AtomicRMWSetValue']],
    make: (a, i, p, [v]) => a.c('AtomicRMW')(a.m, num(i, 'op'), num(i, 'bytes'), num(i, 'offset'), p, v!, i.type, a.s, order(a.b, i)),
  },
  AtomicCmpxchg: {
    ptr: ['ptr', 'AtomicCmpxchgSetPtr'], ops: [['expected', 'AtomicCmpxchgSetExpected'], ['replacement', 'AtomicCmpxchgSetReplacement']],
    make: (a, i, p, [e, r]) => a.c('AtomicCmpxchg')(a.m, num(i, 'bytes'), num(i, 'offset'), p, e!, r!, i.type, a.s, order(a.b, i)),
  },
  // binaryen.js can neither read nor set a wait/notify offset: folded into the pointer (see waitOffset).
  AtomicWait: {
    ptr: ['ptr', 'AtomicWaitSetPtr'], ops: [['expected', 'AtomicWaitSetExpected'], ['timeout', 'AtomicWaitSetTimeout']],
    make: (a, i, p, [e, t]) => a.c('AtomicWait')(a.m, a.plus(p, num(i, 'offset')), e!, t!, num(i, 'expectedType'), a.s),
  },
  AtomicNotify: {
    ptr: ['ptr', 'AtomicNotifySetPtr'], ops: [['notifyCount', 'AtomicNotifySetNotifyCount']],
    make: (a, i, p, [n]) => a.c('AtomicNotify')(a.m, a.plus(p, num(i, 'offset')), n!, a.s),
  },
  SIMDLoad: {
    ptr: ['ptr', 'SIMDLoadSetPtr'], ops: [],
    make: (a, i, p) => a.c('SIMDLoad')(a.m, num(i, 'op'), num(i, 'offset'), num(i, 'align'), p, a.s),
  },
  SIMDLoadStoreLane: {
    ptr: ['ptr', 'SIMDLoadStoreLaneSetPtr'], ops: [['vec', 'SIMDLoadStoreLaneSetVec']],
    make: (a, i, p, [v]) => a.c('SIMDLoadStoreLane')(a.m, num(i, 'op'), num(i, 'offset'), num(i, 'align'), num(i, 'index'), p, v!, a.s),
  },
  MemoryInit: {
    ptr: ['dest', 'MemoryInitSetDest'], ops: [['offset', 'MemoryInitSetOffset'], ['size', 'MemoryInitSetSize']],
    make: (a, i, p, [o, n]) => a.mod.memory.init(i['segment'] as string, p, o!, n!, STATE_MEMORY),
  },
  MemoryFill: {
    ptr: ['dest', 'MemoryFillSetDest'], ops: [['value', 'MemoryFillSetValue'], ['size', 'MemoryFillSetSize']],
    make: (a, _i, p, [v, n]) => a.c('MemoryFill')(a.m, p, v!, n!, a.s),
  },
};

export const ACCESS_KINDS = new Set([...Object.keys(SHAPES), 'MemoryCopy']);

export class AccessRewriter {
  readonly m: number;
  /** C string: memory 1's internal name. Memory 0 is passed as null (the only memory while we rewrite). */
  readonly s: number;
  instrumented = 0;
  skipped = 0;
  private fn = 0;
  private temps = new Map<string, number>();

  constructor(readonly b: Binaryen, readonly mod: Module) {
    this.m = mod.ptr;
    this.s = stateName(b);
  }

  c(name: string): (...a: number[]) => number { return raw(this.b, name); }

  enter(fn: number): void { this.fn = fn; this.temps.clear(); }

  private temp(role: string, type: number, depth: number): number {
    const key = `${role}:${type}:${depth}`;
    let idx = this.temps.get(key);
    if (idx === undefined) {
      idx = raw(this.b, 'FunctionAddVar')(this.fn, type);
      this.temps.set(key, idx);
    }
    return idx;
  }

  /** p + k; p is masked (< 2^31) and k < 2^31, so the i32 add cannot wrap. */
  plus(p: Ref, k: number): Ref { return k === 0 ? p : this.mod.i32.add(p, this.mod.i32.const(k)); }

  /** The static offset of a wait/notify, read from its printed form: the API exposes none. */
  private waitOffset(e: Ref): number {
    const first = this.b.emitText(e).split('\n', 1)[0] ?? '';
    const k = Number(/offset=(\d+)/.exec(first)?.[1] ?? 0);
    if (k >= 0x8000_0000) throw new Error(`rewrite: atomic wait/notify offset ${k} ≥ 2^31 is not supported`);
    return k;
  }

  private masked(p: Ref): Ref { return this.mod.i32.and(p, this.mod.i32.const(MASK)); }
  /**
   * A known window pointer's memory-1 address, p − 2^31 (mod 2^32): for `x + K` (clang's address
   * arithmetic) as `x + (K ^ 2^31)`, no instruction more than memory 0 needs (the mask cost up to 40%
   * in a stencil); else masked. Should p not be a window pointer after all, the fold gives an address
   * ≥ 2^31, which traps on memory 1: either way only memory 1 is reached.
   */
  private windowAddress(p: Ref): Ref {
    const i = info(this.b, p);
    if (i.id !== this.b.BinaryId || i['op'] !== this.b.AddInt32) return this.masked(p);
    const k = info(this.b, num(i, 'right'));
    if (k.id !== this.b.ConstId || k.type !== this.b.i32) return this.masked(p);
    raw(this.b, 'BinarySetRight')(p, this.mod.i32.const((num(k, 'value') ^ 0x8000_0000) | 0));
    return p;
  }
  private isWindow(p: Ref): Ref { return this.mod.i32.lt_s(p, this.mod.i32.const(0)); }
  private get32(idx: number): Ref { return this.mod.local.get(idx, this.b.i32); }

  /** Rewrites access `e` (children already rewritten); `regions` were judged on the original pointers. */
  rewrite(kind: string, e: Ref, i: Info, regions: Route[], depth: number): Ref {
    if (i.type === this.b.unreachable || regions.every((r) => r === 'private')) { this.skipped++; return e; }
    this.instrumented++;
    if (kind === 'MemoryCopy') return this.copy(e, i, regions, depth);
    const shape = SHAPES[kind]!;
    if (kind === 'AtomicWait' || kind === 'AtomicNotify') i = { ...i, offset: this.waitOffset(e) };
    const ptr = num(i, shape.ptr[0]);
    const ops = shape.ops.map(([f]) => num(i, f));
    if (regions[0] === 'window') return shape.make(this, i, this.mod.i32.const(num(info(this.b, ptr), 'value') & MASK), ops);
    if (regions[0] === 'state') return shape.make(this, i, this.windowAddress(ptr), ops);

    const set0 = (p: Ref, o: Ref[]): Ref => {
      raw(this.b, shape.ptr[1])(e, p);
      shape.ops.forEach(([, setter], k) => raw(this.b, setter)(e, o[k]!));
      return e;
    };
    const t = this.temp('p', this.b.i32, depth);
    if (ops.length === 0) {
      const cond = this.isWindow(this.mod.local.tee(t, ptr, this.b.i32));
      return this.mod.if(cond, shape.make(this, i, this.masked(this.get32(t)), []), set0(this.get32(t), []));
    }
    const stmts = [this.mod.local.set(t, ptr)];
    const ops0: Ref[] = [];
    const ops1: Ref[] = [];
    ops.forEach((o, k) => {
      if (this.b.getExpressionInfo(o).id === this.b.ConstId) {
        ops0.push(o);
        ops1.push(this.mod.copyExpression(o));
      } else {
        const type = this.b.getExpressionType(o);
        const v = this.temp(`v${k}`, type, depth);
        stmts.push(this.mod.local.set(v, o));
        ops0.push(this.mod.local.get(v, type));
        ops1.push(this.mod.local.get(v, type));
      }
    });
    const route = this.mod.if(this.isWindow(this.get32(t)), shape.make(this, i, this.masked(this.get32(t)), ops1), set0(this.get32(t), ops0));
    stmts.push(route);
    return this.mod.block(null, stmts, i.type);
  }

  /** memory.copy: each of dest and source is routed on its own, so copies between the windows work. */
  private copy(e: Ref, i: Info, [rd, rs]: Route[], depth: number): Ref {
    const [td, ts, tn] = ['cd', 'cs', 'cn'].map((r) => this.temp(r, this.b.i32, depth)) as [number, number, number];
    const stmts = [
      this.mod.local.set(td, num(i, 'dest')),
      this.mod.local.set(ts, num(i, 'source')),
      this.mod.local.set(tn, num(i, 'size')),
    ];
    const leaf = (dm: 0 | 1, sm: 0 | 1): Ref => {
      const d = dm ? this.masked(this.get32(td)) : this.get32(td);
      const s = sm ? this.masked(this.get32(ts)) : this.get32(ts);
      if (!dm && !sm) {
        raw(this.b, 'MemoryCopySetDest')(e, d);
        raw(this.b, 'MemoryCopySetSource')(e, s);
        raw(this.b, 'MemoryCopySetSize')(e, this.get32(tn));
        return e;
      }
      return this.c('MemoryCopy')(this.m, d, s, this.get32(tn), dm ? this.s : 0, sm ? this.s : 0);
    };
    const fixed = (r: Route | undefined): 0 | 1 | null => (r === 'private' ? 0 : r === 'window' || r === 'state' ? 1 : null);
    const bySource = (dm: 0 | 1): Ref => {
      const sm = fixed(rs);
      return sm !== null ? leaf(dm, sm) : this.mod.if(this.isWindow(this.get32(ts)), leaf(dm, 1), leaf(dm, 0));
    };
    const dm = fixed(rd);
    stmts.push(dm !== null ? bySource(dm) : this.mod.if(this.isWindow(this.get32(td)), bySource(1), bySource(0)));
    return this.mod.block(null, stmts, this.b.none);
  }
}

function info(b: Binaryen, e: Ref): Info { return b.getExpressionInfo(e) as unknown as Info; }
