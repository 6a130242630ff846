/**
 * The memory map's geometry, as pure functions: the regions of a Faaslet's private memory
 * (stack, data, heap, unused) and of its shared window (one region per mapped key), each as a
 * fraction of its bar, and changed pages aggregated to pixels so a 1 GiB memory (16,384 pages)
 * draws as fast as a 4 MiB one.
 */
import type { ArenaKeyInfo, ModuleLayout } from '../../runtime';

export const PAGE = 65536;

export interface Region {
  label: string;
  kind: 'stack' | 'data' | 'heap' | 'key' | 'free';
  /** Byte range, in the bar's own address space (memory 0, or the arena). */
  start: number;
  end: number;
}

/** Memory 0's regions. With `--stack-first`: stack [0, top), data [top, dataEnd), heap [heapBase, size). */
export function privateRegions(layout: ModuleLayout | null, size: number): Region[] {
  const clamp = (n: number) => Math.min(Math.max(n, 0), size);
  if (!layout || layout.stackTop === null || layout.heapBase === null) {
    return [{ label: 'memory 0', kind: 'heap', start: 0, end: size }];
  }
  const top = clamp(layout.stackTop);
  const dataEnd = clamp(layout.dataEnd ?? layout.heapBase);
  const heap = clamp(layout.heapBase);
  const regions: Region[] = [
    { label: 'stack', kind: 'stack', start: 0, end: top },
    { label: 'data', kind: 'data', start: top, end: Math.max(top, dataEnd) },
    { label: 'heap', kind: 'heap', start: heap, end: size },
  ];
  return regions.filter((r) => r.end > r.start);
}

/** The shared window's regions: each key's value where it lives in the arena. */
export function windowRegions(keys: readonly ArenaKeyInfo[], arenaBytes: number): Region[] {
  return keys
    .filter((k) => k.offset !== null && k.size > 0)
    .map((k) => ({
      label: k.key.slice(k.key.indexOf('/') + 1),
      kind: 'key' as const,
      start: k.offset!,
      end: Math.min(k.offset! + k.size, arenaBytes),
    }));
}

/** Bytes of the window worth drawing: up to the end of its last key, rounded up to 4 KiB, within the arena. */
export function windowExtent(regions: readonly Region[], arenaBytes: number): number {
  const used = regions.reduce((end, r) => Math.max(end, r.end), 0);
  return Math.min(arenaBytes, Math.max(4096, Math.ceil((used * 1.25) / 4096) * 4096));
}

/** Which of `width` pixel columns hold at least one changed page of a memory of `pages` pages. */
export function pageColumns(changed: readonly number[], pages: number, width: number): Uint8Array {
  const columns = new Uint8Array(Math.max(0, Math.floor(width)));
  if (pages <= 0 || columns.length === 0) return columns;
  for (const page of changed) {
    if (page >= pages) continue;
    const from = Math.floor((page / pages) * columns.length);
    const to = Math.max(from + 1, Math.floor(((page + 1) / pages) * columns.length));
    columns.fill(1, from, Math.min(to, columns.length));
  }
  return columns;
}

/** The region under a pixel of a bar `width` wide showing `bytes` bytes, if any. */
export function regionAt(regions: readonly Region[], x: number, width: number, bytes: number): Region | null {
  const at = (x / width) * bytes;
  return regions.find((r) => at >= r.start && at < r.end) ?? null;
}
