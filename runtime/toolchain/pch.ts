/**
 * Precompiled C++ headers. Nearly all of a small C++ function's build time is clang parsing
 * libc++'s <string>, <vector> and <iostream> again; a PCH of those and the Faasm headers, made
 * once per optimisation level (after the first C++ build that lacked it), is passed to every
 * C++ build (`-include-pch`, so the prelude counts as included by each function). It is kept in
 * Cache Storage, named by what it was made from (clang's version, the flags and the headers'
 * text), so a later page load reuses it and a changed header makes a new one. C builds need none:
 * C headers parse in a few milliseconds.
 *
 * No build ever waits for one: the toolchain Worker only notes which PCH a build lacked
 * (`createPchCache`); once it is otherwise idle it starts a short-lived PCH Worker
 * (pch.worker.ts, its own clang from the same cached files) that runs `makePch`, stores the PCH
 * and ends. Builds meanwhile go without it; the first lookup after it is stored reads it back.
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

/** Where made PCHs are kept between page loads (Cache Storage in the Workers, a Map in tests). */
export interface PchStore {
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, bytes: Uint8Array): Promise<void>;
}

export interface Pch {
  /** Added to the build's files and arguments. */
  files: Tree;
  args: string[];
}

/** What a PCH is made from besides its flags; the same in both Workers, so their keys agree. */
export interface PchSource {
  /** The headers' tree the builds use. */
  headers: Tree;
  version: string;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The version and headers first: put() keeps only entries of this clang and these headers. */
async function keyOf(source: PchSource, flags: string[]): Promise<string> {
  const made = await sha256(`${source.version}\n${MAKE_FLAGS.join(' ')}\n${JSON.stringify(source.headers)}\n${PRELUDE}`);
  return `${made}-${await sha256(flags.join(' '))}`;
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
 * Makes the PCH for these compile flags and stores it (the PCH Worker's whole job). Resolves to
 * null when it is stored, or to clang's log or the storage error when not.
 */
export async function makePch(source: PchSource & { run: RunClangxx; store: PchStore }, flags: string[]): Promise<string | null> {
  const prelude = { [PRELUDE_DIR]: { 'prelude.hpp': PRELUDE } };
  const res = await source.run([...flags, ...MAKE_FLAGS, PRELUDE_FILE, '-o', PCH_FILE], { ...source.headers, ...prelude });
  const bytes = res.files?.[PCH_FILE];
  if (!(bytes instanceof Uint8Array)) return res.log || 'clang made no PCH';
  try {
    await source.store.put(await keyOf(source, flags), bytes);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e); // a full storage only costs a slower build
  }
}

/**
 * The toolchain Worker's view of PCHs, by flags: those found, the ones builds lacked (to be
 * made, `next()`), the one being made and those that could not be made. A lookup never waits
 * for a PCH to be made: while one is, or when none is stored, it is null at once.
 */
export function createPchCache(source: PchSource & {
  store: PchStore | null;
  /** A PCH was read from the store (made by the PCH Worker or kept from an earlier load). */
  onFound?: () => void;
}) {
  const found = new Map<string, Pch>();
  const wanted = new Map<string, string[]>();
  const making = new Set<string>();
  /** Flags whose PCH could not be made: they are not tried again in this Worker. */
  const failed = new Set<string>();
  const args = ['-include-pch', PCH_FILE];
  const idOf = (flags: string[]) => flags.join('\0');

  return {
    async lookup(flags: string[]): Promise<Pch | null> {
      const id = idOf(flags);
      const hit = found.get(id);
      if (hit || making.has(id) || failed.has(id)) return hit ?? null;
      // Read again on every lookup until found: the PCH Worker may have stored it since.
      const stored = await source.store?.get(await keyOf(source, flags)).catch(() => null);
      if (stored) {
        const pch = { files: { [PRELUDE_DIR]: { 'prelude.hpp': PRELUDE }, [PCH_FILE]: stored }, args };
        found.set(id, pch);
        wanted.delete(id);
        source.onFound?.();
        return pch;
      }
      if (!making.has(id)) wanted.set(id, flags);
      return null;
    },
    /** Whether a lookup found nothing and the PCH is to be made. */
    isWanted: (flags: string[]): boolean => wanted.has(idOf(flags)),
    /** Whether the PCH for these flags is being made now. */
    isMaking: (flags: string[]): boolean => making.has(idOf(flags)),
    /** The flags of a PCH to make now (marked as being made), or null when none is wanted. */
    next(): string[] | null {
      const first = wanted.entries().next();
      if (first.done) return null;
      const [id, flags] = first.value;
      wanted.delete(id);
      making.add(id);
      return flags;
    },
    /** The PCH Worker ended: stored (the next lookup reads it) or not (never tried again). */
    finished(flags: string[], stored: boolean): void {
      const id = idOf(flags);
      making.delete(id);
      if (!stored) failed.add(id);
    },
  };
}

export type PchCache = ReturnType<typeof createPchCache>;
