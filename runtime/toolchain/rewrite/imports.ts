/**
 * Byte-level facts about the import section, read without binaryen (so a module
 * that maps no state never pays binaryen's 13 MB load), and the one edit
 * binaryen.js cannot make: the limits of the added `env.state` import.
 */
import { Reader, WasmFormatError, concat, encodeSection, readSections, u32leb } from '../wasm-binary';

export const STATE_PTR_IMPORTS = ['__faasm_read_state_ptr', '__faasm_read_state_offset_ptr'];
/** memory 1 = the user's state arena: 32768 pages = the whole 2 GiB window. */
export const STATE_MAX_PAGES = 32768;

const SECTION_IMPORT = 2;
const SECTION_MEMORY = 5;

interface ImportEntry { module: string; name: string; kind: number; start: number; descStart: number; end: number }

function readImports(bytes: Uint8Array): { entries: ImportEntry[]; section: { start: number; end: number; contentStart: number } | null } {
  const section = readSections(bytes).find((s) => s.id === SECTION_IMPORT) ?? null;
  if (!section) return { entries: [], section };
  const r = new Reader(bytes, section.contentStart, section.end);
  const text = (): string => {
    const len = r.u32();
    const at = r.pos;
    r.skip(len);
    return new TextDecoder().decode(bytes.subarray(at, at + len));
  };
  const limits = (): void => {
    const flags = r.byte();
    r.skipLeb();
    if (flags & 1) r.skipLeb();
    if (flags & 8) r.skipLeb();
  };
  const entries: ImportEntry[] = [];
  for (let n = r.u32(); n > 0; n--) {
    const start = r.pos;
    const module = text();
    const name = text();
    const kind = r.byte();
    const descStart = r.pos;
    if (kind === 0) r.u32();
    else if (kind === 1) { const t = r.byte(); if (t === 0x63 || t === 0x64) r.skipLeb(); limits(); }
    else if (kind === 2) limits();
    else if (kind === 3) { const t = r.byte(); if (t === 0x63 || t === 0x64) r.skipLeb(); r.byte(); }
    else if (kind === 4) { r.byte(); r.u32(); }
    else throw new WasmFormatError(`unknown import kind ${kind}`);
    entries.push({ module, name, kind, start, descStart, end: r.pos });
  }
  return { entries, section };
}

/** True if the module imports a pointer-returning state function (so it needs the rewrite). */
export function mapsState(bytes: Uint8Array): boolean {
  return readImports(bytes).entries.some((e) => e.kind === 0 && e.module === 'env' && STATE_PTR_IMPORTS.includes(e.name));
}

/** Memories imported and defined; `firstImported`: whether memory 0 is an import. */
export function memoryLayout(bytes: Uint8Array): { count: number; firstImported: boolean } {
  const imported = readImports(bytes).entries.filter((e) => e.kind === 2).length;
  const mem = readSections(bytes).find((s) => s.id === SECTION_MEMORY);
  const defined = mem ? new Reader(bytes, mem.contentStart, mem.end).u32() : 0;
  return { count: imported + defined, firstImported: imported > 0 };
}

/** Sets `env.state`'s limits to shared, min 0, max 32768 pages; it must be memory 1. */
export function fixStateLimits(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { entries, section } = readImports(bytes);
  const memories = entries.filter((e) => e.kind === 2);
  const state = memories[1];
  if (!section || !state || state.module !== 'env' || state.name !== 'state') {
    throw new Error('rewrite: env.state did not come out as memory 1');
  }
  const entry = Uint8Array.from([...bytes.subarray(state.start, state.descStart), 0x03, ...u32leb(0), ...u32leb(STATE_MAX_PAGES)]);
  const body = concat([
    bytes.subarray(section.contentStart, state.start),
    entry,
    bytes.subarray(state.end, section.end),
  ]);
  return concat([bytes.subarray(0, section.start), encodeSection(SECTION_IMPORT, body), bytes.subarray(section.end)]);
}
