/**
 * Where a built module lays out memory 0, read from its binary: the stack top (the stack
 * pointer's initial value; with `--stack-first` the stack is [0, top)), the end of static data
 * and the heap base. The memory map draws these; nothing runs the module to find them.
 */
import { Reader, readSections, WasmFormatError } from './wasm-binary';

export interface ModuleLayout {
  stackTop: number | null;
  dataEnd: number | null;
  heapBase: number | null;
}

const SECTION_IMPORT = 2;
const SECTION_GLOBAL = 6;
const SECTION_EXPORT = 7;
const KIND_GLOBAL = 3;
const I32_CONST = 0x41;
const END = 0x0b;

/** Signed LEB128 up to 32 bits (an i32.const immediate). */
function s32(r: Reader): number {
  let result = 0;
  let shift = 0;
  let b: number;
  do {
    b = r.byte();
    result |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80 && shift < 35);
  return shift < 32 && b & 0x40 ? result | (-1 << shift) : result;
}

/** Skips an import's description; counts imported globals (they come first in the global index space). */
function skipImport(r: Reader): boolean {
  r.skipName();
  r.skipName();
  const kind = r.byte();
  if (kind === 0) r.u32();
  else if (kind === 1) { r.byte(); limits(r); }
  else if (kind === 2) limits(r);
  else if (kind === KIND_GLOBAL) { r.byte(); r.byte(); }
  else if (kind === 4) { r.byte(); r.u32(); }
  else throw new WasmFormatError(`unknown import kind ${kind}`);
  return kind === KIND_GLOBAL;
}

function limits(r: Reader): void {
  const flags = r.byte();
  r.skipLeb();
  if (flags & 1) r.skipLeb();
}

export function moduleLayout(wasm: Uint8Array): ModuleLayout {
  const sections = readSections(wasm);
  const section = (id: number) => sections.find((s) => s.id === id);
  let imported = 0;
  const imports = section(SECTION_IMPORT);
  if (imports) {
    const r = new Reader(wasm, imports.contentStart, imports.end);
    for (let n = r.u32(); n > 0; n--) if (skipImport(r)) imported++;
  }
  // Initial values of the module's own globals that are a plain i32.const.
  const initial = new Map<number, number>();
  const globals = section(SECTION_GLOBAL);
  if (globals) {
    const r = new Reader(wasm, globals.contentStart, globals.end);
    const count = r.u32();
    for (let i = 0; i < count; i++) {
      r.byte();
      r.byte();
      const op = r.byte();
      if (op === I32_CONST) {
        initial.set(imported + i, s32(r) >>> 0);
        if (r.byte() === END) continue;
      }
      // Any other initialiser: skip to its end (extended-const expressions are short).
      while (r.byte() !== END) { /* skip */ }
    }
  }
  const byName = new Map<string, number>();
  const exports = section(SECTION_EXPORT);
  if (exports) {
    const r = new Reader(wasm, exports.contentStart, exports.end);
    for (let n = r.u32(); n > 0; n--) {
      const length = r.u32();
      const name = new TextDecoder().decode(wasm.subarray(r.pos, r.pos + length));
      r.skip(length);
      const kind = r.byte();
      const index = r.u32();
      if (kind === KIND_GLOBAL) byName.set(name, index);
    }
  }
  const value = (name: string) => {
    const index = byName.get(name);
    return index === undefined ? null : (initial.get(index) ?? null);
  };
  return { stackTop: value('__stack_pointer'), dataEnd: value('__data_end'), heapBase: value('__heap_base') };
}
