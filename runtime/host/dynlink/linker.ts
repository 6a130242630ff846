/**
 * One Faaslet's dynamic linker: dlopen, dlsym, dlclose and dlerror on the function's own memory 0
 * and table (see index.ts for the whole story).
 */
import { WasmFormatError } from '../../toolchain/wasm-binary';
import { importMemoryAsShared, memoryImportOf } from '../../toolchain/memory-import';
import { DLOPEN_EXPORTS } from '../../toolchain/dlopen-exports';
import { meteringProblem } from '../../toolchain/meter/check';
import { sameBytes } from '../files/entries';
import { dylinkOf, type DylinkInfo } from './dylink-section';
import { libraryPath } from './paths';
import { libraryImports, unresolvedImports, type Providers } from './resolve';
import { TableFull, TableSlots } from './table-slots';

export interface LinkerHost {
  memory: WebAssembly.Memory;
  /** The function's instance, once it exists. */
  main(): WebAssembly.Instance | null;
  /** The import object the function was instantiated with. */
  hostImports(): WebAssembly.Imports;
  /** A file of the running call's tree (path without the leading '/'), or null. */
  readFile(path: string): Uint8Array | null;
}

interface Library {
  handle: number;
  path: string;
  refs: number;
  instance: WebAssembly.Instance;
  memoryBase: number;
  /** What malloc returned (the region is aligned inside it); 0 when the library has no data. */
  allocation: number;
  /** Its table region, and the slots dlsym and GOT entries took, to null at dlclose. */
  tableSlots: [start: number, count: number][];
  /** Function pointers handed out, by export name, so a symbol always has the same one. */
  pointers: Map<string, number>;
}

/** A library before its instance exists. */
type Reserved = Omit<Library, 'instance'>;

/** An expected failure: dlopen returns NULL and dlerror() says this. */
class DlError extends Error {}

type Exports = WebAssembly.Exports & {
  malloc?: (size: number) => number;
  free?: (ptr: number) => void;
  __indirect_function_table?: WebAssembly.Table;
};

const HINT = `a function that calls dlopen exports ${DLOPEN_EXPORTS.join(', ')}`;

export class DynamicLinker {
  private readonly byHandle = new Map<number, Library>();
  private readonly byPath = new Map<string, Library>();
  /** Compiled once per Faaslet while the file's bytes stay the same. */
  private readonly compiled = new Map<string, { bytes: Uint8Array; module: WebAssembly.Module }>();
  private nextHandle = 1;
  private error: string | null = null;
  private slots: TableSlots | null = null;
  /** Set while dlopen may not run (the zygote): why. */
  refusal: string | null = null;

  constructor(private readonly host: LinkerHost) {}

  /** A handle, or 0 with the reason kept for dlerror(). */
  open(file: string | null): number {
    try {
      return this.load(file).handle;
    } catch (error) {
      if (!(error instanceof DlError)) throw error;
      this.error = `dlopen: ${error.message}`;
      return 0;
    }
  }

  /** A function pointer (table index) or a data address; 0 with a reason when there is none. */
  symbol(handle: number, name: string): number {
    const lib = this.byHandle.get(handle);
    if (!lib) return this.fail(`dlsym: ${this.notAHandle(handle)}`);
    const value = lib.instance.exports[name];
    if (typeof value === 'function') {
      let pointer = lib.pointers.get(name);
      if (pointer === undefined) {
        pointer = this.functionSlot(lib, value);
        lib.pointers.set(name, pointer);
      }
      return pointer;
    }
    if (value instanceof WebAssembly.Global) return (lib.memoryBase + Number(value.value)) | 0;
    return this.fail(`dlsym: /${lib.path} has no symbol "${name}"`);
  }

  /** 0, or -1 with a reason. The last close frees the library's memory and nulls its slots. */
  close(handle: number): number {
    const lib = this.byHandle.get(handle);
    if (!lib) return this.fail(`dlclose: ${this.notAHandle(handle)}`, -1);
    if (--lib.refs > 0) return 0;
    this.unload(lib);
    return 0;
  }

