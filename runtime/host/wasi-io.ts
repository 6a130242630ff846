/**
 * fd_write, fd_read, fd_pwrite and fd_pread, answered by the runtime instead of the WASI shim:
 * the shim slices memory 0 directly, so a buffer in the shared state window (ABI.md: any pointer
 * may be a state pointer) would be written as nothing or fail with a RangeError. Here the iovecs
 * go through FaasletMemory (iovec.ts) and the call's own descriptor does the transfer.
 */
import { wasi, type Fd } from '@bjorn3/browser_wasi_shim';
import { gather, scatter } from './iovec';
import type { FaasletMemory } from './memory';

export function fileIoImports(memory: FaasletMemory, fds: () => (Fd | undefined)[]) {
  return {
    fd_write(fd: number, iovsPtr: number, iovsLen: number, nwrittenPtr: number): number {
      const file = fds()[fd];
      if (!file) return wasi.ERRNO_BADF;
      return gather(memory, 'fd_write', iovsPtr, iovsLen, nwrittenPtr, (data) => file.fd_write(data));
    },
    fd_pwrite(fd: number, iovsPtr: number, iovsLen: number, offset: bigint, nwrittenPtr: number): number {
      const file = fds()[fd];
      if (!file) return wasi.ERRNO_BADF;
      let at = offset;
      return gather(memory, 'fd_pwrite', iovsPtr, iovsLen, nwrittenPtr, (data) => {
        const done = file.fd_pwrite(data, at);
        at += BigInt(done.nwritten);
        return done;
      });
    },
    fd_read(fd: number, iovsPtr: number, iovsLen: number, nreadPtr: number): number {
      const file = fds()[fd];
      if (!file) return wasi.ERRNO_BADF;
      return scatter(memory, 'fd_read', iovsPtr, iovsLen, nreadPtr, (len) => file.fd_read(len));
    },
    fd_pread(fd: number, iovsPtr: number, iovsLen: number, offset: bigint, nreadPtr: number): number {
      const file = fds()[fd];
      if (!file) return wasi.ERRNO_BADF;
      let at = offset;
      return scatter(memory, 'fd_pread', iovsPtr, iovsLen, nreadPtr, (len) => {
        const done = file.fd_pread(len, at);
        at += BigInt(done.data.byteLength);
        return done;
      });
    },
  };
}
