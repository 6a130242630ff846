/**
 * A client socket on a virtual endpoint, as a WASI descriptor in the call's fd table: so
 * read/write/close work on it as on a file, and send/recv reach it through sock_send/sock_recv.
 * Every transfer is shaped by the function's bandwidth. Reads never block: a receive with
 * nothing queued returns 0 bytes.
 */
import { Fd, wasi } from '@bjorn3/browser_wasi_shim';
import type { Endpoint } from './endpoints';
import { sleepMs, type Shaper } from './shaper';

export class VirtualSocket extends Fd {
  private closed = false;

  constructor(
    readonly endpointName: string,
    private readonly endpoint: Endpoint,
    private readonly shaper: Shaper,
    private readonly sleep: (ms: number) => void = sleepMs,
  ) {
    super();
  }

  override fd_write(data: Uint8Array) {
    if (this.closed) return { ret: wasi.ERRNO_PIPE, nwritten: 0 };
    this.sleep(this.shaper.delayFor(data.byteLength));
    this.endpoint.send(data);
    return { ret: wasi.ERRNO_SUCCESS, nwritten: data.byteLength };
  }

  override fd_read(size: number) {
    if (this.closed) return { ret: wasi.ERRNO_SUCCESS, data: new Uint8Array() };
    const data = this.endpoint.receive(size);
    this.sleep(this.shaper.delayFor(data.byteLength));
    return { ret: wasi.ERRNO_SUCCESS, data };
  }

  override fd_close() {
    this.closed = true;
    return wasi.ERRNO_SUCCESS;
  }

  /** Not a preopen: BADF ends wasi-libc's preopen scan (any other error makes it exit with 71). */
  override fd_prestat_get() {
    return { ret: wasi.ERRNO_BADF, prestat: null };
  }

  override fd_fdstat_get() {
    return { ret: wasi.ERRNO_SUCCESS, fdstat: new wasi.Fdstat(wasi.FILETYPE_SOCKET_STREAM, 0) };
  }

  override fd_filestat_get() {
    return { ret: wasi.ERRNO_SUCCESS, filestat: new wasi.Filestat(0n, wasi.FILETYPE_SOCKET_STREAM, 0n) };
  }
}
