import { describe, expect, it } from 'vitest';
import { createCachingFetch, isToolchainAsset } from './fetch-cache';

/** In-memory stand-in for the browser's CacheStorage (Node has none). */
function fakeCaches(): CacheStorage & { stores: Map<string, Map<string, Uint8Array>> } {
  const stores = new Map<string, Map<string, Uint8Array>>();
  const open = async (name: string): Promise<Cache> => {
    const store = stores.get(name) ?? new Map<string, Uint8Array>();
    stores.set(name, store);
    const cache: Partial<Cache> = {
      match: async (req: RequestInfo | URL) => {
        const bytes = store.get(String(req));
        return bytes ? new Response(bytes.slice(), { headers: { 'content-type': 'application/wasm' } }) : undefined;
      },
      put: async (req: RequestInfo | URL, res: Response) => { store.set(String(req), new Uint8Array(await res.arrayBuffer())); },
    };
    return cache as Cache;
  };
  const caches: Partial<CacheStorage> = {
    open,
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
  };
  return Object.assign(caches as CacheStorage, { stores });
}

const ASSET = 'https://example.test/assets/llvm.core-abc123.wasm';

function countingNetwork(body: Uint8Array): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  const f = async (): Promise<Response> => {
    calls++;
    return new Response(body.slice(), { headers: { 'content-type': 'application/wasm' } });
  };
  return { fetch: f as typeof fetch, calls: () => calls };
}

describe('createCachingFetch', () => {
  it('recognises the clang assets, hashed or not', () => {
    expect(isToolchainAsset(ASSET)).toBe(true);
    expect(isToolchainAsset('file:///x/gen/llvm-resources.tar')).toBe(true);
    expect(isToolchainAsset('https://example.test/assets/index.js')).toBe(false);
  });

  it('fetches once, counts network bytes, then serves from the cache', async () => {
    const caches = fakeCaches();
    const net = countingNetwork(new Uint8Array(1000).fill(7));
    const opts = { cacheName: 'tc-v2', cachePrefix: 'tc-', caches, fetch: net.fetch };

    const first = createCachingFetch(opts);
    const bytes1 = new Uint8Array(await (await first.fetch(ASSET)).arrayBuffer());
    await first.settled();
    expect(bytes1.length).toBe(1000);
    expect(first.networkBytes()).toBe(1000);

    const reload = createCachingFetch(opts); // a new Worker after a page reload
    const res = await reload.fetch(ASSET);
    expect(res.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes1);
    expect(reload.networkBytes()).toBe(0);
    expect(net.calls()).toBe(1);
  });

  it('passes other URLs through uncached and drops older cache versions', async () => {
    const caches = fakeCaches();
    await caches.open('tc-v1');
    const net = countingNetwork(new Uint8Array(5));
    const cf = createCachingFetch({ cacheName: 'tc-v2', cachePrefix: 'tc-', caches, fetch: net.fetch });
    await cf.fetch('https://example.test/other.js');
    await cf.fetch('https://example.test/other.js');
    expect(net.calls()).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    expect([...caches.stores.keys()]).toEqual(['tc-v2']);
  });
});
