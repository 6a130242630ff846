/**
 * WASI clocks for a Faaslet.
 *
 * Monotonic, per user, never backwards across Faaslets and hosts: `performance.timeOrigin +
 * performance.now()` reads the one monotonic clock that every Worker of the page shares
 * (HR-Time's shared monotonic clock; a Worker's own `performance.now()` alone starts at that
 * Worker's creation, so it is not comparable across Workers). Each reading is coarsened (5 µs
 * when cross-origin isolated, with jitter), so two Workers may still read it a few µs out of
 * order: a high-water mark per user in a SharedArrayBuffer, advanced with compareExchange,
 * makes the clock non-decreasing by construction. Realtime is the same page clock (µs, not Date.now's ms).
 */

/** The per-user high-water mark, in ns, that every Faaslet of the user shares. */
export const createClockWord = (): SharedArrayBuffer => new SharedArrayBuffer(8);

/** Milliseconds on the page-wide monotonic clock, with sub-ms precision. */
const pageNowMs = () => performance.timeOrigin + performance.now();

export class UserClock {
  private readonly mark: BigInt64Array;

  constructor(
    word: SharedArrayBuffer,
    private readonly nowMs: () => number = pageNowMs,
  ) {
    this.mark = new BigInt64Array(word, 0, 1);
  }

  /** Never less than any value this user's clock returned before, on any Faaslet. */
  monotonicNs(): bigint {
    const reading = BigInt(Math.round(this.nowMs() * 1e6));
    for (;;) {
      const mark = Atomics.load(this.mark, 0);
      if (reading <= mark) return mark;
      if (Atomics.compareExchange(this.mark, 0, mark, reading) === mark) return reading;
    }
  }
}

/**
 * The page's clock origin plus its monotonic reading: wall time in µs steps, where Date.now() has
 * only ms (two clock_gettime calls around a short usleep must differ, as Faasm's demo/gettime checks).
 */
export const realtimeNs = (): bigint => BigInt(Math.round(pageNowMs() * 1e6));
