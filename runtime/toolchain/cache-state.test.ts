import { describe, expect, it } from 'vitest';
import { TOOLCHAIN_CACHE, toolchainIsCached } from './cache-state';

/** Cache Storage holding the given caches, each with the given URLs. */
function storage(contents: Record<string, string[]>): CacheStorage {
  return {
    has: async (name: string) => name in contents,
    open: async (name: string) => ({ keys: async () => (contents[name] ?? []).map((url) => new Request(url)) }) as unknown as Cache,
  } as unknown as CacheStorage;
}

describe('toolchainIsCached', () => {
  it('is true only when this version\'s cache holds the compiler\'s files', async () => {
    expect(await toolchainIsCached(storage({ [TOOLCHAIN_CACHE]: ['http://x/assets/llvm.core-abc.wasm'] }))).toBe(true);
    expect(await toolchainIsCached(storage({ [TOOLCHAIN_CACHE]: [] }))).toBe(false);
    expect(await toolchainIsCached(storage({ 'faasm-toolchain-0.0.1': ['http://x/assets/llvm.core-abc.wasm'] }))).toBe(false);
    expect(await toolchainIsCached(storage({ [TOOLCHAIN_CACHE]: ['http://x/assets/main-abc.js'] }))).toBe(false);
    expect(await toolchainIsCached(undefined)).toBe(false);
  });
});
