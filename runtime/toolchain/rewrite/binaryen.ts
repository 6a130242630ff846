/**
 * binaryen.js, loaded lazily (13 MB) and wrapped in the few loose types we need.
 * Raw `_Binaryen*` C functions are used where the JS API has no memory name
 * argument or no wrapper class (setters for most expression kinds).
 */
export type Binaryen = typeof import('binaryen').default;
export type Module = InstanceType<Binaryen['Module']>;
export type Ref = number;
export type RawFn = (...args: number[]) => number;

let loading: Promise<Binaryen> | null = null;

export function loadBinaryen(): Promise<Binaryen> {
  loading ??= import('binaryen').then((m) => m.default);
  return loading;
}

/** A `_Binaryen<name>` C function; throws if this binaryen build lacks it. */
export function raw(b: Binaryen, name: string): RawFn {
  const f = (b as unknown as Record<string, unknown>)[`_Binaryen${name}`];
  if (typeof f !== 'function') throw new Error(`rewrite: binaryen.js has no _Binaryen${name}`);
  return f as RawFn;
}

/** Fields of getExpressionInfo we read, untyped by kind (binaryen's own typing is a union we narrow by id). */
export type Info = Record<string, unknown> & { id: number; type: number };

const leafCache = new WeakMap<object, Set<number>>();
function leafIds(b: Binaryen): Set<number> {
  let ids = leafCache.get(b);
  if (!ids) leafCache.set(b, ids = new Set([b.NopId, b.PopId, b.UnreachableId, b.RefNullId]));
  return ids;
}

export function info(b: Binaryen, e: Ref): Info {
  try {
    return b.getExpressionInfo(e) as unknown as Info;
  } catch {
    // binaryen.js 132's getExpressionInfo throws a TypeError on some childless kinds
    // (Nop, Pop, Unreachable, RefNull) and on kinds it does not describe.
    const id = b.getExpressionId(e);
    if (leafIds(b).has(id)) return { id, type: b.getExpressionType(e) };
    const name = Object.entries(b).find(([k, v]) => k.endsWith('Id') && v === id)?.[0].slice(0, -2) ?? String(id);
    throw new Error(`rewrite: unsupported expression kind ${name}`);
  }
}

export const num = (i: Info, field: string): number => {
  const v = i[field];
  if (typeof v !== 'number') throw new Error(`rewrite: expression field ${field} is not a number`);
  return v;
};

/** Names of memories are C strings in binaryen's heap; ours is allocated once per instance. */
const cStrings = new WeakMap<object, number>();
export const STATE_MEMORY = 'faasm$state';

export function stateName(b: Binaryen): number {
  let p = cStrings.get(b);
  if (p === undefined) {
    const api = b as unknown as { _malloc(n: number): number; stringToAscii(s: string, p: number): void };
    p = api._malloc(STATE_MEMORY.length + 1);
    api.stringToAscii(STATE_MEMORY, p);
    cStrings.set(b, p);
  }
  return p;
}
