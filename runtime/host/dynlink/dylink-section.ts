/**
 * The `dylink.0` custom section that makes a module a side module (WebAssembly
 * tool-conventions, DynamicLinking.md): subsections of (type u8, size, payload).
 */
import { Reader, WasmFormatError } from '../../toolchain/wasm-binary';

export const DYLINK_SECTION = 'dylink.0';

const MEM_INFO = 1;
const NEEDED = 2;
const IMPORT_INFO = 4;
const BINDING_WEAK = 0x1;

export interface DylinkInfo {
  /** Bytes of memory to reserve for the module (its data and bss), at `__memory_base`. */
  memorySize: number;
  /** log2 of the alignment of that region, in bytes. */
  memoryAlign: number;
  /** Table slots to reserve, at `__table_base`. */
  tableSize: number;
  /** log2 of the alignment of those slots. */
  tableAlign: number;
  /** Libraries it depends on (ELF's DT_NEEDED). */
  needed: string[];
  /** Imports that may stay unresolved (weak), as `module.field`. */
  weakImports: Set<string>;
}

function text(r: Reader): string {
  const length = r.u32();
  const start = r.pos;
  r.skip(length);
  return new TextDecoder('utf-8', { fatal: true }).decode(r.bytes.subarray(start, start + length));
}

/** Reads a `dylink.0` section's payload (what `WebAssembly.Module.customSections` returns). */
export function parseDylink(payload: Uint8Array): DylinkInfo {
  const info: DylinkInfo = {
    memorySize: 0, memoryAlign: 0, tableSize: 0, tableAlign: 0,
    needed: [], weakImports: new Set(),
  };
  const r = new Reader(payload);
  while (!r.done) {
    const type = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (end > payload.length) throw new WasmFormatError(`dylink.0 subsection ${type} runs past the section`);
    const sub = new Reader(payload, r.pos, end);
    if (type === MEM_INFO) {
      info.memorySize = sub.u32();
      info.memoryAlign = sub.u32();
      info.tableSize = sub.u32();
      info.tableAlign = sub.u32();
    } else if (type === NEEDED) {
      for (let n = sub.u32(); n > 0; n--) info.needed.push(text(sub));
    } else if (type === IMPORT_INFO) {
      for (let n = sub.u32(); n > 0; n--) {
        const name = `${text(sub)}.${text(sub)}`;
        if (sub.u32() & BINDING_WEAK) info.weakImports.add(name);
      }
    }
    // Other subsections (export info, runtime paths) do not concern this loader.
    if ((type === MEM_INFO || type === NEEDED || type === IMPORT_INFO) && !sub.done) {
      throw new WasmFormatError(`dylink.0 subsection ${type} has ${end - sub.pos} bytes left over`);
    }
    r.skip(size);
  }
  if (info.memoryAlign > 31 || info.tableAlign > 31) throw new WasmFormatError('dylink.0 asks for an alignment past 2^31');
  return info;
}

/** A compiled module's dylink.0, or null when it is not a side module. */
export function dylinkOf(module: WebAssembly.Module): DylinkInfo | null {
  const [section, ...more] = WebAssembly.Module.customSections(module, DYLINK_SECTION);
  if (!section) return null;
  if (more.length > 0) throw new WasmFormatError('more than one dylink.0 section');
  return parseDylink(new Uint8Array(section));
}
