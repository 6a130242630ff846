/**
 * Makes memory 0 an IMPORT `env.memory`, shared, max 32767 pages (just under
 * 2 GiB: the top half of the 32-bit space is the shared window, DESIGN.md).
 *
 * Hand-written rather than binaryen: it runs on every build, and binaryen is a
 * 13 MB load. Clang cannot link --shared-memory here (wasi-libc is built without
 * atomics), hence this step. Only the import and memory sections are rewritten;
 * every other byte is copied, so indices, exports and data segments stay valid
 * (imported memories come first in the index space, so memory 0 stays memory 0).
 */
import { Reader, WasmFormatError, concat, encodeSection, name, readSections, u32leb } from './wasm-binary';

/** 32767 × 64 KiB = 2 GiB − 64 KiB. */
export const MAX_PAGES = 32767;
/** Minimum for a module that declares no memory at all. */
export const DEFAULT_MIN_PAGES = 1;

const SECTION_IMPORT = 2;
const SECTION_MEMORY = 5;
const KIND_MEMORY = 2;
/** Canonical section order (custom sections, id 0, may sit anywhere). */
const ORDER = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];

function skipValType(r: Reader): void {
  const t = r.byte();
  if (t === 0x63 || t === 0x64) r.skipLeb(); // (ref null? heaptype)
}

function skipLimits(r: Reader): void {
  const flags = r.byte();
  r.skipLeb();
  if (flags & 1) r.skipLeb();
  if (flags & 8) r.skipLeb(); // custom page size
}

/** Reads memory limits we can import as shared; returns the minimum. */
function readMemoryMin(r: Reader): number {
  const flags = r.byte();
  if (flags & 4) throw new WasmFormatError('memory64 is not supported for memory 0');
  if (flags & 8) throw new WasmFormatError('custom page sizes are not supported for memory 0');
  if (flags > 3) throw new WasmFormatError(`unknown memory limits flags 0x${flags.toString(16)}`);
  const min = r.u32();
  if (flags & 1) r.u32();
  if (min > MAX_PAGES) throw new WasmFormatError(`memory 0 needs ${min} pages; the limit is ${MAX_PAGES}`);
  return min;
}

function sharedMemoryImport(min: number): number[] {
  return [...name('env'), ...name('memory'), KIND_MEMORY, 0x03, ...u32leb(min), ...u32leb(MAX_PAGES)];
}

interface ImportScan {
  count: number;
  /** Raw bytes of each entry; the memory-0 entry is rewritten. */
  entries: Uint8Array[];
  hasMemory: boolean;
}

function scanImports(bytes: Uint8Array, start: number, end: number): ImportScan {
  const r = new Reader(bytes, start, end);
  const count = r.u32();
  const entries: Uint8Array[] = [];
  let hasMemory = false;
  for (let i = 0; i < count; i++) {
    const entryStart = r.pos;
    r.skipName();
    r.skipName();
    const kind = r.byte();
    if (kind === KIND_MEMORY && !hasMemory) {
      entries.push(Uint8Array.from(sharedMemoryImport(readMemoryMin(r))));
      hasMemory = true;
      continue;
    }
    if (kind === 0) r.u32();
    else if (kind === 1) { skipValType(r); skipLimits(r); }
    else if (kind === KIND_MEMORY) skipLimits(r);
    else if (kind === 3) { skipValType(r); r.byte(); }
    else if (kind === 4) { r.byte(); r.u32(); }
    else throw new WasmFormatError(`unknown import kind ${kind}`);
    entries.push(bytes.subarray(entryStart, r.pos));
  }
  if (r.pos !== end) throw new WasmFormatError('import section has trailing bytes');
  return { count, entries, hasMemory };
}

function importSection(entries: Uint8Array[]): Uint8Array {
  return encodeSection(SECTION_IMPORT, concat([Uint8Array.from(u32leb(entries.length)), ...entries]));
}

export function importMemoryAsShared(input: Uint8Array): Uint8Array<ArrayBuffer> {
  const sections = readSections(input);
  const imp = sections.find((s) => s.id === SECTION_IMPORT);
  const scan = imp ? scanImports(input, imp.contentStart, imp.end) : { count: 0, entries: [], hasMemory: false };
  const replaced = new Map<number, Uint8Array | null>(); // section start → new bytes (null: drop)

  if (scan.hasMemory) {
    replaced.set(imp!.start, importSection(scan.entries));
  } else {
    let min = DEFAULT_MIN_PAGES;
    const memSection = sections.find((s) => s.id === SECTION_MEMORY);
    if (memSection) {
      const r = new Reader(input, memSection.contentStart, memSection.end);
      const count = r.u32();
      if (count > 0) {
        min = readMemoryMin(r);
        const rest = input.subarray(r.pos, memSection.end);
        replaced.set(memSection.start, count === 1 ? null : encodeSection(SECTION_MEMORY, concat([Uint8Array.from(u32leb(count - 1)), rest])));
      }
    }
    // Appended last: memory imports have their own index space, nothing shifts.
    const entries = [...scan.entries, Uint8Array.from(sharedMemoryImport(min))];
    if (imp) replaced.set(imp.start, importSection(entries));
    else return rebuild(input, sections, replaced, importSection(entries));
  }
  return rebuild(input, sections, replaced, null);
}

function rebuild(
  input: Uint8Array,
  sections: ReturnType<typeof readSections>,
  replaced: Map<number, Uint8Array | null>,
  newImportSection: Uint8Array | null,
): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [input.subarray(0, 8)];
  let pending = newImportSection;
  const rank = (id: number): number => ORDER.indexOf(id);
  for (const s of sections) {
    if (pending && s.id !== 0 && rank(s.id) > rank(SECTION_IMPORT)) {
      parts.push(pending);
      pending = null;
    }
    const swap = replaced.get(s.start);
    if (swap === undefined) parts.push(input.subarray(s.start, s.end));
    else if (swap !== null) parts.push(swap);
  }
  if (pending) parts.push(pending);
  return concat(parts);
}

export interface MemoryImport {
  module: string;
  name: string;
  minPages: number;
  maxPages: number | null;
  shared: boolean;
}

/** Memory 0's import as the module declares it, or null when memory 0 is not imported. */
export function memoryImportOf(bytes: Uint8Array): MemoryImport | null {
  const imp = readSections(bytes).find((s) => s.id === SECTION_IMPORT);
  if (!imp) return null;
  const r = new Reader(bytes, imp.contentStart, imp.end);
  const text = (): string => {
    const len = r.u32();
    const start = r.pos;
    r.skip(len);
    return new TextDecoder().decode(bytes.subarray(start, start + len));
  };
  for (let i = r.u32(); i > 0; i--) {
    const module = text();
    const name = text();
    const kind = r.byte();
    if (kind === KIND_MEMORY) {
      const flags = r.byte();
      if (flags & 4) throw new WasmFormatError('memory64 is not supported for memory 0');
      const minPages = r.u32();
      const maxPages = flags & 1 ? r.u32() : null;
      return { module, name, minPages, maxPages, shared: (flags & 2) !== 0 };
    }
    if (kind === 0) r.u32();
    else if (kind === 1) { skipValType(r); skipLimits(r); }
    else if (kind === 3) { skipValType(r); r.byte(); }
    else if (kind === 4) { r.byte(); r.u32(); }
    else throw new WasmFormatError(`unknown import kind ${kind}`);
  }
  return null;
}
