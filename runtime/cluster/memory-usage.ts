/**
 * What a user's calls hold in memory right now, measured rather than declared: the pages of
 * each busy Faaslet's memory 0 that hold data, and the local tier's allocated state. A Faaslet
 * starts every call from its Proto-Faaslet with everything else zeroed (proto/image.ts), so a
 * non-zero page is one the call (or its image) wrote: its resident memory, whatever size the
 * memory grew to in earlier calls.
 */
import type { MemoryUsage } from '../api';
import { PAGE_SIZE } from '../proto/image';
import type { StateArena } from '../state';

/** Bytes of `memory` in 64 KiB pages that hold a non-zero byte. */
export function residentBytes(memory: WebAssembly.Memory): number {
  const words = new Int32Array(memory.buffer);
  const perPage = PAGE_SIZE / 4;
  let pages = 0;
  for (let start = 0; start < words.length; start += perPage) {
    for (let w = start, end = start + perPage; w < end; w++) {
      if (words[w] !== 0) {
        pages++;
        break;
      }
    }
  }
  return pages * PAGE_SIZE;
}

export interface UsageSources {
  /** Memory 0 of each Faaslet running or blocked in one of the user's calls. */
  faasletMemories: WebAssembly.Memory[];
  /** The user's local tier on every host. */
  arenas: StateArena[];
}

export function measureMemory({ faasletMemories, arenas }: UsageSources, at: number): MemoryUsage {
  const faasletBytes = faasletMemories.reduce((sum, memory) => sum + residentBytes(memory), 0);
  const localTierBytes = arenas.reduce((sum, arena) => sum + arena.usedBytes, 0);
  return { at, faaslets: faasletMemories.length, faasletBytes, localTierBytes, totalBytes: faasletBytes + localTierBytes };
}
