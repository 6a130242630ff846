/**
 * A Cache Storage–backed fetch for the toolchain's assets (llvm*.wasm, the
 * resources tar): the first load stores them, a reload fetches nothing.
 *
 * @yowasp/clang captures globalThis.fetch when its bundle is first evaluated,
 * so install this BEFORE `import('@yowasp/clang')`.
 */

export interface CachingFetchOptions {
  /** Versioned, e.g. `faasm-toolchain-22.0.0-git20542-10`; older names with the same prefix are deleted. */
  cacheName: string;
  cachePrefix: string;
  caches: CacheStorage;
  fetch: typeof fetch;
  /** Which URLs to cache. @default the @yowasp/clang assets */
  shouldCache?: (url: string) => boolean;
}

export interface CachingFetch {
  fetch: typeof fetch;
  /** Bytes read from the network (not the cache) so far. */
  networkBytes(): number;
  /** Resolves when every pending cache write has finished. */
  settled(): Promise<void>;
}

export const isToolchainAsset = (url: string): boolean => /\/llvm[^/]*\.(wasm|tar)(\?|#|$)/.test(url);

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

export function createCachingFetch(opts: CachingFetchOptions): CachingFetch {
  const shouldCache = opts.shouldCache ?? isToolchainAsset;
  let networkBytes = 0;
  const pending = new Set<Promise<unknown>>();
  const cache = opts.caches.open(opts.cacheName);
  // Old toolchain versions are dead weight (~105 MB each).
  void opts.caches.keys().then((names) =>
    Promise.all(names.filter((n) => n.startsWith(opts.cachePrefix) && n !== opts.cacheName).map((n) => opts.caches.delete(n))),
  ).catch(() => undefined);

  const counting = (body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> =>
    body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        networkBytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }));

  async function cachingFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = urlOf(input);
    if (!shouldCache(url)) return opts.fetch(input, init);
    const c = await cache.catch(() => null);
    const hit = await c?.match(url).catch(() => undefined);
    if (hit) return hit;
    const res = await opts.fetch(input, init);
    if (!res.ok || !res.body) return res;
    const init2 = { status: res.status, statusText: res.statusText, headers: res.headers };
    if (!c) return new Response(counting(res.body), init2);
    // One branch feeds the caller, the other the cache; both read the network once.
    const [forCaller, forCache] = res.body.tee();
    const write = c.put(url, new Response(forCache, init2)).catch(() => undefined);
    pending.add(write);
    void write.finally(() => pending.delete(write));
    return new Response(counting(forCaller), init2);
  }

  return {
    fetch: cachingFetch as typeof fetch,
    networkBytes: () => networkBytes,
    settled: async () => { await Promise.all([...pending]); },
  };
}
