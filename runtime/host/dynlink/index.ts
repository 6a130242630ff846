/**
 * # Dynamic linking: dlopen of side modules in a Faaslet
 *
 * As Faasm loads C extensions: a library (a side module, `clang -fPIC -shared`, with a
 * `dylink.0` section) is instantiated inside the calling Faaslet, on the function's own memory 0
 * and table, so it reaches nothing the function could not. libfaasm's dlfcn.c calls the host
 * imports in imports.ts; linker.ts does the work, synchronously inside the call:
 * 1. read the file from the call's tree (a bare name is looked up in /lib), compile it (a
 *    Worker may compile synchronously), check dylink.0 (dylink-section.ts): no NEEDED entries;
 * 2. resolve every import (resolve.ts) before reserving anything: functions from the function's
 *    exports (a function that calls dlopen exports DLOPEN_EXPORTS), then the host interface;
 * 3. reserve its memory with the function's malloc (aligned, zeroed) and its table slots
 *    (table-slots.ts; the function's table is growable), instantiate with `__memory_base`,
 *    `__table_base` and GOT globals, fill its own GOT entries, run `__wasm_apply_data_relocs`
 *    and `__wasm_call_ctors`.
 * dlsym gives a data address (memory base + the export's value) or a function pointer (a table
 * slot); dlclose frees both. Every call starts from the post-zygote image, so a new call forgets
 * the last call's libraries and reuses their slots; dlopen in the zygote is refused, because the
 * image could not hold a library's instance and slots. Failures are dlerror() texts, never traps.
 */
export { dylinkOf, parseDylink, DYLINK_SECTION, type DylinkInfo } from './dylink-section';
export { dynlinkImports, type Dynlink } from './imports';
export { DynamicLinker, type LinkerHost } from './linker';
export { installedLibraryPath, libraryPath } from './paths';
