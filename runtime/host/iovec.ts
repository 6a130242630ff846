/**
 * WASI's scatter/gather transfers (fd_write, fd_read, sock_send, …): an array of iovecs
 * ({buf: u32, len: u32}) and a count written back, all through FaasletMemory, so any of these
 * pointers may be private or in the shared state window. The loops keep the WASI shim's
 * semantics: stop at the first error or at a short transfer, and report what was moved so far.
 */
import { wasi } from '@bjorn3/browser_wasi_shim';
import type { FaasletMemory } from './memory';

interface Iovec {
  buf: number;
  len: number;
}

const u32 = (value: number) => new Uint8Array(new Uint32Array([value >>> 0]).buffer);

function iovecs(memory: FaasletMemory, call: string, ptr: number, count: number): Iovec[] {
  const raw = new DataView(memory.read(call, ptr, (count >>> 0) * 8).buffer);
  return Array.from({ length: count >>> 0 }, (_, i) => ({
    buf: raw.getUint32(i * 8, true),
    len: raw.getUint32(i * 8 + 4, true),
  }));
}

/** Hands each buffer to `write` in order; the total written goes to `countPtr`. Returns an errno. */
export function gather(
  memory: FaasletMemory,
  call: string,
  iovsPtr: number,
  iovsLen: number,
  countPtr: number,
  write: (data: Uint8Array) => { ret: number; nwritten: number },
): number {
  let total = 0;
  let ret: number = wasi.ERRNO_SUCCESS;
  for (const { buf, len } of iovecs(memory, call, iovsPtr, iovsLen)) {
    const done = write(memory.read(call, buf, len));
    if (done.ret !== wasi.ERRNO_SUCCESS) {
      ret = done.ret;
      break;
    }
    total += done.nwritten;
    if (done.nwritten !== len) break;
  }
  memory.write(call, countPtr, u32(total));
  return ret;
}

/** Fills each buffer from `read` in order; the total read goes to `countPtr`. Returns an errno. */
export function scatter(
  memory: FaasletMemory,
  call: string,
  iovsPtr: number,
  iovsLen: number,
  countPtr: number,
  read: (len: number) => { ret: number; data: Uint8Array },
): number {
  let total = 0;
  let ret: number = wasi.ERRNO_SUCCESS;
  for (const { buf, len } of iovecs(memory, call, iovsPtr, iovsLen)) {
    // Checked before reading: a bad buffer must not consume the descriptor's bytes.
    const target = memory.view(call, buf, len);
    const done = read(len);
    if (done.ret !== wasi.ERRNO_SUCCESS) {
      ret = done.ret;
      break;
    }
    target.set(done.data.subarray(0, len));
    total += Math.min(done.data.byteLength, len);
    if (done.data.byteLength < len) break;
  }
  memory.write(call, countPtr, u32(total));
  return ret;
}
