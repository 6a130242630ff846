/**
 * Pointer checks in front of the WASI shim (@bjorn3/browser_wasi_shim), which trusts its
 * arguments: it clamps a path or a buffer that leaves memory 0 (so a wild pointer reads as an
 * empty path and `path_open` may create a file), and writes out-pointers last (so a file is made
 * before the bad pointer throws). Every pointer argument is checked here before the shim runs,
 * and a RangeError the shim still raises becomes a HostError naming the call.
 *
 * The shim reads memory 0 only: a shared-window address is refused too. The host serves
 * fd_read/fd_write and their p- forms itself (wasi-io.ts), so their buffers may be state pointers.
 */
import { HostError, SHARED_WINDOW_BASE } from './memory';

/** A pointer argument: a buffer whose length is another argument, or a fixed-size result. */
type Check =
  | { kind: 'buffer'; ptr: number; len: number; what: string }
  | { kind: 'out'; ptr: number; size: number };

const buffer = (ptr: number, len: number, what = 'the buffer'): Check => ({ kind: 'buffer', ptr, len, what });
const path = (ptr: number, len: number, what = 'the path'): Check => buffer(ptr, len, what);
const out = (ptr: number, size: number): Check => ({ kind: 'out', ptr, size });

/** Sizes from WASI preview 1: fdstat 24, filestat 64, prestat 8, subscription 48, event 32. */
const CHECKS: Record<string, Check[]> = {
  args_sizes_get: [out(0, 4), out(1, 4)],
  environ_sizes_get: [out(0, 4), out(1, 4)],
  clock_res_get: [out(1, 8)],
  fd_fdstat_get: [out(1, 24)],
  fd_filestat_get: [out(1, 64)],
  fd_prestat_get: [out(1, 8)],
  fd_prestat_dir_name: [path(1, 2)],
  fd_readdir: [buffer(1, 2), out(4, 4)],
  fd_seek: [out(3, 8)],
  fd_tell: [out(1, 8)],
  path_create_directory: [path(1, 2)],
  path_filestat_get: [path(2, 3), out(4, 64)],
  path_filestat_set_times: [path(2, 3)],
  path_link: [path(2, 3, 'the old path'), path(5, 6, 'the new path')],
  path_open: [path(2, 3), out(8, 4)],
  path_readlink: [path(1, 2), buffer(3, 4), out(5, 4)],
  path_remove_directory: [path(1, 2)],
  path_rename: [path(1, 2, 'the old path'), path(4, 5, 'the new path')],
  path_symlink: [path(0, 1, 'the old path'), path(3, 4, 'the new path')],
  path_unlink_file: [path(1, 2)],
};

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

type WasiFunction = (...args: unknown[]) => unknown;

/** `call` wrapped so that its pointer arguments are checked against memory 0 before it runs. */
export function checkedWasiCall(name: string, call: WasiFunction, memory: WebAssembly.Memory): WasiFunction {
  const checks = CHECKS[name] ?? [];
  const region = (ptr: number, len: number, what: string) => {
    const [start, length, size] = [ptr >>> 0, len >>> 0, memory.buffer.byteLength];
    if (start >= SHARED_WINDOW_BASE) {
      throw new HostError(`${name}: ${what} at ${hex(start)} is in the shared state window, which WASI calls do not reach`);
    }
    if (start + length > size) {
      throw new HostError(`${name}: ${what} (${length} bytes at ${hex(start)}) runs past the end of the Faaslet's memory (${size} bytes)`);
    }
  };
  return (...args: unknown[]) => {
    const arg = (i: number) => Number(args[i]);
    for (const check of checks) {
      if (check.kind === 'buffer') region(arg(check.ptr), arg(check.len), check.what);
      else region(arg(check.ptr), check.size, 'the result pointer');
    }
    try {
      return call(...args);
    } catch (error) {
      throw error instanceof RangeError ? new HostError(`${name}: ${error.message}`) : error;
    }
  };
}