  /** The last failure's text, once (dlerror). */
  takeError(): string | null {
    const error = this.error;
    this.error = null;
    return error;
  }

  /** A new call: the libraries of the last one are forgotten (its memory is reset from the image). */
  reset(): void {
    this.byHandle.clear();
    this.byPath.clear();
    this.nextHandle = 1;
    this.error = null;
    this.slots?.reset();
  }

  private fail(message: string, result = 0): number {
    this.error = message;
    return result;
  }

  private notAHandle(handle: number): string {
    if (handle === 0) return 'a NULL handle (RTLD_DEFAULT) is not supported: pass the handle dlopen returned';
    return `${handle} is not a handle dlopen returned (or it was closed)`;
  }

  private load(file: string | null): Library {
    if (this.refusal) throw new DlError(this.refusal);
    if (file === null) throw new DlError('a NULL path (the function itself) is not supported: dlsym finds the symbols of libraries only');
    const path = libraryPath(file);
    if (!path) throw new DlError(`"${file}" is not a path inside the user's files`);
    const loaded = this.byPath.get(path);
    if (loaded) {
      loaded.refs++;
      return loaded;
    }
    const shown = `/${path}`;
    const bytes = this.host.readFile(path);
    if (!bytes) throw new DlError(`${shown}: no such file (a library built in the playground is installed as /lib/<name>.so)`);
    const module = this.compile(path, shown, bytes);
    const info = this.sideModuleInfo(module, shown);
    // One built by an earlier version (or elsewhere): its loops could not be stopped, nor its growth counted.
    const unmetered = meteringProblem(module, shown);
    if (unmetered) throw new DlError(unmetered);
    const main = this.host.main();
    const exports = (main?.exports ?? {}) as Exports;
    const providers: Providers = {
      main: exports,
      host: this.host.hostImports(),
      own: new Set(WebAssembly.Module.exports(module).map((e) => e.name)),
    };
    const missing = unresolvedImports(module, info, providers);
    if (missing.length > 0) {
      const names = missing.map((n) => `\`${n}\``).join(', ');
      throw new DlError(`${shown} needs ${names}, which neither the function nor the host exports (${HINT})`);
    }
    return this.link(path, shown, module, info, providers, exports);
  }

  private compile(path: string, shown: string, bytes: Uint8Array): WebAssembly.Module {
    const cached = this.compiled.get(path);
    if (cached && sameBytes(cached.bytes, bytes)) return cached.module;
    try {
      // A library built elsewhere imports a plain memory; memory 0 here is shared.
      const shared = memoryImportOf(bytes)?.shared === false ? importMemoryAsShared(bytes) : bytes;
      const module = new WebAssembly.Module(shared as Uint8Array<ArrayBuffer>);
      this.compiled.set(path, { bytes: bytes.slice(), module });
      return module;
    } catch (error) {
      if (error instanceof WasmFormatError || error instanceof WebAssembly.CompileError) {
        throw new DlError(`${shown} is not valid WebAssembly: ${error.message}`);
      }
      throw error;
    }
  }

  private sideModuleInfo(module: WebAssembly.Module, shown: string): DylinkInfo {
    let info: DylinkInfo | null;
    try {
      info = dylinkOf(module);
    } catch (error) {
      if (error instanceof WasmFormatError) throw new DlError(`${shown} has a malformed dylink.0 section: ${error.message}`);
      throw error;
    }
    if (!info) throw new DlError(`${shown} is not a side module (it has no dylink.0 section): build it as a library (clang -fPIC -shared)`);
    if (info.needed.length > 0) {
      throw new DlError(`${shown} needs ${info.needed.join(', ')}: libraries that load other libraries are not supported; build them as one`);
    }
    return info;
  }

