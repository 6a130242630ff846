import { blockingWait } from '../../faaslet/control';

/**
 * Bandwidth shaping (per function, as the Faasm paper (Shillaker and Pietzuch, USENIX ATC 2020) describes its network shaping): a link of `bytesPerSecond` that
 * carries one transfer after another. A transfer of n bytes finishes n / rate after the link is
 * free; the Faaslet blocks until then. No rate: no waiting.
 */
export class Shaper {
  /** When the link is free again, in ms on `now`'s clock. */
  private freeAt = 0;

  constructor(
    readonly bytesPerSecond: number | null,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** How long (ms) a transfer of `bytes` starting now must wait to finish. */
  delayFor(bytes: number): number {
    if (!this.bytesPerSecond || bytes <= 0) return 0;
    const now = this.now();
    this.freeAt = Math.max(now, this.freeAt) + (bytes / this.bytesPerSecond) * 1000;
    return this.freeAt - now;
  }
}

/**
 * Blocks the Faaslet's Worker (never the page: Atomics.wait throws on the main thread). A kill
 * point like every wait (faaslet/control.ts): time asleep burns no fuel, so it is no CPU time.
 */
export function sleepMs(ms: number): void {
  if (ms > 0) blockingWait(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms));
}
