/**
 * The network part of the host interface (a project extension; ABI.md lists no socket imports,
 * and wasi-libc has no socket()/connect() for preview1):
 * - env `__faasm_net_connect(endpoint) -> fd or -errno`: a client socket on a virtual endpoint
 *   ("echo", "http"; endpoints.ts), opened in the call's WASI descriptor table;
 * - WASI `sock_send`/`sock_recv`/`sock_shutdown` on such a descriptor (what wasi-libc's
 *   send/recv/shutdown call); `sock_accept` is refused with EPERM: no server sockets.
 * `bind`/`listen` are refused with EPERM by libfaasm itself (faasm/network.h); nothing listens here.
 */
import { wasi, type Fd } from '@bjorn3/browser_wasi_shim';
import { gather, scatter } from '../iovec';
import type { FaasletMemory } from '../memory';
import { EchoEndpoint, HttpEndpoint, type Endpoint, type HttpRequest, type HttpResponse } from './endpoints';
import type { Shaper } from './shaper';
import { VirtualSocket } from './socket';

export interface NetworkContext {
  /** The running call's WASI descriptor table (a fresh one per call). */
  fds(): (Fd | undefined)[];
  /** The running call's link: its function's bandwidth. */
  shaper(): Shaper;
  fetchSync(request: HttpRequest): HttpResponse;
}

export function networkImports(memory: FaasletMemory, net: NetworkContext) {
  const endpoint = (name: string): Endpoint | null =>
    name === 'echo' ? new EchoEndpoint() : name === 'http' ? new HttpEndpoint((r) => net.fetchSync(r)) : null;
  return {
    __faasm_net_connect(namePtr: number): number {
      const name = memory.readCString('__faasm_net_connect', namePtr, 256);
      const target = endpoint(name);
      // Only the playground's own endpoints exist on the virtual interface.
      if (!target) return -wasi.ERRNO_CONNREFUSED;
      const fds = net.fds();
      const socket = new VirtualSocket(name, target, net.shaper());
      const free = fds.indexOf(undefined, 3);
      const fd = free >= 0 ? free : fds.length;
      fds[fd] = socket;
      return fd;
    },
  };
}

/** A socket descriptor's transfers, as iovec lists in the Faaslet's memory (iovec.ts, shared with fd_read/fd_write). */
export function socketWasiImports(memory: FaasletMemory, net: NetworkContext) {
  const socketAt = (fd: number) => {
    const found = net.fds()[fd];
    return found instanceof VirtualSocket ? found : null;
  };
  return {
    sock_send(fd: number, iovsPtr: number, iovsLen: number, _flags: number, sentPtr: number): number {
      const socket = socketAt(fd);
      if (!socket) return net.fds()[fd] ? wasi.ERRNO_NOTSOCK : wasi.ERRNO_BADF;
      return gather(memory, 'sock_send', iovsPtr, iovsLen, sentPtr, (data) => socket.fd_write(data));
    },
    sock_recv(fd: number, iovsPtr: number, iovsLen: number, _flags: number, readPtr: number, flagsOutPtr: number): number {
      const socket = socketAt(fd);
      if (!socket) return net.fds()[fd] ? wasi.ERRNO_NOTSOCK : wasi.ERRNO_BADF;
      memory.write('sock_recv', flagsOutPtr, new Uint8Array(2));
      return scatter(memory, 'sock_recv', iovsPtr, iovsLen, readPtr, (len) => socket.fd_read(len));
    },
    sock_shutdown(fd: number): number {
      const socket = socketAt(fd);
      if (!socket) return net.fds()[fd] ? wasi.ERRNO_NOTSOCK : wasi.ERRNO_BADF;
      socket.fd_close();
      return wasi.ERRNO_SUCCESS;
    },
    /** Server sockets are refused: nothing can connect to a Faaslet. */
    sock_accept: (): number => wasi.ERRNO_PERM,
  };
}
