/**
 * Test-only: runs a built module the way the host will (ctors → zygote → _start)
 * with a shared memory, a minimal WASI and the two input/output imports.
 */
class ProcExit extends Error {
  constructor(readonly code: number) { super(`proc_exit(${code})`); }
}

export interface CommandRun {
  zygote: number;
  exitCode: number;
  output: Uint8Array;
  stdout: string;
  memoryShared: boolean;
}

type Fn = (...args: number[]) => number | void;

export function runCommand(mod: WebAssembly.Module, input: Uint8Array, args: string[] = []): CommandRun {
  const memory = new WebAssembly.Memory({ initial: 128, maximum: 32767, shared: true });
  const u8 = (): Uint8Array => new Uint8Array(memory.buffer);
  const dv = (): DataView => new DataView(memory.buffer);
  const argv = ['function.wasm', ...args].map((a) => new TextEncoder().encode(`${a}\0`));
  let output = new Uint8Array(0);
  let stdout = '';

  const wasi: Record<string, Fn> = {
    args_sizes_get: (pc, ps) => { dv().setUint32(pc, argv.length, true); dv().setUint32(ps, argv.reduce((n, a) => n + a.length, 0), true); return 0; },
    args_get: (pv, pb) => {
      let at = pb;
      argv.forEach((a, i) => { dv().setUint32(pv + 4 * i, at, true); u8().set(a, at); at += a.length; });
      return 0;
    },
    environ_sizes_get: (pc, ps) => { dv().setUint32(pc, 0, true); dv().setUint32(ps, 0, true); return 0; },
    environ_get: () => 0,
    fd_write: (fd, iovs, n, pw) => {
      let total = 0;
      for (let i = 0; i < n; i++) {
        const ptr = dv().getUint32(iovs + 8 * i, true);
        const len = dv().getUint32(iovs + 8 * i + 4, true);
        if (fd === 1) stdout += new TextDecoder().decode(u8().slice(ptr, ptr + len));
        total += len;
      }
      dv().setUint32(pw, total, true);
      return 0;
    },
    fd_fdstat_get: (_fd, p) => { u8().fill(0, p, p + 24); dv().setUint8(p, 2); return 0; },
    fd_close: () => 0,
    fd_seek: () => 70, // ESPIPE
    proc_exit: (code) => { throw new ProcExit(code); },
  };
  const env: Record<string, WebAssembly.ImportValue> = {
    memory,
    __faasm_read_input: (buf: number, len: number) => {
      if (len === 0) return input.length;
      u8().set(input.subarray(0, len), buf);
      return Math.min(len, input.length);
    },
    __faasm_write_output: (ptr: number, len: number) => { output = u8().slice(ptr, ptr + len); },
  };
  const wasiProxy = new Proxy(wasi, { get: (t, k: string) => t[k] ?? (() => 52) }); // ENOSYS
  const instance = new WebAssembly.Instance(mod, { env, wasi_snapshot_preview1: wasiProxy });
  const ex = instance.exports as Record<string, () => number>;
  ex.__wasm_call_ctors?.();
  const zygote = ex._faasm_zygote?.() ?? 0;
  let exitCode = 0;
  try {
    ex._start?.();
  } catch (e) {
    if (!(e instanceof ProcExit)) throw e;
    exitCode = e.code;
  }
  return { zygote, exitCode, output, stdout, memoryShared: memory.buffer instanceof SharedArrayBuffer };
}
