/**
 * A global value is stored in fixed-size chunks, so a partial push rewrites only the chunks its
 * dirty range touches (not the whole 64 MiB record) and a pull reads them back in one request.
 * Pure arithmetic over byte ranges; the stores do the I/O.
 */

/** Bytes per stored chunk: big enough that a 64 MiB value is 256 records, small enough that a partial push stays cheap. */
export const CHUNK_BYTES = 256 << 10;

export interface ByteRange {
  offset: number;
  length: number;
}

export const chunkCount = (size: number) => Math.ceil(size / CHUNK_BYTES);

/** The last chunk may be short. */
export const chunkLength = (size: number, index: number) => Math.min(CHUNK_BYTES, size - index * CHUNK_BYTES);

/** Sorted, non-empty, non-overlapping ranges: touching or overlapping ones are merged. */
export function normalise(ranges: readonly ByteRange[]): ByteRange[] {
  const sorted = ranges.filter((r) => r.length > 0).sort((a, b) => a.offset - b.offset);
  const merged: ByteRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.offset <= last.offset + last.length) {
      last.length = Math.max(last.length, range.offset + range.length - last.offset);
    } else merged.push({ ...range });
  }
  return merged;
}

/** How one chunk is written: copied whole from the local value, or patched in the given ranges (chunk-relative). */
export type ChunkWrite = { index: number; whole: true } | { index: number; whole: false; patches: ByteRange[] };

/** The chunks a push of `ranges` (of a `size`-byte value) writes, in order. */
export function chunkWrites(size: number, ranges: readonly ByteRange[]): ChunkWrite[] {
  const writes = new Map<number, ByteRange[]>();
  for (const { offset, length } of normalise(ranges)) {
    const end = Math.min(offset + length, size);
    for (let index = Math.floor(offset / CHUNK_BYTES); index * CHUNK_BYTES < end; index++) {
      const start = index * CHUNK_BYTES;
      const from = Math.max(offset, start) - start;
      const to = Math.min(end, start + chunkLength(size, index)) - start;
      const patches = writes.get(index) ?? [];
      patches.push({ offset: from, length: to - from });
      writes.set(index, patches);
    }
  }
  return [...writes].map(([index, patches]) =>
    patches.length === 1 && patches[0]!.offset === 0 && patches[0]!.length === chunkLength(size, index)
      ? { index, whole: true }
      : { index, whole: false, patches },
  );
}

/** Runs of non-zero bytes: the ranges a mask value selects (Faasm's push_state_partial_mask). */
export function maskRanges(mask: Uint8Array): ByteRange[] {
  const ranges: ByteRange[] = [];
  let start = -1;
  for (let i = 0; i <= mask.length; i++) {
    const set = i < mask.length && mask[i] !== 0;
    if (set && start < 0) start = i;
    else if (!set && start >= 0) {
      ranges.push({ offset: start, length: i - start });
      start = -1;
    }
  }
  return ranges;
}
