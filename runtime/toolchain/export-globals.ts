/**
 * Exports every mutable global a module defines under a reserved name
 * (`__faasm_global_<index>`), so the host can read and reset them: a
 * Proto-Faaslet image needs the stack pointer and the rest, and JS sees only
 * exported globals (runtime/proto).
 *
 * Byte-level like memory-import.ts: only the export section is rewritten (or
 * added), every other byte is copied, so indices and code stay valid. Globals
 * JS cannot hold a value of (v128, references) are left alone, and so is the metering pass's
 * fuel global (FUEL_GLOBAL_EXPORT): an image must not hold the fuel left when it was taken, the
 * Faaslet sets it at each call start. Idempotent.
 */
import { FUEL_GLOBAL_EXPORT } from '../faaslet/fuel';
import { Reader, WasmFormatError, concat, encodeSection, name, readSections, u32leb, type Section } from './wasm-binary';

export const GLOBAL_EXPORT_PREFIX = '__faasm_global_';

const SECTION_IMPORT = 2;
const SECTION_GLOBAL = 6;
const SECTION_EXPORT = 7;
const KIND_GLOBAL = 3;
/** Canonical section order (custom sections, id 0, may sit anywhere). */
const ORDER = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];
/** i32, i64, f32, f64: the value types a WebAssembly.Global shows JS as a number or BigInt. */
const NUMERIC = new Set([0x7f, 0x7e, 0x7d, 0x7c]);

function readValType(r: Reader): number {
  const t = r.byte();
  if (t === 0x63 || t === 0x64) r.skipLeb(); // (ref null? heaptype)
  return t;
}

function skipLimits(r: Reader): void {
  const flags = r.byte();
  r.skipLeb();
  if (flags & 1) r.skipLeb();
  if (flags & 8) r.skipLeb();
}

function importedGlobals(bytes: Uint8Array, section: Section | undefined): number {
  if (!section) return 0;
  const r = new Reader(bytes, section.contentStart, section.end);
  let globals = 0;
  for (let i = r.u32(); i > 0; i--) {
    r.skipName();
    r.skipName();
    const kind = r.byte();
    if (kind === 0) r.u32();
    else if (kind === 1) { readValType(r); skipLimits(r); }
    else if (kind === 2) skipLimits(r);
    else if (kind === KIND_GLOBAL) { readValType(r); r.byte(); globals++; }
    else if (kind === 4) { r.byte(); r.u32(); }
    else throw new WasmFormatError(`unknown import kind ${kind}`);
  }
  return globals;
}

/** Skips a constant expression up to and including its `end`. */
function skipInitExpr(r: Reader): void {
  for (;;) {
    const op = r.byte();
    if (op === 0x0b) return;
    if (op === 0x41 || op === 0x42 || op === 0x23 || op === 0xd2) r.skipLeb(); // *.const, global.get, ref.func
    else if (op === 0x43) r.skip(4);
    else if (op === 0x44) r.skip(8);
    else if (op === 0xd0) r.skipLeb(); // ref.null heaptype
    else if ([0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e].includes(op)) continue; // extended-const arithmetic
    else if (op === 0xfd && r.u32() === 12) r.skip(16); // v128.const
    else throw new WasmFormatError(`cannot export globals: unsupported constant expression opcode 0x${op.toString(16)}`);
  }
}

/** Indices of the mutable numeric globals the module defines. */
function mutableGlobals(bytes: Uint8Array, sections: Section[]): number[] {
  const section = sections.find((s) => s.id === SECTION_GLOBAL);
  if (!section) return [];
  let index = importedGlobals(bytes, sections.find((s) => s.id === SECTION_IMPORT));
  const r = new Reader(bytes, section.contentStart, section.end);
  const found: number[] = [];
  for (let i = r.u32(); i > 0; i--, index++) {
    const type = readValType(r);
    const mutable = r.byte() === 1;
    skipInitExpr(r);
    if (mutable && NUMERIC.has(type)) found.push(index);
  }
  return found;
}

interface Exports { count: number; names: Set<string>; fuelGlobal: number | null }

function existingExports(bytes: Uint8Array, section: Section | undefined): Exports {
  const names = new Set<string>();
  let fuelGlobal: number | null = null;
  if (!section) return { count: 0, names, fuelGlobal };
  const r = new Reader(bytes, section.contentStart, section.end);
  const count = r.u32();
  for (let i = 0; i < count; i++) {
    const len = r.u32();
    const start = r.pos;
    r.skip(len);
    const text = new TextDecoder().decode(bytes.subarray(start, start + len));
    names.add(text);
    const kind = r.byte();
    const index = r.u32();
    if (text === FUEL_GLOBAL_EXPORT && kind === KIND_GLOBAL) fuelGlobal = index;
  }
  return { count, names, fuelGlobal };
}

export function exportMutableGlobals(input: Uint8Array): Uint8Array<ArrayBuffer> {
  const sections = readSections(input);
  const exportSection = sections.find((s) => s.id === SECTION_EXPORT);
  const { count, names, fuelGlobal } = existingExports(input, exportSection);
  const added = mutableGlobals(input, sections)
    .filter((index) => index !== fuelGlobal && !names.has(`${GLOBAL_EXPORT_PREFIX}${index}`))
    .map((index) => Uint8Array.from([...name(`${GLOBAL_EXPORT_PREFIX}${index}`), KIND_GLOBAL, ...u32leb(index)]));
  if (added.length === 0) return concat([input]);

  let oldEntries: Uint8Array = new Uint8Array();
  if (exportSection) {
    const r = new Reader(input, exportSection.contentStart, exportSection.end);
    r.u32(); // the count, re-encoded below
    oldEntries = input.subarray(r.pos, exportSection.end);
  }
  const section = encodeSection(SECTION_EXPORT, concat([Uint8Array.from(u32leb(count + added.length)), oldEntries, ...added]));
  const parts: Uint8Array[] = [input.subarray(0, 8)];
  let pending: Uint8Array | null = section;
  for (const s of sections) {
    if (s === exportSection) { parts.push(section); pending = null; continue; }
    if (pending && !exportSection && s.id !== 0 && ORDER.indexOf(s.id) > ORDER.indexOf(SECTION_EXPORT)) {
      parts.push(pending);
      pending = null;
    }
    parts.push(input.subarray(s.start, s.end));
  }
  if (pending) parts.push(pending);
  return concat(parts);
}
