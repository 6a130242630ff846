/**
 * A generic expression walker: binaryen.js has none. Every expression kind is
 * listed with its child slots (info field + raw setter); an unknown kind throws,
 * so a new binaryen feature can never slip a memory access past the rewrite.
 */
import { type Binaryen, type Info, type Ref, info, raw } from './binaryen';

interface Slot { field: string; setter: string; list: boolean }
export interface Kind { name: string; slots: Slot[] }

const one = (field: string, setter: string): Slot => ({ field, setter, list: false });
const many = (field: string, setter: string): Slot => ({ field, setter, list: true });

/** Kind name (binaryen's `<Name>Id`) → child slots, in evaluation order. */
const SLOTS: Record<string, Slot[]> = {
  Nop: [], LocalGet: [], GlobalGet: [], AtomicFence: [], Pause: [], Const: [], MemorySize: [],
  Unreachable: [], Pop: [], RefNull: [], RefFunc: [], TableSize: [], DataDrop: [], Rethrow: [],
  Block: [many('children', 'BlockSetChildAt')],
  If: [one('condition', 'IfSetCondition'), one('ifTrue', 'IfSetIfTrue'), one('ifFalse', 'IfSetIfFalse')],
  Loop: [one('body', 'LoopSetBody')],
  Break: [one('value', 'BreakSetValue'), one('condition', 'BreakSetCondition')],
  Switch: [one('value', 'SwitchSetValue'), one('condition', 'SwitchSetCondition')],
  Call: [many('operands', 'CallSetOperandAt')],
  CallIndirect: [many('operands', 'CallIndirectSetOperandAt'), one('target', 'CallIndirectSetTarget')],
  LocalSet: [one('value', 'LocalSetSetValue')],
  GlobalSet: [one('value', 'GlobalSetSetValue')],
  Load: [one('ptr', 'LoadSetPtr')],
  Store: [one('ptr', 'StoreSetPtr'), one('value', 'StoreSetValue')],
  AtomicRMW: [one('ptr', 'AtomicRMWSetPtr'), one('value', 'AtomicRMWSetValue')],
  AtomicCmpxchg: [one('ptr', 'AtomicCmpxchgSetPtr'), one('expected', 'AtomicCmpxchgSetExpected'), one('replacement', 'AtomicCmpxchgSetReplacement')],
  AtomicWait: [one('ptr', 'AtomicWaitSetPtr'), one('expected', 'AtomicWaitSetExpected'), one('timeout', 'AtomicWaitSetTimeout')],
  AtomicNotify: [one('ptr', 'AtomicNotifySetPtr'), one('notifyCount', 'AtomicNotifySetNotifyCount')],
  SIMDExtract: [one('vec', 'SIMDExtractSetVec')],
  SIMDReplace: [one('vec', 'SIMDReplaceSetVec'), one('value', 'SIMDReplaceSetValue')],
  SIMDShuffle: [one('left', 'SIMDShuffleSetLeft'), one('right', 'SIMDShuffleSetRight')],
  SIMDTernary: [one('a', 'SIMDTernarySetA'), one('b', 'SIMDTernarySetB'), one('c', 'SIMDTernarySetC')],
  SIMDShift: [one('vec', 'SIMDShiftSetVec'), one('shift', 'SIMDShiftSetShift')],
  SIMDLoad: [one('ptr', 'SIMDLoadSetPtr')],
  SIMDLoadStoreLane: [one('ptr', 'SIMDLoadStoreLaneSetPtr'), one('vec', 'SIMDLoadStoreLaneSetVec')],
  MemoryInit: [one('dest', 'MemoryInitSetDest'), one('offset', 'MemoryInitSetOffset'), one('size', 'MemoryInitSetSize')],
  MemoryCopy: [one('dest', 'MemoryCopySetDest'), one('source', 'MemoryCopySetSource'), one('size', 'MemoryCopySetSize')],
  MemoryFill: [one('dest', 'MemoryFillSetDest'), one('value', 'MemoryFillSetValue'), one('size', 'MemoryFillSetSize')],
  Unary: [one('value', 'UnarySetValue')],
  Binary: [one('left', 'BinarySetLeft'), one('right', 'BinarySetRight')],
  Select: [one('ifTrue', 'SelectSetIfTrue'), one('ifFalse', 'SelectSetIfFalse'), one('condition', 'SelectSetCondition')],
  Drop: [one('value', 'DropSetValue')],
  Return: [one('value', 'ReturnSetValue')],
  MemoryGrow: [one('delta', 'MemoryGrowSetDelta')],
  RefIsNull: [one('value', 'RefIsNullSetValue')],
  RefEq: [one('left', 'RefEqSetLeft'), one('right', 'RefEqSetRight')],
  RefAs: [one('value', 'RefAsSetValue')],
  TableGet: [one('index', 'TableGetSetIndex')],
  TableSet: [one('index', 'TableSetSetIndex'), one('value', 'TableSetSetValue')],
  TableGrow: [one('value', 'TableGrowSetValue'), one('delta', 'TableGrowSetDelta')],
  Try: [one('body', 'TrySetBody'), many('catchBodies', 'TrySetCatchBodyAt')],
  Throw: [many('operands', 'ThrowSetOperandAt')],
  TupleMake: [many('operands', 'TupleMakeSetOperandAt')],
  TupleExtract: [one('tuple', 'TupleExtractSetTuple')],
};

export class Walker {
  private readonly kinds = new Map<number, Kind>();
  private readonly names = new Map<number, string>();
  private readonly setters = new Map<string, (e: Ref, ...a: number[]) => number>();

  constructor(readonly b: Binaryen) {
    const ids = b as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(ids)) {
      if (key.endsWith('Id') && typeof value === 'number') this.names.set(value, key.slice(0, -2));
    }
    for (const [name, slots] of Object.entries(SLOTS)) {
      const id = ids[`${name}Id`];
      if (typeof id !== 'number') continue; // a kind this binaryen build does not have
      for (const s of slots) this.setters.set(s.setter, raw(b, s.setter));
      this.kinds.set(id, { name, slots });
    }
  }

  kind(e: Ref, i: Info = info(this.b, e)): Kind {
    const k = this.kinds.get(i.id);
    if (!k) throw new Error(`rewrite: unsupported expression kind ${this.names.get(i.id) ?? i.id}`);
    return k;
  }

  /** Calls f on each non-null child, in evaluation order. */
  forEachChild(e: Ref, f: (child: Ref) => void, i: Info = info(this.b, e)): void {
    for (const s of this.kind(e, i).slots) {
      const v = i[s.field];
      if (s.list) for (const c of v as Ref[]) f(c);
      else if (typeof v === 'number' && v !== 0) f(v);
    }
  }

  /** Replaces each non-null child by f(child), writing back only what changed. */
  mapChildren(e: Ref, f: (child: Ref) => Ref, i: Info = info(this.b, e)): void {
    for (const s of this.kind(e, i).slots) {
      const set = this.setters.get(s.setter)!;
      const v = i[s.field];
      if (s.list) {
        (v as Ref[]).forEach((c, at) => { const n = f(c); if (n !== c) set(e, at, n); });
      } else if (typeof v === 'number' && v !== 0) {
        const n = f(v);
        if (n !== v) set(e, n);
      }
    }
  }

  /** Pre-order visit of a whole tree (read-only). */
  visit(e: Ref, f: (e: Ref, i: Info) => void): void {
    const i = info(this.b, e);
    f(e, i);
    this.forEachChild(e, (c) => this.visit(c, f), i);
  }

  nameOf(id: number): string { return this.names.get(id) ?? String(id); }
}
