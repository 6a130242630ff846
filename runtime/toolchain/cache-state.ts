/**
 * The toolchain's Cache Storage name, and whether that cache holds the toolchain already, so
 * the page can say "from the cache" before a load starts (a load from the cache reads no
 * network, see fetch-cache.ts). Free of @yowasp/clang, so the page's own thread can ask.
 */
import { isToolchainAsset } from './fetch-cache';

/** @yowasp/clang's version (checked against package.json by a test); names the cache. */
export const CLANG_VERSION = '22.0.0-git20542-10';
export const CACHE_PREFIX = 'faasm-toolchain-';
export const TOOLCHAIN_CACHE = `${CACHE_PREFIX}${CLANG_VERSION}`;

/** True when this version's cache holds the compiler's files; false without Cache Storage. */
export async function toolchainIsCached(storage: CacheStorage | undefined = globalThis.caches): Promise<boolean> {
  if (!storage || !(await storage.has(TOOLCHAIN_CACHE).catch(() => false))) return false;
  const keys = await (await storage.open(TOOLCHAIN_CACHE)).keys();
  return keys.some((request) => isToolchainAsset(request.url));
}
