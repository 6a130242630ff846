/**
 * User Timing marks around the views' per-frame work, so DevTools and the benchmark
 * (bench/views.mjs) see what a frame of the memory map or the timeline costs.
 */
export function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    performance.measure(name, { start });
  }
}
