/** A module's imports and exports sorted into the groups a reader looks for (the build inspector). */
import { FUEL_GLOBAL_EXPORT, RUNTIME_IMPORTS, type ModuleInterface } from '../../runtime';

export interface InterfaceEntry {
  /** `module.name` for an import, the name for an export. */
  name: string;
  kind: string;
  /** What the runtime makes of it, where that is worth saying. */
  note?: string;
}

export interface InterfaceGroup {
  title: string;
  entries: InterfaceEntry[];
}

/** The two memories every Faaslet module may import (DESIGN.md, address space). */
const MEMORY_NOTES: Record<string, string> = {
  'env.memory': 'memory 0: private to the Faaslet',
  'env.state': "memory 1: the user's state arena, the shared window at 0x8000_0000",
};

const WASI_MODULE = 'wasi_snapshot_preview1';

function groups(named: [string, InterfaceEntry[]][]): InterfaceGroup[] {
  return named.filter(([, entries]) => entries.length > 0).map(([title, entries]) => ({ title, entries }));
}

export function groupImports(imports: ModuleInterface['imports']): InterfaceGroup[] {
  const faasm: InterfaceEntry[] = [];
  const wasi: InterfaceEntry[] = [];
  const memories: InterfaceEntry[] = [];
  const runtime: InterfaceEntry[] = [];
  const other: InterfaceEntry[] = [];
  for (const { module, name, kind } of imports) {
    const full = `${module}.${name}`;
    const own = RUNTIME_IMPORTS.find((r) => r.module === module && r.name === name);
    if (own) runtime.push({ name: full, kind, note: own.purpose });
    else if (kind === 'memory') memories.push({ name: full, kind, note: MEMORY_NOTES[full] });
    else if (module === WASI_MODULE) wasi.push({ name, kind });
    else if (module === 'env' && kind === 'function' && name.startsWith('__faasm_')) faasm.push({ name, kind });
    else other.push({ name: full, kind });
  }
  return groups([
    ['Faasm host calls', faasm],
    ['WASI', wasi],
    ['Memories', memories],
    ["The runtime's own (added by the toolchain)", runtime],
    ['Other', other],
  ]);
}

/** Globals the toolchain exports so a Proto-Faaslet can save and reset them. */
const SNAPSHOT_GLOBAL = /^__faasm_global_\d+$/;

export function groupExports(exports: ModuleInterface['exports']): InterfaceGroup[] {
  const functions = exports.filter((e) => e.kind === 'function');
  const memories = exports.filter((e) => e.kind === 'memory');
  const tables = exports.filter((e) => e.kind === 'table');
  const snapshot = exports.filter((e) => e.kind === 'global' && SNAPSHOT_GLOBAL.test(e.name));
  const fuel = exports.filter((e) => e.kind === 'global' && e.name === FUEL_GLOBAL_EXPORT)
    .map((e) => ({ ...e, note: 'fuel left in the slice: the CPU-time meter, set by the Faaslet at each call' }));
  const globals = exports.filter((e) => e.kind === 'global' && !SNAPSHOT_GLOBAL.test(e.name) && e.name !== FUEL_GLOBAL_EXPORT);
  return groups([
    ['Functions', functions],
    ['Memories and tables', [...memories, ...tables]],
    ['Globals', globals],
    ['Globals saved by Proto-Faaslets', snapshot],
    ["The runtime's own (added by the toolchain)", fuel],
  ]);
}
