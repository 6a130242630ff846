/**
 * Precompiled C++ headers. Nearly all of a small C++ function's build time is clang parsing
 * libc++'s <string>, <vector> and <iostream> again; a PCH of those and the Faasm headers, made
 * once per optimisation level (after the first C++ build that lacked it), is passed to every
 * C++ build (`-include-pch`, so the prelude counts as included by each function). It is kept in Cache Storage, named by what it was made
 * from (clang's version, the flags and the headers' text), so a later page load reuses it and a
 * changed header makes a new one. C builds need none: C headers parse in a few milliseconds.
 */
import type { Tree } from '@yowasp/clang';

/** Where the prelude sits in clang's virtual file system; clang checks it is unchanged. */
export const PRELUDE_DIR = 'faasm-pch';
export const PRELUDE_FILE = `${PRELUDE_DIR}/prelude.hpp`;
const PCH_FILE = 'prelude.hpp.pch';

/** What a typical Faasm C++ function includes (the faasm/cpp examples). */
export const PRELUDE = ['faasm/faasm.h', 'faasm/input.h', 'string', 'vector', 'iostream']
  .map((h) => `#include <${h}>\n`)
  .join('');

export const PCH_CACHE = 'faasm-pch';

/**
 * Templates the prelude uses are instantiated once, in the PCH, not again by every function:
 * measured on the C++ benchmark function it halves clang's time after parsing.
 */
const MAKE_FLAGS = ['-fpch-instantiate-templates', '-x', 'c++-header'];

/** Compiles with clang++; resolves to the output tree, or null and the log when it failed. */
export type RunClangxx = (args: string[], files: Tree) => Promise<{ files: Tree | null; log: string }>;

/** Where made PCHs are kept between page loads (Cache Storage in the Worker, nothing in tests). */
export interface PchStore {
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, bytes: Uint8Array): Promise<void>;
}

export interface Pch {
  /** Added to the build's files and arguments. */
  files: Tree;
  args: string[];
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The store over Cache Storage: one entry per key, under a URL of this origin. */
export function cacheStoragePchStore(caches: CacheStorage, origin: string): PchStore {
  const url = (key: string) => `${origin}/${PCH_CACHE}/${key}`;
  return {
    async get(key) {
      const hit = await (await caches.open(PCH_CACHE)).match(url(key));
      return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
    },
    async put(key, bytes) {
      const cache = await caches.open(PCH_CACHE);
      // A PCH is ~18 MB: drop those made from other headers or flags.
      for (const old of await cache.keys()) if (!old.url.startsWith(url(key.split('-')[0]!))) await cache.delete(old);
      await cache.put(url(key), new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'application/octet-stream' } }));
    },
  };
}

/**
 * PCHs by flags. `lookup(flags)` gives the PCH made (or being made) for these compile flags, or
 * one kept from an earlier load; without one the build goes as it would without PCHs, and
 * `makeWanted()`, run once that build has replied, makes it (the first C++ build of a fresh
 * profile is no slower than before; the next one waits for the PCH if it is still being made).
 */
export function createPchCache(opts: {
  run: RunClangxx;
  /** The headers' tree the builds use; part of the key. */
  headers: Tree;
  version: string;
  store: PchStore | null;
}) {
  const known = new Map<string, Promise<Pch | null>>();
  const wanted = new Map<string, string[]>();
  /** Flags whose PCH clang could not make: they are not tried again in this Worker. */
  const failed = new Set<string>();
  const files = (bytes: Uint8Array): Tree => ({ [PRELUDE_DIR]: { 'prelude.hpp': PRELUDE }, [PCH_FILE]: bytes });
  const args = ['-include-pch', PCH_FILE];
  const idOf = (flags: string[]) => flags.join('\0');

  // The version first: put() keeps only entries of this clang and these headers.
  const keyOf = async (flags: string[]) =>
    `${await sha256(`${opts.version}\n${MAKE_FLAGS.join(' ')}\n${JSON.stringify(opts.headers)}\n${PRELUDE}`)}-${await sha256(flags.join(' '))}`;

  async function readBack(flags: string[]): Promise<Pch | null> {
    const stored = await opts.store?.get(await keyOf(flags)).catch(() => null);
    return stored ? { files: files(stored), args } : null;
  }

  async function make(flags: string[]): Promise<Pch | null> {
    const prelude = { [PRELUDE_DIR]: { 'prelude.hpp': PRELUDE } };
    const res = await opts.run([...flags, ...MAKE_FLAGS, PRELUDE_FILE, '-o', PCH_FILE], { ...opts.headers, ...prelude });
    const bytes = res.files?.[PCH_FILE];
    if (!(bytes instanceof Uint8Array)) return null;
    await opts.store?.put(await keyOf(flags), bytes).catch(() => undefined); // a full storage only costs the next load a remake
    return { files: files(bytes), args };
  }

  return {
    async lookup(flags: string[]): Promise<Pch | null> {
      const id = idOf(flags);
      let p = known.get(id);
      if (!p) {
        p = readBack(flags);
        known.set(id, p);
      }
      const pch = await p.catch(() => null);
      if (!pch && !failed.has(id)) wanted.set(id, flags);
      return pch;
    },
    /** Whether a lookup found nothing and the PCH is still to be made. */
    isWanted: (flags: string[]): boolean => wanted.has(idOf(flags)),
    async makeWanted(): Promise<void> {
      for (const [id, flags] of wanted) {
        wanted.delete(id);
        const p = make(flags).catch(() => null);
        known.set(id, p);
        if (!(await p)) failed.add(id);
      }
    },
  };
}

export type PchCache = ReturnType<typeof createPchCache>;
