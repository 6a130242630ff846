/** Hand-made side modules for tests: WAT with a dylink.0 section put in front, as wasm-ld puts it. */
import { FUEL_IMPORT, FUEL_SLICE } from '../../faaslet/fuel';
import { GROW_IMPORT } from '../../faaslet/grow';
import { importMemoryAsShared } from '../../toolchain/memory-import';
import { transform } from '../../toolchain/transform';
import { assembleWat } from '../../toolchain/wat';
import { concat, encodeSection, name, u32leb } from '../../toolchain/wasm-binary';
import { DYLINK_SECTION } from './dylink-section';

export interface DylinkSpec {
  memorySize?: number;
  memoryAlign?: number;
  tableSize?: number;
  tableAlign?: number;
  needed?: string[];
  /** Weak imports, as [module, field]. */
  weak?: [string, string][];
}

const subsection = (type: number, body: number[]) => [type, ...u32leb(body.length), ...body];

export function dylinkPayload(spec: DylinkSpec): Uint8Array {
  const { memorySize = 0, memoryAlign = 0, tableSize = 0, tableAlign = 0, needed = [], weak = [] } = spec;
  const bytes = subsection(1, [...u32leb(memorySize), ...u32leb(memoryAlign), ...u32leb(tableSize), ...u32leb(tableAlign)]);
  if (needed.length) bytes.push(...subsection(2, [...u32leb(needed.length), ...needed.flatMap(name)]));
  // Export info (3) is skipped by the loader: one entry, flags 0.
  bytes.push(...subsection(3, [1, ...name('value'), 0]));
  if (weak.length) bytes.push(...subsection(4, [...u32leb(weak.length), ...weak.flatMap(([m, f]) => [...name(m), ...name(f), 1])]));
  return Uint8Array.from(bytes);
}

export async function wat(source: string): Promise<Uint8Array> {
  const res = await assembleWat(source);
  if (!res.wasm) throw new Error(res.log);
  return res.wasm;
}

/** The module with a dylink.0 section first, or as it is when `spec` is null. */
export async function sideModule(source: string, spec: DylinkSpec | null): Promise<Uint8Array> {
  const wasm = await wat(source);
  if (!spec) return wasm;
  const custom = encodeSection(0, [...name(DYLINK_SECTION), ...dylinkPayload(spec)]);
  return concat([wasm.subarray(0, 8), custom, wasm.subarray(8)]);
}

/** A side module metered as the toolchain meters libraries (dlopen refuses one that is not). */
export async function meteredSideModule(source: string, spec: DylinkSpec): Promise<Uint8Array> {
  return (await transform(importMemoryAsShared(await sideModule(source, spec)), { rewrite: false, meter: true })).wasm;
}

/** The runtime's own imports a metered library calls, for a test's host import object. */
export const runtimeImports = (memory: WebAssembly.Memory) => ({
  [FUEL_IMPORT.module]: { [FUEL_IMPORT.name]: () => FUEL_SLICE, [GROW_IMPORT.name]: (pages: number) => memory.grow(pages) },
});
