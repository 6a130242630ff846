/**
 * Faasm's own build flags, from faasm/cpp's faasmtools/build.py (WASM_CFLAGS,
 * WASM_WASI_LIBC_CFLAGS, WASM_LDFLAGS, WASM_EXE_LDFLAGS, WASM_WASI_LIBC_LDFLAGS), as this
 * clang takes them. None of the playground's own build is here: no shared imported memory, no
 * shared-state rewrite, no exported globals, wasi-libc's own `_start` (crt1-command).
 */

/** Faasm's stack (FAASM_WASM_STACK_SIZE). */
export const FAASM_STACK_SIZE = 4 * 1024 * 1024;

/** Faasm's maximum memory: 4 GiB less one page, since 4 GiB would mean "no maximum" (FAASM_WASM_MAX_MEMORY). */
export const FAASM_MAX_MEMORY = 4 * 1024 * 1024 * 1024 - 64 * 1024;

/**
 * Faasm builds for `wasm32-wasi`; this clang's wasi-libc is installed under that target's
 * newer name, `wasm32-wasip1`, the same ABI. `--sysroot` is left to the toolchain's own, and
 * `-m32` is implied by the wasm32 target (this clang refuses it as an option for wasm).
 */
export const FAASM_TARGET = 'wasm32-wasip1';

export const FAASM_CFLAGS = [
  '-O3',
  '-m32',
  '-mno-atomics',
  '-msimd128',
  '-DANSI',
  '-D__faasm',
  '-D_WASI_EMULATED_GETPID',
  '-D_WASI_EMULATED_PROCESS_CLOCKS',
  '-D_WASI_EMULATED_SIGNAL',
];

/** wasi-libc's emulation libraries and long-double printf, which Faasm links into every function. */
export const FAASM_WASI_LIBS = [
  '-lc-printscan-long-double',
  '-lwasi-emulated-getpid',
  '-lwasi-emulated-process-clocks',
  '-lwasi-emulated-signal',
];

export const FAASM_LDFLAGS = [
  '-static',
  '-Wl,--no-gc-sections',
  '-Wl,--stack-first',
  '-Wl,--no-check-features',
  ...['__heap_base', '__data_end', 'free', 'malloc', '__wasm_call_ctors', '__stack_pointer'].map((s) => `-Wl,--export=${s}`),
  // Faasm's runtime looks the zygote up by name (src/wasm/WasmModule.cpp, ZYGOTE_FUNC_NAME);
  // libfaasm's weak default defines it for every function.
  '-Wl,--export-if-defined=_faasm_zygote',
  `-Wl,--max-memory=${FAASM_MAX_MEMORY}`,
  // -Xlinker as Faasm writes it: -Wl, would split the feature list at its comma.
  '-Xlinker', '--features=mutable-globals,simd128',
  `-Wl,-z,stack-size=${FAASM_STACK_SIZE}`,
  ...FAASM_WASI_LIBS,
];
