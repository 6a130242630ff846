/**
 * Has the PCHs builds lacked made in a PCH Worker, one at a time, each Worker ended once it
 * replied (pch.ts explains why no build waits). The toolchain Worker calls `idle()` whenever it
 * has no request in hand; a PCH Worker is only started then.
 */
import type { PchCache } from './pch';
import type { PchReply, PchRequest, PchStatus } from './protocol';

/** What the maker needs of a PCH Worker (a fake in tests). */
export interface PchPort {
  postMessage(message: PchRequest): void;
  onmessage: ((event: MessageEvent<PchReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** The longest reason passed on: clang's log of a failed PCH can be long. */
const REASON_CHARS = 300;

export function createPchMaker(opts: { pchs: PchCache; spawn: () => PchPort; onStatus: (status: PchStatus) => void }) {
  let running: PchPort | null = null;

  function end(port: PchPort, flags: string[], reason: string | null): void {
    port.terminate();
    running = null;
    opts.pchs.finished(flags, reason === null);
    opts.onStatus(reason === null ? { state: 'ready' } : { state: 'failed', reason: reason.slice(0, REASON_CHARS) });
  }

  return {
    /** Starts a PCH Worker for the next wanted PCH, unless one runs or none is wanted. */
    idle(): void {
      if (running) return;
      const flags = opts.pchs.next();
      if (!flags) return;
      const port = opts.spawn();
      running = port;
      port.onmessage = (event) => end(port, flags, event.data.kind === 'stored' ? null : event.data.reason);
      port.onerror = () => end(port, flags, 'the PCH Worker failed');
      opts.onStatus({ state: 'making' });
      port.postMessage({ kind: 'make', flags });
    },
    /** Whether a PCH Worker is running. */
    running: (): boolean => running !== null,
  };
}

export type PchMaker = ReturnType<typeof createPchMaker>;