  private tableSlots(exports: Exports): TableSlots {
    const table = exports.__indirect_function_table;
    if (!(table instanceof WebAssembly.Table)) throw new DlError('the function exports no function table');
    this.slots ??= new TableSlots(table);
    return this.slots;
  }

  /** Reserve the region, instantiate, relocate, construct; on any failure give everything back. */
  private link(path: string, shown: string, module: WebAssembly.Module, info: DylinkInfo, providers: Providers, exports: Exports): Library {
    const slots = this.tableSlots(exports);
    const reserved: Reserved = { handle: this.nextHandle, path, refs: 1, memoryBase: 0, allocation: 0, tableSlots: [], pointers: new Map() };
    let lib: Library;
    try {
      this.reserveMemory(reserved, info, exports, shown);
      const tableBase = slots.reserve(info.tableSize, info.tableAlign);
      reserved.tableSlots.push([tableBase, info.tableSize]);
      const region = { memory: this.host.memory, table: exports.__indirect_function_table!, memoryBase: reserved.memoryBase, tableBase };
      const { imports, ownGot } = libraryImports(module, providers, region, (fn) => this.functionSlot(reserved, fn));
      lib = { ...reserved, instance: this.instantiate(module, imports, shown) };
      for (const { kind, name, global } of ownGot) {
        const value = lib.instance.exports[name];
        global.value = kind === 'mem' ? lib.memoryBase + Number((value as WebAssembly.Global).value) : this.functionSlot(lib, value);
      }
      for (const init of ['__wasm_apply_data_relocs', '__wasm_call_ctors']) {
        const fn = lib.instance.exports[init];
        if (typeof fn !== 'function') continue;
        try {
          fn();
        } catch (error) {
          throw new DlError(`${init} of ${shown} failed: ${(error as Error).message}`);
        }
      }
    } catch (error) {
      this.release(reserved, exports);
      if (error instanceof TableFull) {
        throw new DlError(`the function's table cannot grow for ${shown} (${error.message}): a function that calls dlopen is linked with --growable-table`);
      }
      throw error;
    }
    this.nextHandle++;
    this.byHandle.set(lib.handle, lib);
    this.byPath.set(path, lib);
    return lib;
  }

  private reserveMemory(lib: Reserved, info: DylinkInfo, exports: Exports, shown: string): void {
    if (info.memorySize === 0) return;
    const { malloc } = exports;
    if (typeof malloc !== 'function') throw new DlError(`${shown} needs ${info.memorySize} bytes of memory, and the function exports no malloc`);
    const align = 2 ** info.memoryAlign;
    lib.allocation = malloc(info.memorySize + align - 1) >>> 0;
    if (lib.allocation === 0) throw new DlError(`${shown} needs ${info.memorySize} bytes of memory: malloc returned NULL`);
    // wasm-ld's start function zero-fills the bss at __memory_base: a reused region is fine.
    lib.memoryBase = Math.ceil(lib.allocation / align) * align;
  }

  private instantiate(module: WebAssembly.Module, imports: WebAssembly.Imports, shown: string): WebAssembly.Instance {
    try {
      return new WebAssembly.Instance(module, imports);
    } catch (error) {
      if (error instanceof WebAssembly.LinkError || error instanceof WebAssembly.RuntimeError) {
        throw new DlError(`${shown} could not be linked: ${error.message}`);
      }
      throw error;
    }
  }

  private functionSlot(lib: Reserved, fn: unknown): number {
    const slot = this.slots!.add(fn);
    lib.tableSlots.push([slot, 1]);
    return slot;
  }

  private unload(lib: Library): void {
    this.byHandle.delete(lib.handle);
    this.byPath.delete(lib.path);
    this.release(lib, (this.host.main()?.exports ?? {}) as Exports);
  }

  /** Its memory back to malloc, its slots nulled (they are handed out again only after a reset). */
  private release(lib: Reserved, exports: Exports): void {
    if (lib.allocation !== 0) exports.free?.(lib.allocation);
    for (const [start, count] of lib.tableSlots) this.slots?.clear(start, count);
  }
}
