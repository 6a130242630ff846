/**
 * A library's imports, resolved as a dynamic linker resolves them: memory 0, the function table,
 * the stack pointer and the bases of the library's own region; functions from the function's
 * (the main module's) exports, then from the host interface it was instantiated with; GOT entries
 * from the library itself, then from the function. Nothing is shared between libraries (no
 * RTLD_GLOBAL). What nothing provides is listed before anything is reserved.
 */
import type { DylinkInfo } from './dylink-section';

export interface Providers {
  /** The function's exports. */
  main: WebAssembly.Exports;
  /** The import object the function was instantiated with. */
  host: WebAssembly.Imports;
  /** The names the library exports itself. */
  own: ReadonlySet<string>;
}

/** Where the library's region is, once reserved. */
export interface Region {
  memory: WebAssembly.Memory;
  table: WebAssembly.Table;
  memoryBase: number;
  tableBase: number;
}

/** A GOT entry that points into the library itself: filled in once it is instantiated. */
export interface OwnGotEntry {
  kind: 'mem' | 'func';
  name: string;
  global: WebAssembly.Global;
}

type Provider = 'region' | 'own' | 'main' | 'host';

const REGION = new Set(['memory', '__indirect_function_table', '__memory_base', '__table_base']);

/** A host import by module and name (memories are not for libraries to take). */
function hostValue(host: WebAssembly.Imports, module: string, name: string): unknown {
  const value = host[module]?.[name];
  return value instanceof WebAssembly.Memory ? undefined : value;
}

function providerOf({ module, name }: WebAssembly.ModuleImportDescriptor, p: Providers): Provider | null {
  if (module === 'env' && REGION.has(name)) return 'region';
  if (module === 'env' && name === '__stack_pointer') return p.main[name] instanceof WebAssembly.Global ? 'main' : null;
  if (module === 'GOT.mem') return p.own.has(name) ? 'own' : p.main[name] instanceof WebAssembly.Global ? 'main' : null;
  // A table holds wasm functions only: a host import cannot have a function pointer.
  if (module === 'GOT.func') return p.own.has(name) ? 'own' : typeof p.main[name] === 'function' ? 'main' : null;
  if (module === 'env' && typeof p.main[name] === 'function') return 'main';
  return hostValue(p.host, module, name) !== undefined ? 'host' : null;
}

const isWeak = (info: DylinkInfo, i: WebAssembly.ModuleImportDescriptor) => info.weakImports.has(`${i.module}.${i.name}`);

/** The names of the imports nothing provides (weak ones may stay undefined). */
export function unresolvedImports(module: WebAssembly.Module, info: DylinkInfo, p: Providers): string[] {
  return WebAssembly.Module.imports(module)
    .filter((i) => providerOf(i, p) === null && !isWeak(info, i))
    .map((i) => i.name);
}

const gotGlobal = (value: number) => new WebAssembly.Global({ value: 'i32', mutable: true }, value);

/**
 * The library's import object. `slot` puts one of the function's exports in a table slot (its
 * function pointer). An undefined weak function traps when called; an undefined weak address is 0.
 */
export function libraryImports(
  module: WebAssembly.Module,
  p: Providers,
  region: Region,
  slot: (fn: unknown) => number,
): { imports: WebAssembly.Imports; ownGot: OwnGotEntry[] } {
  const imports: Record<string, Record<string, unknown>> = {};
  const ownGot: OwnGotEntry[] = [];
  const regionValue: Record<string, unknown> = {
    memory: region.memory,
    __indirect_function_table: region.table,
    __memory_base: new WebAssembly.Global({ value: 'i32', mutable: false }, region.memoryBase),
    __table_base: new WebAssembly.Global({ value: 'i32', mutable: false }, region.tableBase),
  };
  for (const i of WebAssembly.Module.imports(module)) {
    const provider = providerOf(i, p);
    let value: unknown;
    if (provider === 'region') value = regionValue[i.name];
    else if (provider === 'host') value = hostValue(p.host, i.module, i.name);
    else if (i.module === 'GOT.mem' || i.module === 'GOT.func') {
      const global = gotGlobal(0);
      if (provider === 'own') ownGot.push({ kind: i.module === 'GOT.mem' ? 'mem' : 'func', name: i.name, global });
      else if (provider === 'main') global.value = i.module === 'GOT.mem' ? (p.main[i.name] as WebAssembly.Global).value : slot(p.main[i.name]);
      value = global;
    } else if (provider === 'main') value = p.main[i.name];
    else value = () => {
      throw new Error(`the library called ${i.name}, a weak symbol nothing defines`);
    };
    (imports[i.module] ??= {})[i.name] = value;
  }
  return { imports: imports as WebAssembly.Imports, ownGot };
}
