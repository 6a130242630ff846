/** The dynamic-linking part of the host interface (a project extension, called by libfaasm's dlfcn.c). */
import type { FaasletMemory } from '../memory';

/** What the imports need of a Faaslet's linker (linker.ts). */
export interface Dynlink {
  open(file: string | null): number;
  symbol(handle: number, name: string): number;
  close(handle: number): number;
  takeError(): string | null;
}

export function dynlinkImports(memory: FaasletMemory, linker: Dynlink) {
  return {
    /** A handle, or 0 (NULL) with the reason kept for dlerror. The flags change nothing: every load is RTLD_NOW | RTLD_LOCAL. */
    __faasm_dlopen(pathPtr: number, _flags: number): number {
      return linker.open(pathPtr === 0 ? null : memory.readCString('__faasm_dlopen', pathPtr));
    },
    __faasm_dlsym(handle: number, namePtr: number): number {
      return linker.symbol(handle, memory.readCString('__faasm_dlsym', namePtr));
    },
    __faasm_dlclose(handle: number): number {
      return linker.close(handle);
    },
    /** Writes the last failure's text (cut to fit, NUL-terminated) and returns 1, once; 0 when there is none. */
    __faasm_dlerror(buf: number, len: number): number {
      const error = len > 0 ? linker.takeError() : null;
      if (error === null) return 0;
      const text = new TextEncoder().encode(error).subarray(0, len - 1);
      const out = new Uint8Array(text.byteLength + 1);
      out.set(text);
      memory.write('__faasm_dlerror', buf, out);
      return 1;
    },
  };
}
