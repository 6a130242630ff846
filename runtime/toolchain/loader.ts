/**
 * Loads @yowasp/clang in the Worker: installs the caching fetch first (the
 * package captures globalThis.fetch when evaluated), then prefetches through
 * runLLVM with a progress callback (runClang ignores fetchProgress).
 */
import type { ClangPackage } from './clang';
import { createCachingFetch } from './fetch-cache';
import { CACHE_PREFIX, CLANG_VERSION } from './cache-state';

export { CACHE_PREFIX, CLANG_VERSION };

export interface LoadedClang {
  pkg: ClangPackage;
  networkBytes: number;
  totalBytes: number;
  loadMs: number;
}

/** Calls `emit` at most every `intervalMs`, always passing the final value through. */
export function throttle(emit: (done: number, total: number) => void, intervalMs = 50): (done: number, total: number) => void {
  let last = -Infinity;
  return (done, total) => {
    const now = performance.now();
    if (done >= total || now - last >= intervalMs) {
      last = now;
      emit(done, total);
    }
  };
}

export async function loadClang(onProgress: (done: number, total: number) => void): Promise<LoadedClang> {
  const t0 = performance.now();
  const caching = typeof caches === 'undefined' ? null : createCachingFetch({
    cacheName: `${CACHE_PREFIX}${CLANG_VERSION}`,
    cachePrefix: CACHE_PREFIX,
    caches,
    fetch: globalThis.fetch.bind(globalThis),
  });
  if (caching) globalThis.fetch = caching.fetch;
  const pkg = await import('@yowasp/clang');
  let totalBytes = 0;
  const progress = throttle(onProgress);
  // No arguments: fetch and compile the resources, run nothing.
  await pkg.runLLVM(undefined, {}, {
    fetchProgress: ({ doneLength, totalLength }) => {
      totalBytes = totalLength;
      progress(doneLength, totalLength);
    },
  });
  await caching?.settled();
  return { pkg, networkBytes: caching?.networkBytes() ?? 0, totalBytes, loadMs: performance.now() - t0 };
}
